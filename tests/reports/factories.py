"""Indicators, periods and submissions made through reports.services, as the site makes them."""

import datetime

from django.utils import timezone

from reports import services
from reports.models import Indicator, ReportingPeriod, Submission


def make_indicator(editor, **overrides) -> Indicator:
    data = {
        "code": "migrants-reached",
        "name": "Migrants reached",
        "definition": "People on the move who received any service from the society.",
        "unit": "count",
        "disaggregations": ["sex", "age"],
        "guidance": "Count each person once per period.",
    }
    data.update(overrides)
    return services.save_indicator(actor=editor, data=data)


def make_period(editor, indicators, *, label="2026", open_=True, **overrides) -> ReportingPeriod:
    """A period open today (or one that closed yesterday when `open_` is false)."""
    today = timezone.localdate()
    if open_:
        dates = {
            "opens_on": today - datetime.timedelta(days=30),
            "closes_on": today + datetime.timedelta(days=30),
        }
    else:
        dates = {
            "opens_on": today - datetime.timedelta(days=60),
            "closes_on": today - datetime.timedelta(days=1),
        }
    data = {"label": label, **dates, **overrides}
    return services.save_period(actor=editor, data=data, indicators=list(indicators))


def make_submission(member, society, period, values, *, status="draft", editor=None) -> Submission:
    """The society's submission with `values` ({code: {field: value}}), taken up to `status`."""
    submission = services.start_submission(actor=member, society=society, period=period)
    services.save_values(submission=submission, actor=member, values=values)
    if status != "draft":
        services.submit_submission(submission=submission, actor=member)
    if status == "validated":
        services.validate_submission(submission=submission, actor=editor)
    if status == "returned":
        services.return_submission(submission=submission, actor=editor, note="Check the totals.")
    return Submission.objects.get(pk=submission.pk)
