"""What the societies do with a published guideline: the status grids of adaptations and
translations, and the societies' endorsements."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from advocacy import grid as grids
from advocacy import permissions, presenters
from advocacy.adaptation_forms import GridFilterForm
from advocacy.models import GuidelineVersion, TranslationLanguage, TranslationState, VersionStatus
from advocacy.services import adaptations as services
from advocacy.views.lookups import guideline_or_404, published_version
from core.exports import csv_download
from core.http import safe_next_url
from core.models import NationalSociety

# --- Status grids -----------------------------------------------------------------------------


def adaptation_grid(request, slug):
    guideline = guideline_or_404(request, slug)
    form = GridFilterForm(request.GET)
    status = 200
    filters = {"region": "", "state": ""}
    if form.is_valid():
        region = form.cleaned_data["region"]
        filters = {"region": region.code if region else "", "state": form.cleaned_data["state"]}
    else:
        status = 400
    grid = grids.adaptation_grid(guideline, request.user, **filters)
    if request.GET.get("format") == "csv" and status == 200:
        stamp = timezone.now().strftime("%Y%m%d")
        return csv_download(
            grids.grid_csv_rows(grid),
            header=grids.GRID_CSV_HEADER,
            hxl=grids.GRID_CSV_HXL if request.GET.get("hxl") == "1" else None,
            filename=f"{guideline.slug}-adaptations-{stamp}.csv",
        )
    query = request.GET.copy()
    query["format"] = "csv"
    context = {
        "guideline": guideline,
        "grid": grid,
        "form": form,
        "csv_query": query.urlencode(),
    }
    return render(request, "advocacy/adaptation_grid.html", context, status=status)


def translation_grid(request, slug):
    """The translations of a version (the published one, or ?version=N), section by language,
    with the count of each state, filtered by state; as CSV with ?format=csv."""
    guideline = guideline_or_404(request, slug)
    versions = GuidelineVersion.objects.visible_to(request.user).filter(guideline=guideline)
    number = request.GET.get("version", "")
    if number and not number.isdigit():
        raise Http404
    if number:
        version = versions.filter(number=int(number)).first()
    else:
        version = versions.filter(status=VersionStatus.PUBLISHED).first() or versions.last()
    if version is None:
        raise Http404(_("This guideline has no such version."))
    version = versions.prefetch_related("sections", "translations").get(pk=version.pk)
    form = GridFilterForm(request.GET, states=TranslationState.choices)
    del form.fields["region"]
    status, state = 200, ""
    if form.is_valid():
        state = form.cleaned_data["state"]
    else:
        status = 400
    rows, per_language = presenters.translation_grid(version)
    totals = {value: 0 for value in TranslationState.values}
    for counts in per_language.values():
        for value, count in counts.items():
            totals[value] += count

    def state_of(translation):
        return translation.state if translation else TranslationState.MISSING

    if state:
        rows = [row for row in rows if any(state_of(t) == state for _code, t in row.cells)]
    if request.GET.get("format") == "csv" and status == 200:
        return csv_download(
            (
                [row.section.key, row.section.heading, language, state_of(translation)]
                for row in rows
                for language, translation in row.cells
            ),
            header=["section", "heading", "language", "state"],
            hxl=["#meta+code", "#meta+name", "#meta+lang", "#status"]
            if request.GET.get("hxl") == "1"
            else None,
            filename=f"{guideline.slug}-v{version.number}-translations.csv",
        )
    query = request.GET.copy()
    query["format"] = "csv"
    context = {
        "guideline": guideline,
        "version": version,
        "rows": rows,
        "counts": [(value, label, totals[value]) for value, label in TranslationState.choices],
        "translation_languages": TranslationLanguage.choices,
        "form": form,
        "csv_query": query.urlencode(),
    }
    return render(request, "advocacy/translation_grid.html", context, status=status)


# --- Endorsements -----------------------------------------------------------------------------


def _endorsing_society(request) -> NationalSociety:
    societies = permissions.endorsing_societies(request.user)
    chosen = request.POST.get("society", "")
    society = societies.filter(slug=chosen).first() if chosen else None
    if society is None:
        society = societies.first() if societies.count() == 1 else None
    if society is None:
        raise PermissionDenied(_("A focal point of the National Society endorses on its behalf."))
    return society


@require_POST
@login_required
def endorse(request, slug):
    guideline = guideline_or_404(request, slug)
    version = published_version(guideline)
    if version is None:
        raise Http404
    society = _endorsing_society(request)
    key = request.POST.get("section_key", "")
    withdraw = request.POST.get("withdraw") == "1"
    try:
        if withdraw:
            services.withdraw_endorsement(
                version=version, actor=request.user, society=society, section_key=key
            )
        else:
            services.endorse(version=version, actor=request.user, society=society, section_key=key)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = _("%(society)s endorses it.")
        if withdraw:
            done = _("%(society)s no longer endorses it.")
        messages.success(request, done % {"society": society.label})
    return redirect(safe_next_url(request, guideline.get_absolute_url()))


@require_POST
@login_required
def endorsement_close(request, slug):
    guideline = guideline_or_404(request, slug)
    closed = request.POST.get("closed", "1") == "1"
    services.set_endorsements_closed(guideline=guideline, actor=request.user, closed=closed)
    messages.success(
        request, _("Endorsement is closed.") if closed else _("Endorsement is open again.")
    )
    return redirect(safe_next_url(request, guideline.get_absolute_url()))
