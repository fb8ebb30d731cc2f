"""Atom feed of newly published guideline versions.

Feeds are read by anonymous readers, so they start from what an anonymous visitor may see."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext as _

from advocacy.models import GuidelineVersion
from core.feeds import PlainTextAtomFeed

FEED_SIZE = 50


class PublishedVersionsFeed(Feed):
    feed_type = PlainTextAtomFeed

    def title(self):
        return _("New advocacy guidelines and versions")

    def subtitle(self):
        return _("Global guidelines of the IFRC for National Societies' advocacy on migration.")

    def link(self):
        return reverse("advocacy:list")

    def items(self):
        return (
            GuidelineVersion.objects.visible_to(AnonymousUser())
            .filter(published_at__isnull=False)
            .select_related("guideline")
            .order_by("-published_at", "-id")[:FEED_SIZE]
        )

    def item_title(self, item):
        return _("%(title)s, version %(number)d") % {
            "title": item.guideline.localized("title"),
            "number": item.number,
        }

    def item_description(self, item):
        level = item.get_change_level_display()
        return f"{level}. {item.change_note}" if item.change_note else str(level)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [*item.guideline.principles, *item.guideline.steps, item.change_level]
