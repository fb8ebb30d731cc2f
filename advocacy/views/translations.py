"""Translating a published version's sections, approving translations, and naming the
societies that translate."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from advocacy import permissions
from advocacy.diff import render_diff
from advocacy.forms import TranslationForm, TranslatorForm
from advocacy.models import SectionTranslation, TranslationLanguage, TranslationState, Translator
from advocacy.services import translations as translation_services
from advocacy.views.lookups import NOT_SAVED, version_or_404
from core.forms import add_service_errors
from core.permissions import require_editor


def _translation_target(request, slug, number, language, key):
    version = version_or_404(request, slug, number)
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
