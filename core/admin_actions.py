"""What every app's admin shares: admin pages that only read, and actions that run a service
once per selected object, as the site would.

A refusal (PermissionDenied, ValidationError) becomes a warning beside the list instead of a
server error, and the objects the service accepted are counted in one success message.
"""

from collections.abc import Callable, Iterable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError


class ReadOnly:
    """Mixed into a ModelAdmin or an inline: nothing is added, changed or deleted by the admin's
    own forms (writes go through the services, in actions)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def refusal_text(error: PermissionDenied | ValidationError) -> str:
    reasons = getattr(error, "messages", None) or [str(error)]
    return " ".join(str(reason) for reason in reasons)


def apply_to_each(
    modeladmin,
    request,
    objects: Iterable,
    service: Callable,
    done_message: Callable[[int], str],
) -> int:
    """Call `service(obj)` for each of `objects`; returns how many it accepted."""
    done, refused = 0, []
    for obj in objects:
        try:
            service(obj)
        except (PermissionDenied, ValidationError) as error:
            refused.append(f"{obj}: {refusal_text(error)}")
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message(done), messages.SUCCESS)
    for message in refused:
        modeladmin.message_user(request, message, messages.WARNING)
    return done
