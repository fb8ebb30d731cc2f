"""The vocabularies every practice is tagged with, from the IFRC report and Policy on Migration.

Codes are stable: they appear in URLs, the API and stored data, so they never change. The English
names here are the source strings of the translated labels (marked with gettext_noop so that
makemessages collects them); the database keeps the codes and their order, loaded by the data
migration `core.0002_reference_data` and kept in step by `manage.py load_reference_data`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

REGIONS = [
    ("africa", gettext_noop("Sub-Saharan Africa")),
    ("americas", gettext_noop("Americas")),
    ("asia-pacific", gettext_noop("Asia-Pacific")),
    ("europe", gettext_noop("Europe")),
    ("mena", gettext_noop("Middle East and North Africa")),
]

STEPS = [
    ("origin", gettext_noop("Origin")),
    ("transition-at-borders", gettext_noop("Transition at borders")),
    ("migrant-camps", gettext_noop("Migrant camps")),
    ("arrival", gettext_noop("Arrival")),
    ("long-term-stay", gettext_noop("Long-term stay")),
    ("return", gettext_noop("Return")),
    ("across-the-trail", gettext_noop("Across the trail")),
]

DIMENSIONS = [
    ("human-capital", gettext_noop("Human capital")),
    ("physical-capital", gettext_noop("Physical capital")),
    ("social-capital", gettext_noop("Social capital")),
    ("financial-capital", gettext_noop("Financial capital")),
    ("regulatory-governance", gettext_noop("Regulatory and governance systems")),
]

SUPPORT_TYPES = [
    ("awareness-raising", gettext_noop("Awareness raising")),
    ("assistance", gettext_noop("Assistance")),
    ("protection", gettext_noop("Protection")),
    ("advocacy", gettext_noop("Advocacy")),
]

# (code, name, one-line description, within the report's scope)
PRINCIPLES = [
    (
        "P1",
        gettext_noop("Focus on the needs and vulnerabilities of migrants"),
        gettext_noop("Assess and respond to the needs of migrants, whatever their legal status."),
        True,
    ),
    (
        "P2",
        gettext_noop("Include migrants in humanitarian programming"),
        gettext_noop(
            "Involve migrants in designing, running and evaluating the work that concerns them."
        ),
        True,
    ),
    (
        "P3",
        gettext_noop("Support the aspirations of migrants"),
        gettext_noop("Help migrants build the lives they seek, including their social inclusion."),
        True,
    ),
    (
        "P4",
        gettext_noop("Recognize the rights of migrants"),
        gettext_noop("Help migrants know and claim their rights, and uphold them in our own work."),
        True,
    ),
    (
        "P5",
        gettext_noop("Link assistance, protection and humanitarian advocacy for migrants"),
        gettext_noop("Use what assistance and protection reveal to advocate for migrants' needs."),
        True,
    ),
    (
        "P6",
        gettext_noop("Build partnerships for migrants"),
        gettext_noop(
            "Work with authorities, organisations and communities to reach more migrants."
        ),
        True,
    ),
    (
        "P7",
        gettext_noop("Work along the migratory trails"),
        gettext_noop("Coordinate with sister societies so that support continues along the trail."),
        True,
    ),
    (
        "P8",
        gettext_noop("Assist migrants in return"),
        gettext_noop("Support migrants who return, and their reintegration in their communities."),
        True,
    ),
    (
        "P9",
        gettext_noop("Respond to displacement of populations"),
        gettext_noop("Assist and protect people displaced by conflict, disaster or other crises."),
        True,
    ),
    (
        "P10",
        gettext_noop("Alleviate migratory pressures on communities of origin"),
        gettext_noop(
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
