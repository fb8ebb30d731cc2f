import pytest
from django.urls import reverse

from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_visitor_sees_the_home_page_with_regions(client):
    page = client.get(reverse("core:home")).content.decode()
    assert 'dir="ltr"' in page
    assert "Sub-Saharan Africa" in page
    assert 'href="/regions/europe/"' in page


def test_arabic_pages_render_right_to_left(client):
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    page = client.get(reverse("core:home")).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "أوروبا" in page  # "Europe", from the Arabic catalogue


def test_every_language_switches_the_interface(client):
    for code, word in [("fr", "Régions"), ("es", "Regiones"), ("ar", "المناطق")]:
        page = client.get(reverse("core:home"), headers={"Accept-Language": code})
        assert word in page.content.decode(), code


def test_society_page_shows_country_region_and_members(client, alice):
    page = client.get(reverse("core:society_detail", args=["italian-red-cross"])).content.decode()
    assert "Italian Red Cross" in page
    assert "ITA" in page
    assert 'href="/regions/europe/"' in page


def test_region_page_lists_its_societies(client):
    page = client.get(reverse("core:region_detail", args=["mena"])).content.decode()
    assert "Lebanese Red Cross" in page
    assert "Kenya Red Cross" not in page


def test_society_list_filters_by_region_and_name(client):
    page = client.get(reverse("core:society_list"), {"region": "africa", "q": "kenya"})
    assert "Kenya Red Cross Society" in page.content.decode()
    assert "Italian Red Cross" not in page.content.decode()


def test_unknown_page_is_a_friendly_404(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_profile_requires_login(client):
    response = client.get(reverse("core:profile"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_every_form_field_on_the_sign_up_page_has_a_label(client):
    page = client.get(reverse("account_signup")).content.decode()
    for field in ["id_email", "id_password1", "id_password2", "id_full_name", "id_society"]:
        assert f'for="{field}"' in page, field


def test_edith_without_two_factor_is_sent_to_set_it_up(client, db):
    from django.conf import settings as django_settings
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    user = UserFactory(email="new-editor@example.org")
    user.groups.add(Group.objects.get(name=django_settings.EDITORS_GROUP))
    login(client, user)
    response = client.get(reverse("core:profile"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("api:me")).status_code == 403


def test_edith_with_two_factor_uses_the_site(client, edith):
    login(client, edith)
    assert client.get(reverse("core:profile")).status_code == 200
