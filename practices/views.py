"""Practice pages. Every lookup starts from Practice.objects.visible_to(user), so what a user
may not see is a 404; every write goes through practices.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, F, Q, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from core.history import ValueLabels, field_label, history_view
from core.http import file_download, safe_next_url
from core.models import user_is_editor
from core.permissions import require_editor, society_acted_for
from core.review import review_queue as core_review_queue
from practices import permissions, presenters, services
from practices.filters import PracticeFilter
from practices.forms import PracticeForm
from practices.models import SECTIONS, Practice, Status
from practices.search import with_snippets
from practices.tallies import list_counts
from practices.workflow import PRACTICE_WORKFLOW

PAGE_SIZE = 20
LIST_PAGE_SIZE = 50
SIMILAR_COUNT = 4


def catalogue(request):
    params = request.GET
    practices = Practice.objects.visible_to(request.user).for_listing()
    if "status" not in params:
        # Readers come for published practices; a society's drafts are on "My society's
        # practices" and the editors' work in the review queue.
        practices = practices.published()
    practice_filter = PracticeFilter(params, queryset=practices, request=request)
    context = {
        "filter_form": practice_filter.form,
        "params": params,
        "chips": presenters.chips(params),
        "csv_url": presenters.csv_url(params),
        "feeds": presenters.feeds(params),
        "hidden_filters": [
            (name, value)
            for name in params
            if name not in ("q", "ordering", "page")
            for value in params.getlist(name)
        ],
    }
    if not practice_filter.is_valid():
        query = params.get("q", "")
        context.update(
            page=None,
            facet_groups=[],
            query=query,
            ordering_options=presenters.ordering_options(
                params.get("ordering", ""), bool(query.strip())
            ),
        )
        return render(request, "practices/practice_catalogue.html", context, status=400)

    query = practice_filter.form.cleaned_data.get("q", "").strip()
    context["ordering_options"] = presenters.ordering_options(
        params.get("ordering", ""), bool(query)
    )
    results = practice_filter.qs
    total, facets = list_counts(
        request.user,
        practice_filter.form.cleaned_data,
        results,
        published_only="status" not in params,
    )
    paginator = Paginator(results, PAGE_SIZE)
    paginator.count = total  # counted with the facets: no second COUNT(*)
    page = paginator.get_page(params.get("page"))
    if query:
        page.object_list = with_snippets(page.object_list, query)
    page_query = params.copy()
    page_query.pop("page", None)
    context.update(
        page=page,
        total=total,
        query=query,
        facet_groups=presenters.facet_groups(facets, params),
        page_query=page_query.urlencode(),
    )
    return render(request, "practices/practice_catalogue.html", context)


# --- Practice page ----------------------------------------------------------------------------


def _similar_practices(practice: Practice, user) -> list[Practice]:
    # Stored after the practice last changed (practices.similarity): a few rows to read.
    return list(
        Practice.objects.visible_to(user)
        .published()
        .for_listing()
        .filter(similar_of__practice=practice)
        .order_by("-similar_of__score", "-published_at", "-id")[:SIMILAR_COUNT]
    )


def _revision_changes(practice: Practice) -> list[tuple[str, str, str]]:
    """What a pending revision would change: (field label, published value, proposed value)."""
    changes = []
    labels = ValueLabels(Practice)
    for name, proposed in (practice.pending_revision or {}).items():
        current = practice.contact_id if name == "contact" else getattr(practice, name, None)
        if current != proposed:
            changes.append(
                (field_label(Practice, name), labels(name, current), labels(name, proposed))
            )
    return changes


def practice_detail(request, pk):
    practice = get_object_or_404(
        Practice.objects.visible_to(request.user)
        .select_related("society", "society__country", "region", "contact")
        .prefetch_related("attachments"),
        pk=pk,
    )
    user = request.user
    is_editor = user_is_editor(user)
    sections = [
        (capfirst(Practice._meta.get_field(name).verbose_name), getattr(practice, name))
        for name in SECTIONS
    ]
    context = {
        "practice": practice,
        "sections": [(title, text) for title, text in sections if text.strip()],
        "is_editor": is_editor,
        "is_insider": permissions.can_see_review(user, practice),
        "show_contact_person_email": permissions.can_see_contact_person(user),
        "can_edit": permissions.can_edit_practice(user, practice),
        "can_see_history": permissions.can_see_history(user, practice),
        "actions": PRACTICE_WORKFLOW.available(practice, user),
        "tag_corrections": [
            (capfirst(Practice._meta.get_field(field).verbose_name), field, change)
            for field, change in practice.tag_corrections.items()
        ],
        "revision_changes": _revision_changes(practice),
        "similar": _similar_practices(practice, user),
    }
    return render(request, "practices/practice_detail.html", context)


# --- Submit and edit form -------------------------------------------------------------------


def _render_form(request, form: PracticeForm, practice: Practice | None):
    if form.errors:
        form.note_dropped_attachment()
    context = {
        "form": form,
        "practice": practice,
        "attachments": practice.attachments.all() if practice else [],
    }
    status = 400 if form.errors else 200
    return render(request, "practices/practice_form.html", context, status=status)


def _attach_and_redirect(request, form: PracticeForm, practice: Practice, message: str):
    upload = form.cleaned_data.get("attachment")
    if upload:
        try:
            services.add_attachment(practice=practice, actor=request.user, upload=upload)
        except ValidationError as error:
            add_service_errors(form, error)
            messages.warning(request, _("The practice is saved, but the file is not attached."))
            # Shown again as the saved practice's form, so sending it again does not create a
            # second practice.
            form.practice = practice
            return _render_form(request, form, practice)
    messages.success(request, message)
    return redirect(practice)


def _bound_form(request, **kwargs) -> PracticeForm:
    if request.method == "POST":
        return PracticeForm(request.POST, request.FILES, user=request.user, **kwargs)
    return PracticeForm(user=request.user, **kwargs)


@login_required
def practice_create(request):
    user = request.user
    if not permissions.can_create_practice(user):
        raise PermissionDenied(
            _("Only approved members of a National Society and IFRC editors write practices.")
        )
    form = _bound_form(request)
    if request.method == "POST" and form.is_valid():
        # The form asks for the society whenever there is a choice.
        society = society_acted_for(
            user, form.cleaned_data.get("society"), which=_("Choose the National Society.")
        )
        data = form.practice_data()
        try:
            with transaction.atomic():
                practice = services.create_practice(actor=user, society=society, data=data)
                editorial = {name: data[name] for name in services.EDITORIAL_FIELDS if name in data}
                # A new practice takes content only; an editor's rubric is a second write.
                if any(editorial.values()):
                    practice = services.update_practice(
                        practice=practice, actor=user, data=editorial
                    )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            message = _("The practice is saved as a draft. Submit it when it is ready for review.")
            return _attach_and_redirect(request, form, practice, message)
    return _render_form(request, form, None)


@login_required
def practice_edit(request, pk):
    practice = get_object_or_404(
        Practice.objects.visible_to(request.user).select_related("society"), pk=pk
    )
    if not permissions.can_edit_practice(request.user, practice):
        raise PermissionDenied(
            _("This practice cannot be edited now: it waits for review, or it is archived.")
        )
    form = _bound_form(request, practice=practice)
    if request.method == "POST" and form.is_valid():
        try:
            practice = services.update_practice(
                practice=practice, actor=request.user, data=form.practice_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if form.edit_waits_for_review:
                message = _(
                    "Your changes are sent to the IFRC editors. Readers see the published text "
                    "until an editor publishes them."
                )
            else:
                message = _("The practice is saved.")
            return _attach_and_redirect(request, form, practice, message)
    return _render_form(request, form, practice)


# --- Attachments ------------------------------------------------------------------------------


def attachment_download(request, pk, attachment_pk):
    practice = get_object_or_404(Practice.objects.visible_to(request.user), pk=pk)
    attachment = get_object_or_404(practice.attachments, pk=attachment_pk)
    return file_download(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


@require_POST
@login_required
def attachment_remove(request, pk, attachment_pk):
    practice = get_object_or_404(Practice.objects.visible_to(request.user), pk=pk)
    attachment = get_object_or_404(practice.attachments, pk=attachment_pk)
    services.remove_attachment(attachment=attachment, actor=request.user)
    messages.success(request, _("%(name)s is removed.") % {"name": attachment.original_name})
    return redirect("practices:edit", pk=practice.pk)


# --- Workflow ---------------------------------------------------------------------------------


@require_POST
@login_required
def practice_workflow(request, pk, action):
    workflow = {
        "submit": (
            services.submit_practice,
            _("The practice is submitted. The IFRC editors are told it waits for review."),
        ),
        "publish": (services.publish_practice, _("The practice is published.")),
        "request-changes": (
            services.request_changes,
            _("The practice is sent back to the society with your note."),
        ),
        "archive": (services.archive_practice, _("The practice is archived.")),
    }
    if action not in PRACTICE_WORKFLOW.names:
        raise Http404
    practice = get_object_or_404(Practice.objects.visible_to(request.user), pk=pk)
    service, success = workflow[action]
    extra = {"note": request.POST.get("note", "")} if action == "request-changes" else {}
    try:
        service(practice=practice, actor=request.user, **extra)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(safe_next_url(request, practice.get_absolute_url()))


# --- Lists for societies and editors --------------------------------------------------------


@login_required
def my_practices(request):
    user = request.user
    practices = (
        Practice.objects.visible_to(user)
        .filter(society_id__in=user.approved_society_ids)
        .select_related("society")
        .defer(*SECTIONS, "partners")
        .order_by("-updated_at", "-id")
    )
    page = Paginator(practices, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    editable = set(
        Practice.objects.editable_by(user)
        .filter(pk__in=[practice.pk for practice in page])
        .values_list("pk", flat=True)
    )
    context = {
        "page": page,
        "editable": editable,
        "several_societies": len(user.approved_society_ids) > 1,
        "can_create": permissions.can_create_practice(user),
    }
    return render(request, "practices/practice_mine.html", context)


@login_required
def review_queue(request):
    user = request.user
    require_editor(user, _("The review queue is for IFRC editors."))
    context, status = core_review_queue(
        request,
        queryset=Practice.objects.visible_to(user)
        .filter(
            Q(status=Status.SUBMITTED) | Q(status=Status.PUBLISHED, pending_revision__isnull=False)
        )
        .select_related("society", "region")
        .defer(*SECTIONS, "partners"),
        # A revision has waited since the society last edited it; a submission since it was
        # submitted.
        waiting_since=Case(
            When(status=Status.PUBLISHED, then=F("updated_at")), default=F("submitted_at")
        ),
        region_field="region_id",
        kinds={
            "submitted": (gettext_lazy("New submissions"), Q(status=Status.SUBMITTED)),
            "revision": (
                gettext_lazy("Edits of published practices"),
                Q(status=Status.PUBLISHED),
            ),
        },
        page_size=LIST_PAGE_SIZE,
    )
    for practice in context["page"].object_list:
        practice.actions = PRACTICE_WORKFLOW.available(practice, user)
    return render(request, "practices/practice_review_queue.html", context, status=status)


# --- History ----------------------------------------------------------------------------------

HISTORY_ACTIONS = {
    "create": gettext_lazy("Created"),
    "edit": gettext_lazy("Edited"),
    "propose-revision": gettext_lazy("Edit proposed for review"),
    "submit": gettext_lazy("Submitted"),
    "request-changes": gettext_lazy("Changes requested"),
    "publish": gettext_lazy("Published"),
    "archive": gettext_lazy("Archived"),
}

practice_history = history_view(
    Practice,
    queryset=Practice.objects.visible_to,
    may_see=permissions.can_see_history,
    refusal=gettext_lazy("The history of a practice is for IFRC editors."),
    # Derived from the texts: no reader learns anything from it.
    hidden_fields={"search_config"},
    actions=HISTORY_ACTIONS,
)
