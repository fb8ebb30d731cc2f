"""The demo data points: indicators, a closed and an open period, twenty societies' values in
every state of the workflow, consistent numbers, published reports, and nothing added by a
second load."""

import io
from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation

from reports import demo
from reports.models import (
    GROUPS,
    DataValue,
    Indicator,
    Report,
    ReportingPeriod,
    ReportKind,
    ReportStatus,
    Submission,
    SubmissionStatus,
    Unit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo (core, practices, then reports) once for the module, rolled back at the
    end so other modules start empty; its files go to a folder of their own."""
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        output = io.StringIO()
        call_command("load_demo", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


def test_it_defines_six_indicators_with_guidance(loaded):
    indicators = Indicator.objects.all()
    assert indicators.count() == 6
    assert all(indicator.definition and indicator.guidance for indicator in indicators)
    assert Indicator.objects.get(code="migration-spending").unit_label == "CHF"


def test_the_2025_period_has_closed_and_the_2026_period_is_open(loaded):
    today = timezone.localdate()
    closed = ReportingPeriod.objects.get(label="2025")
    current = ReportingPeriod.objects.get(label="2026")
    assert closed.has_closed(today)
    assert current.is_open(today)
    assert closed.indicators.count() == 5
    assert current.indicators.count() == 6


def test_twenty_societies_have_values_in_every_state(loaded):
    assert Submission.objects.values("society").distinct().count() == 20
    statuses_2026 = Counter(
        Submission.objects.filter(period__label="2026").values_list("status", flat=True)
    )
    assert statuses_2026 == {
        SubmissionStatus.VALIDATED: 4,
        SubmissionStatus.SUBMITTED: 7,
        SubmissionStatus.RETURNED: 2,
        SubmissionStatus.DRAFT: 5,
    }
    returned = Submission.objects.filter(status=SubmissionStatus.RETURNED)
    assert all(submission.review_note for submission in returned)
    assert "Load" not in loaded and "Demo data points: 6 indicators" in loaded


def test_the_review_queue_reads_oldest_first(loaded):
    waiting = Submission.objects.filter(status=SubmissionStatus.SUBMITTED)
    moments = list(waiting.values_list("submitted_at", flat=True))
    assert len(set(moments)) == len(moments)  # spread over the period, not the load's instant
    assert max(moments) < timezone.now()


def test_breakdowns_never_exceed_their_totals(loaded):
    values = DataValue.objects.select_related("indicator")
    assert values.count() > 80
    for value in values:
        assert value.total >= 0
        if value.indicator.unit == Unit.PERCENT:
            assert value.total <= 100
        if value.indicator.unit == Unit.COUNT:
            assert value.total == value.total.to_integral_value()
        for disaggregation in value.indicator.disaggregations:
            groups = [getattr(value, column) for _code, column, _label in GROUPS[disaggregation]]
            assert sum(group or 0 for group in groups) <= value.total, value
        assert value.source_note
    # Some societies do not register age: their age groups stay empty, as the guidance asks.
    reached = values.filter(indicator__code="migrants-reached")
    assert reached.filter(age_children__isnull=True).exists()
    assert not reached.filter(sex_female__isnull=True).exists()


def test_the_figures_are_the_same_at_every_load(loaded):
    italy_2025 = DataValue.objects.get(
        submission__period__label="2025",
        submission__society__country_id="ITA",
        indicator__code="migrants-reached",
    )
    assert italy_2025.total == 68_000
    assert demo._values("2025", "ITA", 68_000, ["migration-spending"]) == demo._values(
        "2025", "ITA", 68_000, ["migration-spending"]
    )


def test_loading_twice_adds_nothing(loaded):
    counts = (Indicator.objects.count(), Submission.objects.count(), DataValue.objects.count())
    assert demo.load() == ["Demo indicators and reporting periods are there already; none added."]
    assert (
        Indicator.objects.count(),
        Submission.objects.count(),
        DataValue.objects.count(),
    ) == counts


def test_every_demo_indicator_reads_in_french_spanish_and_arabic(loaded):
    for indicator in Indicator.objects.all():
        assert set(indicator.translations) == {"fr", "es", "ar"}
        for texts in indicator.translations.values():
            assert set(texts) == {"name", "definition", "guidance"}
            assert texts["guidance"].startswith("- ")  # Markdown lists, as in English
            assert texts["guidance"].count("\n- ") == indicator.guidance.count("\n- ")
    reached = Indicator.objects.get(code="migrants-reached")
    with translation.override("fr"):
        assert reached.localized_name() == "Migrants ayant bénéficié d\u2019une assistance"
    with translation.override("ar"):
        assert reached.localized_name() == "المهاجرون الذين تلقوا المساعدة"


def test_a_later_load_translates_demo_indicators_loaded_before_translations(loaded):
    Indicator.objects.filter(code="service-points").update(translations={})
    edited = {"fr": {"name": "Points de services (revu par un rédacteur)"}}
    Indicator.objects.filter(code="family-links-restored").update(translations=edited)
    assert demo.load() == [
        "Demo indicators and reporting periods are there already; none added.",
        "Demo indicators translated into French, Spanish and Arabic: service-points.",
    ]
    assert Indicator.objects.get(code="service-points").translations == demo.translations(
        "service-points"
    )
    assert Indicator.objects.get(code="family-links-restored").translations == edited


def test_a_visitor_finds_a_published_practices_overview_and_data_compilation(loaded, client):
    published = Report.objects.visible_to(AnonymousUser())
    assert sorted(published.values_list("kind", flat=True)) == [
        ReportKind.DATA_COMPILATION,
        ReportKind.PRACTICES_OVERVIEW,
    ]
    assert all(report.status == ReportStatus.DONE for report in published)
    overview = published.get(kind=ReportKind.PRACTICES_OVERVIEW)
    assert overview.result["total"] == 72  # every public demo practice, as in the IFRC report
    assert published.get(kind=ReportKind.DATA_COMPILATION).period.label == "2025"
    assert "Demo reports compiled and published: practices overview" in loaded
    page = client.get(overview.get_absolute_url())
    assert page.status_code == 200


def test_a_second_load_publishes_no_second_report(loaded):
    before = list(Report.objects.order_by("pk").values_list("pk", "published_at"))
    demo.load()
    assert list(Report.objects.order_by("pk").values_list("pk", "published_at")) == before
