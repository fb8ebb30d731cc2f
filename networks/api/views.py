"""The networks API: the networks with their members and coordinators, and the requests and
invitations to join them. Writes call networks.services, with the same rules as the pages."""

from collections import Counter

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.parsers import JSONParser
from core.models import User
from networks.api.serializers import (
    AppointSerializer,
    CoordinatorSerializer,
    JoinSerializer,
    NetworkDetailSerializer,
    NetworkListSerializer,
    NetworkRequestSerializer,
    NetworkWriteSerializer,
    SocietyChoiceSerializer,
    StepSerializer,
)
from networks.filters import NetworkFilter, facet_counts
from networks.models import Network, NetworkCoordinator, NetworkMember, NetworkRequest
from networks.permissions import can_create_network, can_edit_network
from networks.services import networks as services

COORDINATOR_ID = OpenApiParameter(
    "coordinator_id",
    int,
    OpenApiParameter.PATH,
    description="The coordinator's id, as the network's `coordinators` list gives it.",
)


@extend_schema_view(
    create=extend_schema(request=NetworkWriteSerializer, responses={201: NetworkDetailSerializer}),
    partial_update=extend_schema(request=NetworkWriteSerializer, responses=NetworkDetailSerializer),
)
class NetworkViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Regional and thematic networks of National Societies.

    Lists filter on `region` and `kind` (repeat a filter for either value) with `facets`
    counted on the current filter. IFRC editors create networks (POST); editors and the
    network's coordinators edit them (PATCH; the slug is fixed at creation). A society's focal
    point asks to join (`join`) or takes it out (`leave`); the network's coordinators and IFRC
    editors invite (`invite`) and remove members (`remove`); editors appoint coordinators
    (`coordinators`) and end an appointment (DELETE on `coordinators/{coordinator_id}`).
    """

    lookup_field = "slug"
    filterset_class = NetworkFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    parser_classes = [JSONParser]

    def get_queryset(self):
        networks = Network.objects.visible_to(self.request.user).select_related("host_society")
        if self.action == "list":
            return networks.annotate(member_count=Count("members")).order_by("name")
        members = NetworkMember.objects.select_related("society__region").order_by("society__name")
        return networks.annotate(member_count=Count("members")).prefetch_related(
            Prefetch("members", queryset=members),
            Prefetch("coordinators", queryset=NetworkCoordinator.objects.select_related("user")),
        )

    def get_serializer_class(self):
        if self.action in ("create", "partial_update", "update"):
            return NetworkWriteSerializer
        return NetworkListSerializer if self.action == "list" else NetworkDetailSerializer

    def create(self, request, *args, **kwargs):
        # Who may is asked before the body is read: someone who may not create a network
        # learns that, not what their body lacks.
        if not can_create_network(request.user):
            raise PermissionDenied(_("Only IFRC editors create networks."))
        serializer = NetworkWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        network = services.create_network(actor=request.user, data=serializer.validated_data)
        return self._detail(network, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        network = self._network()
        if not can_edit_network(request.user, network):
            raise PermissionDenied(
                _("Only the network's coordinators and IFRC editors edit this network.")
            )
        serializer = NetworkWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        network = services.update_network(
            network=network, actor=request.user, data=serializer.validated_data
        )
        return self._detail(network)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    def get_facets(self, queryset):
        self.facet_total, facets = facet_counts(queryset)
        return facets

    def _network(self) -> Network:
        return get_object_or_404(
            Network.objects.visible_to(self.request.user), slug=self.kwargs["slug"]
        )

    def _detail(self, network, code=status.HTTP_200_OK):
        network = self.get_queryset().get(pk=network.pk)
        context = self.get_serializer_context()
        return Response(NetworkDetailSerializer(network, context=context).data, status=code)

    def _request(self, network_request, code=status.HTTP_201_CREATED):
        context = self.get_serializer_context()
        return Response(
            NetworkRequestSerializer(network_request, context=context).data, status=code
        )

    @extend_schema(request=JoinSerializer, responses={201: NetworkRequestSerializer})
    @action(detail=True, methods=["post"])
    def join(self, request, slug=None):
        """A focal point asks for their society to join; the coordinators are told."""
        network = self._network()
        serializer = JoinSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        joining = services.request_to_join(
            network=network, actor=request.user, **serializer.validated_data
        )
        return self._request(joining)

    @extend_schema(request=JoinSerializer, responses={201: NetworkRequestSerializer})
    @action(detail=True, methods=["post"])
    def invite(self, request, slug=None):
        """A coordinator or an editor invites a society; its focal points are told."""
        network = self._network()
        serializer = JoinSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        invitation = services.invite_society(
            network=network, actor=request.user, **serializer.validated_data
        )
        return self._request(invitation)

    @extend_schema(request=SocietyChoiceSerializer, responses=NetworkDetailSerializer)
    @action(detail=True, methods=["post"])
    def leave(self, request, slug=None):
        """A focal point takes their society out of the network."""
        network = self._network()
        serializer = SocietyChoiceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.leave_network(network=network, actor=request.user, **serializer.validated_data)
        return self._detail(network)

    @extend_schema(request=SocietyChoiceSerializer, responses=NetworkDetailSerializer)
    @action(detail=True, methods=["post"])
    def remove(self, request, slug=None):
        """A coordinator or an editor removes a member society."""
        network = self._network()
        serializer = SocietyChoiceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.remove_member(network=network, actor=request.user, **serializer.validated_data)
        return self._detail(network)

    @extend_schema(request=AppointSerializer, responses={201: CoordinatorSerializer})
    @action(detail=True, methods=["post"])
    def coordinators(self, request, slug=None):
        """An editor appoints a coordinator, by their email address."""
        network = self._network()
        serializer = AppointSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = User.objects.filter(
            email__iexact=serializer.validated_data["email"], is_active=True
        ).first()
        if user is None:
            services.require_appointer(request.user)
            raise DjangoValidationError({"email": [_("Nobody with this address is registered.")]})
        try:
            coordinator = services.appoint_coordinator(
                network=network, user=user, actor=request.user
            )
        except DjangoValidationError as error:
            raise DjangoValidationError(
                {
                    ("email" if key == "user" else key): value
                    for key, value in error.error_dict.items()
                }
            ) from None
        context = self.get_serializer_context()
        return Response(CoordinatorSerializer(coordinator, context=context).data, status=201)

    @extend_schema(parameters=[COORDINATOR_ID], request=None, responses={204: None})
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"coordinators/(?P<coordinator_id>[0-9]+)",
        url_name="coordinator",
    )
    def remove_coordinator(self, request, slug=None, coordinator_id=None):
        """An editor ends a coordinator's appointment: they no longer manage or edit the
        network."""
        network = self._network()
        services.require_appointer(request.user)
        coordinator = get_object_or_404(network.coordinators, pk=coordinator_id)
        services.remove_coordinator(coordinator=coordinator, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


NETWORK_SLUG = OpenApiParameter(
    "network_slug", str, OpenApiParameter.PATH, description="The network's slug."
)


@extend_schema(parameters=[NETWORK_SLUG])
class NetworkRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """A network's requests to join and invitations, as far as the requester may see them
    (the society's members, the network's coordinators, IFRC editors), each with the steps the
    requester may take now. `facets` count them by kind and status."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = NetworkRequestSerializer
    parser_classes = [JSONParser]
    filterset_class = None
    queryset = NetworkRequest.objects.none()  # what the schema reads; requests use get_queryset
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        network = get_object_or_404(
            Network.objects.visible_to(self.request.user), slug=self.kwargs["network_slug"]
        )
        return (
            NetworkRequest.objects.visible_to(self.request.user)
            .filter(network=network)
            .select_related("network", "society__region")
            .prefetch_related("network__coordinators")
            .order_by("-created_at", "-id")
        )

    def get_facets(self, queryset):
        rows = list(queryset.order_by().values_list("kind", "status"))
        self.facet_total = len(rows)
        kinds, statuses = Counter(k for k, _s in rows), Counter(s for _k, s in rows)
        return {
            "kind": [
                {"value": value, "label": str(label), "count": kinds[value]}
                for value, label in NetworkRequest.Kind.choices
                if kinds[value]
            ],
            "status": [
                {"value": value, "label": str(label), "count": statuses[value]}
                for value, label in NetworkRequest.Status.choices
                if statuses[value]
            ],
        }

    def _step(self, request, action_name):
        network_request = self.get_object()
        serializer = StepSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            answered = services.answer(
                network_request=network_request,
                actor=request.user,
                action=action_name,
                reason=serializer.validated_data["reason"],
            )
        except DjangoValidationError as error:
            if hasattr(error, "error_dict") and "note" in error.error_dict:
                # The workflow's note is the body's reason.
                raise DjangoValidationError({"reason": error.error_dict["note"]}) from None
            raise
        answered = self.get_queryset().get(pk=answered.pk)
        return Response(self.get_serializer(answered).data)

    @extend_schema(request=StepSerializer, responses=NetworkRequestSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, network_slug=None, pk=None):
        """A coordinator or an editor approves a request: the society is a member from today."""
        return self._step(request, "approve")

    @extend_schema(request=StepSerializer, responses=NetworkRequestSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, network_slug=None, pk=None):
        """A coordinator or an editor declines a request (a reason is required); the society's
        focal point declines an invitation."""
        return self._step(request, "decline")

    @extend_schema(request=StepSerializer, responses=NetworkRequestSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, network_slug=None, pk=None):
        """The invited society's focal point accepts: the society is a member from today."""
        return self._step(request, "accept")

    @extend_schema(request=StepSerializer, responses=NetworkRequestSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, network_slug=None, pk=None):
        """The side that sent a request or an invitation withdraws it."""
        return self._step(request, "withdraw")
