"""Response pages. Every lookup starts from Response.objects.visible_to(user), so a response
one may not see is a 404; every write goes through networks.services.responses, and the steps
each page offers are networks.workflow's answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.audience import Visibility, may_read
from core.forms import add_service_errors
from core.history import history_view
from core.http import safe_next_url
from core.models import user_is_editor
from core.permissions import focal_point_societies
from networks.filters import ResponseFilter, response_facets
from networks.forms import (
    PracticeLinkForm,
    ResponseForm,
    ResponseInviteForm,
    ResponseJoinForm,
    UpdateForm,
)
from networks.models import (
    ParticipantStatus,
    Response,
    ResponseParticipant,
    ResponsePractice,
)
from networks.permissions import RESPONSE_EDIT_DENIED, can_edit_response
from networks.services import responses as services
from networks.workflow import FORM_STEPS, PARTICIPANT_WORKFLOW, RESPONSE_WORKFLOW
from practices.models import Practice

PAGE_SIZE = 20
TIMELINE_SIZE = 100


def response_list(request):
    responses = Response.objects.visible_to(request.user).for_listing()
    response_filter = ResponseFilter(request.GET, queryset=responses)
    page_query = request.GET.copy()
    page_query.pop("page", None)
    context = {
        "filter_form": response_filter.form,
        "page_query": page_query.urlencode(),
        "may_propose": may_propose(request.user),
    }
    if not response_filter.is_valid():
        context.update(page=None, facets={}, total=0)
        return render(request, "networks/response_list.html", context, status=400)
    results = response_filter.qs.order_by("-created_at", "-id")
    total, facets = response_facets(results)
    paginator = Paginator(results, PAGE_SIZE)
    paginator.count = total  # counted with the facets: no second COUNT(*)
    context.update(page=paginator.get_page(request.GET.get("page")), facets=facets, total=total)
    return render(request, "networks/response_list.html", context)


def may_propose(user) -> bool:
    """Focal points propose responses their society leads; editors launch the Secretariat's."""
    return user_is_editor(user) or (
        user.is_authenticated and focal_point_societies(user).national_societies().exists()
    )


# --- A response's page ------------------------------------------------------------------------


def _visible(request, pk):
    return get_object_or_404(
        Response.objects.visible_to(request.user).select_related(
            "lead_society", "lead_society__country", "network", "route", "contact"
        ),
        pk=pk,
    )


def _detail_context(request, response: Response, **forms) -> dict:
    user = request.user
    places = list(
        response.participants.select_related("society", "society__country").order_by(
            "joined_on", "id"
        )
    )
    for place in places:
        place.response = response  # the workflow's roles read the lead from it
    taking_part = [place for place in places if place.status == ParticipantStatus.ACCEPTED]
    waiting = []
    if user.is_authenticated:
        for place in places:
            if place.status in (ParticipantStatus.REQUESTED, ParticipantStatus.INVITED):
                place.actions = PARTICIPANT_WORKFLOW.available(place, user)
                if place.actions or place.society_id in user.approved_society_ids:
                    waiting.append(place)
        for place in taking_part:
            place.actions = PARTICIPANT_WORKFLOW.available(place, user)
    actions = RESPONSE_WORKFLOW.available(response, user)
    names = {step.name for step in actions}
    practices = list(
        Practice.objects.visible_to(user)
        .published()
        .for_listing()
        .filter(response_link__response=response)
        .select_related("response_link")
        .order_by("title")
    )
    link_form = forms.get("link_form")
    if link_form is None and user.is_authenticated:
        link_form = PracticeLinkForm(user=user, response=response)
    context = {
        "response": response,
        "taking_part": taking_part,
        "waiting": waiting,
        "updates": list(
            response.updates.select_related("author", "society").order_by("-happened_on", "-id")[
                :TIMELINE_SIZE
            ]
        ),
        "practices": practices,
        "steps": [step for step in actions if step.name not in FORM_STEPS],
        "may_post_update": "post-update" in names,
        "may_edit": can_edit_response(user, response),
        "join_form": forms.get("join_form")
        or (ResponseJoinForm(user=user) if "join" in names else None),
        "invite_form": forms.get("invite_form")
        or (ResponseInviteForm() if "invite" in names else None),
        "link_form": link_form if link_form and link_form.fields["practice"].queryset else None,
        "show_contact_person": may_read(user, Visibility.MOVEMENT),
        "is_editor": user_is_editor(user),
    }
    return context


def response_detail(request, pk):
    response = _visible(request, pk)
    return render(request, "networks/response_detail.html", _detail_context(request, response))


def _detail_with_errors(request, response, **forms):
    context = _detail_context(request, response, **forms)
    return render(request, "networks/response_detail.html", context, status=400)


# --- Proposing ----------------------------------------------------------------------------------


@login_required
def response_create(request):
    user = request.user
    if not may_propose(user):
        raise PermissionDenied(
            _("Focal points of National Societies propose responses; IFRC editors launch them.")
        )
    # An editor launches for the Secretariat, unless they also speak for a National Society
    # and do not ask for the Secretariat's form (?as=secretariat).
    speaks_for_one = focal_point_societies(user).national_societies().exists()
    launching = user_is_editor(user) and (
        not speaks_for_one or request.GET.get("as") == "secretariat"
    )
    posted = request.POST if request.method == "POST" else None
    form = ResponseForm(posted, user=user, launching=launching)
    if request.method == "POST" and form.is_valid():
        data = form.response_data()
        try:
            if launching:
                response = services.launch_response(
                    actor=user, data=data, invite=list(form.cleaned_data["invite"])
                )
                message = _("The response is launched. The invited societies are told.")
            else:
                response = services.propose_response(
                    actor=user, society=form.cleaned_data["society"], data=data
                )
                message = _("The response is proposed. It is told to those who endorse it.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, message)
            return redirect(response)
    status = 400 if form.errors else 200
    context = {"form": form, "launching": launching}
    return render(request, "networks/response_form.html", context, status=status)


@login_required
def response_edit(request, pk):
    response = _visible(request, pk)
    if not can_edit_response(request.user, response):
        raise PermissionDenied(RESPONSE_EDIT_DENIED)
    posted = request.POST if request.method == "POST" else None
    form = ResponseForm(posted, user=request.user, launching=False, response=response)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_response(
                response=response, actor=request.user, data=form.response_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The response is saved."))
            return redirect(response)
    status = 400 if form.errors else 200
    context = {"form": form, "response": response}
    return render(request, "networks/response_form.html", context, status=status)


# --- Steps --------------------------------------------------------------------------------------

STEP_SERVICES = {
    "endorse": (services.endorse_response, gettext_lazy("The response is endorsed: it is active.")),
    "decline": (services.decline_response, gettext_lazy("The response is declined.")),
    "close": (services.close_response, gettext_lazy("The response is closed.")),
}


@require_POST
@login_required
def response_workflow(request, pk, action):
    if action not in STEP_SERVICES:
        raise Http404
    response = _visible(request, pk)
    service, success = STEP_SERVICES[action]
    extra = {"note": request.POST.get("note", "")} if action == "decline" else {}
    try:
        service(response=response, actor=request.user, **extra)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(safe_next_url(request, response.get_absolute_url()))


@require_POST
@login_required
def response_join(request, pk):
    response = _visible(request, pk)
    form = ResponseJoinForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.ask_to_join(
                response=response,
                actor=request.user,
                society=form.cleaned_data["society"],
                role=form.cleaned_data["role"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your request is sent to the response's lead."))
            return redirect(response)
    return _detail_with_errors(request, response, join_form=form)


@require_POST
@login_required
def response_invite(request, pk):
    response = _visible(request, pk)
    form = ResponseInviteForm(request.POST)
    if form.is_valid():
        try:
            services.invite_society(
                response=response,
                actor=request.user,
                society=form.cleaned_data["society"],
                role=form.cleaned_data["role"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The society is invited; its focal points are told."))
            return redirect(response)
    return _detail_with_errors(request, response, invite_form=form)


@require_POST
@login_required
def participant_step(request, pk, participant_pk, action):
    response = _visible(request, pk)
    place = get_object_or_404(ResponseParticipant, response=response, pk=participant_pk)
    try:
        if action in ("accept", "decline"):
            services.answer_place(
                participant=place,
                actor=request.user,
                decision=action,
                note=request.POST.get("note", ""),
            )
            message = _("Answered.")
        elif action == "set-role":
            services.set_role(
                participant=place, actor=request.user, role=request.POST.get("role", "")
            )
            message = _("The role is changed.")
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, message)
    return redirect(response)


@login_required
def update_create(request, pk):
    response = _visible(request, pk)
    if "post-update" not in RESPONSE_WORKFLOW.available_names(response, request.user):
        # Who may not post is told why, in the workflow's words.
        try:
            RESPONSE_WORKFLOW.check(response, request.user, "post-update")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(response)
    form = UpdateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_update(response=response, actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The update is on the response's timeline."))
            return redirect(response)
    status = 400 if form.errors else 200
    context = {"form": form, "response": response}
    return render(request, "networks/response_update_form.html", context, status=status)


@require_POST
@login_required
def practice_link(request, pk):
    response = _visible(request, pk)
    form = PracticeLinkForm(request.POST, user=request.user, response=response)
    if form.is_valid():
        try:
            services.link_practice(
                response=response, practice=form.cleaned_data["practice"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The practice names this response as its origin."))
            return redirect(response)
    return _detail_with_errors(request, response, link_form=form)


@require_POST
@login_required
def practice_unlink(request, pk, link_pk):
    response = _visible(request, pk)
    link = get_object_or_404(
        ResponsePractice.objects.select_related("practice"), response=response, pk=link_pk
    )
    services.unlink_practice(link=link, actor=request.user)
    messages.success(request, _("The practice no longer names this response."))
    return redirect(response)


HISTORY_ACTIONS = {
    "propose": gettext_lazy("Proposed"),
    "launch": gettext_lazy("Launched"),
    "endorse": gettext_lazy("Endorsed"),
    "decline": gettext_lazy("Declined"),
    "close": gettext_lazy("Closed"),
    "edit": gettext_lazy("Edited"),
}

response_history = history_view(
    Response,
    queryset=Response.objects.visible_to,
    may_see=lambda user, response: user_is_editor(user),
    refusal=gettext_lazy("The history of a response is for IFRC editors."),
    actions=HISTORY_ACTIONS,
)
