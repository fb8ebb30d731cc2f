"""Support offer pages. Every lookup starts from SupportOffer.objects.visible_to(user), so what
a reader may not see is a 404; every write goes through networks.services.offers; contacts are
shown as networks.permissions.offer_contacts allows."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from core.history import history_view
from core.models import NationalSociety, user_is_editor
from core.permissions import societies_acted_for, society_acted_for
from networks import permissions
from networks.models import OfferStatus, SupportOffer
from networks.route_filters import OfferFilter, offer_facets
from networks.route_forms import OfferForm
from networks.services import offers as services

PAGE_SIZE = 25


def with_contacts(offers, user):
    """Each offer with `contacts`, as `user` may see them (the one rule, per offer)."""
    for offer in offers:
        offer.contacts = permissions.offer_contacts(user, offer)
        offer.contacts_hidden = not permissions.can_see_offer_contacts(user, offer)
    return offers


def offer_list(request):
    params = request.GET
    offers = SupportOffer.objects.visible_to(request.user).for_listing()
    offer_filter = OfferFilter(params, queryset=offers, request=request)
    context = {"filter_form": offer_filter.form, "params": params, "page": None}
    query = params.copy()
    query.pop("page", None)
    api = reverse("api:offer-list")
    exports = [(name, values) for name, values in query.lists() if name not in ("format", "hxl")]
    context["csv_url"] = f"{api}?{urlencode([*exports, ('format', 'csv')], doseq=True)}"
    context["hxl_url"] = context["csv_url"] + "&hxl=1"
    context["hsds_url"] = f"{api}?{urlencode([*exports, ('format', 'hsds')], doseq=True)}"
    context["can_add"] = permissions.can_create_offer(request.user)
    if not offer_filter.is_valid():
        return render(request, "networks/offer_list.html", context, status=400)
    results = offer_filter.qs
    total, facets = offer_facets(results)
    for name, values in facets.items():
        chosen = set(params.getlist(name))
        for value in values:
            value["selected"] = value["value"] in chosen
    paginator = Paginator(results, PAGE_SIZE)
    paginator.count = total  # counted with the facets: no second COUNT(*)
    page = paginator.get_page(params.get("page"))
    page.object_list = with_contacts(list(page.object_list), request.user)
    context.update(page=page, total=total, facets=facets, page_query=query.urlencode())
    return render(request, "networks/offer_list.html", context)


def offer_detail(request, pk):
    offer = get_object_or_404(SupportOffer.objects.visible_to(request.user).for_listing(), pk=pk)
    can_edit = permissions.can_edit_offer(request.user, offer)
    context = {
        "offer": offer,
        "description": offer.localized("description"),
        "contacts": permissions.offer_contacts(request.user, offer),
        "contacts_hidden": not permissions.can_see_offer_contacts(request.user, offer),
        "can_edit": can_edit,
        "statuses": [
            (value, label) for value, label in OfferStatus.choices if value != offer.status
        ]
        if can_edit
        else [],
    }
    return render(request, "networks/offer_detail.html", context)


def _societies_for_form(user):
    if user_is_editor(user):
        return list(NationalSociety.objects.order_by_label())
    return list(societies_acted_for(user))


def _render_form(request, form, offer):
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "networks/offer_form.html", {"form": form, "offer": offer}, status=status
    )


@login_required
def offer_create(request):
    user = request.user
    if not permissions.can_create_offer(user):
        raise PermissionDenied(
            _("Only approved members of a National Society and IFRC editors add offers.")
        )
    societies = _societies_for_form(user)
    form = OfferForm(request.POST or None, societies=societies)
    if request.method == "POST" and form.is_valid():
        try:
            society = society_acted_for(
                user,
                form.cleaned_data.get("society"),
                which=_("Choose the National Society."),
                editors_choose=True,
            )
            offer = services.create_offer(actor=user, society=society, data=form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The offer is saved."))
            return redirect(offer)
    return _render_form(request, form, None)


@login_required
def offer_edit(request, pk):
    offer = get_object_or_404(SupportOffer.objects.visible_to(request.user).for_listing(), pk=pk)
    if not permissions.can_edit_offer(request.user, offer):
        raise PermissionDenied(_("You can only change the offers of your own National Society."))
    form = OfferForm(request.POST or None, offer=offer)
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.update_offer(offer=offer, actor=request.user, data=form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The offer is saved."))
            return redirect(offer)
    return _render_form(request, form, offer)


@login_required
@require_POST
def offer_confirm(request, pk):
    offer = get_object_or_404(SupportOffer.objects.visible_to(request.user), pk=pk)
    services.confirm_offer(offer=offer, actor=request.user)
    messages.success(request, _("Thank you: the offer is confirmed as still accurate."))
    return redirect(offer)


@login_required
@require_POST
def offer_status(request, pk):
    offer = get_object_or_404(SupportOffer.objects.visible_to(request.user), pk=pk)
    try:
        offer = services.change_offer_status(
            offer=offer, actor=request.user, status=request.POST.get("status", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The offer is now: %(status)s.") % {"status": offer.get_status_display()}
        )
    return redirect(offer)


HISTORY_ACTIONS = {
    "create": gettext_lazy("Added"),
    "edit": gettext_lazy("Edited"),
    "confirm": gettext_lazy("Confirmed as still accurate"),
    f"status:{OfferStatus.ACTIVE}": gettext_lazy("Open again"),
    f"status:{OfferStatus.TEMPORARILY_CLOSED}": gettext_lazy("Temporarily closed"),
    f"status:{OfferStatus.ENDED}": gettext_lazy("Ended"),
}

# Those who edit an offer (its society's members and focal points, the editors) read how it
# came to say what it says; its readers see only what it says now.
offer_history = history_view(
    SupportOffer,
    queryset=SupportOffer.objects.visible_to,
    may_see=permissions.can_edit_offer,
    refusal=gettext_lazy("The history of an offer is for its society and the IFRC editors."),
    actions=HISTORY_ACTIONS,
)
