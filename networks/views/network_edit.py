"""The pages that describe a network: editors create one (/networks/new/); editors and its
coordinators edit it (/networks/<slug>/edit/). Writes go through networks.services.networks;
a refusal re-shows the form as typed, with its messages beside the fields (400)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.forms import add_service_errors
from networks import permissions
from networks.models import Network
from networks.network_forms import NetworkForm
from networks.services import networks as services


def _save_network(request, network):
    data = request.POST if request.method == "POST" else None
    form = NetworkForm(data, network=network)
    if request.method == "POST" and form.is_valid():
        try:
            if network is None:
                network = services.create_network(actor=request.user, data=form.service_data())
            else:
                network = services.update_network(
                    network=network, actor=request.user, data=form.service_data()
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The network is saved."))
            return redirect(network)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "network": network}
    return render(request, "networks/network_form.html", context, status=status)


@login_required
def network_create(request):
    if not permissions.can_create_network(request.user):
        raise PermissionDenied(_("Only IFRC editors create networks."))
    return _save_network(request, None)


@login_required
def network_edit(request, slug):
    network = get_object_or_404(
        Network.objects.visible_to(request.user).select_related("host_society"), slug=slug
    )
    if not permissions.can_edit_network(request.user, network):
        raise PermissionDenied(
            _("Only the network's coordinators and IFRC editors edit this network.")
        )
    return _save_network(request, network)
