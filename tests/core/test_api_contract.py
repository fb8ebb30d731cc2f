"""The API does what its schema says: writes refuse what they would not store (an export format,
an unknown field), unknown addresses answer JSON for every method, and the schema documents
the errors, the anonymous reads and the real bodies."""

import pytest
import yaml
from django.test import Client
from django.urls import reverse
from django.utils import translation

from practices.models import Practice, Status
from reports.models import Indicator, Report
from tests.conftest import login
from tests.practices.factories import make_practice, practice_data
from tests.reports.factories import make_indicator, make_period, make_submission

pytestmark = pytest.mark.django_db

PRACTICES = reverse("api:practice-list")


def practice_url(practice, name="practice-detail"):
    return reverse(f"api:{name}", args=[practice.pk])


@pytest.fixture
def schema(client):
    response = client.get(reverse("api-schema"))
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield method.upper(), path, operation


# --- ?format=csv is for lists only ---------------------------------------------------------


def test_alices_post_asked_as_csv_is_refused_and_creates_nothing(client, alice):
    login(client, alice)
    response = client.post(
        f"{PRACTICES}?format=csv", practice_data(), content_type="application/json"
    )
    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    assert "csv" in response.json()["detail"]
    assert not Practice.objects.exists()


def test_alices_patch_asked_as_csv_is_refused_and_changes_nothing(client, alice, society_a):
    practice = make_practice(alice, society_a)
    login(client, alice)
    response = client.patch(
        f"{practice_url(practice)}?format=csv",
        {"title": "Changed"},
        content_type="application/json",
    )
    assert response.status_code == 406
    practice.refresh_from_db()
    assert practice.title == "Restoring family links at the border"


def test_alices_submit_asked_as_csv_is_refused_and_leaves_the_draft(client, alice, society_a):
    practice = make_practice(alice, society_a)
    login(client, alice)
    response = client.post(f"{practice_url(practice, 'practice-submit')}?format=csv")
    assert response.status_code == 406
    practice.refresh_from_db()
    assert practice.status == Status.DRAFT


def test_edith_report_request_asked_as_csv_compiles_nothing(client, edith):
    login(client, edith)
    response = client.post(
        f"{reverse('api:report-list')}?format=csv",
        {"kind": "practices-overview"},
        content_type="application/json",
    )
    assert response.status_code == 406
    assert not Report.objects.exists()


def test_a_practice_read_as_csv_is_refused_and_the_list_still_exports(client, alice, society_a):
    practice = make_practice(alice, society_a)
    login(client, alice)
    assert client.get(practice_url(practice), {"format": "csv"}).status_code == 406
    export = client.get(PRACTICES, {"format": "csv"})
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    assert str(practice.pk).encode() in b"".join(export.streaming_content)


def test_an_unknown_format_is_a_406_naming_the_formats_answered(client):
    response = client.get(reverse("api:region-list"), {"format": "xml"})
    assert response.status_code == 406
    assert "json" in response.json()["detail"]


def test_an_empty_format_is_refused_rather_than_read_as_json(client):
    assert client.get(PRACTICES, {"format": ""}).status_code == 406


def test_an_hxl_value_other_than_0_or_1_is_a_400_naming_it(client):
    response = client.get(PRACTICES, {"format": "csv", "hxl": "yes"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"hxl"}
    export = client.get(PRACTICES, {"format": "csv", "hxl": "0"})
    assert export.status_code == 200
    assert b"".join(export.streaming_content).startswith("\ufeffid,".encode())


def test_a_published_filter_other_than_true_or_false_is_a_400_naming_it(client):
    response = client.get(reverse("api:report-list"), {"published": "yes"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"published"}
    assert client.get(reverse("api:report-list"), {"published": "false"}).status_code == 200


# --- Paging ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["ten", "-1", "", "1.5", "²"])
def test_a_limit_or_offset_that_is_not_a_whole_number_is_a_400_naming_it(client, value):
    for name in ("limit", "offset"):
        response = client.get(reverse("api:country-list"), {name: value})
        assert response.status_code == 400, (name, value)
        assert set(response.json()["errors"]) == {name}
    assert client.get(reverse("api:country-list"), {"limit": "0"}).json()["results"] == []


# --- Conflicts -----------------------------------------------------------------------------


def test_ediths_second_indicator_with_a_taken_code_is_a_409(client, edith):
    indicator = make_indicator(edith)
    login(client, edith)
    response = client.post(
        reverse("api:indicator-list"),
        {
            "code": indicator.code,
            "name": "Another",
            "definition": "Another definition.",
            "unit": "count",
        },
        content_type="application/json",
    )
    assert response.status_code == 409
    assert set(response.json()["errors"]) == {"code"}
    assert Indicator.objects.count() == 1


def test_a_practice_published_twice_is_a_409_and_stays_published(client, alice, edith, society_a):
    practice = make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith)
    login(client, edith)
    response = client.post(practice_url(practice, "practice-submit"))
    assert response.status_code == 409
    assert "status" in response.json()["errors"]
    practice.refresh_from_db()
    assert practice.status == Status.PUBLISHED


def test_alices_patch_without_values_saves_nothing_and_answers_the_submission(
    client, alice, edith, society_a
):
    indicator = make_indicator(edith)
    period = make_period(edith, [indicator])
    submission = make_submission(alice, society_a, period, {indicator.code: {"total": "4"}})
    login(client, alice)
    response = client.patch(
        reverse("api:submission-detail", args=[submission.pk]), {}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["values"][indicator.code]["total"] == 4


# --- Unknown addresses ---------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete", "options"])
def test_an_unknown_api_address_is_a_json_404_for_every_method(method, alice):
    client = Client(enforce_csrf_checks=True)  # as a browser's session would be checked
    login(client, alice)
    response = getattr(client, method)("/api/v1/no-such-thing/", content_type="application/json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_a_post_to_an_api_address_without_its_slash_is_a_json_404(client):
    response = client.post("/api/v1/practices", {}, content_type="application/json")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


# --- Unknown fields ------------------------------------------------------------------------


def test_alices_practice_with_an_unknown_field_is_refused_naming_it(client, alice):
    login(client, alice)
    response = client.post(
        PRACTICES, practice_data(titel="Typo", id=7), content_type="application/json"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors == {"titel": ["Unknown field."], "id": ["Unknown field."]}
    assert not Practice.objects.exists()


def test_alices_patch_with_an_unknown_field_changes_nothing(client, alice, society_a):
    practice = make_practice(alice, society_a)
    login(client, alice)
    response = client.patch(
        practice_url(practice),
        {"title": "New title", "status": "published"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"status": ["Unknown field."]}
    practice.refresh_from_db()
    assert (practice.title, practice.status) == ("Restoring family links at the border", "draft")


def test_unknown_and_invalid_fields_are_answered_together(client, alice):
    login(client, alice)
    response = client.post(
        PRACTICES, practice_data(steps=["nowhere"], colour="red"), content_type="application/json"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["colour"] == ["Unknown field."]
    assert '"nowhere"' in errors["steps"][0]


def test_a_nested_field_error_is_named_by_its_dotted_path(client, edith):
    login(client, edith)
    response = client.post(
        reverse("api:indicator-list"),
        {
            "code": "volunteers",
            "name": "Volunteers",
            "definition": "People who volunteer.",
            "unit": "count",
            "translations": {"fr": {"name": 7}},
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert all(isinstance(messages, list) for messages in errors.values()), errors
    assert any(key.startswith("translations") for key in errors), errors


def test_ediths_indicator_with_a_read_only_field_is_refused_naming_it(client, edith):
    indicator = make_indicator(edith)
    login(client, edith)
    response = client.patch(
        reverse("api:indicator-detail", args=[indicator.code]),
        {"name": "Renamed", "label": "Renamed", "id": 99},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "label": ["This field is read-only."],
        "id": ["This field is read-only."],
    }
    assert Indicator.objects.get(pk=indicator.pk).name == "Migrants reached"


def test_ediths_report_request_with_an_unknown_field_compiles_nothing(client, edith):
    login(client, edith)
    response = client.post(
        reverse("api:report-list"),
        {"kind": "practices-overview", "filter": {"region": ["europe"]}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"filter": ["Unknown field."]}
    assert not Report.objects.exists()


def test_alices_values_with_an_unknown_top_level_field_are_refused(client, alice, edith, society_a):
    indicator = make_indicator(edith)
    period = make_period(edith, [indicator])
    submission = make_submission(alice, society_a, period, {})
    login(client, alice)
    response = client.patch(
        reverse("api:submission-detail", args=[submission.pk]),
        {"values": {indicator.code: {"total": 5}}, "status": "validated"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"status": ["Unknown field."]}
    assert not submission.values.exists()


def test_ediths_note_with_an_unknown_field_requests_no_change(client, alice, edith, society_a):
    practice = make_practice(alice, society_a, status=Status.SUBMITTED)
    login(client, edith)
    response = client.post(
        practice_url(practice, "practice-request-changes"),
        {"note": "Add results.", "notify": False},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"notify": ["Unknown field."]}
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED


def test_alices_practice_for_an_unknown_society_is_a_400_naming_the_field(client, alice):
    login(client, alice)
    response = client.post(
        PRACTICES, practice_data(society="no-such-society"), content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"society"}


# --- The schema ------------------------------------------------------------------------------


def test_the_schema_documents_the_errors_of_every_operation(schema):
    for method, path, operation in operations(schema):
        responses = operation["responses"]
        expected = {"400", "401", "403", "406", "429"}
        if "{" in path:
            expected.add("404")
        if "requestBody" in operation:
            expected |= {"413", "415"}
        assert expected <= set(responses), (method, path)
        for code in expected - {"400"}:
            schema_ref = responses[code]["content"]["application/json"]["schema"]["$ref"]
            assert schema_ref == "#/components/schemas/Error", (method, path, code)
    error = schema["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"detail", "errors"}


def test_the_schema_says_which_operations_a_visitor_may_call(schema):
    anonymous = {
        (method, path)
        for method, path, operation in operations(schema)
        if {} in operation.get("security", [])
    }
    assert ("GET", "/api/v1/practices/") in anonymous
    assert ("GET", "/api/v1/indicators/") in anonymous  # editors write, everyone reads
    assert ("GET", "/api/v1/periods/{id}/") in anonymous
    assert ("GET", "/api/v1/reports/") in anonymous
    assert ("POST", "/api/v1/practices/") not in anonymous
    assert ("POST", "/api/v1/indicators/") not in anonymous
    assert ("GET", "/api/v1/me/") not in anonymous
    assert ("GET", "/api/v1/submissions/") not in anonymous


def test_the_schema_documents_practice_writes_as_answering_the_practice_in_json(schema):
    practices = schema["paths"]["/api/v1/practices/"]
    detail = schema["paths"]["/api/v1/practices/{id}/"]
    created = practices["post"]["responses"]["201"]["content"]
    patched = detail["patch"]["responses"]["200"]["content"]
    for content in (created, patched):
        assert list(content) == ["application/json"]
        assert content["application/json"]["schema"]["$ref"] == (
            "#/components/schemas/PracticeDetail"
        )
    request = practices["post"]["requestBody"]["content"]
    assert list(request) == ["application/json"]
    listed = practices["get"]["responses"]["200"]["content"]
    assert set(listed) == {"application/json", "text/csv"}
    assert listed["text/csv"]["schema"] == {"type": "string"}
    # Lists that export, and a route's trail: nothing else answers CSV.
    exports = {
        ("GET", "/api/v1/practices/"),
        ("GET", "/api/v1/guidelines/"),
        ("GET", "/api/v1/adaptations/"),
        ("GET", "/api/v1/adaptations/grid/{guideline}/"),
        ("GET", "/api/v1/offers/"),
        ("GET", "/api/v1/routes/{slug}/trail/"),
        ("GET", "/api/v1/responses/"),
    }
    for method, path, operation in operations(schema):
        if (method, path) not in exports:
            for response in operation["responses"].values():
                assert "text/csv" not in response.get("content", {}), (method, path)


def test_the_schema_shows_each_kind_of_report_request_and_needs_a_body(schema):
    body = schema["paths"]["/api/v1/reports/"]["post"]["requestBody"]
    assert body["required"] is True
    request = schema["components"]["schemas"]["ReportRequestRequest"]
    assert request["discriminator"]["propertyName"] == "kind"
    compilation = schema["components"]["schemas"]["DataCompilationRequestRequest"]
    assert "period" in compilation["required"]


def test_the_schema_allows_a_practice_without_a_region(schema):
    # The IFRC Secretariat's practices belong to no region: their `region` is null.
    for name in ("PracticeList", "PracticeDetail"):
        assert schema["components"]["schemas"][name]["properties"]["region"]["nullable"] is True


def test_the_schema_refuses_unknown_request_fields_as_the_api_does(schema):
    components = schema["components"]["schemas"]
    for name in ("PracticeWriteRequest", "PatchedPracticeWriteRequest", "IndicatorRequest"):
        assert components[name]["additionalProperties"] is False
        assert "id" not in components[name]["properties"]


def test_the_schema_says_that_free_text_holds_no_nul_character(schema):
    nul_free = {"type": "string", "pattern": "^[^\\u0000]*$"}
    parameters = {
        parameter["name"]: parameter["schema"]
        for parameter in schema["paths"]["/api/v1/practices/"]["get"]["parameters"]
    }
    assert parameters["q"] == nul_free
    title = schema["components"]["schemas"]["PracticeWriteRequest"]["properties"]["title"]
    assert title["pattern"] == nul_free["pattern"]


def test_the_schema_lists_the_codes_each_filter_takes(schema):
    parameters = {
        parameter["name"]: parameter["schema"]
        for parameter in schema["paths"]["/api/v1/practices/"]["get"]["parameters"]
    }
    assert parameters["principle"] == {
        "type": "array",
        "items": {"type": "string", "enum": [f"P{number}" for number in range(1, 11)]},
    }
    assert "ITA" in parameters["country"]["items"]["enum"]
    society_filter = next(
        parameter["schema"]
        for parameter in schema["paths"]["/api/v1/submissions/"]["get"]["parameters"]
        if parameter["name"] == "society"
    )
    assert "italian-red-cross" in society_filter["items"]["enum"]


def test_the_schema_documents_the_imports_problems(schema, client, alice, edith):
    responses = schema["paths"]["/api/v1/submissions/{id}/import/"]["post"]["responses"]
    ref = responses["400"]["content"]["application/json"]["schema"]["$ref"]
    problems = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert {"detail", "errors", "problems"} <= set(problems["properties"])
    problem = schema["components"]["schemas"]["CSVProblem"]
    assert set(problem["properties"]) == {"row", "column", "reason"}
    # A request without a file is refused before any file is read: no problems to list.
    assert problems["required"] == ["detail"]


# --- The documentation page ----------------------------------------------------------------


def test_the_api_docs_page_has_a_language_a_title_and_a_way_home(client):
    page = client.get(reverse("api-docs"), {"lang": "fr"})
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    with translation.override("fr"):
        assert f"<title>{translation.gettext('API documentation')} · " in html
    assert f'href="{reverse("core:home")}"' in html
    # Every script is a file: a Content-Security-Policy without inline scripts lets it run.
    assert "<script>" not in html
    script = client.get(reverse("api-docs"), {"script": ""})
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_the_api_docs_page_in_arabic_runs_right_to_left_around_swagger(client):
    html = client.get(reverse("api-docs"), {"lang": "ar"}).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'id="swagger-ui" lang="en" dir="ltr"' in html
