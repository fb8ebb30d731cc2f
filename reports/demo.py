"""Demo data points: six indicators drawn from the IFRC report's call for "guidance on what data
to collect in a systematic and comparable way", a 2025 reporting period that has closed and a
2026 period open today, and the values of twenty National Societies in every state of the
workflow (validated, submitted, returned with a note, draft).

Everything goes through reports.services, as the demo editor and the societies' demo members
(those practices/demo.py creates) would do it on the site; only the dates of sending and review
are set afterwards, as the services stamp them with the time of the load. The numbers come from
a seeded random generator, so every load gives the same figures; loading twice adds nothing.

Then the demo editor compiles and publishes a practices overview and the 2025 data compilation,
so the reports pages have something to show from the start (a later load publishes them where a
demo loaded before had none).
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import NamedTuple

from django.db import transaction
from django.db.models import Case, F, Value, When
from django.urls import reverse
from django.utils import timezone

from core.models import NationalSociety, User
from practices.demo import EDITOR, EXISTING_AUTHORS, NEW_AUTHORS
from reports import services
from reports.models import (
    Indicator,
    Report,
    ReportingPeriod,
    ReportKind,
    ReportStatus,
    Submission,
    SubmissionStatus,
)

DRAFT = SubmissionStatus.DRAFT
SUBMITTED = SubmissionStatus.SUBMITTED
VALIDATED = SubmissionStatus.VALIDATED
RETURNED = SubmissionStatus.RETURNED

INDICATORS = [
    {
        "code": "migrants-reached",
        "name": "Migrants reached with assistance",
        "definition": (
            "People on the move (migrants, refugees, asylum seekers, returnees and displaced "
            "people) who received at least one service from the National Society during the "
            "year: first aid and health care, relief items, cash, shelter, psychosocial "
            "support, legal or protection services, or Restoring Family Links."
        ),
        "unit": "count",
        "disaggregations": ["sex", "age"],
        "guidance": (
            "- Count **people, not services**: a person helped five times counts once in the "
            "year. Where double counts cannot be removed (at a busy border crossing, for "
            "example), say so in the source note.\n"
            "- Include people reached by every branch, and through partners the society "
            "funded; leave out people reached only by mass media (radio, social media).\n"
            "- Children are under 18; older people are 60 and over.\n"
            "- Fill in the groups you know from registration and leave the others empty: "
            "never estimate a group. The groups may add up to less than the total.\n"
            "- Sources: beneficiary registers, distribution lists, service-point logbooks."
        ),
        "position": 1,
    },
    {
        "code": "migration-volunteers",
        "name": "Volunteers active in migration work",
        "definition": (
            "Volunteers who took part in at least one of the society's migration activities "
            "during the year."
        ),
        "unit": "count",
        "disaggregations": ["sex"],
        "guidance": (
            "- Count each volunteer once, however many activities they joined.\n"
            "- Include volunteers who are migrants themselves; leave out paid staff.\n"
            "- Source: the volunteer database or the branches' activity lists."
        ),
        "position": 2,
    },
    {
        "code": "branches-with-focal-point",
        "name": "Branches with a migration focal point",
        "definition": (
            "Share of the society's branches that have a named person (staff or volunteer) "
            "responsible for migration on 31 December."
        ),
        "unit": "percent",
        "disaggregations": [],
        "guidance": (
            "- Divide the branches with a named focal point by all branches, and multiply by "
            "100; one decimal is enough.\n"
            "- A person who covers several branches counts for each of them.\n"
            "- Give the number of branches in the source note, so that the percentage can be "
            "read."
        ),
        "position": 3,
    },
    {
        "code": "migration-spending",
        "name": "Spending on migration programmes",
        "definition": (
            "Money the society spent on migration activities during the year, from every "
            "source of funding, in Swiss francs."
        ),
        "unit": "currency",
        "currency": "CHF",
        "disaggregations": [],
        "guidance": (
            "- Count what was **spent**, not what was budgeted or pledged.\n"
            "- Convert other currencies at the United Nations operational rate of exchange of "
            "31 December.\n"
            "- Include the share of support costs the finance department charges to the "
            "programmes.\n"
            "- Source: the financial statements, or the finance department's programme report."
        ),
        "position": 4,
    },
    {
        "code": "service-points",
        "name": "Humanitarian service points operating",
        "definition": (
            "Places along migration routes where migrants can get help, information and "
            "protection without fear of being reported to the authorities, that operated for "
            "at least one month of the year."
        ),
        "unit": "count",
        "disaggregations": [],
        "guidance": (
            "- Count fixed points and mobile teams; a mobile team with a regular route counts "
            "as one point.\n"
            "- A point run with a partner counts if the society staffs it.\n"
            "- Source: the list of service points kept by the migration focal point."
        ),
        "position": 5,
    },
    {
        "code": "family-links-restored",
        "name": "Family contacts restored",
        "definition": (
            "Migrants who re-established contact with a family member through the society's "
            "Restoring Family Links services: phone calls, messages, or a tracing request "
            "that found the person sought."
        ),
        "unit": "count",
        "disaggregations": ["sex", "age"],
        "guidance": (
            "- Count people, not calls: a person who called home ten times counts once.\n"
            "- A tracing request counts in the year the person sought was found.\n"
            "- Source: the Restoring Family Links caseload and the phone-service logbook."
        ),
        "position": 6,
    },
]
# The indicators' text in the site's other languages, as an IFRC translator would write it
# (French and Spanish as the IFRC uses them, Arabic in the UN's usage: "31 كانون الأول/ديسمبر").
TRANSLATIONS = {
    "migrants-reached": {
        "fr": {
            "name": "Migrants ayant bénéficié d'une assistance",
            "definition": (
                "Personnes en déplacement (migrants, réfugiés, demandeurs d'asile, personnes de "
                "retour et personnes déplacées) ayant reçu au moins un service de la Société "
                "nationale au cours de l'année : premiers secours et soins de santé, articles de "
                "secours, assistance monétaire, abri, soutien psychosocial, services juridiques "
                "ou de protection, ou rétablissement des liens familiaux."
            ),
            "guidance": (
                "- Comptez **des personnes, et non des services** : une personne aidée cinq fois "
                "compte une seule fois dans l'année. Lorsque les doubles comptages ne peuvent pas "
                "être éliminés (à un poste-frontière très fréquenté, par exemple), indiquez-le "
                "dans la note sur la source.\n"
                "- Incluez les personnes atteintes par toutes les sections, ainsi que par les "
                "partenaires financés par la Société nationale ; excluez les personnes atteintes "
                "uniquement par les médias de masse (radio, réseaux sociaux).\n"
                "- Les enfants ont moins de 18 ans ; les personnes âgées ont 60 ans ou plus.\n"
                "- Remplissez les groupes que vous connaissez grâce à l'enregistrement et laissez "
                "les autres vides : n'estimez jamais un groupe. La somme des groupes peut être "
                "inférieure au total.\n"
                "- Sources : registres des bénéficiaires, listes de distribution, registres des "
                "points de services."
            ),
        },
        "es": {
            "name": "Migrantes que recibieron asistencia",
            "definition": (
                "Personas en movimiento (migrantes, refugiados, solicitantes de asilo, "
                "retornados y personas desplazadas) que recibieron al menos un servicio de la "
                "Sociedad Nacional durante el año: primeros auxilios y atención de salud, "
                "artículos de socorro, asistencia en efectivo, alojamiento, apoyo psicosocial, "
                "servicios jurídicos o de protección, o restablecimiento del contacto entre "
                "familiares."
            ),
            "guidance": (
                "- Cuente **personas, no servicios**: una persona atendida cinco veces cuenta una "
                "sola vez en el año. Cuando no se puedan eliminar los recuentos dobles (en un "
                "paso fronterizo muy concurrido, por ejemplo), indíquelo en la nota sobre la "
                "fuente.\n"
                "- Incluya a las personas atendidas por todas las filiales y por los socios que "
                "financió la Sociedad Nacional; excluya a las personas alcanzadas solo a través "
                "de medios de comunicación masivos (radio, redes sociales).\n"
                "- Se considera niños y niñas a los menores de 18 años, y personas mayores a "
                "quienes tienen 60 años o más.\n"
                "- Complete los grupos que conozca por el registro y deje vacíos los demás: nunca "
                "estime un grupo. La suma de los grupos puede ser inferior al total.\n"
                "- Fuentes: registros de beneficiarios, listas de distribución, libros de "
                "registro de los puntos de servicio."
            ),
        },
        "ar": {
            "name": "المهاجرون الذين تلقوا المساعدة",
            "definition": (
                "الأشخاص المتنقلون (المهاجرون واللاجئون وطالبو اللجوء والعائدون والنازحون) الذين "
                "تلقوا خدمة واحدة على الأقل من الجمعية الوطنية خلال السنة: الإسعافات الأولية "
                "والرعاية الصحية، أو مواد الإغاثة، أو المساعدات النقدية، أو المأوى، أو الدعم "
                "النفسي والاجتماعي، أو الخدمات القانونية أو خدمات الحماية، أو خدمات إعادة "
                "الروابط العائلية."
            ),
            "guidance": (
                "- احسب **الأشخاص لا الخدمات**: الشخص الذي تلقى المساعدة خمس مرات يُحسب مرة "
                "واحدة في السنة. وحيث يتعذر استبعاد التكرار في العدّ (عند معبر حدودي مزدحم "
                "مثلاً)، اذكر ذلك في ملاحظة المصدر.\n"
                "- أدرج الأشخاص الذين وصلت إليهم جميع الفروع، ومن وصل إليهم الشركاء الذين "
                "موّلتهم الجمعية الوطنية؛ واستبعد من لم يُوصَل إليهم إلا عبر وسائل الإعلام "
                "الجماهيري (الإذاعة ووسائل التواصل الاجتماعي).\n"
                "- الأطفال هم من دون الثامنة عشرة من العمر؛ وكبار السن هم من بلغوا الستين "
                "فما فوق.\n"
                "- املأ الفئات التي تعرفها من بيانات التسجيل واترك الفئات الأخرى فارغة: لا "
                "تقدّر أي فئة أبداً. وقد يكون مجموع الفئات أقل من المجموع الكلي.\n"
                "- المصادر: سجلات المستفيدين، وقوائم التوزيع، وسجلات نقاط الخدمة."
            ),
        },
    },
    "migration-volunteers": {
        "fr": {
            "name": "Volontaires actifs dans le domaine de la migration",
            "definition": (
                "Volontaires ayant participé à au moins une des activités de la Société "
                "nationale liées à la migration au cours de l'année."
            ),
            "guidance": (
                "- Comptez chaque volontaire une seule fois, quel que soit le nombre d'activités "
                "auxquelles il a participé.\n"
                "- Incluez les volontaires qui sont eux-mêmes migrants ; excluez le personnel "
                "rémunéré.\n"
                "- Source : la base de données des volontaires ou les listes d'activités des "
                "sections."
            ),
        },
        "es": {
            "name": "Voluntarios activos en el ámbito de la migración",
            "definition": (
                "Voluntarios que participaron en al menos una de las actividades de migración de "
                "la Sociedad Nacional durante el año."
            ),
            "guidance": (
                "- Cuente a cada voluntario una sola vez, independientemente del número de "
                "actividades en que haya participado.\n"
                "- Incluya a los voluntarios que sean ellos mismos migrantes; excluya al "
                "personal remunerado.\n"
                "- Fuente: la base de datos de voluntarios o las listas de actividades de las "
                "filiales."
            ),
        },
        "ar": {
            "name": "المتطوعون الناشطون في العمل المتعلق بالهجرة",
            "definition": (
                "المتطوعون الذين شاركوا في نشاط واحد على الأقل من أنشطة الجمعية الوطنية المتعلقة "
                "بالهجرة خلال السنة."
            ),
            "guidance": (
                "- احسب كل متطوع مرة واحدة، مهما كان عدد الأنشطة التي شارك فيها.\n"
                "- أدرج المتطوعين الذين هم أنفسهم من المهاجرين؛ واستبعد الموظفين بأجر.\n"
                "- المصدر: قاعدة بيانات المتطوعين أو قوائم أنشطة الفروع."
            ),
        },
    },
    "branches-with-focal-point": {
        "fr": {
            "name": "Sections dotées d'un point focal migration",
            "definition": (
                "Part des sections de la Société nationale qui disposent, au 31 décembre, d'une "
                "personne désignée (membre du personnel ou volontaire) chargée de la migration."
            ),
            "guidance": (
                "- Divisez le nombre de sections dotées d'un point focal désigné par le nombre "
                "total de sections, puis multipliez par 100 ; une décimale suffit.\n"
                "- Une personne qui couvre plusieurs sections compte pour chacune d'elles.\n"
                "- Indiquez le nombre de sections dans la note sur la source, afin que le "
                "pourcentage puisse être interprété."
            ),
        },
        "es": {
            "name": "Filiales con un punto focal de migración",
            "definition": (
                "Proporción de las filiales de la Sociedad Nacional que cuentan, al 31 de "
                "diciembre, con una persona designada (personal o voluntario) responsable de la "
                "migración."
            ),
            "guidance": (
                "- Divida el número de filiales con un punto focal designado entre el total de "
                "filiales y multiplique por 100; basta con un decimal.\n"
                "- Una persona que cubre varias filiales cuenta para cada una de ellas.\n"
                "- Indique el número de filiales en la nota sobre la fuente, para que el "
                "porcentaje pueda interpretarse."
            ),
        },
        "ar": {
            "name": "الفروع التي لديها مسؤول اتصال معني بالهجرة",
            "definition": (
                "نسبة فروع الجمعية الوطنية التي لديها في 31 كانون الأول/ديسمبر شخص محدد بالاسم "
                "(من الموظفين أو المتطوعين) مسؤول عن شؤون الهجرة."
            ),
            "guidance": (
                "- اقسم عدد الفروع التي لديها مسؤول اتصال محدد بالاسم على العدد الإجمالي للفروع، "
                "ثم اضرب الناتج في 100؛ ويكفي رقم عشري واحد.\n"
                "- الشخص الذي يغطي عدة فروع يُحسب لكل فرع منها.\n"
                "- اذكر عدد الفروع في ملاحظة المصدر، حتى يمكن فهم النسبة المئوية."
            ),
        },
    },
    "migration-spending": {
        "fr": {
            "name": "Dépenses consacrées aux programmes de migration",
            "definition": (
                "Sommes dépensées par la Société nationale pour des activités liées à la "
                "migration au cours de l'année, toutes sources de financement confondues, en "
                "francs suisses."
            ),
            "guidance": (
                "- Comptez ce qui a été **dépensé**, et non ce qui a été budgété ou promis.\n"
                "- Convertissez les autres monnaies au taux de change opérationnel des Nations "
                "Unies du 31 décembre.\n"
                "- Incluez la part des coûts d'appui que le département des finances impute aux "
                "programmes.\n"
                "- Source : les états financiers, ou le rapport par programme du département des "
                "finances."
            ),
        },
        "es": {
            "name": "Gasto en programas de migración",
            "definition": (
                "Dinero que la Sociedad Nacional gastó en actividades de migración durante el "
                "año, de todas las fuentes de financiación, en francos suizos."
            ),
            "guidance": (
                "- Cuente lo que se **gastó**, no lo presupuestado ni lo comprometido.\n"
                "- Convierta las demás monedas al tipo de cambio operacional de las Naciones "
                "Unidas del 31 de diciembre.\n"
                "- Incluya la parte de los costos de apoyo que el departamento de finanzas "
                "imputa a los programas.\n"
                "- Fuente: los estados financieros o el informe por programa del departamento de "
                "finanzas."
            ),
        },
        "ar": {
            "name": "الإنفاق على برامج الهجرة",
            "definition": (
                "الأموال التي أنفقتها الجمعية الوطنية على الأنشطة المتعلقة بالهجرة خلال السنة، من "
                "جميع مصادر التمويل، بالفرنك السويسري."
            ),
            "guidance": (
                "- احسب ما **أُنفق** فعلاً، لا ما رُصد في الميزانية أو تم التعهد به.\n"
                "- حوّل العملات الأخرى وفق سعر الصرف التشغيلي للأمم المتحدة في 31 كانون "
                "الأول/ديسمبر.\n"
                "- أدرج حصة تكاليف الدعم التي تحمّلها إدارة الشؤون المالية على البرامج.\n"
                "- المصدر: البيانات المالية، أو تقرير إدارة الشؤون المالية عن البرامج."
            ),
        },
    },
    "service-points": {
        "fr": {
            "name": "Points de services humanitaires en activité",
            "definition": (
                "Lieux situés le long des routes migratoires où les migrants peuvent obtenir de "
                "l'aide, des informations et une protection sans craindre d'être signalés aux "
                "autorités, et qui ont fonctionné pendant au moins un mois dans l'année."
            ),
            "guidance": (
                "- Comptez les points fixes et les équipes mobiles ; une équipe mobile qui suit "
                "un itinéraire régulier compte pour un point.\n"
                "- Un point géré avec un partenaire compte si la Société nationale y affecte du "
                "personnel.\n"
                "- Source : la liste des points de services tenue par le point focal migration."
            ),
        },
        "es": {
            "name": "Puntos de servicios humanitarios en funcionamiento",
            "definition": (
                "Lugares a lo largo de las rutas migratorias donde las personas migrantes pueden "
                "obtener ayuda, información y protección sin temor a ser denunciadas ante las "
                "autoridades, y que funcionaron durante al menos un mes del año."
            ),
            "guidance": (
                "- Cuente los puntos fijos y los equipos móviles; un equipo móvil con una ruta "
                "regular cuenta como un punto.\n"
                "- Un punto gestionado con un socio cuenta si la Sociedad Nacional aporta su "
                "personal.\n"
                "- Fuente: la lista de puntos de servicio que lleva el punto focal de migración."
            ),
        },
        "ar": {
            "name": "نقاط الخدمات الإنسانية العاملة",
            "definition": (
                "أماكن على طول طرق الهجرة يمكن للمهاجرين فيها الحصول على المساعدة والمعلومات "
                "والحماية دون خوف من الإبلاغ عنهم إلى السلطات، وقد عملت لمدة شهر واحد على الأقل "
                "خلال السنة."
            ),
            "guidance": (
                "- احسب النقاط الثابتة والفرق المتنقلة؛ ويُحسب الفريق المتنقل الذي يسلك مساراً "
                "منتظماً نقطةً واحدة.\n"
                "- تُحسب النقطة التي تُدار مع شريك إذا كانت الجمعية الوطنية توفر العاملين فيها.\n"
                "- المصدر: قائمة نقاط الخدمة التي يحتفظ بها مسؤول الاتصال المعني بالهجرة."
            ),
        },
    },
    "family-links-restored": {
        "fr": {
            "name": "Contacts familiaux rétablis",
            "definition": (
                "Migrants ayant rétabli le contact avec un membre de leur famille grâce aux "
                "services de rétablissement des liens familiaux de la Société nationale : appels "
                "téléphoniques, messages, ou demande de recherche ayant permis de retrouver la "
                "personne recherchée."
            ),
            "guidance": (
                "- Comptez des personnes, et non des appels : une personne qui a appelé sa "
                "famille dix fois compte une seule fois.\n"
                "- Une demande de recherche compte l'année où la personne recherchée a été "
                "retrouvée.\n"
                "- Source : les dossiers de rétablissement des liens familiaux et le registre du "
                "service téléphonique."
            ),
        },
        "es": {
            "name": "Contactos familiares restablecidos",
            "definition": (
                "Personas migrantes que restablecieron el contacto con un familiar gracias a los "
                "servicios de restablecimiento del contacto entre familiares de la Sociedad "
                "Nacional: llamadas telefónicas, mensajes o una solicitud de búsqueda que "
                "permitió localizar a la persona buscada."
            ),
            "guidance": (
                "- Cuente personas, no llamadas: una persona que llamó a su familia diez veces "
                "cuenta una sola vez.\n"
                "- Una solicitud de búsqueda cuenta en el año en que se localizó a la persona "
                "buscada.\n"
                "- Fuente: los casos de restablecimiento del contacto entre familiares y el libro "
                "de registro del servicio telefónico."
            ),
        },
        "ar": {
            "name": "الاتصالات العائلية المُستعادة",
            "definition": (
                "المهاجرون الذين استعادوا الاتصال بأحد أفراد أسرهم عن طريق خدمات إعادة الروابط "
                "العائلية التي تقدمها الجمعية الوطنية: المكالمات الهاتفية، أو الرسائل، أو طلب "
                "البحث الذي أسفر عن العثور على الشخص المبحوث عنه."
            ),
            "guidance": (
                "- احسب الأشخاص لا المكالمات: الشخص الذي اتصل بأسرته عشر مرات يُحسب مرة واحدة.\n"
                "- يُحسب طلب البحث في السنة التي عُثر فيها على الشخص المبحوث عنه.\n"
                "- المصدر: سجل حالات إعادة الروابط العائلية وسجل خدمة الهاتف."
            ),
        },
    },
}


# The 2026 period adds Restoring Family Links; the 2025 one asked for the other five.
PERIOD_2025_CODES = [indicator["code"] for indicator in INDICATORS[:5]]
PERIOD_2026_CODES = [indicator["code"] for indicator in INDICATORS]


class Society(NamedTuple):
    reached: int  # people reached in 2025: the scale of every other figure
    status_2025: str | None  # None: no values for the period
    status_2026: str | None


# Twenty of the societies whose demo members practices/demo.py created.
SOCIETIES = {
    "ITA": Society(68_000, VALIDATED, DRAFT),
    "GRC": Society(41_000, VALIDATED, VALIDATED),
    "DEU": Society(52_000, VALIDATED, RETURNED),
    "SWE": Society(9_500, VALIDATED, DRAFT),
    "ESP": Society(37_000, VALIDATED, SUBMITTED),
    "TUR": Society(240_000, VALIDATED, VALIDATED),
    "LBN": Society(58_000, VALIDATED, SUBMITTED),
    "JOR": Society(44_000, VALIDATED, None),
    "EGY": Society(21_000, VALIDATED, DRAFT),
    "KEN": Society(26_000, VALIDATED, SUBMITTED),
    "ETH": Society(15_000, RETURNED, SUBMITTED),
    "NER": Society(18_000, VALIDATED, RETURNED),
    "ZAF": Society(12_000, None, DRAFT),
    "COL": Society(150_000, VALIDATED, VALIDATED),
    "MEX": Society(83_000, VALIDATED, SUBMITTED),
    "BGD": Society(310_000, VALIDATED, SUBMITTED),
    "FJI": Society(1_200, None, DRAFT),
    "AUS": Society(7_800, VALIDATED, VALIDATED),
    "PHL": Society(19_000, VALIDATED, None),
    "NPL": Society(6_500, VALIDATED, SUBMITTED),
}

RETURN_NOTES = {
    ("2025", "ETH"): (
        "Thank you. The registers at Dire Dawa record age: please add the age breakdown of the "
        "people reached, and say in the source note which branches are included."
    ),
    ("2026", "DEU"): (
        "The number of volunteers is 40 per cent above last year's. Please check whether the "
        "volunteers of the reception centres are counted twice, and explain in the source note."
    ),
    ("2026", "NER"): (
        "The spending looks like an amount in CFA francs rather than Swiss francs. Please "
        "convert it at the UN rate of 31 December."
    ),
}

SOURCE_NOTES = {
    "migrants-reached": "Registers of {branches} branches, consolidated by headquarters.",
    "migration-volunteers": "Volunteer database: volunteers with a migration activity in {year}.",
    "branches-with-focal-point": "{with_focal_point} of {branches} branches.",
    "migration-spending": "Financial statements {year}, migration programme lines.",
    "service-points": "List of service points kept by the migration focal point.",
    "family-links-restored": "Restoring Family Links caseload and phone-service logbook.",
}


def _dates(today: datetime.date) -> dict[str, tuple[datetime.date, datetime.date]]:
    """The 2026 period is open today, whenever the demo is loaded; the 2025 one has closed."""
    opens_2026 = min(datetime.date(2026, 10, 1), today - datetime.timedelta(days=14))
    closes_2026 = max(datetime.date(2027, 3, 31), today + datetime.timedelta(days=60))
    closes_2025 = min(datetime.date(2026, 3, 31), today - datetime.timedelta(days=1))
    opens_2025 = min(datetime.date(2025, 10, 1), closes_2025 - datetime.timedelta(days=180))
    return {"2025": (opens_2025, closes_2025), "2026": (opens_2026, closes_2026)}


def _french_typography(text: str) -> str:
    """French puts a no-break space before : ; ? and ! and writes a curly apostrophe; both are
    typed plainly above, where they could not be told apart from a space and a quote."""
    for sign in ":;?!":
        text = text.replace(f" {sign}", f"\u00a0{sign}")
    return text.replace("'", "\u2019")


def translations(code: str) -> dict[str, dict[str, str]]:
    """A demo indicator's text in French, Spanish and Arabic, as save_indicator takes it."""
    texts = TRANSLATIONS[code]
    return {
        language: {
            field: _french_typography(text) if language == "fr" else text
            for field, text in texts[language].items()
        }
        for language in texts
    }


def already_loaded() -> bool:
    codes = [indicator["code"] for indicator in INDICATORS]
    return (
        Indicator.objects.filter(code__in=codes).exists()
        or ReportingPeriod.objects.filter(label__in=["2025", "2026"]).exists()
    )


def load() -> list[str]:
    if already_loaded():
        lines = ["Demo indicators and reporting periods are there already; none added."]
        translated = _fill_translations()
        if translated:
            lines.append(
                "Demo indicators translated into French, Spanish and Arabic: "
                + ", ".join(translated)
                + "."
            )
        return lines + _publish_reports()
    members = _members()
    if members is None:
        return ["No demo data points: load the demo practices first (their members enter them)."]
    with transaction.atomic():
        lines = _load(members)
    return lines + _publish_reports()


def _publish_reports() -> list[str]:
    """A published practices overview (every public practice) and data compilation of the
    closed 2025 period, unless the demo has published one of each already. They are compiled
    here, by the service a worker calls: the queued task then finds them done."""
    editor = User.objects.filter(email=EDITOR).first()
    period = ReportingPeriod.objects.filter(label="2025").first()
    if editor is None or period is None:
        return []
    requests = {
        ReportKind.PRACTICES_OVERVIEW: {},
        ReportKind.DATA_COMPILATION: {"period": period},
    }
    published = []
    for kind, extra in requests.items():
        if Report.objects.filter(kind=kind, published_at__isnull=False).exists():
            continue
        report, _created = services.request_report(actor=editor, kind=kind, **extra)
        services.compile_report(report_id=report.pk)
        report.refresh_from_db()
        if report.status == ReportStatus.DONE:
            services.publish_report(report=report, actor=editor)
            path = reverse("reports:detail", args=[report.pk])
            published.append(f"{report.get_kind_display().lower()} ({path})")
    if not published:
        return []
    return ["Demo reports compiled and published: " + " and ".join(published) + "."]


def _fill_translations() -> list[str]:
    """Demo indicators loaded before they had translations get them; an indicator an editor
    has translated already keeps its text."""
    editor = User.objects.filter(email=EDITOR).first()
    if editor is None:
        return []
    untranslated = list(Indicator.objects.filter(code__in=TRANSLATIONS, translations={}))
    with transaction.atomic():
        for indicator in untranslated:
            services.save_indicator(
                actor=editor,
                data={"translations": translations(indicator.code)},
                indicator=indicator,
            )
    return [indicator.code for indicator in untranslated]


def _members() -> dict[str, User] | None:
    emails = {
        iso3: EXISTING_AUTHORS.get(iso3) or f"{NEW_AUTHORS[iso3][0]}@demo.example"
        for iso3 in SOCIETIES
    }
    people = {user.email: user for user in User.objects.filter(email__in=emails.values())}
    if len(people) < len(emails):
        return None
    return {iso3: people[email] for iso3, email in emails.items()}


def _load(members: dict[str, User]) -> list[str]:
    editor = User.objects.get(email=EDITOR)
    today = timezone.localdate()
    dates = _dates(today)
    indicators = {
        data["code"]: services.save_indicator(
            actor=editor, data={**data, "translations": translations(data["code"])}
        )
        for data in INDICATORS
    }
    societies = {
        society.country_id: society
        for society in NationalSociety.objects.national_societies().filter(country_id__in=SOCIETIES)
    }
    # Values go in while a period is open; the 2025 period is closed once they are in.
    opens_2025, closes_2025 = dates["2025"]
    period_2025 = services.save_period(
        actor=editor,
        data={"label": "2025", "opens_on": opens_2025, "closes_on": today},
        indicators=[indicators[code] for code in PERIOD_2025_CODES],
    )
    opens_2026, closes_2026 = dates["2026"]
    period_2026 = services.save_period(
        actor=editor,
        data={"label": "2026", "opens_on": opens_2026, "closes_on": closes_2026},
        indicators=[indicators[code] for code in PERIOD_2026_CODES],
    )
    sent_at: dict[int, datetime.datetime] = {}
    for period, codes in [(period_2025, PERIOD_2025_CODES), (period_2026, PERIOD_2026_CODES)]:
        for iso3, society in SOCIETIES.items():
            status = society.status_2025 if period is period_2025 else society.status_2026
            if status is None:
                continue
            submission = _enter(
                period, societies[iso3], members[iso3], editor, codes, iso3, society, status
            )
            sent_at[submission.pk] = _sent_at(period.label, iso3, dates[period.label], today)
    services.save_period(actor=editor, data={"closes_on": closes_2025}, period=period_2025)
    _backdate(sent_at)

    counts = {
        status: Submission.objects.filter(period=period_2026, status=status).count()
        for status in SubmissionStatus
    }
    return [
        f"Demo data points: {len(INDICATORS)} indicators; period 2025 (closed on "
        f"{closes_2025:%d %b %Y}) with the values of "
        f"{period_2025.submissions.count()} societies; period 2026 (open until "
        f"{closes_2026:%d %b %Y}) with {counts[VALIDATED]} validated, {counts[SUBMITTED]} "
        f"waiting for review, {counts[RETURNED]} returned and {counts[DRAFT]} drafts.",
        "Enter values as alice@demo.example (Italian Red Cross, a draft for 2026); review them "
        f"as {EDITOR}.",
    ]


def _enter(period, national_society, member, editor, codes, iso3, society, status) -> Submission:
    submission = services.start_submission(actor=member, society=national_society, period=period)
    values = _values(period.label, iso3, society.reached, codes)
    if status == DRAFT:
        # A draft is work in progress: the first indicators only.
        values = {code: values[code] for code in codes[:3]}
    services.save_values(submission=submission, actor=member, values=values)
    if status == DRAFT:
        return submission
    services.submit_submission(submission=submission, actor=member)
    if status == VALIDATED:
        services.validate_submission(submission=submission, actor=editor)
    elif status == RETURNED:
        services.return_submission(
            submission=submission, actor=editor, note=RETURN_NOTES[(period.label, iso3)]
        )
    return submission


def _values(label: str, iso3: str, reached_2025: int, codes: list[str]) -> dict[str, dict]:
    """One society's values for a period: plausible, and consistent (no breakdown above its
    total), the same at every load."""
    rng = random.Random(f"{iso3}/{label}")
    growth = 1 if label == "2025" else rng.uniform(0.85, 1.25)
    total = _round(reached_2025 * growth)
    branches = max(3, min(120, reached_2025 // random.Random(iso3).randint(800, 2500)))
    with_focal_point = rng.randint(max(1, branches // 5), max(1, branches * 9 // 10))
    placeholders = {
        "branches": branches,
        "with_focal_point": with_focal_point,
        "year": label,
    }

    reached = {"total": total, **_by_sex(rng, total)}
    # Some societies do not register age; Ethiopia's 2025 values were returned for it.
    if rng.random() < 0.8 and (label, iso3) != ("2025", "ETH"):
        reached.update(_by_age(rng, total))
    volunteers_total = max(15, round(total / rng.uniform(60, 160)))
    if (label, iso3) == ("2026", "DEU"):  # what the editors' note questions
        volunteers_total = round(volunteers_total * 1.4)
    volunteers = {"total": volunteers_total, **_by_sex(rng, volunteers_total, unknown=False)}
    spending = _round(total * rng.uniform(18, 70), 1000)
    if (label, iso3) == ("2026", "NER"):
        spending = spending * 600  # CFA francs instead of Swiss francs, as the note says
    family_links = _round(total * rng.uniform(0.01, 0.05))
    values = {
        "migrants-reached": reached,
        "migration-volunteers": volunteers,
        "branches-with-focal-point": {"total": Decimal(f"{100 * with_focal_point / branches:.1f}")},
        "migration-spending": {"total": spending},
        "service-points": {"total": max(1, round(total / rng.uniform(2500, 9000)))},
        "family-links-restored": {
            "total": family_links,
            **_by_sex(rng, family_links),
            **_by_age(rng, family_links),
        },
    }
    return {
        code: {
            **{field: str(number) for field, number in values[code].items()},
            "source_note": SOURCE_NOTES[code].format(**placeholders),
        }
        for code in codes
    }


def _round(number: float, step: int = 10) -> int:
    """A figure as a society reports it: to the nearest ten (or thousand), never zero."""
    if number < step:
        return max(1, round(number))
    return round(number / step) * step


def _by_sex(rng: random.Random, total: int, *, unknown: bool = True) -> dict[str, int]:
    female = round(total * rng.uniform(0.38, 0.56))
    other = round(total * rng.uniform(0, 0.003))
    not_known = round(total * rng.uniform(0, 0.08)) if unknown else 0
    groups = {"sex_female": female, "sex_male": total - female - other - not_known}
    if other:
        groups["sex_other"] = other
    if not_known:
        groups["sex_unknown"] = not_known
    return groups


def _by_age(rng: random.Random, total: int) -> dict[str, int]:
    """The age groups, leaving part of the total unknown (the form's groups may add up to
    less than the total)."""
    children = round(total * rng.uniform(0.18, 0.38))
    older = round(total * rng.uniform(0.03, 0.09))
    not_known = round(total * rng.uniform(0, 0.12))
    adults = max(0, total - children - older - not_known)
    return {"age_children": children, "age_adults": adults, "age_older_people": older}


def _sent_at(label: str, iso3: str, window, today: datetime.date) -> datetime.datetime:
    """When the society sent its values: in the period's last two months before the load."""
    opens_on, closes_on = window
    rng = random.Random(f"{iso3}/{label}/sent")
    last = min(today - datetime.timedelta(days=1), closes_on)
    first = max(opens_on, last - datetime.timedelta(days=60))
    day = first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days - 1)))
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(8, 17), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def _backdate(sent_at: dict[int, datetime.datetime]) -> None:
    """The services stamp sending and review with the time of the load: spread them over the
    period, so that the review queue reads oldest first as it would."""
    now = timezone.now()
    reviewed_at = {
        pk: min(now, moment + datetime.timedelta(days=9)) for pk, moment in sent_at.items()
    }
    Submission.objects.filter(pk__in=sent_at, submitted_at__isnull=False).update(
        submitted_at=Case(
            *[When(pk=pk, then=Value(moment)) for pk, moment in sent_at.items()],
            default=F("submitted_at"),
        ),
        reviewed_at=Case(
            *[
                When(pk=pk, reviewed_at__isnull=False, then=Value(moment))
                for pk, moment in reviewed_at.items()
            ],
            default=F("reviewed_at"),
        ),
    )
