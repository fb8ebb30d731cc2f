"""The vocabularies every practice is tagged with, from the IFRC report and Policy on Migration.

Codes are stable: they appear in URLs, the API and stored data, so they never change. The English
names here are the source strings of the translated labels (marked with gettext_noop so that
makemessages collects them); the database keeps the codes and their order, loaded by the data
migration `core.0002_reference_data` and kept in step by `manage.py load_reference_data`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop as N_

REGIONS = [
    ("africa", N_("Sub-Saharan Africa")),
    ("americas", N_("Americas")),
    ("asia-pacific", N_("Asia-Pacific")),
    ("europe", N_("Europe")),
    ("mena", N_("Middle East and North Africa")),
]

STEPS = [
    ("origin", N_("Origin")),
    ("transition-at-borders", N_("Transition at borders")),
    ("migrant-camps", N_("Migrant camps")),
    ("arrival", N_("Arrival")),
    ("long-term-stay", N_("Long-term stay")),
    ("return", N_("Return")),
    ("across-the-trail", N_("Across the trail")),
]

DIMENSIONS = [
    ("human-capital", N_("Human capital")),
    ("physical-capital", N_("Physical capital")),
    ("social-capital", N_("Social capital")),
    ("financial-capital", N_("Financial capital")),
    ("regulatory-governance", N_("Regulatory and governance systems")),
]

SUPPORT_TYPES = [
    ("awareness-raising", N_("Awareness raising")),
    ("assistance", N_("Assistance")),
    ("protection", N_("Protection")),
    ("advocacy", N_("Advocacy")),
]

# (code, name, one-line description, within the report's scope)
PRINCIPLES = [
    (
        "P1",
        N_("Focus on the needs and vulnerabilities of migrants"),
        N_("Assess and respond to the needs of migrants, whatever their legal status."),
        True,
    ),
    (
        "P2",
        N_("Include migrants in humanitarian programming"),
        N_("Involve migrants in designing, running and evaluating the work that concerns them."),
        True,
    ),
    (
        "P3",
        N_("Support the aspirations of migrants"),
        N_("Help migrants build the lives they seek, including their social inclusion."),
        True,
    ),
    (
        "P4",
        N_("Recognize the rights of migrants"),
        N_("Help migrants know and claim their rights, and uphold them in our own work."),
        True,
    ),
    (
        "P5",
        N_("Link assistance, protection and humanitarian advocacy for migrants"),
        N_("Use what assistance and protection reveal to advocate for migrants' needs."),
        True,
    ),
    (
        "P6",
        N_("Build partnerships for migrants"),
        N_("Work with authorities, organisations and communities to reach more migrants."),
        True,
    ),
    (
        "P7",
        N_("Work along the migratory trails"),
        N_("Coordinate with sister societies so that support continues along the trail."),
        True,
    ),
    (
        "P8",
        N_("Assist migrants in return"),
        N_("Support migrants who return, and their reintegration in their communities."),
        True,
    ),
    (
        "P9",
        N_("Respond to displacement of populations"),
        N_("Assist and protect people displaced by conflict, disaster or other crises."),
        True,
    ),
    (
        "P10",
        N_("Alleviate migratory pressures on communities of origin"),
        N_(
            "Reduce the pressures that drive migration; outside the report's scope, as such "
            "work belongs to domestic programmes."
        ),
        False,
    ),
]


class Kind(models.TextChoices):
    """The two kinds of practice in the report."""

    SMART_PRACTICE = "smart-practice", _("Smart practice")
    OPERATIONAL_ELEMENT = "operational-element", _("Smart operational element")
