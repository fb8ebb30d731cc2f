"""What every feed of the site shares: summaries are plain text."""

from django.utils.feedgenerator import Atom1Feed


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose entry summaries are plain text. Django's Atom feed declares every summary
    `type="html"`, so a reader would render markup a member typed into a summary (an image
    with an onerror handler, say); a summary is plain text, so it says so and is shown as
    typed."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})
