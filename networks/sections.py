"""What the networks app adds to core's society page (see core.sections)."""

from networks.models import Network


def society(request, society):
    networks = list(
        Network.objects.visible_to(request.user).filter(members__society=society).order_by("name")
    )
    return "networks/includes/society_section.html", {"networks": networks, "society": society}
