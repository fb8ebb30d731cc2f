"""What the catalogue page shows beside its results: facet groups, removable filter chips,
feed links, the CSV link and the "Order by" menu, built from the query string."""

from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import taxonomy
from core.models import NationalSociety
from core.taxonomy import term_label
from practices.models import Status

# Countries are many: the most frequent are listed, the rest fold away.
COUNTRIES_SHOWN = 10

FACET_TITLES = {
    "region": gettext_lazy("Region"),
    "principle": gettext_lazy("Principle"),
    "step": gettext_lazy("Step of the trail"),
    "support_type": gettext_lazy("Type of support"),
    "dimension": gettext_lazy("Dimension of resilience"),
    "country": gettext_lazy("Country"),
    "kind": gettext_lazy("Kind"),
    "language": gettext_lazy("Language"),
    "rubric": gettext_lazy("Quality"),
}
# Filters shown as removable chips, beyond the facets.
CHIP_TITLES = {
    **FACET_TITLES,
    "society": gettext_lazy("National Society"),
    "status": gettext_lazy("Status"),
    "published_after": gettext_lazy("Published on or after"),
    "published_before": gettext_lazy("Published on or before"),
}


# ------------------------------------------------------------------------------


def toggled(params: QueryDict, name: str, value: str) -> str:
    """The query string with `value` of `name` added, or removed when it is there; other
    filters are kept and paging starts again. Written pair by pair rather than on a copy of
    the QueryDict: a catalogue page asks this for each of its few hundred facet values."""
    pairs, found = [], False
    for key, values in params.lists():
        if key == "page":
            continue
        if key == name:
            found = True
            values = list(values)
            if value in values:
                values.remove(value)
            else:
                values.append(value)
        pairs += [(key, each) for each in values]
    if not found:
        pairs.append((name, value))
    return "?" + urlencode(pairs)


def facet_groups(facets: dict, params: QueryDict) -> list[dict]:
    groups = []
    for name, title in FACET_TITLES.items():
        chosen = params.getlist(name)
        values = []
        for item in facets.get(name, []):
            selected = item["value"] in chosen
            if not item["count"] and not selected:
                continue
            label = term_label(name, item["value"]) if name == "principle" else item["label"]
            values.append(
                {
                    "value": item["value"],
                    "label": label,
                    "count": item["count"],
                    "selected": selected,
                    "url": toggled(params, name, item["value"]),
                }
            )
        if values:
            shown = COUNTRIES_SHOWN if name == "country" else len(values)
            groups.append(
                {
                    "name": name,
                    "title": title,
                    "all": values,
                    "shown": shown,
                    "values": values[:shown],
                    "more": values[shown:],
                }
            )
    return groups


def chips(params: QueryDict) -> list[dict]:
    society_slugs = [
        slug for value in params.getlist("society") for slug in value.split(",") if slug
    ]
    society_names = (
        NationalSociety.objects.filter(slug__in=society_slugs).labels_by_slug()
        if society_slugs
        else {}
    )
    chips = []
    for name, title in CHIP_TITLES.items():
        for value in params.getlist(name):
            if not value:
                continue
            if name == "society":
                label = ", ".join(society_names.get(slug, slug) for slug in value.split(","))
            elif name == "status":
                label = Status(value).label if value in Status.values else value
            else:
                label = term_label(name, value)
            chips.append({"title": title, "label": label, "url": toggled(params, name, value)})
    return chips


def feeds(params: QueryDict) -> list[tuple[str, str]]:
    feeds = [(_("New practices"), reverse("practices:feed"))]
    regions, principles = params.getlist("region"), params.getlist("principle")
    # Only known codes get a feed link: anything else is a filter error on this page.
    regions = [code for code in regions if code in taxonomy.codes("region")]
    principles = [code for code in taxonomy.codes("principle") if code in principles]
    if len(regions) == 1:
        feeds.append(
            (
                _("New practices in %(region)s") % {"region": term_label("region", regions[0])},
                reverse("practices:feed_region", args=[regions[0]]),
            )
        )
    if len(principles) == 1:
        feeds.append(
            (
                _("New practices for %(principle)s") % {"principle": principles[0]},
                reverse("practices:feed_principle", args=[principles[0]]),
            )
        )
    return feeds


def csv_url(params: QueryDict) -> str:
    query = params.copy()
    query.pop("page", None)
    query["format"] = "csv"
    if "status" not in query:
        query["status"] = Status.PUBLISHED  # the same rows as the page shows
    return reverse("api:practice-list") + "?" + query.urlencode()


def ordering_options(current: str, searching: bool) -> list[tuple[str, str, bool]]:
    """(value, label, selected) of the catalogue's "Order by" menu.

    The default is sent as an empty value, not as "newest": the menu goes with every search
    from the box, and a query typed on a page that listed the newest first must still come
    back by relevance. So the empty option reads "Relevance" under a query and "Newest"
    otherwise (the order the page shows either way)."""
    if current in ("relevance", "") or (current == "-published_at" and not searching):
        current = ""
    options = [("", _("Relevance") if searching else _("Newest"))]
    if searching:
        options.append(("-published_at", _("Newest")))
    options.append(("title", _("Title")))
    return [(value, label, value == current) for value, label in options]
