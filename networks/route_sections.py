"""What routes and offers add to other pages (see core.sections): a network's page lists its
routes; a society's page links to its support offers."""

from networks.models import Route, SupportOffer


def network_routes(request, network):
    routes = list(Route.objects.visible_to(request.user).filter(networks=network).order_by("name"))
    if not routes:
        return None
    return "networks/includes/network_routes.html", {"routes": routes}


def society_offers(request, society):
    count = SupportOffer.objects.visible_to(request.user).filter(society=society).count()
    if not count:
        return None
    return "networks/includes/society_offers.html", {"society": society, "offer_count": count}
