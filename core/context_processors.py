from functools import cache

from core.models import Notification


def notifications(request):
    """The bell's unread count for signed-in people: one query, made only when a template
    shows it (templates call a callable they are given)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @cache
    def unread_notification_count() -> int:
        return Notification.objects.filter(recipient=user).unread().count()

    return {"unread_notification_count": unread_notification_count}
