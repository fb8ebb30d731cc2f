"""Route pages: the list, and the create and edit pages of editors and coordinators. The trail
view of a route is its own page (networks:route-trail). Writes go through
networks.services.routes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.forms import add_service_errors
from core.models import user_is_editor
from networks import permissions
from networks.models import Network, Route
from networks.route_forms import RouteForm, StopFormSet, stops_data
from networks.services import routes as services


def route_list(request):
    routes = (
        Route.objects.visible_to(request.user)
        .for_listing()
        .annotate(stop_count=Count("stops", distinct=True))
    )
    editable = set(permissions.routes_editable_by(request.user).values_list("pk", flat=True))
    context = {
        "routes": routes,
        "editable": editable,
        "can_create": permissions.can_create_route(request.user),
    }
    return render(request, "networks/route_list.html", context)


def _networks_for(user):
    if user_is_editor(user):
        return Network.objects.all()
    return Network.objects.coordinated_by(user)


def _route_form(request, route):
    networks = _networks_for(request.user)
    if route is not None:
        # A coordinator keeps a route's other networks in view, though only theirs can be added.
        networks = Network.objects.filter(pk__in=networks.values("pk")) | route.networks.all()
    data = request.POST if request.method == "POST" else None
    form = RouteForm(data, route=route, networks=networks.distinct())
    initial = (
        [{"country": stop.country_id, "steps": stop.steps} for stop in route.stops.all()]
        if route is not None
        else []
    )
    formset = StopFormSet(data, initial=initial, prefix="stops")
    return form, formset


def _save_route(request, route):
    form, formset = _route_form(request, route)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = {**form.service_data(), "stops": stops_data(formset)}
        try:
            if route is None:
                route = services.create_route(actor=request.user, data=data)
            else:
                route = services.update_route(route=route, actor=request.user, data=data)
        except ValidationError as error:
            # The stops' messages name their stop, at the top of the form.
            add_service_errors(form, error)
        else:
            messages.success(request, _("The route is saved."))
            return redirect("networks:route-trail", slug=route.slug)
    status = 400 if form.is_bound and (form.errors or formset.errors) else 200
    context = {"form": form, "formset": formset, "route": route}
    return render(request, "networks/route_form.html", context, status=status)


@login_required
def route_create(request):
    if not permissions.can_create_route(request.user):
        raise PermissionDenied(_("Only IFRC editors and network coordinators create routes."))
    return _save_route(request, None)


@login_required
def route_edit(request, slug):
    route = get_object_or_404(Route.objects.visible_to(request.user), slug=slug)
    if not permissions.can_edit_route(request.user, route):
        raise PermissionDenied(
            _("Only IFRC editors and the coordinators of a linked network edit this route.")
        )
    return _save_route(request, route)
