"""What the practices app adds to core's home, society and region pages (see core.sections)."""

from core.taxonomy import term_label
from practices.models import Practice, Status
from practices.search import labelled_facets
from practices.tallies import tallied_counts

FEATURED_COUNT = 3
NEWEST_COUNT = 6
LATEST_COUNT = 10


def _published(request):
    return Practice.objects.visible_to(request.user).published()


def home(request):
    practices = _published(request)
    newest = practices.for_listing().order_by("-published_at", "-id")
    total, counts = tallied_counts(request.user, statuses=[Status.PUBLISHED])
    facets = labelled_facets(counts)
    principles = [
        {**item, "label": term_label("principle", item["value"])} for item in facets["principle"]
    ]
    context = {
        "featured": list(newest.filter(featured=True)[:FEATURED_COUNT]),
        "newest": list(newest[:NEWEST_COUNT]),
        "total": total,
        "regions": facets["region"],
        "principles": principles,
    }
    return "practices/includes/home_section.html", context


def society(request, society):
    practices = (
        _published(request)
        .filter(society=society)
        .for_listing()
        .order_by("-published_at", "-id")[:LATEST_COUNT]
    )
    return "practices/includes/society_section.html", {
        "society": society,
        "practices": list(practices),
    }


def region(request, region):
    practices = (
        _published(request)
        .filter(region_id=region.code)
        .for_listing()
        .order_by("-published_at", "-id")[:LATEST_COUNT]
    )
    return "practices/includes/region_section.html", {
        "region": region,
        "practices": list(practices),
    }
