"""The reports API: practices published through the API and counted in a report requested
through the API; data entered, reviewed and compiled through the API; who may do what."""

import datetime
from collections import Counter
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core import taxonomy
from core.models import NationalSociety
from core.services import create_token
from reports.models import Report, ReportStatus, Submission
from tests.conftest import login
from tests.factories import MembershipFactory
from tests.practices.factories import practice_data
from tests.reports.factories import make_indicator, make_period, make_submission

pytestmark = pytest.mark.django_db

REPORTS = reverse("api:report-list")
INDICATORS = reverse("api:indicator-list")
PERIODS = reverse("api:period-list")
SUBMISSIONS = reverse("api:submission-list")
PRACTICES = reverse("api:practice-list")


def as_user(user=None, *, token=False) -> Client:
    """A client of its own per persona, by session or by personal token."""
    client = Client()
    if user is not None and token:
        _token, key = create_token(user=user)
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {key}"
    elif user is not None:
        login(client, user)
    return client


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


def action(name, obj_id):
    return reverse(f"api:{name}", args=[obj_id])


# --- Practices overview: the acceptance check -------------------------------------------------


@dataclass
class Made:
    """What the test made, from which it counts the expected figures itself."""

    kind: str
    region: str
    visibility: str
    fate: str
    steps: list[str]
    dimensions: list[str]
    support_types: list[str]
    principles: list[str]


# (author, what the practice carries, how far it goes through the workflow)
CATALOGUE = [
    (
        "alice",
        {
            "steps": ["arrival"],
            "dimensions": ["social-capital", "human-capital"],
            "support_types": ["assistance"],
            "principles": ["P1", "P6"],
        },
        "published",
    ),
    (
        "alice",
        {
            "steps": ["arrival", "long-term-stay"],
            "dimensions": ["human-capital"],
            "support_types": ["assistance", "protection"],
            "principles": ["P1", "P2"],
        },
        "published",
    ),
    (
        "alice",
        {
            "steps": ["origin"],
            "dimensions": ["financial-capital"],
            "support_types": ["awareness-raising"],
            "principles": ["P10"],
        },
        "published",
    ),
    ("alice", {"kind": "operational-element", "principles": ["P1", "P5"]}, "published"),
    ("alice", {"visibility": "movement", "principles": ["P1", "P4"]}, "published"),
    ("alice", {"visibility": "ifrc", "steps": ["return"], "principles": ["P8"]}, "published"),
    ("alice", {"steps": ["migrant-camps"]}, "draft"),
    ("alice", {"steps": ["migrant-camps"]}, "submitted"),
    ("alice", {"steps": ["return"], "principles": ["P8"]}, "archived"),
    (
        "bob",
        {"countries": ["KEN"], "steps": ["origin", "return"], "principles": ["P1", "P8"]},
        "published",
    ),
    ("bob", {"countries": ["KEN"], "visibility": "movement"}, "published"),
]


def publish_through_the_api(authors, editor, overrides, fate, title) -> Made:
    """A practice written with the author's token and taken through the workflow by the
    editor, all over the API."""
    body = practice_data(title=title, **overrides)
    created = post(authors, PRACTICES, body)
    assert created.status_code == 201, created.json()
    practice_id = created.json()["id"]
    if fate != "draft":
        assert post(authors, action("practice-submit", practice_id)).status_code == 200
    if fate in ("published", "archived"):
        published = post(editor, action("practice-publish", practice_id))
        assert published.json()["status"] == "published"
    if fate == "archived":
        assert post(editor, action("practice-archive", practice_id)).json()["status"] == "archived"
    return Made(
        kind=body["kind"],
        region=created.json()["region"],
        visibility=body["visibility"],
        fate=fate,
        steps=body["steps"],
        dimensions=body["dimensions"],
        support_types=body["support_types"],
        principles=body["principles"],
    )


def expected_overview(made, filters=None, *, audience="public"):
    """The figures a report must show, counted here from what the test made: published
    practices the audience may see and the filters match (any value of a filter, every
    filter), each counted once in every value it carries."""
    seen_by = {
        "public": {"public"},
        "movement": {"public", "movement"},
        "ifrc": {"public", "movement", "ifrc"},
    }[audience]

    def carries(practice, name) -> set[str]:
        if name in ("kind", "region"):
            return {getattr(practice, name)}
        return set(getattr(practice, f"{name}s"))

    counted = [
        practice
        for practice in made
        if practice.fate == "published"
        and practice.visibility in seen_by
        and all(set(values) & carries(practice, name) for name, values in (filters or {}).items())
    ]

    def by(attribute, codes):
        counts = Counter(code for practice in counted for code in getattr(practice, attribute))
        return {code: counts[code] for code in codes}

    dimensions = by("dimensions", [code for code, _name in taxonomy.DIMENSIONS])
    tags = sum(dimensions.values())
    return {
        "total": len(counted),
        "by_kind": {
            code: sum(practice.kind == code for practice in counted)
            for code, _label in taxonomy.Kind.choices
        },
        "by_region": {
            code: sum(practice.region == code for practice in counted)
            for code, _name in taxonomy.REGIONS
        },
        "by_step": by("steps", [code for code, _name in taxonomy.STEPS]),
        "by_support_type": by("support_types", [code for code, _name in taxonomy.SUPPORT_TYPES]),
        "by_principle": by("principles", [code for code, *_rest in taxonomy.PRINCIPLES]),
        "dimension_share": {
            code: round(100 * count / tags, 1) if tags else 0.0
            for code, count in dimensions.items()
        },
        "step_region": {
            step: {
                region: sum(
                    step in practice.steps and practice.region == region for practice in counted
                )
                for region, _name in taxonomy.REGIONS
            }
            for step, _name in taxonomy.STEPS
        },
    }


def assert_figures(result, expected):
    for key, figures in expected.items():
        assert result[key] == figures, key


@pytest.fixture
def catalogue(alice, bob, edith):
    """The practices of CATALOGUE, made and published through the API."""
    authors = {"alice": as_user(alice, token=True), "bob": as_user(bob, token=True)}
    editor = as_user(edith)
    return [
        publish_through_the_api(authors[author], editor, overrides, fate, f"Practice {number}")
        for number, (author, overrides, fate) in enumerate(CATALOGUE)
    ]


def request_report(client, body, capture):
    """POSTs a report request; the compile queued after commit runs as the worker would."""
    with capture(execute=True):
        response = post(client, REPORTS, body)
    return response


def test_edith_requests_an_overview_whose_figures_count_what_was_published(
    catalogue, alice, edith, django_capture_on_commit_callbacks
):
    editor = as_user(edith, token=True)
    filters = {"kind": ["smart-practice"], "region": ["europe"]}
    body = {"kind": "practices-overview", "filters": filters}

    requested = request_report(editor, body, django_capture_on_commit_callbacks)
    assert requested.status_code == 202, requested.json()
    assert requested.json()["reused"] is False
    report_id = requested.json()["id"]
    assert (
        requested.json()["url"]
        == f"http://testserver{reverse('api:report-detail', args=[report_id])}"
    )

    report = editor.get(requested.json()["url"]).json()
    assert report["status"] == "done"
    assert report["kind"] == "practices-overview"
    assert report["audience"] == "public"
    assert report["filters"] == {"kind": ["smart-practice"], "region": ["europe"]}
    assert report["period"] is None
    assert report["progress"] == 100
    assert report["web_url"].endswith(reverse("reports:detail", args=[report_id]))
    assert set(report["downloads"]) == {"json", "csv"}
    assert report["downloads"]["csv"].endswith(reverse("reports:download", args=[report_id, "csv"]))
    expected = expected_overview(catalogue, filters)
    # Three public smart practices of Italy: not the operational element, the movement and
    # ifrc ones, the draft, the submitted, the archived one, nor Kenya's.
    assert expected["total"] == 3
    assert_figures(report["result"], expected)
    gaps = report["result"]["gaps"]
    assert {"principle": "P10", "count": 1} in gaps["outside_scope"]
    assert {"principle": "P1", "count": 2} in gaps["principles"]  # fewer than the threshold 3
    assert all(gap["principle"] != "P10" for gap in gaps["principles"])

    # The same question on the same data: the same snapshot, no second report.
    again = request_report(editor, body, django_capture_on_commit_callbacks)
    assert again.status_code == 200
    assert again.json() == {**requested.json(), "status": "done", "reused": True}
    assert Report.objects.count() == 1

    # A practice published since: the next request is a new snapshot, the old one unchanged.
    catalogue.append(
        publish_through_the_api(
            as_user(alice, token=True),
            as_user(edith),
            {"steps": ["return"], "principles": ["P8"]},
            "published",
            "Practice published later",
        )
    )
    newer = request_report(editor, body, django_capture_on_commit_callbacks)
    assert newer.status_code == 202
    assert newer.json()["reused"] is False
    assert newer.json()["id"] != report_id
    newer_result = editor.get(newer.json()["url"]).json()["result"]
    assert newer_result["total"] == 4
    assert_figures(newer_result, expected_overview(catalogue, filters))
    assert editor.get(requested.json()["url"]).json()["result"]["total"] == 3


@pytest.mark.parametrize(
    ("audience", "filters", "expected_total"),
    [
        ("movement", {}, 7),  # public and movement practices of both societies, both kinds
        ("ifrc", {"principle": ["P1", "P8"]}, 7),
        ("public", {"region": ["africa"], "step": ["return"]}, 1),
    ],
)
def test_overview_figures_follow_the_audience_and_the_filters(
    catalogue, edith, django_capture_on_commit_callbacks, audience, filters, expected_total
):
    editor = as_user(edith)
    body = {"kind": "practices-overview", "filters": filters, "audience": audience}
    requested = request_report(editor, body, django_capture_on_commit_callbacks)
    assert requested.status_code == 202, requested.json()
    result = editor.get(requested.json()["url"]).json()["result"]
    expected = expected_overview(catalogue, filters, audience=audience)
    assert expected["total"] == expected_total
    assert_figures(result, expected)


# --- Report requests: validation and permission -----------------------------------------------


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"kind": "weather-forecast"}, {"kind"}),
        ({"kind": "practices-overview", "filters": {"colour": ["red"]}}, {"filters.colour"}),
        (
            {
                "kind": "practices-overview",
                "filters": {"region": ["atlantis"], "step": ["arrival"]},
            },
            {"filters.region"},
        ),
        ({"kind": "practices-overview", "filters": ["europe"]}, {"filters"}),
        ({"kind": "data-compilation"}, {"period"}),
        ({"kind": "data-compilation", "period": "1999"}, {"period"}),
        (
            {"kind": "practices-overview", "audience": "everyone", "threshold": 0},
            {"audience", "threshold"},
        ),
    ],
)
def test_a_bad_report_request_is_a_400_naming_the_fields(edith, body, fields):
    response = post(as_user(edith), REPORTS, body)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == fields
    assert response.json()["detail"]
    assert not Report.objects.exists()


def test_alice_cannot_request_a_report(alice):
    response = post(as_user(alice, token=True), REPORTS, {"kind": "practices-overview"})
    assert response.status_code == 403
    assert "editors" in response.json()["detail"]
    # Even a malformed request says no before it says what is wrong.
    assert post(as_user(alice), REPORTS, {"kind": "nonsense"}).status_code == 403
    assert not Report.objects.exists()


def test_a_visitor_cannot_request_a_report():
    assert post(as_user(), REPORTS, {"kind": "practices-overview"}).status_code == 401
    assert not Report.objects.exists()


@pytest.fixture
def reports_of_each_audience(edith, django_capture_on_commit_callbacks):
    """A done report for each audience; the public and movement ones published."""
    editor = as_user(edith)
    reports = {}
    for audience in ("public", "movement", "ifrc"):
        body = {"kind": "practices-overview", "audience": audience}
        reports[audience] = request_report(editor, body, django_capture_on_commit_callbacks).json()[
            "id"
        ]
    for audience in ("public", "movement"):
        published = post(editor, action("report-publish", reports[audience]))
        assert published.status_code == 200
        assert published.json()["published_at"]
    reports["unpublished"] = request_report(
        editor, {"kind": "practices-overview", "threshold": 5}, django_capture_on_commit_callbacks
    ).json()["id"]
    return reports


def listed(client, **params):
    return {report["id"] for report in client.get(REPORTS, params).json()["results"]}


def test_visitors_see_only_published_public_reports(reports_of_each_audience):
    visitor = as_user()
    assert listed(visitor) == {reports_of_each_audience["public"]}
    for audience in ("movement", "ifrc", "unpublished"):
        url = reverse("api:report-detail", args=[reports_of_each_audience[audience]])
        assert visitor.get(url).status_code == 404


def test_alice_sees_published_public_and_movement_reports(alice, reports_of_each_audience):
    member = as_user(alice)
    assert listed(member) == {reports_of_each_audience[name] for name in ("public", "movement")}
    hidden = reverse("api:report-detail", args=[reports_of_each_audience["unpublished"]])
    assert member.get(hidden).status_code == 404


def test_edith_sees_every_report_and_filters_them(edith, reports_of_each_audience):
    editor = as_user(edith)
    assert listed(editor) == set(reports_of_each_audience.values())
    published = {reports_of_each_audience[name] for name in ("public", "movement")}
    assert listed(editor, published="true") == published
    assert listed(editor, published="false") == set(reports_of_each_audience.values()) - published
    assert listed(editor, kind="data-compilation") == set()
    assert listed(editor, status="done") == set(reports_of_each_audience.values())
    assert editor.get(REPORTS, {"status": "sunny"}).status_code == 400


def test_a_report_for_the_ifrc_cannot_be_published(edith, reports_of_each_audience):
    response = post(as_user(edith), action("report-publish", reports_of_each_audience["ifrc"]))
    assert response.status_code == 409  # refused for what the report is, not for the request
    assert Report.objects.get(pk=reports_of_each_audience["ifrc"]).published_at is None


def test_edith_unpublishes_and_visitors_no_longer_see_it(edith, reports_of_each_audience):
    public = reports_of_each_audience["public"]
    response = post(as_user(edith), action("report-unpublish", public))
    assert response.status_code == 200
    assert response.json()["published_at"] is None
    assert listed(as_user()) == set()


def test_alice_cannot_publish_or_unpublish(alice, reports_of_each_audience):
    member = as_user(alice)
    # She sees the published movement report, but publishing is for editors.
    movement = reports_of_each_audience["movement"]
    assert post(member, action("report-unpublish", movement)).status_code == 403
    # Writes are refused before any lookup, so a 403 tells nothing of a report she cannot see.
    hidden = reports_of_each_audience["unpublished"]
    assert post(member, action("report-publish", hidden)).status_code == 403
    assert member.get(reverse("api:report-detail", args=[hidden])).status_code == 404
    assert Report.objects.get(pk=hidden).published_at is None
    assert Report.objects.get(pk=movement).published_at is not None


def test_a_report_still_compiling_has_no_result_nor_downloads(edith):
    editor = as_user(edith)
    # No capture of the after-commit work: the compile is queued and never runs.
    requested = post(editor, REPORTS, {"kind": "practices-overview"})
    assert requested.status_code == 202
    assert requested.json()["status"] == "queued"
    report = editor.get(requested.json()["url"]).json()
    assert report["status"] == "queued"
    assert report["result"] is None
    assert report["downloads"] == {}
    # Asked again while it is on its way: the same report, still 202.
    again = post(editor, REPORTS, {"kind": "practices-overview"})
    assert again.status_code == 202
    assert again.json()["id"] == requested.json()["id"]
    assert again.json()["reused"] is True


# --- Indicators and periods -------------------------------------------------------------------


INDICATOR = {
    "code": "migrants-reached",
    "name": "Migrants reached",
    "definition": "People on the move who received any service.",
    "unit": "count",
    "disaggregations": ["sex", "age"],
    "guidance": "Count each person once.",
}


def test_edith_defines_indicators_and_a_period_through_the_api(edith):
    editor = as_user(edith, token=True)
    created = post(editor, INDICATORS, INDICATOR)
    assert created.status_code == 201, created.json()
    assert created.json()["active"] is True
    amount = post(
        editor,
        INDICATORS,
        {
            **INDICATOR,
            "code": "cash-given",
            "name": "Cash given",
            "unit": "currency",
            "currency": "chf",
        },
    )
    assert amount.status_code == 201, amount.json()
    assert amount.json()["currency"] == "CHF"

    changed = patch(editor, amount.json()["url"], {"name": "Cash assistance given"})
    assert changed.status_code == 200
    assert changed.json()["name"] == "Cash assistance given"

    today = timezone.localdate()
    period = post(
        editor,
        PERIODS,
        {
            "label": "2026",
            "opens_on": str(today - datetime.timedelta(days=10)),
            "closes_on": str(today + datetime.timedelta(days=10)),
            "indicators": ["migrants-reached", "cash-given"],
        },
    )
    assert period.status_code == 201, period.json()
    assert period.json()["is_open"] is True
    assert sorted(period.json()["indicators"]) == ["cash-given", "migrants-reached"]

    narrowed = patch(editor, period.json()["url"], {"indicators": ["migrants-reached"]})
    assert narrowed.json()["indicators"] == ["migrants-reached"]
    closed = patch(
        editor, period.json()["url"], {"closes_on": str(today - datetime.timedelta(days=1))}
    )
    assert closed.status_code == 200
    assert closed.json()["is_open"] is False


def test_bad_indicators_and_periods_are_400s_naming_the_fields(edith):
    editor = as_user(edith)
    no_currency = post(editor, INDICATORS, {**INDICATOR, "unit": "currency"})
    assert no_currency.status_code == 400
    assert set(no_currency.json()["errors"]) == {"currency"}
    bad_unit = post(
        editor, INDICATORS, {**INDICATOR, "unit": "furlongs", "disaggregations": ["shoe-size"]}
    )
    assert set(bad_unit.json()["errors"]) == {"unit", "disaggregations"}

    make_indicator(edith)
    today = str(timezone.localdate())
    unknown = post(
        editor,
        PERIODS,
        {
            "label": "2026",
            "opens_on": today,
            "closes_on": today,
            "indicators": ["migrants-reached", "nope"],
        },
    )
    assert unknown.status_code == 400
    assert set(unknown.json()["errors"]) == {"indicators"}
    backwards = post(
        editor,
        PERIODS,
        {"label": "2026", "opens_on": today, "closes_on": "2020-01-01", "indicators": []},
    )
    assert backwards.status_code == 400
    assert set(backwards.json()["errors"]) == {"closes_on", "indicators"}


def test_members_read_active_indicators_and_cannot_write_them(alice, edith):
    make_indicator(edith)
    make_indicator(edith, code="retired", name="Retired", active=False)
    member = as_user(alice)
    codes = [item["code"] for item in member.get(INDICATORS).json()["results"]]
    assert codes == ["migrants-reached"]
    assert member.get(reverse("api:indicator-detail", args=["retired"])).status_code == 404
    assert as_user().get(INDICATORS).json()["count"] == 1
    editor_codes = {item["code"] for item in as_user(edith).get(INDICATORS).json()["results"]}
    assert editor_codes == {"migrants-reached", "retired"}

    assert post(member, INDICATORS, {**INDICATOR, "code": "mine"}).status_code == 403
    url = reverse("api:indicator-detail", args=["migrants-reached"])
    assert patch(member, url, {"name": "Renamed"}).status_code == 403
    assert post(as_user(), INDICATORS, {**INDICATOR, "code": "anon"}).status_code == 401
    assert post(member, PERIODS, {"label": "x"}).status_code == 403


# --- Submissions through the API ------------------------------------------------------------


@pytest.fixture
def carla(db):
    """A member of a third society, the French Red Cross (Europe, like society A)."""
    france = NationalSociety.objects.get(country_id="FRA", kind="national-society")
    return MembershipFactory(user__email="carla@example.org", society=france).user


def enter_through_the_api(member, period, values, *, submit=True):
    client = as_user(member, token=True)
    started = post(client, SUBMISSIONS, {"period": period.pk})
    assert started.status_code == 201, started.json()
    url = started.json()["url"]
    saved = patch(client, url, {"values": values})
    assert saved.status_code == 200, saved.json()
    if submit:
        assert post(client, action("submission-submit", started.json()["id"])).status_code == 200
    return started.json()["id"]


ITALY = {
    "migrants-reached": {
        "total": 120,
        "sex": {"female": 50, "male": 60},
        "age": {"children": 30, "adults": 80, "older-people": 10},
        "source_note": "Registers of the welcome desks",
    },
    "branches-with-focal-point": {"total": "40.5"},
}
KENYA = {
    "migrants-reached": {"total": 300, "sex": {"female": 140, "male": 150, "other": 2}},
    "branches-with-focal-point": {"total": 20},
}
FRANCE = {"migrants-reached": {"total": 999}}


def test_values_entered_through_the_api_read_back_nested(alice, period):
    submission_id = enter_through_the_api(alice, period, ITALY, submit=False)
    read = as_user(alice).get(reverse("api:submission-detail", args=[submission_id])).json()
    assert read["society"]["slug"] == "italian-red-cross"
    assert read["period"] == {"id": period.pk, "label": "2026"}
    assert read["status"] == "draft"
    assert read["values"]["migrants-reached"] == {
        "total": 120,
        "sex": {"female": 50, "male": 60, "other": None, "unknown": None},
        "age": {"children": 30, "adults": 80, "older-people": 10},
        "source_note": "Registers of the welcome desks",
    }
    # A percentage offers no breakdown, so none is shown.
    assert read["values"]["branches-with-focal-point"] == {"total": 40.5, "source_note": ""}
    assert read["web_url"].endswith(
        reverse("reports:submission", args=[period.pk, "italian-red-cross"])
    )

    # Starting it again answers the same submission.
    again = post(as_user(alice), SUBMISSIONS, {"period": period.pk})
    assert again.status_code == 200
    assert again.json()["id"] == submission_id


def test_edith_compiles_the_data_entered_through_the_api(
    alice, bob, carla, edith, period, django_capture_on_commit_callbacks
):
    editor = as_user(edith)
    italy = enter_through_the_api(alice, period, ITALY)
    kenya = enter_through_the_api(bob, period, KENYA)
    enter_through_the_api(carla, period, FRANCE)  # submitted, never validated
    for submission_id in (italy, kenya):
        validated = post(editor, action("submission-validate", submission_id))
        assert validated.status_code == 200
        assert validated.json()["status"] == "validated"

    requested = request_report(
        editor, {"kind": "data-compilation", "period": "2026"}, django_capture_on_commit_callbacks
    )
    assert requested.status_code == 202, requested.json()
    report = editor.get(requested.json()["url"]).json()
    assert report["period"] == {"id": period.pk, "label": "2026"}
    assert set(report["downloads"]) == {"json", "csv", "hxl"}
    hxl = editor.get(report["downloads"]["hxl"])
    assert hxl.status_code == 200
    assert "#indicator" in hxl.getvalue().decode("utf-8-sig")
    # An API client follows the same link with its token; without one, an unpublished
    # report is not there.
    assert as_user(edith, token=True).get(report["downloads"]["hxl"]).status_code == 200
    assert as_user().get(report["downloads"]["hxl"]).status_code == 404
    wrong_token = Client(HTTP_AUTHORIZATION="Token " + "0" * 64)
    assert wrong_token.get(report["downloads"]["hxl"]).status_code == 404
    result = report["result"]
    by_code = {indicator["code"]: indicator for indicator in result["indicators"]}
    assert set(by_code) == {"migrants-reached", "branches-with-focal-point", "migration-spending"}
    reached, shelters = by_code["migrants-reached"], by_code["branches-with-focal-point"]
    # France's values were only submitted: they count for completeness, not in the figures.
    assert reached["global"]["total"] == 120 + 300
    assert reached["global"]["societies"] == 2
    assert reached["global"]["sex"] == {"female": 190, "male": 210, "other": 2, "unknown": None}
    assert reached["global"]["age"] == {"children": 30, "adults": 80, "older-people": 10}
    assert reached["by_region"]["europe"]["total"] == 120
    assert reached["by_region"]["africa"]["total"] == 300
    assert reached["by_region"]["americas"]["total"] is None
    # A percentage is averaged over the societies that reported it.
    assert shelters["aggregation"] == "mean"
    assert shelters["global"]["total"] == pytest.approx((40.5 + 20) / 2)

    completeness = result["completeness"]
    societies = NationalSociety.objects.national_societies().count()
    assert completeness["societies"] == societies
    assert completeness["by_status"] == {
        "submitted": 1,
        "validated": 2,
        "returned": 0,
        "not-started": societies - 3,
    }
    assert completeness["global"] == {
        "migrants-reached": 3,
        "branches-with-focal-point": 2,
        "migration-spending": 0,
    }
    assert completeness["by_region"]["europe"]["indicators"] == {
        "migrants-reached": 2,
        "branches-with-focal-point": 1,
        "migration-spending": 0,
    }

    europe_only = request_report(
        editor,
        {"kind": "data-compilation", "period": period.pk, "filters": {"region": ["europe"]}},
        django_capture_on_commit_callbacks,
    )
    result = editor.get(europe_only.json()["url"]).json()["result"]
    assert result["regions"] == ["europe"]
    by_code = {indicator["code"]: indicator for indicator in result["indicators"]}
    assert by_code["migrants-reached"]["global"]["total"] == 120


def test_bad_values_are_400s_keyed_by_indicator_and_field(alice, period):
    submission_id = enter_through_the_api(alice, period, ITALY, submit=False)
    url = reverse("api:submission-detail", args=[submission_id])
    client = as_user(alice)
    response = patch(
        client,
        url,
        {
            "values": {
                "migrants-reached": {"total": 10, "sex": {"female": 8, "male": 5}},
                "branches-with-focal-point": {"total": "lots"},
                "unknown-code": {"total": 1},
            }
        },
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {
        "values.migrants-reached.sex.female",  # the sex breakdown adds up past the total
        "values.branches-with-focal-point.total",
        "values.unknown-code.indicator",
    }
    negative = patch(
        client, url, {"values": {"migrants-reached": {"total": 10, "age": {"adults": -1}}}}
    )
    assert set(negative.json()["errors"]) == {"values.migrants-reached.age.adults"}
    shapes = patch(
        client,
        url,
        {"values": {"migrants-reached": {"total": 1, "sex": {"nonbinary": 1}, "colour": "red"}}},
    )
    assert set(shapes.json()["errors"]) == {
        "values.migrants-reached.sex.nonbinary",
        "values.migrants-reached.colour",
    }
    not_an_object = patch(client, url, {"values": ["migrants-reached"]})
    assert set(not_an_object.json()["errors"]) == {"values"}
    # Nothing was saved: all or none.
    values = client.get(url).json()["values"]
    assert values["migrants-reached"]["total"] == 120
    assert values["branches-with-focal-point"]["total"] == 40.5


def test_a_null_total_removes_the_value(alice, period):
    submission_id = enter_through_the_api(alice, period, ITALY, submit=False)
    url = reverse("api:submission-detail", args=[submission_id])
    response = patch(
        as_user(alice), url, {"values": {"branches-with-focal-point": {"total": None}}}
    )
    assert response.status_code == 200
    assert set(response.json()["values"]) == {"migrants-reached"}


def test_submitted_values_can_no_longer_change(alice, period):
    submission_id = enter_through_the_api(alice, period, ITALY)
    url = reverse("api:submission-detail", args=[submission_id])
    response = patch(as_user(alice), url, {"values": {"migrants-reached": {"total": 1}}})
    assert response.status_code == 409
    assert "non_field_errors" in response.json()["errors"]


def test_edith_returns_values_with_a_note_and_alice_corrects_them(alice, edith, period):
    submission_id = enter_through_the_api(alice, period, ITALY)
    editor = as_user(edith)
    without_note = post(editor, action("submission-return", submission_id), {"note": ""})
    assert without_note.status_code == 400
    assert set(without_note.json()["errors"]) == {"note"}
    returned = post(editor, action("submission-return", submission_id), {"note": "Check the ages."})
    assert returned.json()["status"] == "returned"
    assert returned.json()["review_note"] == "Check the ages."

    member = as_user(alice)
    url = reverse("api:submission-detail", args=[submission_id])
    fixed = patch(member, url, {"values": {"migrants-reached": {"total": 125}}})
    assert fixed.status_code == 200
    assert post(member, action("submission-submit", submission_id)).json()["status"] == "submitted"


def test_alice_cannot_validate_her_own_values(alice, period):
    submission_id = enter_through_the_api(alice, period, ITALY)
    assert post(as_user(alice), action("submission-validate", submission_id)).status_code == 403
    assert Submission.objects.get(pk=submission_id).status == "submitted"


def test_edith_does_not_see_a_draft_nor_enter_values(alice, edith, period, society_a):
    submission_id = enter_through_the_api(alice, period, ITALY, submit=False)
    editor = as_user(edith)
    url = reverse("api:submission-detail", args=[submission_id])
    assert editor.get(url).status_code == 404
    assert editor.get(SUBMISSIONS).json()["count"] == 0
    started = post(editor, SUBMISSIONS, {"period": period.pk, "society": society_a.slug})
    assert started.status_code == 403


def test_edith_cannot_start_a_submission_for_her_own_secretariat(edith, period):
    secretariat = edith.memberships.approved().get().society
    assert secretariat.kind == NationalSociety.Kind.SECRETARIAT  # as add_editor makes editors
    for editor in [as_user(edith), as_user(edith, token=True)]:
        for body in [{"period": period.pk}, {"period": period.pk, "society": secretariat.slug}]:
            started = post(editor, SUBMISSIONS, body)
            assert started.status_code == 403, started.json()
    assert not Submission.objects.filter(period=period).exists()


def test_bob_cannot_read_or_write_alices_submission(alice, bob, period, society_a):
    submission_id = enter_through_the_api(alice, period, ITALY, submit=False)
    other = as_user(bob, token=True)
    url = reverse("api:submission-detail", args=[submission_id])
    assert other.get(url).status_code == 404
    assert other.get(SUBMISSIONS).json()["count"] == 0
    assert other.get(SUBMISSIONS, {"society": society_a.slug}).json()["count"] == 0
    assert patch(other, url, {"values": {"migrants-reached": {"total": 1}}}).status_code == 404
    assert post(other, action("submission-submit", submission_id)).status_code == 404
    upload = SimpleUploadedFile("values.csv", b"indicator,total\nmigrants-reached,1\n")
    assert (
        other.post(action("submission-import", submission_id), {"file": upload}).status_code == 404
    )
    started = post(other, SUBMISSIONS, {"period": period.pk, "society": society_a.slug})
    assert started.status_code == 403
    values = as_user(alice).get(url).json()["values"]
    assert values["migrants-reached"]["total"] == 120
    assert Submission.objects.get(pk=submission_id).status == "draft"


def test_visitors_get_no_submissions(alice, period):
    submission_id = enter_through_the_api(alice, period, ITALY)
    visitor = as_user()
    assert visitor.get(SUBMISSIONS).status_code == 401
    assert visitor.get(reverse("api:submission-detail", args=[submission_id])).status_code == 401


def test_a_submission_needs_a_known_period_and_an_open_one(alice, edith, indicators):
    member = as_user(alice)
    unknown = post(member, SUBMISSIONS, {"period": 999999})
    assert set(unknown.json()["errors"]) == {"period"}
    closed = make_period(edith, indicators, label="2025", open_=False)
    response = post(member, SUBMISSIONS, {"period": closed.pk})
    assert response.status_code == 409
    assert "closed" in str(response.json()["errors"])
    assert not Submission.objects.exists()


# --- CSV import through the API ---------------------------------------------------------------


def upload(content: bytes, name="values.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_alice_imports_a_csv_file(alice, period):
    submission_id = enter_through_the_api(alice, period, ITALY, submit=False)
    response = as_user(alice).post(
        action("submission-import", submission_id),
        {
            "file": upload(
                b"\xef\xbb\xbfindicator,total,female,male,children,source_note\n"
                b"migrants-reached,200,100,90,40,Annual survey\n"
                b"branches-with-focal-point,12.5,,,,\n"
            )
        },
    )
    assert response.status_code == 200, response.json()
    values = response.json()["values"]
    assert values["migrants-reached"]["total"] == 200
    assert values["migrants-reached"]["sex"]["female"] == 100
    assert values["migrants-reached"]["age"]["children"] == 40
    assert values["migrants-reached"]["source_note"] == "Annual survey"
    assert values["branches-with-focal-point"]["total"] == 12.5


def test_a_bad_csv_file_is_a_400_listing_each_problem_and_changes_nothing(alice, period):
    submission_id = enter_through_the_api(alice, period, ITALY, submit=False)
    member = as_user(alice)
    response = member.post(
        action("submission-import", submission_id),
        {
            "file": upload(
                b"indicator,total,female\n"
                b"migrants-reached,10,20\n"
                b"branches-with-focal-point,150,\n"
                b"no-such-indicator,1,\n"
            )
        },
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"]
    assert len(body["errors"]["file"]) == len(body["problems"]) == 3
    assert [(problem["row"], problem["column"]) for problem in body["problems"]] == [
        (2, "female"),
        (3, "total"),
        (4, "indicator"),
    ]
    assert body["errors"]["file"][0].startswith("Row 2, column female:")

    unknown_column = member.post(
        action("submission-import", submission_id), {"file": upload(b"indicator,total,colour\n")}
    )
    assert unknown_column.json()["problems"] == [
        {"row": 1, "column": "colour", "reason": "Unknown column."}
    ]
    not_utf8 = member.post(
        action("submission-import", submission_id),
        {"file": upload("indicator,total\nmigrants-reached,5,é\n".encode("latin-1"))},
    )
    assert not_utf8.status_code == 400
    assert not_utf8.json()["problems"][0]["row"] is None
    no_file = member.post(action("submission-import", submission_id), {})
    assert no_file.status_code == 400
    assert set(no_file.json()["errors"]) == {"file"}

    values = member.get(reverse("api:submission-detail", args=[submission_id])).json()["values"]
    assert values["migrants-reached"]["total"] == 120
    assert values["branches-with-focal-point"]["total"] == 40.5


# --- Query counts -----------------------------------------------------------------------------


@pytest.fixture
def many_reports(edith):
    """Reports straight in the table: the list's cost does not depend on how they came."""
    Report.objects.bulk_create(
        Report(
            kind="practices-overview",
            fingerprint=f"print-{number}",
            status=ReportStatus.DONE,
            result={"total": number},
            published_at=timezone.now(),
        )
        for number in range(30)
    )


@pytest.mark.parametrize("limit", [5, 30])
def test_report_list_queries_do_not_grow_with_the_page(
    edith, many_reports, limit, django_assert_max_num_queries
):
    editor, visitor = as_user(edith), as_user()
    with django_assert_max_num_queries(6):
        response = editor.get(REPORTS, {"limit": limit})
    assert len(response.json()["results"]) == limit
    with django_assert_max_num_queries(2):
        response = visitor.get(REPORTS, {"limit": limit})
    assert len(response.json()["results"]) == limit


@pytest.mark.parametrize("limit", [2, 20])
def test_indicator_and_period_lists_queries_do_not_grow_with_the_page(
    edith, limit, django_assert_max_num_queries
):
    indicators = [
        make_indicator(edith, code=f"indicator-{number}", name=f"Indicator {number}")
        for number in range(20)
    ]
    for number in range(20):
        make_period(edith, indicators[number:], label=f"{2000 + number}")
    visitor = as_user()
    with django_assert_max_num_queries(2):
        response = visitor.get(INDICATORS, {"limit": limit})
    assert len(response.json()["results"]) == limit
    with django_assert_max_num_queries(3):
        response = visitor.get(PERIODS, {"limit": limit})
    assert len(response.json()["results"]) == limit


@pytest.mark.parametrize("limit", [2, 10])
def test_submission_list_queries_do_not_grow_with_the_page(
    edith, period, limit, django_assert_max_num_queries
):
    societies = NationalSociety.objects.national_societies().order_by("name")[:10]
    for society in societies:
        member = MembershipFactory(society=society).user
        make_submission(
            member, society, period, {"migrants-reached": {"total": "5"}}, status="submitted"
        )
    editor = as_user(edith)
    with django_assert_max_num_queries(8):
        response = editor.get(SUBMISSIONS, {"limit": limit})
    assert len(response.json()["results"]) == limit
    assert response.json()["count"] == 10


def test_a_reports_actions_are_the_steps_its_reader_may_take(
    alice, edith, reports_of_each_audience
):
    def actions(client, name):
        url = reverse("api:report-detail", args=[reports_of_each_audience[name]])
        return client.get(url).json()["actions"]

    editor = as_user(edith)
    assert actions(editor, "unpublished") == ["publish"]
    assert actions(editor, "public") == ["unpublish"]
    assert actions(editor, "ifrc") == []  # a report for the IFRC stays internal
    assert actions(as_user(alice), "movement") == []
