"""A guideline's versions: started, written section by section and parameter by parameter
while drafts, moved through review and publication, compared and printed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from advocacy import permissions, presenters
from advocacy.diff import version_diff
from advocacy.forms import DiffForm, ParameterForm, PublishForm, SectionForm
from advocacy.models import ChangeLevel, GuidelineVersion, TranslationLanguage
from advocacy.services import guidelines as services
from advocacy.views.lookups import (
    NOT_SAVED,
    guideline_or_404,
    version_or_404,
    versions_with_content,
)
from advocacy.workflow import VERSION_WORKFLOW
from core.forms import add_service_errors
from core.models import user_is_editor
from core.pdf import pdf_response


@require_POST
@login_required
def version_create(request, slug):
    guideline = guideline_or_404(request, slug)
    try:
        version = services.create_version(guideline=guideline, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(guideline)
    messages.success(
        request, _("Version %(number)d is started as a draft.") % {"number": version.number}
    )
    return redirect(version)


def _version_context(request, version, publish_form=None) -> dict:
    user = request.user
    version = versions_with_content(user).select_related("guideline").get(pk=version.pk)
    actions = VERSION_WORKFLOW.available(version, user)
    previous = (
        GuidelineVersion.objects.visible_to(user)
        .filter(guideline=version.guideline, number__lt=version.number)
        .order_by("-number")
        .first()
    )
    return {
        "guideline": version.guideline,
        "version": version,
        "sections": presenters.shown_sections(version),
        "parameters": list(version.parameters.all()),
        "previous": previous,
        "actions": [action for action in actions if action.name != "publish"],
        "publish_form": (publish_form or PublishForm())
        if any(action.name == "publish" for action in actions)
        else None,
        "can_edit_content": permissions.can_edit_version_content(user, version),
    }


def version_detail(request, slug, number):
    version = version_or_404(request, slug, number)
    return render(request, "advocacy/version_detail.html", _version_context(request, version))


@require_POST
@login_required
def version_workflow(request, slug, number, action):
    if action not in VERSION_WORKFLOW.names:
        raise Http404
    version = version_or_404(request, slug, number)
    user = request.user
    if action == "publish":
        form = PublishForm(request.POST)
        if not form.is_valid():
            context = _version_context(request, version, publish_form=form)
            return render(request, "advocacy/version_detail.html", context, status=400)
        try:
            carried = services.publish_version(
                version=version,
                actor=user,
                change_level=form.cleaned_data["change_level"],
                change_note=form.cleaned_data["change_note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            context = _version_context(request, version, publish_form=form)
            return render(request, "advocacy/version_detail.html", context, status=400)
        messages.success(request, _publish_message(carried))
        return redirect(version)
    steps = {
        "send-to-review": (services.send_to_review, _("The version is sent to review.")),
        "return-to-draft": (services.return_to_draft, _("The version is a draft again.")),
    }
    service, success = steps[action]
    try:
        service(version=version, actor=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(version)


def _publish_message(carried) -> str:
    if carried.change_level == ChangeLevel.EDITORIAL:
        return _(
            "The version is published as an editorial change: every translation stays "
            "current and no adaptation is outdated."
        )
    return _(
        "The version is published as a substantive change: %(needs)d translations need an "
        "update, %(restored)d came back to a text translated before, and adaptations of "
        "earlier versions are marked outdated."
    ) % {"needs": len(carried.needs_update), "restored": len(carried.restored)}


def _editable_version(request, slug, number) -> GuidelineVersion:
    version = version_or_404(request, slug, number)
    if not user_is_editor(request.user):
        raise PermissionDenied(_("Only IFRC editors write guidelines."))
    if not version.is_draft:
        raise PermissionDenied(
            services.NOT_A_DRAFT % {"status": str(version.get_status_display()).lower()}
        )
    return version


@login_required
def section_edit(request, slug, number, key=None):
    version = _editable_version(request, slug, number)
    section = get_object_or_404(version.sections, key=key) if key else None
    form = SectionForm(request.POST or None, section=section)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_section(
                version=version,
                actor=request.user,
                key=section.key if section else form.cleaned_data["key"],
                data=form.section_data(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The section is saved."))
            return redirect(version)
    context = {"form": form, "version": version, "section": section, "not_saved": NOT_SAVED}
    status = 400 if form.errors else 200
    return render(request, "advocacy/section_form.html", context, status=status)


@require_POST
@login_required
def section_remove(request, slug, number, key):
    version = _editable_version(request, slug, number)
    section = get_object_or_404(version.sections, key=key)
    services.remove_section(version=version, actor=request.user, key=key)
    messages.success(request, _("“%(heading)s” is removed.") % {"heading": section.heading})
    return redirect(version)


@login_required
def parameter_edit(request, slug, number, key=None):
    version = _editable_version(request, slug, number)
    parameter = get_object_or_404(version.parameters, key=key) if key else None
    form = ParameterForm(request.POST or None, parameter=parameter)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_parameter(
                version=version,
                actor=request.user,
                key=parameter.key if parameter else form.cleaned_data["key"],
                data=form.parameter_data(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The adaptation parameter is saved."))
            return redirect(version)
    context = {"form": form, "version": version, "parameter": parameter, "not_saved": NOT_SAVED}
    status = 400 if form.errors else 200
    return render(request, "advocacy/parameter_form.html", context, status=status)


@require_POST
@login_required
def parameter_remove(request, slug, number, key):
    version = _editable_version(request, slug, number)
    parameter = get_object_or_404(version.parameters, key=key)
    services.remove_parameter(version=version, actor=request.user, key=key)
    messages.success(request, _("“%(label)s” is removed.") % {"label": parameter.label})
    return redirect(version)


# --- Diff, print and PDF ------------------------------------------------------------------------


def version_diff_page(request, slug):
    guideline = guideline_or_404(request, slug)
    versions = {
        v.number: v for v in versions_with_content(request.user).filter(guideline=guideline)
    }
    form = DiffForm(request.GET or None, numbers=sorted(versions))
    context = {"guideline": guideline, "form": form, "diff": None}
    if not request.GET:
        return render(request, "advocacy/version_diff.html", context)
    if not form.is_valid():
        return render(request, "advocacy/version_diff.html", context, status=400)
    older, newer = versions[form.cleaned_data["from"]], versions[form.cleaned_data["to"]]
    context["diff"] = version_diff(older, newer)
    return render(request, "advocacy/version_diff.html", context)


def version_print(request, slug, number):
    """A version printed (or as a PDF with ?format=pdf) in one language (?language=, by default
    the reader's): its sections as translated, English where no translation exists."""
    version = version_or_404(request, slug, number)
    version = versions_with_content(request.user).select_related("guideline").get(pk=version.pk)
    language = request.GET.get("language") or translation.get_language()
    if language not in ["en", *TranslationLanguage.values]:
        raise Http404
    with translation.override(language):
        context = {
            "guideline": version.guideline,
            "version": version,
            "sections": presenters.shown_sections(version, language),
            "parameters": list(version.parameters.all()),
            "language": language,
        }
        if request.GET.get("format") == "pdf":
            filename = f"{version.guideline.slug}-v{version.number}-{language}.pdf"
            return pdf_response(
                "advocacy/version_print.html", context, request=request, filename=filename
            )
        return render(request, "advocacy/version_print.html", context)
