"""Word-level differences between versions, shown in words and marks, not colour alone."""

from types import SimpleNamespace

from advocacy.diff import render_diff, section_diffs, word_diff


def section(key, heading, body):
    return SimpleNamespace(key=key, heading=heading, body=body)


def test_a_changed_word_is_one_word_removed_and_one_added():
    pieces = word_diff("States should guarantee access.", "States must guarantee access.")
    assert [(p.operation, p.text) for p in pieces] == [
        ("equal", "States "),
        ("delete", "should"),
        ("insert", "must"),
        ("equal", " guarantee access."),
    ]


def test_the_diff_says_added_and_removed_for_screen_readers_and_escapes_text():
    html = render_diff("a <b>", "a <i>")
    assert '<del><span class="visually-hidden">removed: </span>&lt;b&gt;</del>' in html
    assert '<ins><span class="visually-hidden">added: </span>&lt;i&gt;</ins>' in html


def test_sections_are_compared_by_key():
    old = [section("a", "A", "one"), section("b", "B", "two"), section("gone", "G", "x")]
    new = [section("b", "B", "two!"), section("a", "A", "one"), section("new", "N", "y")]
    assert [(d.key, d.change) for d in section_diffs(old, new)] == [
        ("b", "changed"),
        ("a", "unchanged"),
        ("new", "added"),
        ("gone", "removed"),
    ]
