from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response as APIResponse

from core.api.parsers import JSONParser
from core.exports import csv_download
from core.models import NationalSociety, user_is_editor
from core.permissions import focal_point_societies
from networks.api.responses.serializers import (
    DecisionNoteSerializer,
    ResponseAnswerSerializer,
    ResponseDetailSerializer,
    ResponseEditSerializer,
    ResponseInviteSerializer,
    ResponseJoinSerializer,
    ResponseListSerializer,
    ResponsePracticeLinkSerializer,
    ResponseRoleSerializer,
    ResponseUpdateSerializer,
    ResponseUpdateWriteSerializer,
    ResponseWriteSerializer,
)
from networks.filters import ResponseFilter, response_facets
from networks.models import ParticipantRole, Response, ResponseParticipant, ResponseUpdate
from networks.permissions import RESPONSE_EDIT_DENIED, can_edit_response
from networks.services import responses as services
from practices.api.views import CSVRenderer
from practices.models import Practice

# (column, HXL hashtag, value of a response)
CSV_COLUMNS = [
    ("id", "#meta+id", lambda r: r.pk),
    ("title", "#activity+name", lambda r: r.title),
    ("summary", "#description", lambda r: r.summary),
    ("lead_society", "#org+name+lead", lambda r: r.lead_society.name),
    ("lead_society_slug", "#org+code+lead", lambda r: r.lead_society.slug),
    ("network", "#group+name", lambda r: r.network.name if r.network else ""),
    ("route", "#x_route", lambda r: r.route.slug if r.route else ""),
    ("level", "#x_level", lambda r: r.level),
    ("countries", "#country+code", lambda r: ";".join(r.countries)),
    ("regions", "#region+code", lambda r: ";".join(r.regions)),
    ("steps", "#x_step", lambda r: ";".join(r.steps)),
    ("support_types", "#x_support_type", lambda r: ";".join(r.support_types)),
    ("principles", "#x_principle", lambda r: ";".join(r.principles)),
    ("status", "#status", lambda r: r.status),
    ("start_date", "#date+start", lambda r: r.start_date.isoformat() if r.start_date else ""),
    ("end_date", "#date+end", lambda r: r.end_date.isoformat() if r.end_date else ""),
]


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "format",
                str,
                enum=["json", "csv"],
                description="csv: the export. The format named here wins over the Accept header.",
            ),
            OpenApiParameter(
                "hxl", int, enum=[0, 1], description="1 with format=csv: a row of HXL hashtags"
            ),
        ],
        responses={
            (200, "application/json"): ResponseListSerializer(many=True),
            (200, "text/csv"): OpenApiTypes.STR,
        },
    ),
    create=extend_schema(
        request=ResponseWriteSerializer, responses={201: ResponseDetailSerializer}
    ),
    partial_update=extend_schema(
        request=ResponseEditSerializer, responses={200: ResponseDetailSerializer}
    ),
)
class ResponseViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Cross-national responses, with the societies taking part and the updates of their
    timeline.

    Lists answer what the requester may see, with `facets` counted on the current filter.
    Writes follow the response's workflow: a focal point proposes a response their society
    leads; an editor (or, for a regional one, a coordinator of its network) endorses or
    declines it; an editor launches one the Secretariat leads. Focal points ask to join, the
    lead answers; the lead invites, the invited society answers; the lead, the societies
    taking part and the editors post updates; the lead or an editor edits (PATCH) and closes
    it.
    """

    filterset_class = ResponseFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    parser_classes = [JSONParser]
    renderer_classes = [*viewsets.GenericViewSet.renderer_classes, CSVRenderer]

    def get_renderers(self):
        if self.action == "list":
            return super().get_renderers()
        return [renderer for renderer in super().get_renderers() if renderer.format != "csv"]

    def get_queryset(self):
        responses = Response.objects.visible_to(self.request.user)
        if self.action == "list":
            return responses.for_listing().order_by("-created_at", "-id")
        return responses.select_related(
            "lead_society", "lead_society__country", "network", "route", "contact"
        ).prefetch_related(
            Prefetch(
                "participants",
                ResponseParticipant.objects.select_related("society", "society__country").order_by(
                    "joined_on", "id"
                ),
            ),
            Prefetch(
                "updates",
                ResponseUpdate.objects.select_related("society", "society__country").order_by(
                    "-happened_on", "-id"
                ),
            ),
        )

    def get_serializer_class(self):
        if self.action == "list":
            return ResponseListSerializer
        if self.action == "create":
            return ResponseWriteSerializer
        if self.action == "partial_update":
            return ResponseEditSerializer
        return ResponseDetailSerializer

    def get_facets(self, queryset):
        # The facets statement counts the filtered rows too: the paginator reuses that total.
        self.facet_total, facets = response_facets(queryset)
        return facets

    def list(self, request, *args, **kwargs):
        self.paginator.check_parameters(request)
        hxl = request.query_params.get("hxl", "0")
        if hxl not in ("0", "1"):
            raise ValidationError({"hxl": [_("Give 1 for a row of HXL hashtags, or 0.")]})
        if request.accepted_renderer.format == "csv":
            queryset = self.filter_queryset(self.get_queryset())
            rows = ([value(row) for _n, _h, value in CSV_COLUMNS] for row in queryset.iterator())
            return csv_download(
                rows,
                header=[name for name, _h, _v in CSV_COLUMNS],
                hxl=[tag for _n, tag, _v in CSV_COLUMNS] if hxl == "1" else None,
                filename=f"responses-{timezone.localdate():%Y%m%d}.csv",
            )
        return super().list(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors are JSON even when the CSV export was asked for.
        if isinstance(response, APIResponse) and response.status_code >= 400:
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = "application/json"
        return super().finalize_response(request, response, *args, **kwargs)

    def _detail(self, response, status_code=status.HTTP_200_OK):
        response = self.get_queryset().get(pk=response.pk)
        serializer = ResponseDetailSerializer(response, context=self.get_serializer_context())
        return APIResponse(serializer.data, status=status_code)

    def _body(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _content(self, serializer_class):
        data = self._body(serializer_class)
        if "translations" in data:
            data["translations"] = {
                language: dict(texts) for language, texts in data["translations"].items()
            }
        return data

    def create(self, request, *args, **kwargs):
        data = self._content(ResponseWriteSerializer)
        invite = self._societies(data.pop("invite", []))
        society = data.pop("society", None)
        if user_is_editor(request.user) and society is None:
            response = services.launch_response(actor=request.user, data=data, invite=invite)
        else:
            if invite:
                raise ValidationError(
                    {"invite": [_("A proposed response invites societies once endorsed.")]}
                )
            if society is None:
                society = self._only_society(request.user)
            response = services.propose_response(actor=request.user, society=society, data=data)
        return self._detail(response, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        """Change what a response says: the lead society's members and the editors while it is
        proposed or active, the editors once it is closed or declined. Once endorsed, its
        `level` and `network` are changed by an editor."""
        response = self.get_object()
        # Who may not edit is told so before their body is read.
        if not can_edit_response(request.user, response):
            raise PermissionDenied(RESPONSE_EDIT_DENIED)
        data = self._content(ResponseEditSerializer)
        response = services.update_response(response=response, actor=request.user, data=data)
        return self._detail(response)

    def _societies(self, slugs):
        found = {
            society.slug: society
            for society in NationalSociety.objects.national_societies().filter(slug__in=slugs)
        }
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            raise ValidationError(
                {
                    "invite": [
                        _("No National Society has the slug %(slugs)s.")
                        % {"slugs": ", ".join(unknown)}
                    ]
                }
            )
        return [found[slug] for slug in dict.fromkeys(slugs)]

    def _only_society(self, user):
        societies = list(focal_point_societies(user).national_societies()[:2])
        if len(societies) == 1:
            return societies[0]
        if not societies:
            raise PermissionDenied(
                _("A focal point of a National Society proposes a response their society leads.")
            )
        raise ValidationError({"society": [_("Say which of your societies leads it (its slug).")]})

    @extend_schema(request=None, responses=ResponseDetailSerializer)
    @action(detail=True, methods=["post"])
    def endorse(self, request, pk=None):
        response = services.endorse_response(response=self.get_object(), actor=request.user)
        return self._detail(response)

    @extend_schema(request=DecisionNoteSerializer, responses=ResponseDetailSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        note = self._body(DecisionNoteSerializer)["note"]
        response = services.decline_response(
            response=self.get_object(), actor=request.user, note=note
        )
        return self._detail(response)

    @extend_schema(request=None, responses=ResponseDetailSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        response = services.close_response(response=self.get_object(), actor=request.user)
        return self._detail(response)

    @extend_schema(request=ResponseJoinSerializer, responses={201: ResponseDetailSerializer})
    @action(detail=True, methods=["post"])
    def join(self, request, pk=None):
        data = self._body(ResponseJoinSerializer)
        services.ask_to_join(
            response=self.get_object(),
            actor=request.user,
            society=data.get("society"),
            role=data.get("role", ParticipantRole.PARTICIPANT),
            note=data.get("note", ""),
        )
        return self._detail(self.get_object(), status.HTTP_201_CREATED)

    @extend_schema(request=ResponseInviteSerializer, responses={201: ResponseDetailSerializer})
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        data = self._body(ResponseInviteSerializer)
        services.invite_society(
            response=self.get_object(),
            actor=request.user,
            society=data["society"],
            role=data.get("role", ParticipantRole.PARTICIPANT),
            note=data.get("note", ""),
        )
        return self._detail(self.get_object(), status.HTTP_201_CREATED)

    def _place(self, response, society):
        return get_object_or_404(ResponseParticipant, response=response, society=society)

    @extend_schema(request=ResponseAnswerSerializer, responses=ResponseDetailSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """Accept or decline a society's request to join (the lead's focal points, editors)
        or an invitation (the invited society's focal points)."""
        data = self._body(ResponseAnswerSerializer)
        response = self.get_object()
        services.answer_place(
            participant=self._place(response, data["society"]),
            actor=request.user,
            decision=data["decision"],
            note=data.get("note", ""),
        )
        return self._detail(response)

    @extend_schema(request=ResponseRoleSerializer, responses=ResponseDetailSerializer)
    @action(detail=True, methods=["post"])
    def role(self, request, pk=None):
        """Make a society taking part a participant or a supporter."""
        data = self._body(ResponseRoleSerializer)
        response = self.get_object()
        services.set_role(
            participant=self._place(response, data["society"]),
            actor=request.user,
            role=data["role"],
        )
        return self._detail(response)

    @extend_schema(request=ResponseUpdateWriteSerializer, responses={201: ResponseUpdateSerializer})
    @action(detail=True, methods=["post"])
    def updates(self, request, pk=None):
        """Post an update to the timeline of an active response."""
        data = self._body(ResponseUpdateWriteSerializer)
        update = services.post_update(response=self.get_object(), actor=request.user, data=data)
        return APIResponse(
            ResponseUpdateSerializer(update, context=self.get_serializer_context()).data, status=201
        )

    @extend_schema(
        request=ResponsePracticeLinkSerializer, responses={201: ResponseDetailSerializer}
    )
    @action(detail=True, methods=["post"])
    def practices(self, request, pk=None):
        """Name this response as the origin of a practice (those who edit the practice)."""
        data = self._body(ResponsePracticeLinkSerializer)
        response = self.get_object()
        practice = Practice.objects.visible_to(request.user).filter(pk=data["practice"]).first()
        if practice is None:
            raise ValidationError({"practice": [_("No practice you may see has this id.")]})
        services.link_practice(response=response, practice=practice, actor=request.user)
        return self._detail(response, status.HTTP_201_CREATED)
