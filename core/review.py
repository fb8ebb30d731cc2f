"""The editors' review queues, built once: what waits (a queryset the app's visibility rule
gave), oldest first, filtered by what kind of wait, region and waiting time, and paginated.

    context, status = review_queue(
        request,
        queryset=Submission.objects.visible_to(user).filter(status="submitted"),
        waiting_since=F("submitted_at"),
        region_field="society__region__code",
        kinds={"again": (_("Sent again after changes"), Q(reviewed_at__isnull=False))},
    )
    return render(request, "reports/submission_review_queue.html", context, status=status)

The page's template includes "includes/review_queue_filters.html" for the form and
"includes/pagination.html" for the pages. The rows are counted once, by the
paginator, and read once, for the page.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.core.paginator import Paginator
from django.db.models import Expression, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import taxonomy

PAGE_SIZE = 50


class ReviewQueueForm(forms.Form):
    """The filters of a review queue; `kinds` are the queue's own kinds of wait."""

    status = forms.ChoiceField(label=_("Waiting"), required=False, choices=())
    region = forms.ChoiceField(label=_("Region"), required=False, choices=())
    waiting = forms.TypedChoiceField(
        label=_("Waiting for"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("Any time")),
            (7, _("More than 7 days")),
            (14, _("More than 14 days")),
            (30, _("More than 30 days")),
        ],
    )

    def __init__(self, *args, kinds: dict[str, tuple[str, Q]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Everything waiting"))] + [
            (code, label) for code, (label, _condition) in kinds.items()
        ]
        self.fields["region"].choices = [("", _("All regions")), *taxonomy.choices("region")]


def review_queue(
    request,
    *,
    queryset: QuerySet,
    waiting_since: Expression,
    region_field: str,
    kinds: dict[str, tuple[str, Q]],
    page_size: int = PAGE_SIZE,
) -> tuple[dict, int]:
    """The template context of a review queue page and its status (400 for filters that are
    not valid, with an empty list). `queryset` is what waits, already limited to what the
    editor may see; `waiting_since` says since when each row waits (annotated as
    `waiting_since`, the order of the queue); `kinds` maps a filter code to its label and
    condition."""
    form = ReviewQueueForm(request.GET, kinds=kinds)
    rows = queryset.annotate(waiting_since=waiting_since).order_by("waiting_since", "id")
    status = 200
    if form.is_valid():
        wanted = form.cleaned_data
        if wanted["status"]:
            rows = rows.filter(kinds[wanted["status"]][1])
        if wanted["region"]:
            rows = rows.filter(**{region_field: wanted["region"]})
        if wanted["waiting"]:
            rows = rows.filter(
                waiting_since__lte=timezone.now() - timedelta(days=wanted["waiting"])
            )
    else:
        rows, status = rows.none(), 400
    page = Paginator(rows, page_size).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    page_query = request.GET.copy()
    page_query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "page_query": page_query.urlencode(),
        "next": request.get_full_path(),  # the editor comes back here after each step
    }
    return context, status
