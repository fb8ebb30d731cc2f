"""The practices overview on a data set small enough to count by hand: which practices a report
counts for each audience, its exact figures, its filters, snapshot reuse, failures, and who
may publish it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import NationalSociety
from practices import services as practice_services
from practices.models import Status
from reports import compile as compiling
from reports import services
from reports.models import Report, ReportStatus
from tests.factories import MembershipFactory
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

STEPS = [
    "origin",
    "transition-at-borders",
    "migrant-camps",
    "arrival",
    "long-term-stay",
    "return",
    "across-the-trail",
]
REGIONS = ["africa", "americas", "asia-pacific", "europe", "mena"]


def member_of(country: str):
    society = NationalSociety.objects.get(country_id=country, kind="national-society")
    return MembershipFactory(society=society).user, society


def tags(kind, steps, dimensions, support_types, principles, **extra):
    return {
        "kind": kind,
        "steps": steps,
        "dimensions": dimensions,
        "support_types": support_types,
        "principles": principles,
        **extra,
    }


@pytest.fixture
def practice_set(alice, bob, edith, society_a, society_b):
    """Eight published public practices in all five regions (counted by every audience), and
    practices a public report must leave out: a draft, a submitted one, an archived one, a
    movement one and an IFRC one."""
    carla, colombia = member_of("COL")
    dara, lebanon = member_of("LBN")
    eve, bangladesh = member_of("BGD")
    published = {"status": Status.PUBLISHED, "editor": edith}
    made = {
        "A1": make_practice(
            alice,
            society_a,
            **published,
            **tags("smart-practice", ["arrival"], ["social-capital"], ["assistance"], ["P1", "P6"]),
        ),
        "A2": make_practice(
            alice,
            society_a,
            **published,
            **tags(
                "operational-element",
                ["arrival", "long-term-stay"],
                ["human-capital", "social-capital"],
                ["protection", "assistance"],
                ["P1", "P4"],
            ),
        ),
        "A3": make_practice(
            alice,
            society_a,
            **published,
            **tags(
                "smart-practice",
                ["transition-at-borders"],
                ["physical-capital"],
                ["assistance"],
                ["P7"],
            ),
        ),
        "B1": make_practice(
            bob,
            society_b,
            **published,
            **tags(
                "smart-practice",
                ["origin"],
                ["financial-capital"],
                ["awareness-raising"],
                ["P10"],
                countries=["KEN"],
            ),
        ),
        "B2": make_practice(
            bob,
            society_b,
            **published,
            **tags(
                "smart-practice",
                ["return", "origin"],
                ["human-capital"],
                ["assistance", "advocacy"],
                ["P8", "P3"],
                countries=["KEN"],
            ),
        ),
        "C1": make_practice(
            carla,
            colombia,
            **published,
            **tags(
                "operational-element",
                ["arrival"],
                ["regulatory-governance"],
                ["advocacy"],
                ["P5", "P6"],
                countries=["COL"],
            ),
        ),
        "D1": make_practice(
            dara,
            lebanon,
            **published,
            **tags(
                "smart-practice",
                ["migrant-camps"],
                ["physical-capital", "human-capital"],
                ["assistance"],
                ["P9", "P1"],
                countries=["LBN"],
            ),
        ),
        "E1": make_practice(
            eve,
            bangladesh,
            **published,
            **tags(
                "smart-practice",
                ["across-the-trail"],
                ["social-capital", "financial-capital"],
                ["protection"],
                ["P2"],
                countries=["BGD"],
            ),
        ),
        # Left out of a public report, each for its own reason.
        "draft": make_practice(alice, society_a, steps=["arrival"], principles=["P2"]),
        "submitted": make_practice(alice, society_a, status=Status.SUBMITTED, steps=["return"]),
        "archived": make_practice(alice, society_a, status=Status.ARCHIVED, editor=edith),
        "movement": make_practice(
            bob,
            society_b,
            **published,
            visibility="movement",
            **tags("smart-practice", ["arrival"], ["social-capital"], ["protection"], ["P2"]),
        ),
        "ifrc": make_practice(
            alice,
            society_a,
            **published,
            visibility="ifrc",
            **tags(
                "smart-practice", ["across-the-trail"], ["social-capital"], ["advocacy"], ["P2"]
            ),
        ),
    }
    return made


def compiled(editor, capture, **request) -> tuple[Report, bool]:
    """Requests a report and runs what is queued after commit (the compile, eagerly)."""
    with capture(execute=True):
        report, created = services.request_report(actor=editor, **request)
    report.refresh_from_db()
    return report, created


def grid(cells: dict[tuple[str, str], int]) -> dict[str, dict[str, int]]:
    return {step: {region: cells.get((step, region), 0) for region in REGIONS} for step in STEPS}


PUBLIC_STEP_REGION = {
    ("origin", "africa"): 2,
    ("transition-at-borders", "europe"): 1,
    ("migrant-camps", "mena"): 1,
    ("arrival", "europe"): 2,
    ("arrival", "americas"): 1,
    ("long-term-stay", "europe"): 1,
    ("return", "africa"): 1,
    ("across-the-trail", "asia-pacific"): 1,
}
PUBLIC_RESULT = {
    "total": 8,
    "by_kind": {"smart-practice": 6, "operational-element": 2},
    "by_step": {
        "origin": 2,
        "transition-at-borders": 1,
        "migrant-camps": 1,
        "arrival": 3,
        "long-term-stay": 1,
        "return": 1,
        "across-the-trail": 1,
    },
    "by_region": {"africa": 2, "americas": 1, "asia-pacific": 1, "europe": 3, "mena": 1},
    "by_support_type": {"awareness-raising": 1, "assistance": 5, "protection": 2, "advocacy": 2},
    "by_principle": {
        "P1": 3,
        "P2": 1,
        "P3": 1,
        "P4": 1,
        "P5": 1,
        "P6": 2,
        "P7": 1,
        "P8": 1,
        "P9": 1,
        "P10": 1,
    },
    # 11 dimension tags: 3, 2, 3, 2 and 1 of them.
    "dimension_share": {
        "human-capital": 27.3,
        "physical-capital": 18.2,
        "social-capital": 27.3,
        "financial-capital": 18.2,
        "regulatory-governance": 9.1,
    },
    "step_region": grid(PUBLIC_STEP_REGION),
    "gaps": {
        "threshold": 2,
        # Every cell but origin in Africa and arrival in Europe (2 each) has fewer than 2.
        "step_region": [
            {"step": step, "region": region, "count": PUBLIC_STEP_REGION.get((step, region), 0)}
            for step in STEPS
            for region in REGIONS
            if (step, region) not in {("origin", "africa"), ("arrival", "europe")}
        ],
        "principles": [
            {"principle": code, "count": 1} for code in ["P2", "P3", "P4", "P5", "P7", "P8", "P9"]
        ],
        "outside_scope": [{"principle": "P10", "count": 1}],
    },
}


def test_public_overview_counts_exactly_the_published_public_practices(
    edith, practice_set, django_capture_on_commit_callbacks
):
    report, created = compiled(
        edith, django_capture_on_commit_callbacks, kind="practices-overview", threshold=2
    )
    assert created
    assert report.status == ReportStatus.DONE
    assert report.progress == 100
    assert report.error == ""
    assert report.result == PUBLIC_RESULT
    assert len(report.result["gaps"]["step_region"]) == 33


def test_movement_overview_adds_movement_practices_and_ifrc_overview_adds_ifrc_ones(
    edith, practice_set, django_capture_on_commit_callbacks
):
    movement, _created = compiled(
        edith, django_capture_on_commit_callbacks, kind="practices-overview", audience="movement"
    )
    ifrc, _created = compiled(
        edith, django_capture_on_commit_callbacks, kind="practices-overview", audience="ifrc"
    )
    assert movement.result["total"] == 9
    assert movement.result["by_region"] == {
        "africa": 3,
        "americas": 1,
        "asia-pacific": 1,
        "europe": 3,
        "mena": 1,
    }
    assert movement.result["step_region"]["arrival"]["africa"] == 1
    assert movement.result["by_principle"]["P2"] == 2
    assert ifrc.result["total"] == 10
    assert ifrc.result["by_region"]["europe"] == 4
    assert ifrc.result["step_region"]["across-the-trail"]["europe"] == 1
    assert ifrc.result["by_principle"]["P2"] == 3
    # Drafts, submitted and archived practices count for no audience.
    assert ifrc.result["by_step"]["return"] == 1


def test_filters_narrow_the_overview(edith, practice_set, django_capture_on_commit_callbacks):
    europe, _created = compiled(
        edith,
        django_capture_on_commit_callbacks,
        kind="practices-overview",
        filters={"region": ["europe"]},
        threshold=1,
    )
    assert europe.filters == {"region": ["europe"]}
    assert europe.result["total"] == 3
    assert europe.result["by_region"] == {
        "africa": 0,
        "americas": 0,
        "asia-pacific": 0,
        "europe": 3,
        "mena": 0,
    }
    assert europe.result["by_kind"] == {"smart-practice": 2, "operational-element": 1}
    assert europe.result["dimension_share"] == {
        "human-capital": 25.0,
        "physical-capital": 25.0,
        "social-capital": 50.0,
        "financial-capital": 0.0,
        "regulatory-governance": 0.0,
    }
    assert europe.result["gaps"]["outside_scope"] == [{"principle": "P10", "count": 0}]

    arrival_p1, _created = compiled(
        edith,
        django_capture_on_commit_callbacks,
        kind="practices-overview",
        filters={"step": ["arrival"], "principle": ["P1"]},
    )
    assert arrival_p1.result["total"] == 2  # A1 and A2; C1 is on arrival without P1
    assert arrival_p1.result["by_step"]["long-term-stay"] == 1


def test_an_empty_selection_gives_zeros_everywhere(
    edith, practice_set, django_capture_on_commit_callbacks
):
    report, _created = compiled(
        edith,
        django_capture_on_commit_callbacks,
        kind="practices-overview",
        filters={"q": "nothing-matches-this-word"},
        threshold=1,
    )
    assert report.result["total"] == 0
    assert set(report.result["dimension_share"].values()) == {0.0}
    assert len(report.result["gaps"]["step_region"]) == 35
    assert len(report.result["gaps"]["principles"]) == 9


def test_an_identical_request_reuses_the_snapshot_until_a_practice_changes(
    edith, alice, practice_set, django_capture_on_commit_callbacks
):
    first, created = compiled(edith, django_capture_on_commit_callbacks, kind="practices-overview")
    again, created_again = compiled(
        edith, django_capture_on_commit_callbacks, kind="practices-overview"
    )
    assert created and not created_again
    assert again.pk == first.pk
    assert Report.objects.count() == 1

    practice_services.update_practice(
        practice=practice_set["draft"], actor=alice, data={"title": "Shelters, second draft"}
    )
    after_change, created_after = compiled(
        edith, django_capture_on_commit_callbacks, kind="practices-overview"
    )
    assert created_after
    assert after_change.pk != first.pk
    assert after_change.result == first.result  # a draft changed: the figures did not


def test_a_failed_compile_records_a_readable_reason_and_can_be_retried(
    edith, practice_set, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise RuntimeError("the practices table is being rebuilt")

    monkeypatch.setattr(compiling, "practices_overview", broken)
    failed, _created = compiled(
        edith, django_capture_on_commit_callbacks, kind="practices-overview"
    )
    assert failed.status == ReportStatus.FAILED
    assert failed.error == "The compile stopped on an error: the practices table is being rebuilt"
    assert failed.result is None

    monkeypatch.undo()
    retried, created = compiled(
        edith, django_capture_on_commit_callbacks, kind="practices-overview"
    )
    assert created and retried.pk != failed.pk
    assert retried.status == ReportStatus.DONE


def test_only_editors_ask_for_reports(alice, fiona):
    for person in (alice, fiona, None):
        with pytest.raises(PermissionDenied):
            services.request_report(actor=person, kind="practices-overview")
    assert not Report.objects.exists()


def test_a_bad_request_names_each_field(edith):
    with pytest.raises(ValidationError) as raised:
        services.request_report(
            actor=edith,
            kind="practices-overview",
            audience="everyone",
            threshold=0,
            filters={"region": ["atlantis"], "colour": ["red"]},
        )
    assert set(raised.value.message_dict) == {
        "audience",
        "threshold",
        "filters.region",
        "filters.colour",
    }


def test_alice_cannot_publish_a_report(
    alice, edith, practice_set, django_capture_on_commit_callbacks
):
    report, _created = compiled(
        edith, django_capture_on_commit_callbacks, kind="practices-overview"
    )
    with pytest.raises(PermissionDenied):
        services.publish_report(report=report, actor=alice)
    with pytest.raises(PermissionDenied):
        services.unpublish_report(report=report, actor=alice)
    report.refresh_from_db()
    assert report.published_at is None


def test_edith_publishes_only_a_finished_report(edith, practice_set):
    # The compile is queued after commit, which this test never reaches: it stays queued.
    queued, _created = services.request_report(actor=edith, kind="practices-overview")
    assert queued.status == ReportStatus.QUEUED
    with pytest.raises(ValidationError):
        services.publish_report(report=queued, actor=edith)
    queued.refresh_from_db()
    assert queued.published_at is None


def test_edith_publishes_and_unpublishes_a_finished_report(
    edith, practice_set, django_capture_on_commit_callbacks
):
    report, _created = compiled(
        edith, django_capture_on_commit_callbacks, kind="practices-overview"
    )
    services.publish_report(report=report, actor=edith)
    report.refresh_from_db()
    assert report.published_at is not None and report.published_by == edith
    services.unpublish_report(report=report, actor=edith)
    report.refresh_from_db()
    assert report.published_at is None


def test_a_report_for_the_ifrc_cannot_be_published(
    edith, practice_set, django_capture_on_commit_callbacks
):
    report, _created = compiled(
        edith, django_capture_on_commit_callbacks, kind="practices-overview", audience="ifrc"
    )
    assert report.status == ReportStatus.DONE
    with pytest.raises(ValidationError):
        services.publish_report(report=report, actor=edith)
    report.refresh_from_db()
    assert report.published_at is None
