"""Editors name translating societies on a page; the guideline's history is theirs to read."""

import pytest
from django.urls import reverse

from advocacy.models import Translator
from advocacy.services import guidelines as services
from advocacy.services import translations
from tests.advocacy.factories import publish_through_services
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_edith_names_society_a_to_translate_into_french_and_removes_it(client, edith, society_a):
    login(client, edith)
    url = reverse("advocacy:translators")
    response = client.post(url, {"society": society_a.pk, "language": "fr"})
    assert response.status_code == 302
    translator = Translator.objects.get()
    assert (translator.society, translator.language, translator.named_by) == (
        society_a,
        "fr",
        edith,
    )
    assert society_a.name in client.get(url).content.decode()
    client.post(reverse("advocacy:translator_remove", args=[translator.pk]))
    assert not Translator.objects.exists()


def test_a_bad_language_is_shown_again_with_the_society_chosen(client, edith, society_a):
    login(client, edith)
    response = client.post(
        reverse("advocacy:translators"), {"society": society_a.pk, "language": "it"}
    )
    assert response.status_code == 400
    assert f'<option value="{society_a.pk}" selected>' in response.content.decode()


def test_fiona_cannot_name_her_own_society_a_translator(client, fiona, edith, society_a):
    login(client, fiona)
    response = client.post(
        reverse("advocacy:translators"), {"society": society_a.pk, "language": "fr"}
    )
    assert response.status_code == 403
    translator = translations.name_translator(society=society_a, language="es", actor=edith)
    response = client.post(reverse("advocacy:translator_remove", args=[translator.pk]))
    assert response.status_code == 403
    assert list(Translator.objects.all()) == [translator]


def test_edith_reads_the_history_of_a_guideline_and_alice_cannot(client, edith, alice):
    guideline = services.create_guideline(actor=edith, data={"title": "Access"})
    publish_through_services(guideline, edith, {"asks": ("Asks", "Access.")})
    url = reverse("advocacy:history", args=[guideline.slug])
    login(client, alice)
    assert client.get(url).status_code == 403
    login(client, edith)
    page = client.get(url).content.decode()
    assert "Published" in page and "Version started" in page


def test_a_guideline_cannot_take_an_address_the_pages_use(edith):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.create_guideline(actor=edith, data={"title": "Translators"})
    assert "slug" in refused.value.message_dict
