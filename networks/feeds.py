"""The Atom feed of a response's updates. Feeds are read by anonymous readers, so the response
is looked up among what an anonymous visitor may see (a 404 otherwise)."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core.translations import translated
from networks.models import Response
from practices.feeds import PlainTextAtomFeed

FEED_SIZE = 50


class ResponseUpdatesFeed(Feed):
    feed_type = PlainTextAtomFeed

    def get_object(self, request, pk):
        return get_object_or_404(
            Response.objects.visible_to(AnonymousUser()).select_related("lead_society"), pk=pk
        )

    def title(self, obj):
        return _("Updates: %(title)s") % {"title": translated(obj, "title")}

    def subtitle(self, obj):
        return translated(obj, "summary")

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return obj.updates.select_related("society", "author").order_by("-happened_on", "-id")[
            :FEED_SIZE
        ]

    def item_title(self, item):
        return _("Update of %(day)s") % {"day": item.happened_on.isoformat()}

    def item_description(self, item):
        # The Markdown as typed: plain text, which is what the feed declares its summaries.
        return item.body

    def item_link(self, item):
        return f"{item.response.get_absolute_url()}#update-{item.pk}"

    def item_guid(self, item):
        return f"response-update-{item.pk}"

    def item_author_name(self, item):
        return item.society.label if item.society else _("IFRC")

    def item_pubdate(self, item):
        return item.created_at
