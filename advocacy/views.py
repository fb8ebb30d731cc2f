"""Guideline pages. Every lookup starts from the models' visible_to(user), so what a user may
not see is a 404; every write goes through advocacy.services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from advocacy import permissions, presenters
from advocacy.diff import render_diff, version_diff
from advocacy.forms import (
    DiffForm,
    GuidelineForm,
    ParameterForm,
    PublishForm,
    SectionForm,
    TranslationForm,
    TranslatorForm,
)
from advocacy.models import (
    ChangeLevel,
    Guideline,
    GuidelineVersion,
    SectionTranslation,
    TranslationLanguage,
    TranslationState,
    Translator,
    VersionStatus,
)
from advocacy.models.guidelines import RELEASED
from advocacy.sections import guideline_adoption
from advocacy.services import guidelines as services
from advocacy.services import translations as translation_services
from advocacy.workflow import VERSION_WORKFLOW
from core.forms import add_service_errors
from core.history import history_view
from core.models import user_is_editor
from core.pdf import pdf_response
from core.permissions import require_editor

PAGE_SIZE = 20
NOT_SAVED = _("Nothing is saved yet. Please correct what is marked below.")


def _guideline(request, slug) -> Guideline:
    return get_object_or_404(Guideline.objects.visible_to(request.user), slug=slug)


def _version(request, slug, number) -> GuidelineVersion:
    return get_object_or_404(
        GuidelineVersion.objects.visible_to(request.user).select_related("guideline"),
        guideline__slug=slug,
        number=number,
    )


def _versions_with_content(user):
    return GuidelineVersion.objects.visible_to(user).prefetch_related(
        "sections", "parameters", "translations"
    )


# --- Lists and guideline pages ----------------------------------------------------------------


def guideline_list(request):
    user = request.user
    guidelines = (
        Guideline.objects.visible_to(user)
        .annotate(version_count=Count("versions", filter=Q(versions__status__in=RELEASED)))
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=GuidelineVersion.objects.filter(status=VersionStatus.PUBLISHED),
                to_attr="published_versions",
            )
        )
        .order_by("-published_at", "title", "id")
    )
    if not user_is_editor(user):
        guidelines = guidelines.published()
    page = Paginator(guidelines, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "is_editor": user_is_editor(user)}
    return render(request, "advocacy/guideline_list.html", context)


def guideline_detail(request, slug):
    user = request.user
    guideline = get_object_or_404(
        Guideline.objects.visible_to(user).select_related("owner"), slug=slug
    )
    versions = list(GuidelineVersion.objects.visible_to(user).filter(guideline=guideline))
    current = next((v for v in versions if v.status == VersionStatus.PUBLISHED), None)
    in_making = next((v for v in versions if not v.is_released), None)
    shown = current or in_making
    context = {
        "guideline": guideline,
        "versions": versions,
        "current": current,
        "in_making": in_making,
        "is_editor": user_is_editor(user),
        "can_edit": permissions.can_edit_guideline(user, guideline),
    }
    if shown is not None:
        shown = _versions_with_content(user).get(pk=shown.pk)
        grid, counts = presenters.translation_grid(shown)
        context.update(
            shown=shown,
            sections=presenters.shown_sections(shown),
            grid=grid,
            counts=counts,
            translation_languages=TranslationLanguage.choices,
            # Each cell links to its translation page for those who translate its language.
            translator_languages=permissions.translation_languages(user)
            if shown.status == VersionStatus.PUBLISHED
            else set(),
        )
    # Who adapted it and who endorses its published version (advocacy.sections).
    context.update(guideline_adoption(request, guideline, shown if current else None))
    released = [v.number for v in versions if v.is_released]
    if len(released) > 1:
        context["diff_form"] = DiffForm(
            initial={"from": released[-2], "to": released[-1]}, numbers=released
        )
    return render(request, "advocacy/guideline_detail.html", context)


def _render_guideline_form(request, form, guideline):
    status = 400 if form.errors else 200
    context = {"form": form, "guideline": guideline, "not_saved": NOT_SAVED}
    return render(request, "advocacy/guideline_form.html", context, status=status)


@login_required
def guideline_create(request):
    require_editor(request.user, _("Only IFRC editors write guidelines."))
    form = GuidelineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            guideline = services.create_guideline(actor=request.user, data=form.guideline_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The guideline is created. Start its first version to write it.")
            )
            return redirect(guideline)
    return _render_guideline_form(request, form, None)


@login_required
def guideline_edit(request, slug):
    guideline = _guideline(request, slug)
    if not permissions.can_edit_guideline(request.user, guideline):
        raise PermissionDenied(_("Only IFRC editors write guidelines."))
    form = GuidelineForm(request.POST or None, guideline=guideline)
    if request.method == "POST" and form.is_valid():
        try:
            guideline = services.update_guideline(
                guideline=guideline, actor=request.user, data=form.guideline_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The guideline is saved."))
            return redirect(guideline)
    return _render_guideline_form(request, form, guideline)


# --- Versions -------------------------------------------------------------------------------


@require_POST
@login_required
def version_create(request, slug):
    guideline = _guideline(request, slug)
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
    version = _versions_with_content(user).select_related("guideline").get(pk=version.pk)
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
    version = _version(request, slug, number)
    return render(request, "advocacy/version_detail.html", _version_context(request, version))


@require_POST
@login_required
def version_workflow(request, slug, number, action):
    if action not in VERSION_WORKFLOW.names:
        raise Http404
    version = _version(request, slug, number)
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
    version = _version(request, slug, number)
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
    guideline = _guideline(request, slug)
    versions = {
        v.number: v for v in _versions_with_content(request.user).filter(guideline=guideline)
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
    version = _version(request, slug, number)
    version = _versions_with_content(request.user).select_related("guideline").get(pk=version.pk)
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


# --- Translations -----------------------------------------------------------------------------


def _translation_target(request, slug, number, language, key):
    version = _version(request, slug, number)
    if language not in TranslationLanguage.values:
        raise Http404
    section = get_object_or_404(version.sections, key=key)
    found = SectionTranslation.objects.filter(
        version=version, section_key=key, language=language
    ).select_related("source_version", "translator", "approved_by")
    return version, section, found.first()


@login_required
def translation_edit(request, slug, number, language, key):
    version, section, existing = _translation_target(request, slug, number, language, key)
    user = request.user
    if not permissions.can_translate(user, language):
        raise PermissionDenied(
            _("Only editors and the societies named as translators translate guidelines.")
        )
    initial = {"heading": existing.heading, "text": existing.text} if existing else {}
    form = TranslationForm(request.POST or None, initial=initial, language=language)
    if request.method == "POST" and form.is_valid():
        try:
            translation_services.save_translation(
                version=version,
                section_key=key,
                language=language,
                actor=user,
                heading=form.cleaned_data["heading"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The translation is saved; it is current."))
            return redirect(version.guideline)
    source_diff = None
    if existing and existing.state == TranslationState.NEEDS_UPDATE and existing.source_version:
        was = existing.source_version.sections.filter(key=key).first()
        if was is not None:
            source_diff = {
                "version": existing.source_version,
                "heading": render_diff(was.heading, section.heading),
                "body": render_diff(was.body, section.body),
            }
    context = {
        "version": version,
        "guideline": version.guideline,
        "section": section,
        "translation": existing,
        "language": language,
        "language_name": dict(TranslationLanguage.choices)[language],
        "direction": "rtl" if language == "ar" else "ltr",
        "form": form,
        "source_diff": source_diff,
        "can_approve": permissions.can_approve_translation(user)
        and existing is not None
        and existing.state == TranslationState.CURRENT,
        "not_saved": NOT_SAVED,
    }
    status = 400 if form.errors else 200
    return render(request, "advocacy/translation_form.html", context, status=status)


@require_POST
@login_required
def translation_approve(request, slug, number, language, key):
    _version_found, _section, existing = _translation_target(request, slug, number, language, key)
    if existing is None:
        raise Http404
    try:
        translation_services.approve_translation(translation=existing, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The translation is approved."))
    return redirect(reverse("advocacy:translation", args=[slug, number, language, key]))


# --- Translating societies ----------------------------------------------------------------------


@login_required
def translators(request):
    """Editors name the societies whose members translate guidelines into a language."""
    user = request.user
    require_editor(user, _("Only IFRC editors name translators."))
    form = TranslatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            translator = translation_services.name_translator(
                society=form.cleaned_data["society"],
                language=form.cleaned_data["language"],
                actor=user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(society)s translates guidelines into %(language)s.")
                % {
                    "society": translator.society.label,
                    "language": translator.get_language_display(),
                },
            )
            return redirect("advocacy:translators")
    context = {
        "form": form,
        "translators": Translator.objects.select_related("society", "society__country", "named_by"),
        "not_saved": NOT_SAVED,
    }
    return render(request, "advocacy/translators.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def translator_remove(request, pk):
    require_editor(request.user, _("Only IFRC editors name translators."))
    translator = get_object_or_404(Translator.objects.select_related("society"), pk=pk)
    translation_services.remove_translator(translator=translator, actor=request.user)
    messages.success(
        request,
        _("%(society)s no longer translates guidelines into %(language)s.")
        % {"society": translator.society.label, "language": translator.get_language_display()},
    )
    return redirect("advocacy:translators")


# --- History ----------------------------------------------------------------------------------

guideline_history = history_view(
    Guideline,
    queryset=Guideline.objects.visible_to,
    may_see=lambda user, guideline: user_is_editor(user),
    refusal=gettext_lazy("The history of a guideline is for IFRC editors."),
    related=True,
    lookup="slug",
    actions={
        "create": gettext_lazy("Created"),
        "edit": gettext_lazy("Edited"),
        "new-version": gettext_lazy("Version started"),
        "send-to-review": gettext_lazy("Sent to review"),
        "return-to-draft": gettext_lazy("Back to draft"),
        "publish": gettext_lazy("Published"),
        "outdate": gettext_lazy("Adaptations outdated"),
    },
)
