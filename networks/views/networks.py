"""The network pages: the list, a network's page (with its members' side: ask to join, answer
an invitation, leave), the manage page of its coordinators and the editors, and its history.

Every write is a POST to one of the views below that calls one networks.services function; a
refusal for what was typed re-shows the page with the form as typed and its messages (400).
"""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from core.history import history_view
from core.models import NationalSociety
from core.permissions import focal_point_societies, require_editor
from core.sections import render_sections
from networks.filters import NetworkFilter, facet_counts
from networks.forms import AnswerForm, AppointForm, InviteForm, JoinForm
from networks.models import Network, NetworkCoordinator, NetworkMember, NetworkRequest
from networks.permissions import (
    can_appoint_coordinators,
    can_create_network,
    can_manage_network,
)
from networks.services import networks as services
from networks.workflow import NETWORK_REQUEST_WORKFLOW
from practices.models import Practice

PAGE_SIZE = 20
NEWEST_PRACTICES = 6
ANSWERED_SHOWN = 20


def network_list(request):
    network_filter = NetworkFilter(request.GET, queryset=Network.objects.visible_to(request.user))
    context = {
        "filter_form": network_filter.form,
        "kinds": Network.Kind.choices,
        "can_create": can_create_network(request.user),
    }
    if not network_filter.is_valid():
        context.update(page=None, facets={}, total=0)
        return render(request, "networks/network_list.html", context, status=400)
    networks = (
        network_filter.qs.select_related("host_society")
        .annotate(member_count=Count("members"))
        .order_by("name")
    )
    total, facets = facet_counts(network_filter.qs)
    page_query = request.GET.copy()
    page_query.pop("page", None)
    context.update(
        page=Paginator(networks, PAGE_SIZE).get_page(request.GET.get("page")),
        facets=facets,
        total=total,
        page_query=page_query.urlencode(),
    )
    return render(request, "networks/network_list.html", context)


def _network_for_page(user, slug) -> Network:
    members = NetworkMember.objects.select_related("society__country", "society__region")
    return get_object_or_404(
        Network.objects.visible_to(user)
        .select_related("host_society")
        .prefetch_related(
            Prefetch("members", queryset=members),
            Prefetch("coordinators", queryset=NetworkCoordinator.objects.select_related("user")),
        ),
        slug=slug,
    )


def _members_by_region(network: Network) -> list[tuple]:
    """(region, [member, ...]) in the regions' order, the societies by name within each."""

    def region_key(member):
        region = member.society.region
        return (region.position, region.code) if region else (999, "")

    members = sorted(network.members.all(), key=lambda m: (region_key(m), m.society.label))
    return [
        (group[0].society.region, group)
        for _key, rows in groupby(members, key=region_key)
        if (group := list(rows))
    ]


def _with_steps(requests, network, user) -> list[NetworkRequest]:
    """The requests, each with the steps `user` may take on it (the workflow's answer); they
    read the page's network, whose coordinators are prefetched."""
    for network_request in requests:
        network_request.network = network
        network_request.steps = NETWORK_REQUEST_WORKFLOW.available(network_request, user)
    return requests


def _society_side(request, network: Network, join_form=None) -> dict:
    """What the reader's societies (where they are a focal point) may do in this network."""
    user = request.user
    if not user.is_authenticated:
        return {}
    societies = list(focal_point_societies(user).select_related("country"))
    if not societies:
        return {}
    member_ids = {member.society_id for member in network.members.all()}
    pending = _with_steps(
        list(
            network.requests.pending()
            .filter(society__in=societies)
            .select_related("society", "created_by")
        ),
        network,
        user,
    )
    waiting = {network_request.society_id for network_request in pending}
    may_ask = [s for s in societies if s.pk not in member_ids and s.pk not in waiting]
    if join_form is None and may_ask:
        join_form = JoinForm(user=user, network=network)
    return {
        "own_pending": pending,
        "join_form": join_form if may_ask or join_form is not None else None,
        "may_leave": [s for s in societies if s.pk in member_ids],
    }


def network_detail(request, slug, *, join_form=None, status=200):
    network = _network_for_page(request.user, slug)
    member_society_ids = [member.society_id for member in network.members.all()]
    practices = (
        Practice.objects.visible_to(request.user)
        .published()
        .filter(society_id__in=member_society_ids)
        .for_listing()
        .order_by("-published_at", "-id")[:NEWEST_PRACTICES]
    )
    context = {
        "network": network,
        "members_by_region": _members_by_region(network),
        "coordinators": list(network.coordinators.all()),
        "practices": list(practices) if member_society_ids else [],
        "can_manage": can_manage_network(request.user, network),
        "sections": render_sections("network", request, network=network),
        **_society_side(request, network, join_form),
    }
    return render(request, "networks/network_detail.html", context, status=status)


@login_required
def network_manage(request, slug, *, forms=None, status=200):
    network = _network_for_page(request.user, slug)
    if not can_manage_network(request.user, network):
        raise_not_manager()
    forms = forms or {}
    pending = _with_steps(
        list(network.requests.pending().select_related("society", "created_by")),
        network,
        request.user,
    )
    for network_request in pending:
        network_request.answer_form = forms.get(("answer", network_request.pk)) or AnswerForm(
            prefix=f"request-{network_request.pk}"
        )
    answered = (
        network.requests.exclude(status=NetworkRequest.Status.PENDING)
        .select_related("society", "decided_by")
        .order_by("-decided_at", "-id")[:ANSWERED_SHOWN]
    )
    may_appoint = can_appoint_coordinators(request.user)
    context = {
        "network": network,
        "requests": [r for r in pending if r.kind == NetworkRequest.Kind.REQUEST],
        "invitations": [r for r in pending if r.kind == NetworkRequest.Kind.INVITATION],
        "answered": list(answered),
        "members_by_region": _members_by_region(network),
        "coordinators": list(network.coordinators.all()),
        "invite_form": forms.get("invite") or InviteForm(network=network),
        "appoint_form": (forms.get("appoint") or AppointForm()) if may_appoint else None,
    }
    return render(request, "networks/network_manage.html", context, status=status)


def raise_not_manager():
    raise PermissionDenied(_("Only the network's coordinators and IFRC editors manage it."))


def _network(request, slug) -> Network:
    return get_object_or_404(Network.objects.visible_to(request.user), slug=slug)


@login_required
@require_POST
def network_join(request, slug):
    network = _network(request, slug)
    form = JoinForm(request.POST, user=request.user, network=network)
    if form.is_valid():
        try:
            services.request_to_join(
                network=network,
                society=form.cleaned_data["society"],
                actor=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The request is sent. The network's coordinators are told.")
            )
            return redirect(network)
    return network_detail(request, slug, join_form=form, status=400)


@login_required
@require_POST
def network_leave(request, slug):
    network = _network(request, slug)
    society = get_object_or_404(NationalSociety, slug=request.POST.get("society", ""))
    try:
        services.leave_network(network=network, society=society, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(society)s is no longer a member of this network.") % {"society": society.label},
        )
    return redirect(network)


STEP_MESSAGES = {
    "approve": gettext_lazy("The request is approved: the society is now a member."),
    "decline": gettext_lazy("The answer is sent."),
    "accept": gettext_lazy("The invitation is accepted: your society is now a member."),
    "withdraw": gettext_lazy("It is withdrawn."),
}


@login_required
@require_POST
def network_request_step(request, slug, pk, action):
    network = _network(request, slug)
    if action not in NETWORK_REQUEST_WORKFLOW.names:
        raise Http404
    network_request = get_object_or_404(
        NetworkRequest.objects.visible_to(request.user).filter(network=network), pk=pk
    )
    form = AnswerForm(request.POST, prefix=f"request-{pk}")
    managing = can_manage_network(request.user, network)
    if form.is_valid():
        try:
            services.answer(
                network_request=network_request,
                actor=request.user,
                action=action,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            if "status" in getattr(error, "message_dict", {}):
                # Where it stands, not what was typed: said on the page it came from.
                messages.error(request, " ".join(error.messages))
                return redirect("networks:manage" if managing else "networks:detail", slug)
        else:
            messages.success(request, str(STEP_MESSAGES[action]))
            return redirect("networks:manage" if managing else "networks:detail", slug)
    if managing:
        return network_manage(request, slug, forms={("answer", pk): form}, status=400)
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(network)


@login_required
@require_POST
def network_invite(request, slug):
    network = _network(request, slug)
    form = InviteForm(request.POST, network=network)
    if form.is_valid():
        try:
            services.invite_society(
                network=network,
                society=form.cleaned_data["society"],
                actor=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The invitation is sent to the society's focal points."))
            return redirect("networks:manage", slug)
    if not can_manage_network(request.user, network):
        raise_not_manager()
    return network_manage(request, slug, forms={"invite": form}, status=400)


@login_required
@require_POST
def network_member_remove(request, slug, society_slug):
    network = _network(request, slug)
    society = get_object_or_404(NationalSociety, slug=society_slug)
    try:
        services.remove_member(network=network, society=society, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(society)s is removed from the network.") % {"society": society.label}
        )
    return redirect("networks:manage", slug)


@login_required
@require_POST
def coordinator_appoint(request, slug):
    network = _network(request, slug)
    form = AppointForm(request.POST)
    if form.is_valid():
        try:
            services.appoint_coordinator(network=network, user=form.user, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s now coordinates this network.")
                % {"person": form.user.get_full_name()},
            )
            return redirect("networks:manage", slug)
    if not can_appoint_coordinators(request.user):
        require_editor(request.user)
    return network_manage(request, slug, forms={"appoint": form}, status=400)


@login_required
@require_POST
def coordinator_remove(request, slug, pk):
    network = _network(request, slug)
    coordinator = get_object_or_404(network.coordinators.select_related("user"), pk=pk)
    services.remove_coordinator(coordinator=coordinator, actor=request.user)
    messages.success(
        request,
        _("%(person)s no longer coordinates this network.")
        % {"person": coordinator.user.get_full_name()},
    )
    return redirect("networks:manage", slug)


network_history = history_view(
    Network,
    queryset=Network.objects.visible_to,
    may_see=can_manage_network,
    refusal=gettext_lazy("The history of a network is for its coordinators and the IFRC editors."),
    related=True,
    lookup="slug",
    actions={
        "request": gettext_lazy("Asked to join"),
        "invitation": gettext_lazy("Invited"),
        "approve": gettext_lazy("Request approved"),
        "decline": gettext_lazy("Declined"),
        "accept": gettext_lazy("Invitation accepted"),
        "withdraw": gettext_lazy("Withdrawn"),
        "leave": gettext_lazy("Left the network"),
        "remove": gettext_lazy("Removed from the network"),
        "create": gettext_lazy("Network created"),
        "edit": gettext_lazy("Network edited"),
        "appoint": gettext_lazy("Coordinator appointed"),
        "unappoint": gettext_lazy("Coordinator removed"),
    },
)
