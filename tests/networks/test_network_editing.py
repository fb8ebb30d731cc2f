"""Creating and editing a network on its pages: editors create networks, editors and the
network's own coordinators edit them, and a refusal keeps everything typed."""

import pytest
from django.urls import reverse
from pghistory.models import Events

from core.models import Notification
from networks.models import Network
from networks.services import networks as services
from tests.conftest import login
from tests.networks.factories import NetworkCoordinatorFactory, NetworkFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("networks:create")


def form_data(**overrides):
    data = {
        "name": "Gulf of Aden Network",
        "slug": "gulf-of-aden",
        "description": "Societies along the Eastern route.",
        "kind": "regional",
        "regions": ["africa", "mena"],
        "host_society": "",
        "name_fr": "Réseau du golfe d'Aden",
        "description_fr": "",
        "name_es": "",
        "description_es": "",
        "name_ar": "شبكة خليج عدن",
        "description_ar": "",
    }
    data.update(overrides)
    return data


def edit_url(network):
    return reverse("networks:edit", args=[network.slug])


def test_edith_creates_a_network_from_the_page_linked_from_the_list(client, edith, society_b):
    login(client, edith)
    assert CREATE in client.get(reverse("networks:list")).content.decode()
    assert client.get(CREATE).status_code == 200

    response = client.post(CREATE, form_data(host_society=society_b.pk))

    network = Network.objects.get(slug="gulf-of-aden")
    assert response.status_code == 302 and response.url == network.get_absolute_url()
    assert network.regions == ["africa", "mena"]
    assert network.host_society == society_b
    assert network.translations == {
        "fr": {"name": "Réseau du golfe d'Aden"},
        "ar": {"name": "شبكة خليج عدن"},
    }
    assert network.localized("name", "ar") == "شبكة خليج عدن"


def test_a_visitor_sees_no_link_to_create_a_network(client, network):
    assert CREATE not in client.get(reverse("networks:list")).content.decode()


def test_fiona_a_focal_point_cannot_create_a_network(client, fiona):
    login(client, fiona)
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, form_data()).status_code == 403
    assert not Network.objects.filter(slug="gulf-of-aden").exists()


def test_nadia_cannot_create_a_network_though_she_coordinates_one(client, nadia, network):
    login(client, nadia)
    assert client.post(CREATE, form_data()).status_code == 403


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"slug": "mediterranean"}, "slug", "Another network has this slug"),
        ({"slug": "new"}, "slug", "is kept for the site"),
        ({"regions": ["europe", "atlantis"]}, "regions", "atlantis is not one of"),
        ({"description": "Nul\x00byte"}, "description", "Null characters are not allowed."),
        ({"name_fr": "Nul\x00"}, "name_fr", "Null characters are not allowed."),
    ],
)
def test_edith_sees_what_is_wrong_beside_the_field_and_keeps_what_she_typed(
    client, edith, network, overrides, field, message
):
    login(client, edith)
    response = client.post(CREATE, form_data(**overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    page = response.content.decode()
    assert "The network is not saved yet" in page
    assert f'href="#id_{field}"' in page
    assert "Societies along the Eastern route." in page or field == "description"
    assert "شبكة خليج عدن" in page
    assert Network.objects.count() == 1


def test_the_service_refuses_an_unknown_region_code_and_a_taken_slug_on_their_fields(
    edith, network
):
    with pytest.raises(services.ValidationError) as refusal:
        services.create_network(
            actor=edith,
            data={"name": "X", "slug": network.slug, "kind": "regional", "regions": ["atlantis"]},
        )
    assert set(refusal.value.message_dict) == {"slug", "regions"}


def test_nadia_edits_her_network_from_its_page_and_the_slug_stays(client, nadia, network):
    login(client, nadia)
    page = client.get(network.get_absolute_url()).content.decode()
    assert edit_url(network) in page
    assert (
        edit_url(network)
        in client.get(reverse("networks:manage", args=[network.slug])).content.decode()
    )
    response = client.get(edit_url(network))
    assert response.status_code == 200
    assert 'name="slug"' not in response.content.decode()

    response = client.post(
        edit_url(network),
        form_data(name="Mediterranean and Atlantic Network", slug="changed", kind="thematic"),
    )

    assert response.status_code == 302
    network.refresh_from_db()
    assert network.name == "Mediterranean and Atlantic Network"
    assert network.kind == "thematic"
    assert network.slug == "mediterranean"


def test_nadias_edit_form_opens_with_what_the_network_says_now(client, nadia, network):
    network.description = "Societies of the Mediterranean."
    network.save()
    login(client, nadia)

    form = client.get(edit_url(network)).context["form"]

    assert form["name"].value() == network.name
    assert form["description"].value() == "Societies of the Mediterranean."
    assert form["kind"].value() == network.kind
    assert list(form["regions"].value()) == list(network.regions)


def test_nadia_cannot_edit_a_network_she_does_not_coordinate(client, nadia, network):
    other = NetworkFactory(slug="sahel", name="Sahel Network")
    login(client, nadia)
    assert client.get(edit_url(other)).status_code == 403
    assert client.post(edit_url(other), form_data()).status_code == 403
    other.refresh_from_db()
    assert other.name == "Sahel Network"


def test_alice_a_member_society_s_member_cannot_edit_the_network(client, alice, network):
    login(client, alice)
    assert client.get(edit_url(network)).status_code == 403
    assert edit_url(network) not in client.get(network.get_absolute_url()).content.decode()


def test_an_edit_with_a_missing_english_name_keeps_the_rest(client, nadia, network):
    login(client, nadia)
    response = client.post(edit_url(network), form_data(name="", description="Kept text"))
    assert response.status_code == 400
    assert "Kept text" in response.content.decode()
    network.refresh_from_db()
    assert network.name == "Mediterranean Migration Network"


def test_the_history_says_who_created_and_who_edited_the_network(client, edith, nadia, network):
    created = services.create_network(
        actor=edith, data={"name": "Sahel Network", "kind": "regional", "regions": ["africa"]}
    )
    assert created.slug == "sahel-network"
    services.update_network(network=network, actor=nadia, data={"description": "New words."})
    login(client, edith)
    page = client.get(reverse("networks:history", args=[network.slug])).content.decode()
    assert "Network edited" in page and "Nadia" in page
    page = client.get(reverse("networks:history", args=[created.slug])).content.decode()
    assert "Network created" in page and "Edith" in page


def test_the_other_coordinators_are_told_of_an_edit_but_not_who_made_it(nadia, network, alice):
    NetworkCoordinatorFactory(network=network, user=alice)
    services.update_network(network=network, actor=nadia, data={"regions": ["europe"]})
    told = Notification.objects.filter(kind="network-edited")
    assert [row.recipient for row in told] == [alice]
    assert "Mediterranean Migration Network was edited" in told.get().subject


def test_an_edit_that_changes_nothing_tells_nobody_and_keeps_no_entry(nadia, network, alice):
    NetworkCoordinatorFactory(network=network, user=alice)
    entries = Events.objects.references(network).count()
    services.update_network(network=network, actor=nadia, data={"name": network.name})
    assert Events.objects.references(network).count() == entries
    assert not Notification.objects.filter(kind="network-edited").exists()
