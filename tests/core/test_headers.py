"""Security headers: the Content-Security-Policy and Permissions-Policy on pages, the API and its
documentation; no-store on what is served to a signed-in user, and only then."""

import pytest
from django.urls import reverse

from core.services import create_token
from tests.conftest import login

pytestmark = pytest.mark.django_db

HOME = reverse("core:home")
PRACTICES_API = reverse("api:practice-list")


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_strict_policy(response):
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    # Scripts: this site's files only, never inline, on every page.
    assert "script-src" not in directives
    return directives


def assert_permissions_policy(response):
    features = dict(item.strip().split("=") for item in response["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


def test_a_visitor_gets_the_strict_policy_on_a_page(client):
    response = client.get(HOME)
    directives = assert_strict_policy(response)
    assert "style-src" not in directives and "img-src" not in directives
    assert_permissions_policy(response)


def test_the_api_answers_with_the_strict_policy(client):
    response = client.get(PRACTICES_API)
    assert response["Content-Type"] == "application/json"
    assert_strict_policy(response)
    assert_permissions_policy(response)


def test_the_browsable_api_may_apply_inline_styles_and_nothing_more(client):
    response = client.get(PRACTICES_API, HTTP_ACCEPT="text/html")
    assert response["Content-Type"].startswith("text/html")
    directives = assert_strict_policy(response)
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "img-src" not in directives


def test_the_api_docs_page_may_show_data_images_and_nothing_more(client):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    directives = assert_strict_policy(response)
    # Swagger UI's stylesheet draws its icons as data: SVG images.
    assert directives["img-src"] == ["'self'", "data:"]
    assert "style-src" not in directives
    assert_permissions_policy(response)


def test_alices_pages_are_not_stored(client, alice):
    login(client, alice)
    for url in (HOME, reverse("core:profile")):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url


def test_a_visitors_public_page_may_be_stored(client):
    response = client.get(HOME)
    assert "no-store" not in response.get("Cache-Control", "")


def test_api_answers_to_alices_session_and_token_are_not_stored(client, alice):
    assert "no-store" not in client.get(PRACTICES_API).get("Cache-Control", "")
    _token, key = create_token(user=alice)
    response = client.get(PRACTICES_API, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    login(client, alice)
    assert "no-store" in client.get(PRACTICES_API)["Cache-Control"]
