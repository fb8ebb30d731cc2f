"""The guideline list, a guideline's page, its form and its history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advocacy import permissions, presenters
from advocacy.forms import DiffForm, GuidelineForm
from advocacy.models import Guideline, GuidelineVersion, TranslationLanguage, VersionStatus
from advocacy.models.guidelines import RELEASED
from advocacy.sections import guideline_adoption
from advocacy.services import guidelines as services
from advocacy.views.lookups import NOT_SAVED, guideline_or_404, versions_with_content
from core.forms import add_service_errors
from core.history import history_view
from core.models import user_is_editor
from core.permissions import require_editor

PAGE_SIZE = 20


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
        shown = versions_with_content(user).get(pk=shown.pk)
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
    guideline = guideline_or_404(request, slug)
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
