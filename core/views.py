from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core import notifications, permissions, services
from core.edge import RefusedInput
from core.forms import (
    EmailPreferencesForm,
    MembershipRequestForm,
    ProfileForm,
    SocietyProfileForm,
    TokenCreateForm,
)
from core.models import APIToken, Membership, NationalSociety, Region
from core.sections import render_sections


def home(request):
    regions = Region.objects.order_by("position").annotate(
        society_count=Count("societies", filter=Q(societies__kind="national-society"))
    )
    context = {"regions": regions, "sections": render_sections("home", request)}
    return render(request, "core/home.html", context)


def society_list(request):
    societies = (
        NationalSociety.objects.national_societies()
        .select_related("country", "region")
        .order_by_label()
    )
    query = request.GET.get("q", "").strip()
    region_code = request.GET.get("region", "")
    if query:
        societies = societies.named_like(query)
    if region_code:
        societies = societies.filter(region__code=region_code)
    return render(
        request,
        "core/society_list.html",
        {
            "societies": societies,
            "regions": Region.objects.all(),
            "query": query,
            "region_code": region_code,
        },
    )


def society_detail(request, slug):
    society = get_object_or_404(
        NationalSociety.objects.select_related("country", "region").with_member_count(), slug=slug
    )
    return render(
        request,
        "core/society_detail.html",
        {
            "society": society,
            "can_edit": permissions.can_edit_society(request.user, society),
            "sections": render_sections("society", request, society=society),
        },
    )


@login_required
def society_edit(request, slug):
    society = get_object_or_404(NationalSociety, slug=slug)
    if not permissions.can_edit_society(request.user, society):
        raise PermissionDenied(
            _("Only the society's focal points and IFRC editors edit its profile.")
        )
    form = SocietyProfileForm(request.POST or None, instance=society)
    if request.method == "POST" and form.is_valid():
        services.update_society_profile(
            society=society,
            actor=request.user,
            website=form.cleaned_data["website"],
            email_domains=form.cleaned_data["email_domains"],
        )
        messages.success(request, _("The society's profile is saved."))
        return redirect(society)
    status = 400 if form.errors else 200
    return render(
        request, "core/society_edit.html", {"society": society, "form": form}, status=status
    )


def region_detail(request, code):
    region = get_object_or_404(Region, code=code)
    societies = region.societies.national_societies().select_related("country").order_by_label()
    context = {
        "region": region,
        "societies": societies,
        "sections": render_sections("region", request, region=region),
    }
    return render(request, "core/region_detail.html", context)


@never_cache
@login_required
def profile(request):
    user = request.user
    profile_form = ProfileForm(
        request.POST if request.POST.get("form") == "profile" else None,
        initial={"full_name": user.full_name, "language": user.language},
    )
    join_form = MembershipRequestForm(request.POST if request.POST.get("form") == "join" else None)
    emails_form = EmailPreferencesForm(
        request.POST if request.POST.get("form") == "emails" else None, user=user
    )
    if request.method == "POST":
        if emails_form.is_bound and emails_form.is_valid():
            notifications.set_muted_kinds(user=user, muted_kinds=emails_form.muted_kinds())
            messages.success(request, _("Your email choices are saved."))
            return redirect("core:profile")
        if profile_form.is_bound and profile_form.is_valid():
            services.update_profile(user=user, **profile_form.cleaned_data)
            messages.success(request, _("Your profile is saved."))
            return redirect("core:profile")
        if join_form.is_bound and join_form.is_valid():
            membership = services.request_membership(
                user=user, society=join_form.cleaned_data["society"]
            )
            if membership.status == Membership.Status.APPROVED:
                messages.success(request, _("You are now a member of %s.") % membership.society)
            else:
                messages.info(request, _("Your request is waiting for approval."))
            return redirect("core:profile")
    return _render_profile(
        request, profile_form=profile_form, join_form=join_form, emails_form=emails_form
    )


def _render_profile(
    request, *, profile_form=None, join_form=None, token_form=None, emails_form=None
):
    user = request.user
    if profile_form is None:
        profile_form = ProfileForm(initial={"full_name": user.full_name, "language": user.language})
    join_form = join_form if join_form is not None else MembershipRequestForm()
    token_form = token_form if token_form is not None else TokenCreateForm(request=request)
    emails_form = emails_form if emails_form is not None else EmailPreferencesForm(user=user)
    context = {
        "profile_form": profile_form,
        "emails_form": emails_form,
        "emails_always_sent": notifications.kinds_always_sent(),
        "join_form": join_form,
        "token_form": token_form,
        "memberships": user.memberships.select_related("society", "society__region"),
        "pending_requests": Membership.objects.decidable_by(user)
        .pending()
        .exclude(user=user)
        .select_related("user", "society")
        .order_by("requested_at"),
        # Expired tokens no longer work (knox deletes them when next seen).
        "tokens": APIToken.objects.filter(user=user, expiry__gt=timezone.now()),
        "new_token": request.session.pop("new_token", None),
        "token_days": settings.API_TOKEN_DAYS,
    }
    has_errors = any(form.errors for form in (profile_form, join_form, token_form, emails_form))
    return render(request, "core/profile.html", context, status=400 if has_errors else 200)


@require_POST
@login_required
def membership_decide(request, pk):
    membership = get_object_or_404(Membership.objects.decidable_by(request.user), pk=pk)
    approve = request.POST.get("decision") == "approve"
    services.decide_membership(membership=membership, actor=request.user, approve=approve)
    if approve:
        messages.success(request, _("%s is now a member.") % membership.user)
    else:
        messages.info(request, _("The request of %s is rejected.") % membership.user)
    return redirect("core:profile")


@never_cache
@require_POST
@login_required
def token_create(request):
    form = TokenCreateForm(request.POST, request=request)
    if not form.is_valid():
        return _render_profile(request, token_form=form)
    _token, key = services.create_token(user=request.user, name=form.cleaned_data["name"])
    # Shown once on the next page, then gone: only the hash is stored.
    request.session["new_token"] = key
    return redirect("core:profile")


@require_POST
@login_required
def token_renew(request, token_key):
    token = services.renew_token(user=request.user, token_key=token_key)
    if token is not None:
        messages.success(
            request,
            _("The token %(name)s now expires on %(date)s.")
            % {"name": token.name, "date": date_format(timezone.localtime(token.expiry))},
        )
    return redirect("core:profile")


@require_POST
@login_required
def token_revoke(request, token_key):
    if services.revoke_token(user=request.user, token_key=token_key):
        messages.success(request, _("The token is revoked."))
    return redirect("core:profile")


@never_cache
def healthz(request):
    """200 when the database (and the broker, when one is configured) answers; 503 otherwise."""
    from django.conf import settings

    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:  # any failure of the database is a reason to report, not raise
        checks["database"] = f"unavailable: {error.__class__.__name__}"
    if settings.CELERY_BROKER_URL:
        from config.celery import app

        try:
            with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
                conn.ensure_connection(max_retries=1, timeout=3)
            checks["broker"] = "ok"
        except Exception as error:  # as above: the broker's failure is the answer
            checks["broker"] = f"unavailable: {error.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


# --- Error pages: JSON under /api/, friendly pages elsewhere ----------------------------------


def _error(request, status, template, message):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    return render(request, template, {"message": message}, status=status)


def bad_request(request, exception=None):
    # Only input refused at the edge says what was wrong: other exceptions' words are Django's,
    # written for developers.
    if isinstance(exception, RefusedInput):
        return _error(request, 400, "400.html", str(exception))
    return _error(request, 400, "400.html", _("The request could not be understood."))


def permission_denied(request, exception=None):
    detail = str(exception) if exception and str(exception) else ""
    return _error(request, 403, "403.html", detail or _("You do not have permission to do this."))


def page_not_found(request, exception=None):
    return _error(request, 404, "404.html", _("Not found."))


@csrf_exempt  # nothing is done here: a POST gets the same JSON 404, not the CSRF page
def api_not_found(request, *args, **kwargs):
    return JsonResponse({"detail": _("Not found.")}, status=404)


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Server error. It has been logged.")}, status=500)
    # No context processors here: whatever failed may fail again while rendering.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render())


# --- Notifications ----------------------------------------------------------------------------

NOTIFICATIONS_PER_PAGE = 20


@never_cache
@login_required
def notification_list(request):
    page = Paginator(request.user.notifications.all(), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "core/notification_list.html", {"page": page})


@require_POST
@login_required
def notification_mark_read(request, pk):
    # Among the person's own: another's notification is a 404.
    notification = get_object_or_404(request.user.notifications, pk=pk)
    notifications.mark_read(notification=notification)
    return redirect(_notifications_page(request))


@require_POST
@login_required
def notifications_mark_all_read(request):
    notifications.mark_all_read(user=request.user)
    messages.success(request, _("All your notifications are marked read."))
    return redirect(_notifications_page(request))


def _notifications_page(request) -> str:
    page = request.POST.get("page", "")
    url = reverse("core:notifications")
    return f"{url}?page={page}" if page.isdigit() and page != "1" else url


@csrf_exempt
@never_cache
def unsubscribe(request, token):
    """The link at the foot of each email that can be turned off, and its List-Unsubscribe
    header. A mail client's one-click unsubscribe (RFC 8058) POSTs here without a session or a
    CSRF token: the signed token is the authority, and the POST turns the kind off at once. A
    GET (a person following the link, or a scanner) shows one button and changes nothing."""
    found = notifications.read_unsubscribe_token(token)
    if found is None:
        raise Http404(_("This unsubscribe link is not valid."))
    user, kind = found
    if request.method == "POST":
        notifications.turn_off(user=user, kind=kind)
        return render(request, "core/unsubscribed.html", {"kind": kind})
    return render(request, "core/unsubscribe.html", {"kind": kind, "email": user.email})
