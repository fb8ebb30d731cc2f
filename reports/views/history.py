"""History pages of reports objects (core.history does the work)."""

from django.utils.translation import gettext_lazy

from core.history import history_view
from reports.models import Submission

SUBMISSION_ACTIONS = {
    "start-submission": gettext_lazy("Started"),
    "save-values": gettext_lazy("Values saved"),
    "submit-values": gettext_lazy("Submitted"),
    "validate-values": gettext_lazy("Validated"),
    "return-values": gettext_lazy("Returned for changes"),
}

# Whoever sees the submission (its society's members, and editors once it is sent) sees how
# its status changed; the values' own history is on their rows.
submission_history = history_view(
    Submission,
    queryset=lambda user: Submission.objects.visible_to(user).select_related("period", "society"),
    actions=SUBMISSION_ACTIONS,
)
