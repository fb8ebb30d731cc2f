"""Who may do what with reports objects, beyond the model querysets' visibility rules."""

from core.models import user_is_editor
from practices.models import Practice


def linkable_practices(user):
    """The practices `user` may link to (or unlink from) a call for practices: their own
    society's, whatever their status (a practice submitted for review answers a call as soon
    as it is sent), and for editors every practice they see."""
    visible = Practice.objects.visible_to(user)
    if user_is_editor(user):
        return visible
    if not user.is_authenticated:
        return visible.none()
    return visible.filter(society_id__in=user.approved_society_ids)
