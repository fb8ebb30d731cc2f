"""Cross-national responses for tests, made through the services as a society would."""

from networks.models import Response, ResponseStatus
from networks.services import responses as services


def response_data(**overrides) -> dict:
    data = {
        "title": "Restoring family links along the Central Mediterranean",
        "summary": "Italian and Greek Red Cross teams trace families separated at sea.",
        "objectives": "- Trace **families** at each landing\n- Hand over cases between societies",
        "level": "regional",
        "countries": ["ITA", "GRC"],
        "steps": ["arrival", "across-the-trail"],
        "support_types": ["protection"],
        "principles": ["P4", "P7"],
        "visibility": "public",
        "contact_email": "rfl@example.org",
    }
    data.update(overrides)
    return data


def make_response(focal_point, society, *, status=ResponseStatus.PROPOSED, editor=None, **data):
    """A response `society` leads, proposed by `focal_point` and, from active on, endorsed by
    `editor`."""
    response = services.propose_response(
        actor=focal_point, society=society, data=response_data(**data)
    )
    if status in (ResponseStatus.ACTIVE, ResponseStatus.CLOSED):
        services.endorse_response(response=response, actor=editor)
    if status == ResponseStatus.CLOSED:
        services.close_response(response=response, actor=editor)
    if status == ResponseStatus.DECLINED:
        services.decline_response(response=response, actor=editor, note="Not this year.")
    return Response.objects.get(pk=response.pk)
