"""Feed summaries are plain text (core.feeds), so markup a member typed is shown, never run."""

from core.feeds import PlainTextAtomFeed


def test_a_summary_with_markup_is_declared_plain_text_and_escaped():
    feed = PlainTextAtomFeed(title="Guidelines", link="https://hub.example/", description="")
    feed.add_item(
        title="Access",
        link="https://hub.example/a/",
        description='<img src=x onerror="alert(1)">',
    )
    xml = feed.writeString("utf-8")
    assert '<summary type="text">&lt;img src=x onerror="alert(1)"&gt;</summary>' in xml
    assert 'type="html"' not in xml
