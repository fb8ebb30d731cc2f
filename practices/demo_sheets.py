"""The one-page summary sheet (a PDF) that demo practices carry as their attachment.

Drawn with fpdf2 from the practice's own text, in its language. fpdf2's built-in fonts cover
the Windows-1252 characters of English, French and Spanish but not Arabic script, and the demo
ships no font file: practices written in Arabic get no sheet. Every sheet says it is demo data.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from fpdf import FPDF

from core import taxonomy
from core.models import Country
from practices.models import Practice

SHEET_LANGUAGES = {"en", "fr", "es"}
RED = (200, 16, 46)
INK = (33, 33, 33)
GREY = (96, 96, 96)
PAGE_WIDTH, MARGIN = 210, 16
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
# Past this height (mm) a section stops: the sheet is one page, whatever the practice's length.
LAST_LINE = 268

WORDS = {
    "en": {
        "file": "practice-sheet",
        "smart-practice": "Smart practice",
        "operational-element": "Smart operational element",
        "steps": "Step of the trail",
        "support_types": "Type of support",
        "principles": "Principles of the IFRC Policy on Migration",
        "countries": "Countries",
        "period": "Period",
        "since": "since {start}",
        "activities": "What the society does",
        "results": "Results",
        "lessons": "Lessons learned",
        "contact": "Contact",
        "footer": "Demonstration document of the Migration Smart Practices Hub demo data; "
        "not a publication of the society or of the IFRC.",
    },
    "fr": {
        "file": "fiche-pratique",
        "smart-practice": "Pratique intelligente",
        "operational-element": "Élément opérationnel intelligent",
        "steps": "Étape du parcours",
        "support_types": "Type de soutien",
        "principles": "Principes de la Politique migratoire de la FICR",
        "countries": "Pays",
        "period": "Période",
        "since": "depuis {start}",
        "activities": "Ce que fait la Société nationale",
        "results": "Résultats",
        "lessons": "Enseignements",
        "contact": "Contact",
        "footer": "Document de démonstration des données d'exemple du Migration Smart "
        "Practices Hub ; ni une publication de la Société nationale ni de la FICR.",
    },
    "es": {
        "file": "ficha-practica",
        "smart-practice": "Práctica inteligente",
        "operational-element": "Elemento operativo inteligente",
        "steps": "Etapa de la ruta",
        "support_types": "Tipo de apoyo",
        "principles": "Principios de la Política de Migración de la FICR",
        "countries": "Países",
        "period": "Período",
        "since": "desde {start}",
        "activities": "Lo que hace la Sociedad Nacional",
        "results": "Resultados",
        "lessons": "Lecciones aprendidas",
        "contact": "Contacto",
        "footer": "Documento de demostración de los datos de ejemplo del Migration Smart "
        "Practices Hub; no es una publicación de la Sociedad Nacional ni de la FICR.",
    },
}
TERM_NAMES = {name: taxonomy.names(name) for name in ("steps", "support_types", "principles")}


def has_sheet(practice: Practice) -> bool:
    return practice.language in SHEET_LANGUAGES


def file_name(practice: Practice) -> str:
    slug = slugify(practice.title)
    if len(slug) > 60:
        slug = slug[:61].rsplit("-", 1)[0]  # whole words
    return f"{WORDS[practice.language]['file']}-{slug}.pdf"


def draw(practice: Practice) -> bytes:
    """The sheet of a practice written in English, French or Spanish."""
    words = WORDS[practice.language]
    with translation.override(practice.language):
        society = practice.society.label
        facts = _facts(practice, words)
    pdf = FPDF(format="A4")
    # The built-in fonts in Windows-1252, which has the curly apostrophe, the bullet and the
    # dashes French and Spanish texts use (fpdf2 assumes Latin-1 otherwise).
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, 12, MARGIN)
    pdf.set_title(_printable(practice.title))
    pdf.set_author(_printable(society))
    pdf.set_subject(_printable(words[practice.kind]))
    pdf.set_creator("Migration Smart Practices Hub (demo data)")
    pdf.set_lang(practice.language)
    pdf.add_page()

    pdf.set_fill_color(*RED)
    pdf.rect(0, 0, PAGE_WIDTH, 24, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(MARGIN, 7)
    pdf.set_font("Helvetica", "B", 9)
    pdf.cell(TEXT_WIDTH, 5, _printable(words[practice.kind].upper()))
    pdf.set_xy(MARGIN, 13)
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(TEXT_WIDTH, 6, _printable(society))

    pdf.set_text_color(*INK)
    pdf.set_xy(MARGIN, 32)
    pdf.set_font("Helvetica", "B", 17)
    pdf.multi_cell(TEXT_WIDTH, 8, _printable(practice.title), align="L")
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 10.5)
    pdf.multi_cell(TEXT_WIDTH, 5.4, _printable(practice.summary), align="L")
    pdf.ln(4)

    pdf.set_draw_color(220, 220, 220)
    for label, value in facts:
        top = pdf.get_y()
        pdf.set_font("Helvetica", "B", 8.5)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(52, 4.6, _printable(label), align="L")
        label_bottom = pdf.get_y()
        pdf.set_xy(MARGIN + 54, top)
        pdf.set_font("Helvetica", "", 9)
        pdf.set_text_color(*INK)
        pdf.multi_cell(TEXT_WIDTH - 54, 4.6, _printable(value), align="L")
        pdf.set_y(max(label_bottom, pdf.get_y()) + 1.2)
        pdf.line(MARGIN, pdf.get_y() - 0.6, MARGIN + TEXT_WIDTH, pdf.get_y() - 0.6)
    pdf.ln(3)

    for field in ("activities", "results", "lessons"):
        _section(pdf, words[field], getattr(practice, field))
    if practice.contact_email:
        _section(pdf, words["contact"], practice.contact_email)

    pdf.set_xy(MARGIN, 282)
    pdf.set_font("Helvetica", "I", 7.5)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(TEXT_WIDTH, 3.6, _printable(words["footer"]), align="L")
    return bytes(pdf.output())


def _facts(practice: Practice, words: dict[str, str]) -> list[tuple[str, str]]:
    countries = {
        country.iso3: country.name
        for country in Country.objects.filter(iso3__in=practice.countries)
    }
    rows = [
        (
            words[field],
            ", ".join(gettext(TERM_NAMES[field][code]) for code in getattr(practice, field)),
        )
        for field in ("steps", "support_types")
    ]
    rows.append(
        (
            words["principles"],
            "; ".join(
                f"{code} {gettext(TERM_NAMES['principles'][code])}" for code in practice.principles
            ),
        )
    )
    rows.append(
        (words["countries"], ", ".join(countries.get(code, code) for code in practice.countries))
    )
    if practice.start_year:
        period = (
            f"{practice.start_year}\u2013{practice.end_year}"
            if practice.end_year
            else words["since"].format(start=practice.start_year)
        )
        rows.append((words["period"], period))
    return rows


def _section(pdf: FPDF, heading: str, markdown: str) -> None:
    if pdf.get_y() > LAST_LINE - 12 or not markdown.strip():
        return
    pdf.set_font("Helvetica", "B", 11)
    pdf.set_text_color(*RED)
    pdf.cell(TEXT_WIDTH, 7, _printable(heading), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.set_font("Helvetica", "", 9.5)
    for line in _plain_lines(markdown):
        if pdf.get_y() > LAST_LINE:
            break
        if line.startswith("- "):
            pdf.set_x(MARGIN + 3)
            pdf.multi_cell(TEXT_WIDTH - 3, 4.8, _printable("• " + line[2:]), align="L")
        else:
            pdf.multi_cell(TEXT_WIDTH, 4.8, _printable(line), align="L")
        pdf.ln(0.8)
    pdf.ln(2)


def _plain_lines(markdown: str) -> list[str]:
    """The text's lines without Markdown emphasis; list items keep their "- "."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", markdown)
    return [line.strip() for line in text.splitlines() if line.strip()]


def _printable(text: str) -> str:
    """The text in Windows-1252: a narrow no-break space becomes a no-break space, and a letter
    outside the encoding loses its accent (ć becomes c) rather than the sheet failing."""
    text = text.replace("\u202f", "\u00a0")
    characters = []
    for character in text:
        try:
            character.encode("cp1252")
        except UnicodeEncodeError:
            character = unicodedata.normalize("NFKD", character).encode("cp1252", "ignore")
            character = character.decode("cp1252")
        characters.append(character)
    return "".join(characters)
