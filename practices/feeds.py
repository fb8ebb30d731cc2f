"""Atom feeds of newly published public practices: all, per region, per principle.

Feeds are read by anonymous readers, so they start from what an anonymous visitor may see."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from core import taxonomy
from practices.models import Practice

FEED_SIZE = 50


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose entry summaries are plain text. Django's Atom feed declares every summary
    `type="html"`, so a reader would render markup a member typed into a summary (an image
    with an onerror handler, say); a summary is plain text, so it says so and is shown as
    typed."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class LatestPracticesFeed(Feed):
    feed_type = PlainTextAtomFeed

    def title(self, obj=None):
        return _("New smart practices for migrants")

    def subtitle(self, obj=None):
        return _("Practices of Red Cross and Red Crescent National Societies, newly published.")

    def link(self, obj=None):
        return reverse("practices:catalogue")

    def practices(self):
        return (
            Practice.objects.visible_to(AnonymousUser())
            .published()
            .for_listing()
            .order_by("-published_at", "-id")
        )

    def items(self, obj=None):
        return self.practices()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_author_name(self, item):
        return item.society.label

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [*item.steps, *item.principles, item.region_id or ""]


class RegionPracticesFeed(LatestPracticesFeed):
    def get_object(self, request, code):
        names = taxonomy.names("region")
        if code not in names:
            raise Http404
        return code, names[code]

    def title(self, obj=None):
        return _("New smart practices for migrants: %s") % _(obj[1])

    def link(self, obj=None):
        return reverse("practices:catalogue") + f"?region={obj[0]}"

    def items(self, obj=None):
        return self.practices().filter(region_id=obj[0])[:FEED_SIZE]


class PrinciplePracticesFeed(LatestPracticesFeed):
    def get_object(self, request, code):
        names = taxonomy.names("principle")
        if code not in names:
            raise Http404
        return code, names[code]

    def title(self, obj=None):
        return _("New smart practices for migrants: %(code)s %(name)s") % {
            "code": obj[0],
            "name": _(obj[1]),
        }

    def link(self, obj=None):
        return reverse("practices:catalogue") + f"?principle={obj[0]}"

    def items(self, obj=None):
        return self.practices().filter(principles__contains=[obj[0]])[:FEED_SIZE]
