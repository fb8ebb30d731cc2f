"""The workflows of a society's data submission and of a report, declared once
(core.workflow): reports.services takes their steps through them, the pages and the API show
what they offer."""

from django.utils.translation import gettext_lazy as _

from core.audience import Visibility
from core.workflow import EDITORS, MEMBERS, Transition, Workflow
from reports.models import Report, ReportStatus, SubmissionStatus
from reports.permissions import enters_values_for

REVIEW_REFUSAL = _("Only a submitted submission can be reviewed; this one is %(status)s.")

SUBMISSION_WORKFLOW = Workflow(
    denied=_("Only IFRC editors may do this."),
    is_member=lambda user, submission: enters_values_for(user, submission.society),
    transitions=[
        Transition(
            "submit",
            sources=[SubmissionStatus.DRAFT, SubmissionStatus.RETURNED],
            target=SubmissionStatus.SUBMITTED,
            by=[MEMBERS],
            label=_("Submit to the IFRC"),
            refusal=_("This submission is %(status)s: it can no longer change."),
            denied=_("Only members of %(society)s change its values."),
        ),
        Transition(
            "validate",
            sources=[SubmissionStatus.SUBMITTED],
            target=SubmissionStatus.VALIDATED,
            by=[EDITORS],
            label=_("Validate the values"),
            refusal=REVIEW_REFUSAL,
        ),
        Transition(
            "return",
            sources=[SubmissionStatus.SUBMITTED],
            target=SubmissionStatus.RETURNED,
            by=[EDITORS],
            label=_("Return for changes"),
            refusal=REVIEW_REFUSAL,
            note_required=True,
            note_label=_("Note to the society: what should change?"),
            note_missing=_("Say what the society should change."),
            secondary=True,
        ),
    ],
)

PUBLISHED = "published"


def report_state(report: Report) -> str:
    """A report's place in its workflow: its compile status until it is published."""
    return PUBLISHED if report.published_at else report.status


def report_state_label(report: Report) -> str:
    if report.published_at:
        return str(_("published"))
    return str(report.get_status_display()).lower()


REPORT_WORKFLOW = Workflow(
    state=report_state,
    state_label=report_state_label,
    society_id=lambda report: None,
    denied=_("Only IFRC editors may do this."),
    transitions=[
        Transition(
            "publish",
            sources=[ReportStatus.DONE],
            target=PUBLISHED,
            by=[EDITORS],
            label=_("Publish"),
            refusal=_("Only a finished report that is not published yet can be published."),
            # Counted for editors: published, it would show their figures to no one else.
            when=lambda report: report.audience != Visibility.IFRC,
            unless=_(
                "A report for the IFRC counts practices only editors may see; it stays internal."
            ),
        ),
        Transition(
            "unpublish",
            sources=[PUBLISHED],
            target=ReportStatus.DONE,
            by=[EDITORS],
            label=_("Unpublish"),
            refusal=_("This report is not published."),
            secondary=True,
        ),
    ],
)
