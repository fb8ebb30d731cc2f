"""Accent folding for search, so that "orientacion" finds "orientación" and "orientación" still
does, in every language.

PostgreSQL's `unaccent` is a contrib extension, which the embedded server does not ship. The
fold is written instead with built-in functions that are immutable (so the generated search
vector can use them): `normalize()` to NFD, a regular expression that drops the marks after a
Latin letter, `normalize()` back to NFC, `replace()` for the letters Unicode does not decompose,
a regular expression that drops the Arabic harakat. Python does the same steps on the query,
from the same patterns and table below, so the two sides cannot disagree. The migration that
builds the vector records the SQL with its literals: a change here is a model change, and its
migration rebuilds the vectors. (`normalize()` needs a UTF-8 database, which the embedded server
and the compose file's PostgreSQL both create.)

Only Latin letters lose their marks. Arabic letters stay as they are (a hamza belongs to its
letter, and NFC puts it back where NFD took it apart); only the short-vowel marks (harakat)
and the tatweel, which writers put in or leave out at will, are dropped. (The Arabic stemmer
drops them too; the `simple` configuration of other languages does not.)
"""

import re
import unicodedata

from django.db.models import Func, TextField, Value

# After NFD, an accented Latin letter is its ASCII letter followed by combining marks.
LATIN_MARKS = "([A-Za-z])[\u0300-\u036f]+"
# Fathatan to sukun, and the tatweel.
ARABIC_MARKS = "[\u064b-\u0652\u0640]+"
# Latin letters with a stroke or written as two, which Unicode does not decompose.
LETTERS = {
    "Ø": "O",
    "ø": "o",
    "Đ": "D",
    "đ": "d",
    "Ħ": "H",
    "ħ": "h",
    "Ł": "L",
    "ł": "l",
    "Æ": "AE",
    "æ": "ae",
    "Œ": "OE",
    "œ": "oe",
    "ß": "ss",
    "ẞ": "SS",
}

_LATIN_MARKS = re.compile(LATIN_MARKS)
_ARABIC_MARKS = re.compile(ARABIC_MARKS)


def fold_accents(text: str) -> str:
    """`text` as the search vector reads it: Latin accents and Arabic harakat gone."""
    text = unicodedata.normalize("NFD", text)
    text = unicodedata.normalize("NFC", _LATIN_MARKS.sub(r"\1", text))
    for letter, plain in LETTERS.items():
        text = text.replace(letter, plain)
    return _ARABIC_MARKS.sub("", text)


def fold_accents_sql(expression) -> Func:
    """The same fold as a database expression (plain Func and Value, so that a migration
    records the patterns themselves)."""

    def call(function, *arguments):
        return Func(*arguments, function=function, output_field=TextField())

    text = call("normalize", expression, Func(template="NFD", output_field=TextField()))
    text = call("regexp_replace", text, Value(LATIN_MARKS), Value(r"\1"), Value("g"))
    text = call("normalize", text, Func(template="NFC", output_field=TextField()))
    for letter, plain in LETTERS.items():
        text = call("replace", text, Value(letter), Value(plain))
    return call("regexp_replace", text, Value(ARABIC_MARKS), Value(""), Value("g"))


def fold_with_origins(text: str) -> tuple[str, list[int]] | None:
    """The folded text, and for each of its characters the index in `text` where the letter
    it comes from starts (so that a position in the folded text finds its place in `text`).

    Folded one letter at a time (a base character with the marks that follow it); None in
    the rare case where that differs from folding the whole text (letters that NFC composes
    across, such as Hangul jamo).
    """
    folded, origins = [], []
    starts = [index for index, char in enumerate(text) if not unicodedata.combining(char)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        piece = fold_accents(text[start:end])
        folded.append(piece)
        origins.extend([start] * len(piece))
    folded_text = "".join(folded)
    if folded_text != fold_accents(text):
        return None
    return folded_text, origins
