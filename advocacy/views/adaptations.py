"""Societies' adaptations of a published guideline: started, written, moved through their
workflow, carried forward to a newer version and printed. Every write goes through
advocacy.services.adaptations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from advocacy import grid as grids
from advocacy import permissions
from advocacy.adaptation_forms import AdaptationCreateForm, AdaptationForm, section_field
from advocacy.diff import render_diff, version_diff
from advocacy.models import Adaptation, GuidelineVersion
from advocacy.services import adaptations as services
from advocacy.views.lookups import guideline_or_404, published_version
from advocacy.workflow import ADAPTATION_WORKFLOW
from core.forms import add_service_errors
from core.http import safe_next_url
from core.pdf import pdf_response
from core.permissions import societies_acted_for, society_acted_for


def _adaptation(request, slug, pk) -> Adaptation:
    return get_object_or_404(
        Adaptation.objects.visible_to(request.user).select_related(
            "guideline", "version", "society", "society__region", "outdated_since_version"
        ),
        guideline__slug=slug,
        pk=pk,
    )


# --- Starting and writing an adaptation -------------------------------------------------------


@login_required
def adaptation_create(request, slug):
    guideline = guideline_or_404(request, slug)
    if not permissions.can_adapt(request.user):
        raise PermissionDenied(_("Only members of a National Society adapt guidelines for it."))
    version = published_version(guideline)
    if version is None:
        raise Http404(_("This guideline has no published version yet."))
    societies = societies_acted_for(request.user).order_by_label()
    form = AdaptationCreateForm(request.POST or None, societies=societies)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                society = society_acted_for(
                    request.user,
                    form.cleaned_data.get("society"),
                    which=_("Choose the National Society."),
                )
                adaptation = services.create_adaptation(
                    guideline=guideline,
                    actor=request.user,
                    society=society,
                    language=form.language_code(),
                    title=form.cleaned_data["title"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your adaptation is started as a draft: fill in its parameters below."),
                )
                return redirect("advocacy:adaptation_edit", slug, adaptation.pk)
        status = 400
    context = {"guideline": guideline, "version": version, "form": form}
    return render(request, "advocacy/adaptation_create.html", context, status=status)


def _changed_since(adaptation: Adaptation, current: GuidelineVersion | None):
    """What changed in the source between the adaptation's version and the current one."""
    if current is None or current.number <= adaptation.version.number:
        return None
    return version_diff(adaptation.version, current)


def _side_by_side(adaptation: Adaptation) -> list[dict]:
    """For an adaptation carried forward: each adaptable section whose source changed and which
    the earlier adaptation had rewritten, with that earlier text beside the new source."""
    earlier = services.earlier_adaptation(adaptation)
    if earlier is None:
        return []
    rewritten = {section.section_key: section for section in earlier.sections.all()}
    kept = {section.section_key for section in adaptation.sections.all()}
    rows = []
    for section in adaptation.version.sections.all():
        before = rewritten.get(section.key)
        if not section.adaptable or before is None or section.key in kept:
            continue
        if before.source_hash == section.source_hash:
            continue
        rows.append(
            {
                "section": section,
                "earlier": before,
                "earlier_version": earlier.version,
                "source_diff": render_diff(_old_source(earlier, section.key), section.body),
            }
        )
    return rows


def _old_source(adaptation: Adaptation, key: str) -> str:
    section = adaptation.version.sections.filter(key=key).first()
    return section.body if section else ""


def adaptation_detail(request, slug, pk):
    adaptation = _adaptation(request, slug, pk)
    user = request.user
    current = published_version(adaptation.guideline)
    values = {value.parameter_key: value.text for value in adaptation.parameter_values.all()}
    rewritten = {section.section_key: section for section in adaptation.sections.all()}
    carried_to = None
    if adaptation.outdated and current is not None:
        carried_to = (
            Adaptation.objects.visible_to(user)
            .filter(version=current, society=adaptation.society, language=adaptation.language)
            .first()
        )
    context = {
        "guideline": adaptation.guideline,
        "adaptation": adaptation,
        "language_name": grids.language_name(adaptation.language),
        "parameters": [
            (parameter, values.get(parameter.key, ""))
            for parameter in adaptation.version.parameters.all()
        ],
        "sections": [
            (section, rewritten.get(section.key)) for section in adaptation.version.sections.all()
        ],
        "actions": ADAPTATION_WORKFLOW.available(adaptation, user),
        "can_edit": permissions.can_edit_adaptation(user, adaptation),
        "can_carry_forward": carried_to is None and permissions.can_carry_forward(user, adaptation),
        "carried_to": carried_to,
        "current": current,
        "changes": _changed_since(adaptation, current) if adaptation.outdated else None,
        "side_by_side": _side_by_side(adaptation),
    }
    return render(request, "advocacy/adaptation_detail.html", context)


@login_required
def adaptation_edit(request, slug, pk):
    adaptation = _adaptation(request, slug, pk)
    if not permissions.can_edit_adaptation(request.user, adaptation):
        raise PermissionDenied(
            _("This adaptation cannot be edited now: it waits for approval, or is published.")
        )
    form = AdaptationForm(request.POST or None, adaptation=adaptation)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_adaptation(
                    adaptation=adaptation, actor=request.user, data=form.service_data()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your adaptation is saved."))
                return redirect("advocacy:adaptation", slug, adaptation.pk)
        status = 400
    again = {row["section"].key: row for row in _side_by_side(adaptation)}
    context = {
        "guideline": adaptation.guideline,
        "adaptation": adaptation,
        "form": form,
        "section_rows": [
            (section, form[section_field(section.key)], again.get(section.key))
            for section in form.sections
        ],
    }
    return render(request, "advocacy/adaptation_form.html", context, status=status)


WORKFLOW_SERVICES = {
    "submit": (services.submit_adaptation, _("The adaptation is submitted for approval.")),
    "approve": (services.approve_adaptation, _("The adaptation is approved.")),
    "publish": (services.publish_adaptation, _("The adaptation is published.")),
    "return": (
        services.return_adaptation,
        _("The adaptation is returned to the society with your note."),
    ),
}


@require_POST
@login_required
def adaptation_workflow(request, slug, pk, action):
    if action not in WORKFLOW_SERVICES:
        raise Http404
    adaptation = _adaptation(request, slug, pk)
    service, success = WORKFLOW_SERVICES[action]
    extra = {"note": request.POST.get("note", "")} if action == "return" else {}
    try:
        service(adaptation=adaptation, actor=request.user, **extra)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(success))
    return redirect(safe_next_url(request, adaptation.get_absolute_url()))


@require_POST
@login_required
def adaptation_carry_forward(request, slug, pk):
    adaptation = _adaptation(request, slug, pk)
    try:
        carried = services.carry_forward(adaptation=adaptation, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(adaptation.get_absolute_url())
    messages.success(
        request,
        _(
            "Your adaptation is carried forward to version %(number)d as a draft: its "
            "parameters and unchanged sections came along; look again at the sections marked "
            "below, then submit it."
        )
        % {"number": carried.version.number},
    )
    return redirect("advocacy:adaptation_edit", slug, carried.pk)


def adaptation_print(request, slug, pk):
    """The adaptation as it prints, in its own language where the site speaks it (Arabic
    right to left), and as a PDF with `?format=pdf`."""
    adaptation = _adaptation(request, slug, pk)
    values = {value.parameter_key: value.text for value in adaptation.parameter_values.all()}
    rewritten = {section.section_key: section for section in adaptation.sections.all()}
    context = {
        "adaptation": adaptation,
        "guideline": adaptation.guideline,
        "parameters": [
            (parameter, values.get(parameter.key, ""))
            for parameter in adaptation.version.parameters.all()
        ],
        "sections": [
            (section, rewritten.get(section.key)) for section in adaptation.version.sections.all()
        ],
        "printed_at": timezone.now(),
    }
    language = adaptation.language.split("-")[0]
    with translation.override(language if language in grids.SITE_LANGUAGES else None):
        context["language_name"] = grids.language_name(adaptation.language)
        if request.GET.get("format") == "pdf":
            filename = "-".join(
                [
                    adaptation.guideline.slug,
                    f"v{adaptation.version.number}",
                    adaptation.society.slug,
                    f"{adaptation.language}.pdf",
                ]
            )
            return pdf_response(
                "advocacy/adaptation_print.html", context, request=request, filename=filename
            )
        return render(request, "advocacy/adaptation_print.html", context)
