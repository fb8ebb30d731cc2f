"""The network filters, shared by the list page and the API: repeated values OR within a field,
AND across fields; unknown codes are errors naming the field (a 400)."""

from collections import Counter

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core import taxonomy
from networks.models import Level, Network, ParticipantStatus, ResponseParticipant, ResponseStatus
from practices.search import count_codes


def _region_choices():
    # A callable: the labels are read in the request's language.
    return [(code, taxonomy.term_label("region", code)) for code in taxonomy.codes("region")]


# Not a column of its own (a network's regions are one array), so the schema is told its type.
@extend_schema_field(OpenApiTypes.STR)
class RegionsFilter(django_filters.MultipleChoiceFilter):
    """Networks covering any of the chosen regions."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(regions__overlap=list(value))


class NetworkFilter(django_filters.FilterSet):
    region = RegionsFilter(
        choices=_region_choices,
        label=_("Region"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Networks covering any of these regions."),
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=Network.Kind.choices,
        label=_("Kind"),
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Network
        fields = ["region", "kind"]


def facet_counts(networks) -> tuple[int, dict]:
    """The number of `networks` and how many cover each region and are of each kind, with
    labels, shaped as the practices list's facets. One statement: networks are dozens, not
    thousands, so their regions and kinds are counted here rather than grouped in SQL."""
    rows = list(networks.order_by().values_list("kind", "regions"))
    regions = Counter(code for _kind, codes in rows for code in set(codes))
    kinds = Counter(kind for kind, _codes in rows)
    facets = {
        "region": [
            {"value": code, "label": taxonomy.term_label("region", code), "count": regions[code]}
            for code in taxonomy.codes("region")
            if regions[code]
        ],
        "kind": [
            {"value": value, "label": str(label), "count": kinds[value]}
            for value, label in Network.Kind.choices
            if kinds[value]
        ],
    }
    return len(rows), facets


# --- Cross-national responses ---------------------------------------------------------------------
# The response filters, shared by the list page and the API so both read the same way:
# repeated values OR within a field, AND across fields; unknown codes are errors naming the
# field (a 400).


def _term_choices(vocabulary):
    # A callable: the labels are read in the request's language.
    return lambda: taxonomy.choices(vocabulary)


class OverlapFilter(django_filters.MultipleChoiceFilter):
    """Rows whose array field carries any of the chosen codes."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(**{f"{self.field_name}__overlap": list(value)})


class ResponseFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=ResponseStatus.choices, label=_("Status"), distinct=False
    )
    region = OverlapFilter(field_name="regions", choices=_term_choices("region"), label=_("Region"))
    level = django_filters.MultipleChoiceFilter(
        choices=Level.choices, label=_("Coordination level"), distinct=False
    )
    society = django_filters.BaseInFilter(
        field_name="participants__society__slug",
        method="filter_society",
        label=_("Society taking part (slug)"),
    )
    network = django_filters.BaseInFilter(
        field_name="network__slug", label=_("Network (slug)"), distinct=False
    )
    route = django_filters.BaseInFilter(
        field_name="route__slug", label=_("Migration route (slug)"), distinct=False
    )
    country = OverlapFilter(
        field_name="countries", choices=taxonomy.country_choices, label=_("Country")
    )
    step = OverlapFilter(field_name="steps", choices=_term_choices("step"), label=_("Step"))

    def filter_society(self, queryset, name, value):
        # EXISTS, not a join: a response with several chosen societies is listed once.
        taking_part = ResponseParticipant.objects.filter(
            response_id=OuterRef("pk"),
            society__slug__in=value,
            status=ParticipantStatus.ACCEPTED,
        )
        return queryset.filter(Exists(taking_part))


# facet → (column, is_array, [(code, label), ...] read when counted, in the reader's language)
FACETS = {
    "status": ("status", False, lambda: ResponseStatus.choices),
    "level": ("level", False, lambda: Level.choices),
    "region": ("regions", True, lambda: taxonomy.choices("region")),
    "step": ("steps", True, lambda: taxonomy.choices("step")),
    "support_type": ("support_types", True, lambda: taxonomy.choices("support_type")),
    "principle": ("principles", True, lambda: taxonomy.choices("principle")),
}


def response_facets(queryset) -> tuple[int, dict[str, list[dict]]]:
    """The total and each facet's counts over `queryset`, in one statement (every value of
    each vocabulary listed, zeros included, in its own order)."""
    vocabularies = {name: list(choices()) for name, (_c, _a, choices) in FACETS.items()}
    groups = {
        name: (column, is_array, [code for code, _label in vocabularies[name]])
        for name, (column, is_array, _choices) in FACETS.items()
    }
    total, counts, _pairs = count_codes(queryset, groups)
    facets = {
        name: [
            {"value": code, "label": str(label), "count": counts[name].get(code, 0)}
            for code, label in vocabularies[name]
        ]
        for name in FACETS
    }
    return total, facets
