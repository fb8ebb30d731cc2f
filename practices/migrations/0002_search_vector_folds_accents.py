"""The search vector is built from the text with its accents folded (practices.accents), so
that a query typed without accents finds the accented words, and the other way round.

PostgreSQL cannot change the expression of a generated column: the column is dropped and added
again, which computes every row's vector anew, and its index with it. The fold is written out
here with its literals (not imported), so this migration keeps building what it built when it
was written.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

LATIN_MARKS = "([A-Za-z])[\u0300-\u036f]+"
ARABIC_MARKS = "[\u064b-\u0652\u0640]+"
LETTERS = {
    "\u00d8": "O",
    "\u00f8": "o",
    "\u0110": "D",
    "\u0111": "d",
    "\u0126": "H",
    "\u0127": "h",
    "\u0141": "L",
    "\u0142": "l",
    "\u00c6": "AE",
    "\u00e6": "ae",
    "\u0152": "OE",
    "\u0153": "oe",
    "\u00df": "ss",
    "\u1e9e": "SS",
}


def folded(name):
    def call(function, *arguments):
        return models.Func(*arguments, function=function, output_field=models.TextField())

    text = call(
        "normalize", models.F(name), models.Func(template="NFD", output_field=models.TextField())
    )
    text = call(
        "regexp_replace", text, models.Value(LATIN_MARKS), models.Value("\\1"), models.Value("g")
    )
    text = call("normalize", text, models.Func(template="NFC", output_field=models.TextField()))
    for letter, plain in LETTERS.items():
        text = call("replace", text, models.Value(letter), models.Value(plain))
    return call(
        "regexp_replace", text, models.Value(ARABIC_MARKS), models.Value(""), models.Value("g")
    )


def vector(*names, weight):
    return django.contrib.postgres.search.SearchVector(
        *(folded(name) for name in names), config=models.F("search_config"), weight=weight
    )


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0001_initial"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="practice", name="practice_search_gin"),
        migrations.RemoveField(model_name="practice", name="search_vector"),
        migrations.AddField(
            model_name="practice",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=vector("title", weight="A")
                + vector("summary", weight="B")
                + vector("context", "activities", "results", "lessons", "replication", weight="C"),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="practice",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="practice_search_gin"
            ),
        ),
    ]
