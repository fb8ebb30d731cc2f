"""The demo responses: one proposed by a focal point, one regional response endorsed and
joined, one global response the Secretariat leads, with participants and updates."""

import pytest

from core import demo as core_demo
from networks.demo_responses import load_responses_demo
from networks.models import ParticipantStatus, Response

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_three_kinds_of_response_and_loads_once():
    core_demo.load()
    lines = load_responses_demo()
    assert "Demo cross-national responses" in lines[0]
    responses = {response.level: response for response in Response.objects.all()}
    assert Response.objects.filter(is_demo=True).count() == 3
    proposed = Response.objects.get(status="proposed")
    assert proposed.lead_society.country_id == "COL"
    regional = Response.objects.get(level="regional", status="active")
    assert regional.participants.filter(status=ParticipantStatus.ACCEPTED).count() == 2
    assert regional.updates.count() == 2
    secretariat_led = responses["global"]
    assert secretariat_led.lead_society.kind == "secretariat"
    assert secretariat_led.participants.filter(status=ParticipantStatus.ACCEPTED).count() == 3
    assert secretariat_led.participants.filter(status=ParticipantStatus.INVITED).count() == 1
    assert secretariat_led.updates.filter(people_reached__isnull=False).count() == 2
    assert secretariat_led.translations["ar"]["title"]
    assert load_responses_demo() == ["Demo responses are there already; none added."]
    assert Response.objects.count() == 3
