"""The trail of a route: its page, its printable card (and PDF), and its exports. Each reads
networks.trail.build_trail for the reader, so every output shows the same offers, with the
contacts the reader may see."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core import versions
from core.models import user_is_editor
from core.translations import active_language
from networks import permissions
from networks.models import Route
from networks.services import trail as services
from networks.trail import TrailFilterForm, build_trail, cached_trail
from networks.trail_exports import EXPORT_FORMATS, trail_export

TRAIL_TEMPLATE = "networks/trail_detail.html"
TRAIL_BODY_TEMPLATE = "networks/includes/trail_body.html"
TRAIL_FILTERS_TEMPLATE = "networks/includes/trail_filters.html"
CARD_TEMPLATE = "networks/trail_card.html"


def _route(request, slug) -> Route:
    return get_object_or_404(Route.objects.visible_to(request.user), slug=slug)


def _filtered_trail(request, route):
    """The trail and its filter form; unknown codes leave the trail unfiltered and the form
    says why (the page then answers 400)."""
    form = TrailFilterForm(request.GET)
    valid = form.is_valid()
    trail = build_trail(route, user=request.user, filters=form.filters() if valid else {})
    return trail, form, valid


def _call_for_practices_url() -> str | None:
    # Calls for practices belong to the reports app, which networks does not import: the link
    # is by URL name, and there is none where that app is not installed.
    try:
        return reverse("reports:call_create")
    except NoReverseMatch:
        return None


def offer_labels() -> dict[str, str]:
    """The words each offer of a trail repeats, translated once for the page."""
    return {
        "phone": _("Phone"),
        "email": _("Email"),
        "website": _("Web address"),
        "address": _("Address"),
        "opening_hours": _("Opening hours"),
        "support_types": _("Types of support:"),
        "languages": _("Languages spoken:"),
        "contacts_hidden": _(
            "The contacts of this offer are for members of the Red Cross and Red Crescent "
            "Movement. Log in to see them."
        ),
    }


def _trail_html(request, route, filters: dict, *, can_act_on_gaps: bool) -> str:
    """The trail below the page's filters. Those who may act on gaps get forms of their own
    (with their CSRF token), built for them; everyone else gets the rendering shared by the
    readers of their audience (networks.trail.cached_trail)."""
    context = {
        "route": route,
        "labels": offer_labels(),
        "can_act_on_gaps": can_act_on_gaps,
        "call_url": _call_for_practices_url() if user_is_editor(request.user) else None,
    }

    def render_trail(with_request=None) -> str:
        trail = build_trail(route, user=request.user, filters=filters)
        return render_to_string(TRAIL_BODY_TEMPLATE, {**context, "trail": trail}, with_request)

    if can_act_on_gaps:
        return render_trail(request)
    shared = cached_trail(
        route, user=request.user, filters=filters, output="page", build=render_trail
    )
    # The template's own output, escaped as it was rendered.
    return mark_safe(shared)


def _filters_html(route, form: TrailFilterForm, filters: dict, *, valid: bool) -> str:
    """The filter form as typed. Valid filters make the same form for every reader in a
    language (some 180 languages spoken among its choices), rendered once and kept; a form
    with errors is rendered for the one who typed it."""

    def render_filters() -> str:
        context = {
            "route": route,
            "form": form,
            "form_options": {"support_type": form.options("support_type")},
            "form_selects": [
                (
                    name,
                    {
                        "label": form[name].label,
                        "errors": form[name].errors,
                        "options": form.options(name),
                    },
                )
                for name in ("target_group", "language")
            ],
        }
        return render_to_string(TRAIL_FILTERS_TEMPLATE, context)

    if not valid:
        return render_filters()
    parts = {
        "route": route.slug,
        "language": active_language(),
        "filters": {name: sorted(values) for name, values in filters.items()},
    }
    # The template's own output, escaped as it was rendered.
    return mark_safe(versions.cached("trail-filters", parts, (), render_filters))


def route_trail(request, slug):
    route = _route(request, slug)
    form = TrailFilterForm(request.GET)
    valid = form.is_valid()
    # Unknown codes leave the trail unfiltered, and the form says why (the page answers 400).
    filters = form.filters() if valid else {}
    can_act_on_gaps = permissions.can_edit_route(request.user, route)
    query = request.GET.urlencode()
    context = {
        "route": route,
        "description": route.localized("description"),
        "filters_html": _filters_html(route, form, filters, valid=valid),
        "trail_html": _trail_html(request, route, filters, can_act_on_gaps=can_act_on_gaps),
        "can_edit": can_act_on_gaps,
        "query": query,
        "exports": [
            (label, f"{reverse('networks:route-export', args=[slug])}?format={code}")
            for code, label in EXPORT_FORMATS.items()
        ],
    }
    return render(request, TRAIL_TEMPLATE, context, status=200 if valid else 400)


def route_card(request, slug):
    """The trail card: one to two A4 pages, as a print view or (`?format=pdf`) a PDF."""
    from core.pdf import pdf_response

    route = _route(request, slug)
    trail, form, valid = _filtered_trail(request, route)
    context = {
        "route": route,
        "description": route.localized("description"),
        "trail": trail,
        "form": form,
        "today": timezone.localdate(),
    }
    if request.GET.get("format") == "pdf":
        return pdf_response(
            CARD_TEMPLATE, context, request=request, filename=f"trail-{route.slug}.pdf"
        )
    return render(request, CARD_TEMPLATE, context, status=200 if valid else 400)


def route_export(request, slug):
    """The trail's offers as JSON, CSV, HXL CSV or HSDS 3.0 JSON (`?format=`)."""
    route = _route(request, slug)
    export_format = request.GET.get("format", "json")
    if export_format not in EXPORT_FORMATS:
        return HttpResponse(
            json.dumps(
                {
                    "detail": _("This export format is not offered."),
                    "errors": {"format": [_("Choose one of: %s.") % ", ".join(EXPORT_FORMATS)]},
                }
            ),
            status=400,
            content_type="application/json",
        )
    form = TrailFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponse(
            json.dumps({"detail": _("Some filters are not valid."), "errors": form.errors}),
            status=400,
            content_type="application/json",
        )
    return trail_export(route, export_format, request=request, filters=form.filters())


@require_POST
@login_required
def route_ask_offers(request, slug):
    """From a gap: the societies of the stop's country are asked to add their offers."""
    route = _route(request, slug)
    position = request.POST.get("position", "")
    try:
        told = services.ask_for_offers(
            route=route,
            position=int(position) if position.isdigit() else -1,
            step=request.POST.get("step", ""),
            support_type=request.POST.get("support_type", ""),
            actor=request.user,
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(route)
    if told:
        messages.success(
            request,
            ngettext(
                "%(count)d focal point is asked to add their offers.",
                "%(count)d focal points are asked to add their offers.",
                len(told),
            )
            % {"count": len(told)},
        )
    else:
        messages.warning(
            request,
            _("Nobody new to ask: the focal points there were asked already, or there are none."),
        )
    return redirect(route)
