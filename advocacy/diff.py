"""Word-level differences between two texts, and between two versions section by section.

Built on difflib (Python's own): the texts are cut into words and the spaces between them, so
a changed word shows as that word removed and another added, not as a changed line. The HTML
marks additions with <ins> and removals with <del>, each announced in words ("added",
"removed") for screen readers and shown with a sign and a strike or underline, so the change
never rests on colour alone. The adaptations pages use the same functions.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from advocacy.models import GuidelineVersion

TOKENS = re.compile(r"\s+|[^\s]+")

Operation = Literal["equal", "insert", "delete"]


@dataclass(frozen=True)
class Piece:
    operation: Operation
    text: str


def word_diff(old: str, new: str) -> list[Piece]:
    """`old` turned into `new`, as pieces kept, inserted and deleted, word by word."""
    old_tokens, new_tokens = TOKENS.findall(old or ""), TOKENS.findall(new or "")
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    pieces: list[Piece] = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        removed = "".join(old_tokens[old_start:old_end])
        added = "".join(new_tokens[new_start:new_end])
        if tag == "equal":
            pieces.append(Piece("equal", added))
            continue
        if removed:
            pieces.append(Piece("delete", removed))
        if added:
            pieces.append(Piece("insert", added))
    return pieces


def render_pieces(pieces: list[Piece]) -> SafeString:
    """The pieces as HTML: kept text as it is, <ins> and <del> announced in words."""
    added, removed = _("added:"), _("removed:")
    parts = []
    for piece in pieces:
        if piece.operation == "equal":
            parts.append(format_html("{}", piece.text))
        elif piece.operation == "insert":
            parts.append(
                format_html(
                    '<ins><span class="visually-hidden">{} </span>{}</ins>', added, piece.text
                )
            )
        else:
            parts.append(
                format_html(
                    '<del><span class="visually-hidden">{} </span>{}</del>', removed, piece.text
                )
            )
    return mark_safe("".join(parts))  # every part was escaped by format_html


def render_diff(old: str, new: str) -> SafeString:
    return render_pieces(word_diff(old, new))


def has_changes(pieces: list[Piece]) -> bool:
    return any(piece.operation != "equal" for piece in pieces)


SectionChange = Literal["added", "removed", "changed", "unchanged"]


@dataclass(frozen=True)
class SectionDiff:
    key: str
    change: SectionChange
    heading: str  # the newer heading (the older one for a removed section)
    heading_pieces: list[Piece]
    body_pieces: list[Piece]

    @property
    def heading_html(self) -> SafeString:
        return render_pieces(self.heading_pieces)

    @property
    def body_html(self) -> SafeString:
        return render_pieces(self.body_pieces)

    @property
    def change_label(self) -> str:
        return {
            "added": _("Added"),
            "removed": _("Removed"),
            "changed": _("Changed"),
            "unchanged": _("Unchanged"),
        }[self.change]


def section_diffs(old_sections, new_sections) -> list[SectionDiff]:
    """Sections (anything with key, heading and body) of two versions compared by key: the
    newer version's order, then the sections it no longer has."""
    old_by_key = {section.key: section for section in old_sections}
    new_keys = set()
    diffs = []
    for section in new_sections:
        new_keys.add(section.key)
        before = old_by_key.get(section.key)
        heading_pieces = word_diff(before.heading if before else "", section.heading)
        body_pieces = word_diff(before.body if before else "", section.body)
        if before is None:
            change = "added"
        elif has_changes(heading_pieces) or has_changes(body_pieces):
            change = "changed"
        else:
            change = "unchanged"
        diffs.append(SectionDiff(section.key, change, section.heading, heading_pieces, body_pieces))
    for section in old_sections:
        if section.key not in new_keys:
            diffs.append(
                SectionDiff(
                    section.key,
                    "removed",
                    section.heading,
                    word_diff(section.heading, ""),
                    word_diff(section.body, ""),
                )
            )
    return diffs


@dataclass(frozen=True)
class ParameterChanges:
    added: list  # parameters of the newer version only
    removed: list  # parameters of the older version only
    changed: list  # (older, newer) pairs whose label, guidance or rules differ


def parameter_changes(old_parameters, new_parameters) -> ParameterChanges:
    old_by_key = {parameter.key: parameter for parameter in old_parameters}
    new_by_key = {parameter.key: parameter for parameter in new_parameters}

    def differs(old, new) -> bool:
        return (old.label, old.guidance, old.required, old.may_depart) != (
            new.label,
            new.guidance,
            new.required,
            new.may_depart,
        )

    return ParameterChanges(
        added=[p for key, p in new_by_key.items() if key not in old_by_key],
        removed=[p for key, p in old_by_key.items() if key not in new_by_key],
        changed=[
            (old_by_key[key], p)
            for key, p in new_by_key.items()
            if key in old_by_key and differs(old_by_key[key], p)
        ],
    )


@dataclass(frozen=True)
class VersionDiff:
    older: GuidelineVersion
    newer: GuidelineVersion
    sections: list[SectionDiff]
    parameters: ParameterChanges

    @property
    def changed_keys(self) -> list[str]:
        return [diff.key for diff in self.sections if diff.change != "unchanged"]


def version_diff(older: GuidelineVersion, newer: GuidelineVersion) -> VersionDiff:
    """Two versions of one guideline compared section by section and parameter by parameter
    (four queries: each version's sections and parameters)."""
    return VersionDiff(
        older=older,
        newer=newer,
        sections=section_diffs(list(older.sections.all()), list(newer.sections.all())),
        parameters=parameter_changes(list(older.parameters.all()), list(newer.parameters.all())),
    )


def pieces_as_json(pieces: list[Piece]) -> list[dict[str, str]]:
    return [{"operation": piece.operation, "text": piece.text} for piece in pieces]
