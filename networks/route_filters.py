"""The support offer filters, shared by the offers page and the API so both read the same way:
repeated values OR within a field, AND across fields; unknown codes are errors naming the
field. Codes are checked in memory, so validating a request costs no query."""

import functools

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import CharField, Count
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from core import taxonomy
from core.api.filters import CodeFilter
from core.models import NationalSociety
from core.translations import active_language
from networks.models import Network, OfferStatus, RouteStop
from networks.vocabulary import SPOKEN_LANGUAGES, TargetGroup, language_label
from practices.search import QUERY_MAX_LENGTH, count_values, validate_query


def _choices(vocabulary):
    return [(code, code) for code in taxonomy.codes(vocabulary)]


@functools.cache
def _country_choices():
    return taxonomy.country_choices()


def _language_choices():
    return [(code, code) for code in sorted(SPOKEN_LANGUAGES)]


class OverlapFilter(django_filters.MultipleChoiceFilter):
    """Matches offers whose array field carries any of the chosen codes."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(**{f"{self.field_name}__overlap": list(value)})


class RepeatedSlugsWidget(django_filters.widgets.BaseCSVWidget, forms.TextInput):
    """Repeated values (`?society=a&society=b`, as a multiple choice sends them), each of which
    may also list several with commas (`?society=a,b`, as the API has always read it)."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        slugs = [slug.strip() for value in values if value for slug in str(value).split(",")]
        return list(dict.fromkeys(slug for slug in slugs if slug)) or None


class OfferFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        max_length=QUERY_MAX_LENGTH,
        validators=[validate_query],
    )
    country = django_filters.MultipleChoiceFilter(
        field_name="country_id", choices=_country_choices, label=_("Country"), distinct=False
    )
    step = OverlapFilter(field_name="steps", choices=_choices("step"), label=_("Step"))
    support_type = OverlapFilter(
        field_name="support_types", choices=_choices("support_type"), label=_("Type of support")
    )
    society = django_filters.BaseInFilter(
        field_name="society__slug", label=_("Society"), widget=RepeatedSlugsWidget
    )
    language = OverlapFilter(
        field_name="languages", choices=_language_choices, label=_("Language spoken")
    )
    target_group = OverlapFilter(
        field_name="target_groups", choices=TargetGroup.choices, label=_("Target group")
    )
    status = django_filters.MultipleChoiceFilter(
        choices=OfferStatus.choices, label=_("Status"), distinct=False
    )
    stale = django_filters.BooleanFilter(method="filter_stale", label=_("Not confirmed lately"))

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # Few enough offers to search their texts as they are, with web-search syntax.
        vector = SearchVector("name", "description", "place", "translations", config="simple")
        query = SearchQuery(value, search_type="websearch", config="simple")
        return queryset.annotate(search=vector).filter(search=query)

    def filter_stale(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.stale() if value else queryset.fresh()


# facet → (column, is_array, labels of a closed vocabulary in its order, or None: open-ended)
FACETS = {
    "country": ("country_id", False, None),
    "step": ("steps", True, lambda: taxonomy.choices("step")),
    "support_type": ("support_types", True, lambda: taxonomy.choices("support_type")),
    "society": ("society_code", False, None),
    "language": ("languages", True, None),
    "target_group": ("target_groups", True, lambda: TargetGroup.choices),
    "status": ("status", False, lambda: OfferStatus.choices),
}


def offer_facets(queryset) -> tuple[int, dict[str, list[dict]]]:
    """The total and each facet's counts over the filtered offers, in one statement (and one
    more for the names of the societies counted)."""
    groups = {name: (column, is_array) for name, (column, is_array, _labels) in FACETS.items()}
    # As text, as every counted value is (the counts come back in one column).
    queryset = queryset.annotate(society_code=Cast("society_id", output_field=CharField()))
    total, counts, _pairs = count_values(queryset, groups)
    society_ids = [int(value) for value in counts["society"] if value is not None]
    societies = {
        str(society.pk): society
        for society in NationalSociety.objects.filter(pk__in=society_ids).only(
            "slug", "name", "translations"
        )
    }
    facets: dict[str, list[dict]] = {}
    for name, (_column, _is_array, labels) in FACETS.items():
        found = counts[name]
        if labels is not None:
            facets[name] = [
                {"value": code, "label": str(label), "count": found.get(code, 0)}
                for code, label in labels()
            ]
            continue
        items = []
        for value, count in found.items():
            if value is None:
                continue
            if name == "society":
                society = societies.get(str(value))
                if society is None:
                    continue
                items.append({"value": society.slug, "label": society.label, "count": count})
            elif name == "language":
                items.append({"value": value, "label": language_label(value), "count": count})
            else:
                items.append(
                    {"value": value, "label": taxonomy.term_label(name, value), "count": count}
                )
        facets[name] = _by_count(items)
    return total, facets


class RouteFilter(django_filters.FilterSet):
    network = CodeFilter(
        field_name="networks__slug",
        model=Network,
        to_field="slug",
        label=_("Network"),
        distinct=True,
    )
    country = django_filters.MultipleChoiceFilter(
        field_name="stops__country_id", choices=_country_choices, label=_("Country"), distinct=True
    )


def route_facets(queryset) -> dict[str, list[dict]]:
    """The filtered routes counted by linked network and by the countries of their stops."""
    routes = queryset.order_by().values("pk")
    networks = (
        Network.objects.filter(routes__in=routes)
        .values("slug", "name", "translations")
        .annotate(count=Count("routes", distinct=True))
    )
    countries = (
        RouteStop.objects.filter(route__in=routes)
        .values("country_id")
        .annotate(count=Count("route", distinct=True))
    )
    network_items = [
        {
            "value": row["slug"],
            "label": ((row["translations"] or {}).get(active_language()) or {}).get("name")
            or row["name"],
            "count": row["count"],
        }
        for row in networks
    ]
    country_items = [
        {
            "value": row["country_id"],
            "label": taxonomy.term_label("country", row["country_id"]),
            "count": row["count"],
        }
        for row in countries
    ]
    return {"network": _by_count(network_items), "country": _by_count(country_items)}


def _by_count(items: list[dict]) -> list[dict]:
    return sorted(items, key=lambda item: (-item["count"], item["label"]))
