"""The network filters, shared by the list page and the API: repeated values OR within a field,
AND across fields; unknown codes are errors naming the field (a 400)."""

from collections import Counter

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core import taxonomy
from networks.models import Network


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
