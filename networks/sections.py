"""What the networks app adds to core's society page (see core.sections)."""

from django.db.models import Q

from networks.models import Network, ParticipantStatus, Response, ResponseStatus


def society(request, society):
    networks = list(
        Network.objects.visible_to(request.user).filter(members__society=society).order_by("name")
    )
    return "networks/includes/society_section.html", {"networks": networks, "society": society}


# --- Cross-national responses ---------------------------------------------------------------------
# What cross-national responses add to the home, society and network pages (core.sections):
# each lists the responses its reader may see, newest first, through Response.objects.visible_to.


SECTION_SIZE = 6


def _responses(request):
    return Response.objects.visible_to(request.user).for_listing().order_by("-created_at", "-id")


def home_responses(request):
    responses = list(_responses(request).filter(status=ResponseStatus.ACTIVE)[:SECTION_SIZE])
    if not responses:
        return None
    return "networks/includes/responses_section.html", {
        "responses": responses,
        "heading_id": "home-responses-heading",
        "more_query": "status=active",
    }


def society_responses(request, society):
    """The responses a society leads or takes part in."""
    taking_part = Q(participants__society=society, participants__status=ParticipantStatus.ACCEPTED)
    responses = list(_responses(request).filter(taking_part)[:SECTION_SIZE])
    return "networks/includes/responses_section.html", {
        "responses": responses,
        "heading_id": "society-responses-heading",
        "more_query": f"society={society.slug}",
        "empty": True,
    }


def network_responses(request, network):
    responses = list(_responses(request).filter(network=network)[:SECTION_SIZE])
    return "networks/includes/responses_section.html", {
        "responses": responses,
        "heading_id": "network-responses-heading",
        "more_query": f"network={network.slug}",
        "empty": True,
    }
