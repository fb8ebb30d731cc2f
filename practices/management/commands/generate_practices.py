"""`python manage.py generate_practices N [--seed S] [--batch 5000]`: N synthetic published
practices (is_demo) for load and search benchmarks, written with COPY.

The text reads like the real catalogue, in the languages societies write in, and carries marker
words at known rates (MARKERS) so that a benchmark can pick queries that match a known share of
practices. The search vector is a generated column and the history triggers fire for every row
as they would in production: nothing is switched off, so the timing is honest.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone, translation
from django_countries import countries as country_names

from core import taxonomy
from core.audience import Visibility
from core.models import Country, NationalSociety
from practices.models import (
    Language,
    Practice,
    Status,
    TargetGroup,
    search_config_for,
)

# Words found in about this share of practices, whatever their language: tool names that read
# the same in every language, so one query matches every configuration's rows alike.
MARKERS = {"KoboToolbox": 0.002, "WhatsApp": 0.01, "Zoom": 0.03, "QR": 0.10}

# Societies of the report's regions in its proportions (28, 10, 8, 7, 6 of 59).
REGION_WEIGHTS = {"europe": 28, "mena": 10, "asia-pacific": 8, "americas": 7, "africa": 6}
# A society whose country speaks one of these writes in it six times out of ten, else English.
HOME_LANGUAGES = {
    "fr": "FRA BEL LUX MCO CHE NER MLI SEN BFA CIV GIN TCD CMR BEN TGO GAB COG COD CAF MDG COM "
    "DJI HTI BDI RWA",
    "es": "ESP MEX GTM HND SLV NIC CRI PAN COL VEN ECU PER BOL CHL ARG URY PRY CUB DOM GNQ",
    "ar": "EGY LBN JOR SYR IRQ SAU ARE KWT QAT BHR OMN YEM LBY DZA SDN PSE MRT TUN MAR",
    "pt": "PRT BRA AGO MOZ CPV GNB STP TLS",
    # Italian has no text-search configuration here: such practices are filed as "other".
    "other": "ITA SMR",
}
HOME_LANGUAGE_SHARE = 0.6
# Step, support and dimension weights follow the report's counts; principles their shares.
STEP_WEIGHTS = [
    25 if c == "long-term-stay" else 10 if c == "arrival" else 5 for c, _ in taxonomy.STEPS
]
SUPPORT_WEIGHTS = [21, 16, 16, 6]
DIMENSION_WEIGHTS = [34, 29, 15, 12, 10]
PRINCIPLE_SHARES = {
    "P2": 0.05, "P3": 0.36, "P4": 0.25, "P5": 0.10, "P6": 0.44, "P7": 0.14, "P8": 0.07,
    "P9": 0.27, "P10": 0.01,
}  # fmt: skip
YEARS_OF_PUBLICATION = 8


@dataclass(frozen=True)
class Lexicon:
    """The phrases of one language. Slots: {society}/{Society}, {country}, {group}/{Group},
    {group2}, {activity}/{Activity}, {activity2}, {where}, {partner}, {adjective}, {year},
    {year2}, {number}, {few}, {percent}, {cost}. Languages other than English name the society
    generically ("la Société nationale"): the reference data holds English names only."""

    activities: list[str]
    groups: list[str]
    places: list[str]
    partners: list[str]
    adjectives: list[str]
    titles: list[str]
    summaries: list[str]
    summary_endings: list[str]
    needs: list[str]
    starts: list[str]
    items: list[str]
    results: list[str]
    lessons: list[str]
    replication: list[str]
    details: list[str]
    markers: dict[str, str]
    # How the society is named in this language's sentences; None: its (English) name.
    society: str | None = None
    thousands: str = ","
    comma: str = ", "


LEXICONS = {
    "en": Lexicon(
        activities=[
            "legal counselling", "psychosocial support", "first aid", "cash assistance",
            "language classes", "health information sessions", "restoring family links",
            "emergency shelter", "hygiene kits", "job coaching", "child-friendly spaces",
            "mobile health care", "orientation desks", "visits to immigration detention",
            "return counselling", "volunteer training", "community dialogue",
            "anti-discrimination workshops", "winter relief", "referral to specialised services",
            "food parcels", "mental health care", "homework support", "housing advice",
        ],
        groups=[
            "asylum seekers", "unaccompanied minors", "migrant workers", "families in transit",
            "women and girls", "returnees", "undocumented migrants", "refugees",
            "older migrants", "migrants with disabilities", "seasonal workers",
            "survivors of trafficking", "displaced families", "young migrants",
        ],
        places=[
            "in reception centres", "at border crossings", "in the society's branches",
            "through mobile teams", "in schools and community centres", "by phone and online",
            "in informal settlements", "at bus and train stations", "at ports of arrival",
        ],
        partners=[
            "the municipality", "UNHCR", "IOM", "the ministry of health", "local NGOs",
            "the ICRC", "universities", "faith-based organisations", "the employment office",
            "schools", "bar associations", "migrant associations",
        ],
        adjectives=[
            "community-based", "volunteer-led", "mobile", "multilingual", "cross-border",
            "low-cost", "rights-based", "people-centred",
        ],
        titles=[
            "{Activity} for {group} in {country}",
            "{Activity} and {activity2} for {group}",
            "Reaching {group} with {activity} in {country}",
            "{Activity} along the migration route through {country}",
            "A {adjective} approach to {activity} for {group}",
        ],
        summaries=[
            "{Society} offers {activity} and {activity2} to {group} in {country}, working with "
            "{partner} so that people reach the services they are entitled to.",
            "Volunteers of {society} bring {activity} to {group} {where}, and refer those with "
            "urgent needs to {partner}.",
            "Since {year}, {society} has combined {activity} with {activity2} for {group}, "
            "adapting the service to what people say they need.",
            "A {adjective} programme of {activity} for {group} in {country}, run by trained "
            "volunteers with the support of {partner}.",
        ],
        summary_endings=[
            "The service is free, confidential and open to everyone regardless of legal status.",
            "It reached {number} people in its first years.",
            "Migrants take part as volunteers and in the evaluation of the work.",
            "Information is given in the languages people speak.",
            "It links assistance with protection and humanitarian diplomacy.",
        ],
        needs=[
            "Many {group} in {country} cannot reach {activity} because of language barriers, "
            "cost or fear of the authorities.",
            "Arrivals of {group} increased sharply in {year}, and existing services were "
            "overwhelmed.",
            "{Group} often arrive exhausted, without documents and without information about "
            "their rights.",
            "Local services were not designed for {group}, and their staff lacked interpreters.",
            "Assessments by volunteers showed unmet needs for {activity} and {activity2}.",
            "Isolation, debt and uncertainty about legal status weigh on the mental health of "
            "{group}.",
            "{Group2} and {group} live side by side with host communities that feel left "
            "behind, and tensions grow.",
        ],
        starts=[
            "{Society} started the project in {year} after an assessment with {partner}.",
            "The work began in {year} as a pilot in two branches and has grown since.",
            "Volunteers raised the alarm in {year}; the society responded with {activity}.",
        ],
        items=[
            "{Activity} {where}",
            "{Activity2} for {group2}",
            "Training of {few} volunteers in {activity2}",
            "Referral of {group} to {partner}",
            "Regular meetings with {partner} to solve problems together",
            "Information leaflets in the main languages of {group}",
            "Follow-up visits to the most vulnerable households",
        ],
        results=[
            "{number} people were reached with {activity} between {year} and {year2}.",
            "{percent} % of participants said the support helped them find their way.",
            "Referrals to {partner} doubled, and waiting times fell.",
            "The municipality now funds part of the service.",
            "An evaluation in {year2} recommended scaling up the work.",
            "{few} volunteers, several of them migrants, were trained and stay active.",
        ],
        lessons=[
            "Involve {group} from the start: they know best what works.",
            "Interpreters are essential, not optional.",
            "Agreements with {partner} must be written down.",
            "Volunteer turnover is high; plan regular training.",
            "Keep personal data to a minimum.",
            "Short feedback loops let the team adjust quickly.",
            "Coordination with neighbouring National Societies avoids gaps along the route.",
        ],
        replication=[
            "Another society needs about {few} trained volunteers, a coordinator and a budget "
            "of CHF {cost} a year.",
            "The main costs are staff time, transport and interpretation.",
            "Training materials and forms are available on request.",
            "Start small, in one branch, and expand once the referral network works.",
        ],
        details=[
            "Teams work in pairs, and every contact is recorded in a simple case file.",
            "Sessions are held in the evening and at weekends so that working people can come.",
            "Cultural mediators explain the service in the community before it opens.",
            "Each volunteer completes a basic course on the Fundamental Principles, protection "
            "and psychological first aid.",
            "People with urgent medical needs are accompanied to the nearest health facility.",
            "The team meets every month with {partner} to review difficult cases.",
            "Children take part in recreational activities while their parents receive advice.",
            "Information is checked with the authorities every quarter so that it stays "
            "accurate.",
        ],
        markers={
            "KoboToolbox": "Needs were assessed with KoboToolbox forms filled in by volunteers.",
            "WhatsApp": "A WhatsApp line answers questions in several languages.",
            "Zoom": "Volunteers from other branches joined the training sessions on Zoom.",
            "QR": "Posters with a QR code link to the information in the main languages.",
        },
    ),
    "fr": Lexicon(
        activities=[
            "l'accompagnement juridique", "le soutien psychosocial", "les premiers secours",
            "l'aide financière", "les cours de langue", "l'information santé",
            "le rétablissement des liens familiaux", "l'hébergement d'urgence",
            "la distribution de kits d'hygiène", "l'insertion professionnelle",
            "les espaces amis des enfants", "les maraudes sanitaires", "l'accueil de jour",
            "l'aide au retour volontaire", "la formation des volontaires",
        ],
        groups=[
            "les demandeurs d'asile", "les mineurs non accompagnés", "les travailleurs migrants",
            "les familles en transit", "les femmes et les filles", "les personnes exilées",
            "les migrants sans papiers", "les réfugiés", "les jeunes migrants",
        ],
        places=[
            "dans les centres d'accueil", "aux points de passage frontaliers",
            "dans les délégations locales", "par des équipes mobiles", "dans les campements",
            "dans les gares", "par téléphone et en ligne",
        ],
        partners=[
            "la mairie", "le HCR", "l'OIM", "l'agence régionale de santé", "les associations",
            "le CICR", "les écoles", "les barreaux",
        ],
        adjectives=["de proximité", "mobile", "multilingue", "transfrontalière", "participative"],
        titles=[
            "{Activity} pour {group} en {country}",
            "Une approche {adjective} : {activity} et {activity2}",
            "{Activity} le long de la route migratoire ({country})",
        ],
        summaries=[
            "{Society} accompagne {group} : {activity} et {activity2}, en lien avec {partner}, "
            "pour que chacun accède aux services auxquels il a droit.",
            "Des volontaires formés assurent {activity} {where} et orientent {group} vers "
            "{partner}.",
            "Depuis {year}, le programme associe {activity} et {activity2} pour {group}, en "
            "s'adaptant aux besoins exprimés par les personnes.",
        ],
        summary_endings=[
            "Le service est gratuit, confidentiel et ouvert à tous, quel que soit le statut "
            "administratif.",
            "Il a touché {number} personnes depuis son lancement.",
            "Des personnes migrantes participent comme volontaires et à l'évaluation.",
        ],
        needs=[
            "En {country}, beaucoup de personnes n'ont pas accès à des services comme {activity}, "
            "à cause de la langue, du coût ou de la peur des contrôles.",
            "Les arrivées ont fortement augmenté en {year} et les dispositifs existants ont été "
            "débordés.",
            "Les personnes arrivent épuisées, sans documents et sans information sur leurs "
            "droits.",
            "Les évaluations des volontaires ont montré un besoin non couvert : {activity2}.",
        ],
        starts=[
            "{Society} a lancé le projet en {year} après un diagnostic mené avec {partner}.",
            "L'action a commencé en {year} par une expérimentation dans deux délégations.",
        ],
        items=[
            "{Activity} {where}",
            "Formation de {few} volontaires",
            "Orientation vers {partner}",
            "Réunions régulières avec {partner}",
            "Dépliants d'information dans les principales langues",
        ],
        results=[
            "{number} personnes ont bénéficié de l'action entre {year} et {year2}.",
            "{percent} % des participants estiment que l'aide leur a permis de s'orienter.",
            "Les orientations vers {partner} ont doublé.",
            "Une évaluation en {year2} recommande d'étendre l'action.",
        ],
        lessons=[
            "Associer les personnes concernées dès le début.",
            "L'interprétariat est indispensable.",
            "Formaliser les accords avec {partner}.",
            "Prévoir des formations régulières : le renouvellement des volontaires est rapide.",
            "Limiter les données personnelles au strict nécessaire.",
        ],
        replication=[
            "Il faut environ {few} volontaires formés, un coordinateur et un budget de {cost} "
            "CHF par an.",
            "Les principaux coûts sont le temps de travail, le transport et l'interprétariat.",
            "Commencer dans une délégation, puis étendre quand le réseau d'orientation "
            "fonctionne.",
        ],
        details=[
            "Les équipes interviennent en binôme et chaque contact est consigné dans un dossier "
            "simple.",
            "Les permanences ont lieu le soir et le week-end pour les personnes qui travaillent.",
            "Des médiateurs culturels présentent le service dans les communautés avant son "
            "ouverture.",
            "Chaque volontaire suit une formation aux Principes fondamentaux, à la protection et "
            "aux premiers secours psychologiques.",
            "L'équipe fait le point chaque mois avec {partner} sur les situations complexes.",
        ],
        society="La Société nationale",
        thousands="\u202f",
        markers={
            "KoboToolbox": "Les besoins ont été évalués avec des formulaires KoboToolbox "
            "remplis par les volontaires.",
            "WhatsApp": "Une ligne WhatsApp répond aux questions en plusieurs langues.",
            "Zoom": "Des volontaires d'autres délégations ont suivi les formations sur Zoom.",
            "QR": "Des affiches avec un code QR renvoient aux informations dans les principales "
            "langues.",
        },
    ),
    "es": Lexicon(
        activities=[
            "la orientación jurídica", "el apoyo psicosocial", "los primeros auxilios",
            "las transferencias de efectivo", "las clases de idioma", "la promoción de la salud",
            "el restablecimiento del contacto entre familiares", "el alojamiento temporal",
            "la entrega de kits de higiene", "la inserción laboral", "los espacios amigables",
            "la atención prehospitalaria", "los puntos de información", "el retorno seguro",
        ],
        groups=[
            "las personas solicitantes de asilo", "los niños y niñas no acompañados",
            "las personas trabajadoras migrantes", "las familias caminantes",
            "las mujeres y niñas", "las personas retornadas", "las personas refugiadas",
            "la población migrante en tránsito",
        ],
        places=[
            "en los puntos de servicio humanitario", "en los pasos fronterizos",
            "en las filiales", "mediante equipos móviles", "en los asentamientos informales",
            "en las terminales de buses", "por teléfono y en línea",
        ],
        partners=[
            # No masculine singular article: "a el" and "de el" contract.
            "la alcaldía", "ACNUR", "la OIM", "las secretarías de salud", "las organizaciones "
            "locales", "la delegación del CICR", "las universidades", "Migración",
        ],
        adjectives=["comunitario", "móvil", "multilingüe", "transfronterizo", "participativo"],
        titles=[
            "{Activity} para {group} en {country}",
            "Un enfoque {adjective}: {activity} y {activity2}",
            "{Activity} a lo largo de la ruta migratoria en {country}",
        ],
        summaries=[
            "{Society} ofrece {activity} y {activity2} a {group}, en coordinación con "
            "{partner}, para que accedan a los servicios a los que tienen derecho.",
            "Voluntarios capacitados brindan {activity} {where} y remiten los casos urgentes a "
            "{partner}.",
            "Desde {year}, el programa combina {activity} y {activity2} para {group}, "
            "adaptándose a lo que las personas expresan.",
        ],
        summary_endings=[
            "El servicio es gratuito, confidencial y abierto a todas las personas, sin importar "
            "su situación migratoria.",
            "Ha llegado a {number} personas desde su inicio.",
            "Personas migrantes participan como voluntarias y en la evaluación.",
        ],
        needs=[
            "En {country}, muchas personas no acceden a servicios como {activity} por el idioma, "
            "el costo o el miedo a las autoridades.",
            "Las llegadas aumentaron con fuerza en {year} y los servicios existentes se vieron "
            "desbordados.",
            "Las personas llegan agotadas, sin documentos y sin información sobre sus derechos.",
            "Las evaluaciones del voluntariado mostraron una necesidad no cubierta: "
            "{activity2}.",
        ],
        starts=[
            "{Society} inició el proyecto en {year} tras un diagnóstico con {partner}.",
            "El trabajo comenzó en {year} como piloto en dos filiales.",
        ],
        items=[
            "{Activity} {where}",
            "Capacitación de {few} voluntarios",
            "Remisión a {partner}",
            "Reuniones periódicas con {partner}",
            "Materiales informativos en los principales idiomas",
        ],
        results=[
            "{number} personas recibieron atención entre {year} y {year2}.",
            "El {percent} % de las personas participantes afirma que el apoyo les ayudó a "
            "orientarse.",
            "Las remisiones a {partner} se duplicaron.",
            "Una evaluación en {year2} recomendó ampliar el trabajo.",
        ],
        lessons=[
            "Involucrar desde el inicio a las personas migrantes.",
            "La interpretación es imprescindible.",
            "Formalizar por escrito los acuerdos con {partner}.",
            "Prever capacitaciones periódicas: la rotación del voluntariado es alta.",
            "Recoger solo los datos personales imprescindibles.",
        ],
        replication=[
            "Se necesitan unos {few} voluntarios capacitados, una coordinación y un presupuesto "
            "de {cost} CHF al año.",
            "Los principales costos son el personal, el transporte y la interpretación.",
            "Empezar en una filial y ampliar cuando la red de remisión funcione.",
        ],
        details=[
            "Los equipos trabajan en parejas y cada atención se registra en una ficha sencilla.",
            "Las actividades se realizan por la tarde y los fines de semana para quienes "
            "trabajan.",
            "Mediadores culturales presentan el servicio en las comunidades antes de abrirlo.",
            "Cada voluntario recibe formación en los Principios Fundamentales, protección y "
            "primeros auxilios psicológicos.",
            "El equipo revisa cada mes los casos complejos con {partner}.",
        ],
        society="La Sociedad Nacional",
        thousands=".",
        markers={
            "KoboToolbox": "Las necesidades se evaluaron con formularios de KoboToolbox "
            "completados por el voluntariado.",
            "WhatsApp": "Una línea de WhatsApp responde preguntas en varios idiomas.",
            "Zoom": "Voluntarios de otras filiales se sumaron a las capacitaciones por Zoom.",
            "QR": "Carteles con un código QR enlazan a la información en los principales "
            "idiomas.",
        },
    ),
    "ar": Lexicon(
        activities=[
            "الاستشارات القانونية", "الدعم النفسي والاجتماعي", "الإسعافات الأولية",
            "المساعدات النقدية", "دروس اللغة", "التوعية الصحية", "إعادة الروابط العائلية",
            "المأوى الطارئ", "توزيع مستلزمات النظافة", "التدريب المهني",
            "المساحات الصديقة للأطفال", "العيادات المتنقلة", "الإحالة إلى الخدمات المتخصصة",
        ],
        groups=[
            "طالبي اللجوء", "الأطفال غير المصحوبين", "العمال المهاجرين", "الأسر العابرة",
            "النساء والفتيات", "العائدين", "اللاجئين", "المهاجرين غير النظاميين",
        ],
        places=[
            "في مراكز الاستقبال", "عند المعابر الحدودية", "في فروع الجمعية",
            "عبر فرق متنقلة", "في المخيمات غير الرسمية", "عبر الهاتف والإنترنت",
        ],
        partners=[
            "البلدية", "المفوضية السامية لشؤون اللاجئين", "المنظمة الدولية للهجرة",
            "وزارة الصحة", "المنظمات المحلية", "اللجنة الدولية للصليب الأحمر",
        ],
        adjectives=["مجتمعي", "متنقل", "متعدد اللغات", "عابر للحدود", "تشاركي"],
        titles=[
            "{activity} لفائدة {group} في {country}",
            "نهج {adjective}: {activity} و{activity2}",
            "{activity} على طول طريق الهجرة في {country}",
        ],
        summaries=[
            "تقدّم {society} {activity} و{activity2} لفائدة {group} بالتنسيق مع {partner}، "
            "ليصل الناس إلى الخدمات التي يحق لهم الحصول عليها.",
            "يقدّم متطوعون مدرَّبون {activity} {where} ويحيلون الحالات العاجلة إلى {partner}.",
            "منذ عام {year} يجمع البرنامج بين {activity} و{activity2} لفائدة {group}.",
        ],
        summary_endings=[
            "الخدمة مجانية وسرية ومفتوحة للجميع بصرف النظر عن الوضع القانوني.",
            "بلغ عدد المستفيدين منذ انطلاقها {number}.",
            "يشارك المهاجرون متطوعين وفي تقييم العمل.",
        ],
        needs=[
            "لا يصل كثير من {group} في {country} إلى {activity} بسبب اللغة أو التكلفة أو الخوف "
            "من السلطات.",
            "ازدادت أعداد الوافدين بشدة عام {year} وعجزت الخدمات القائمة عن الاستجابة.",
            "يصل الناس منهكين، بلا وثائق ولا معلومات عن حقوقهم.",
            "أظهرت تقييمات المتطوعين احتياجات غير ملبّاة في مجال {activity2}.",
        ],
        starts=[
            "أطلقت {society} المشروع عام {year} بعد تقييم أُجري مع {partner}.",
            "بدأ العمل عام {year} مشروعاً تجريبياً في فرعين ثم توسّع.",
        ],
        items=[
            "{activity} {where}",
            "تدريب المتطوعين (عددهم {few})",
            "الإحالة إلى {partner}",
            "اجتماعات دورية مع {partner}",
            "مواد إعلامية باللغات الرئيسية",
        ],
        results=[
            "بلغ عدد المستفيدين بين عامي {year} و{year2} نحو {number}.",
            "أفاد {percent} في المئة من المشاركين بأن الدعم ساعدهم على تدبّر أمورهم.",
            "تضاعفت الإحالات إلى {partner}.",
            "أوصى تقييم أُجري عام {year2} بتوسيع العمل.",
        ],
        lessons=[
            "إشراك المهاجرين منذ البداية.",
            "الترجمة الشفهية ضرورية وليست خياراً.",
            "توثيق الاتفاقات مع {partner} كتابةً.",
            "التخطيط لتدريب منتظم بسبب تغيّر المتطوعين.",
        ],
        replication=[
            "يتطلب التكرار متطوعين مدرَّبين (نحو {few}) ومنسقاً وميزانية تقارب {cost} فرنك "
            "سويسري سنوياً.",
            "أهم التكاليف هي أجور الموظفين والنقل والترجمة.",
        ],
        details=[
            "تعمل الفرق في أزواج، ويُسجَّل كل تواصل في ملف بسيط.",
            "تُعقد الجلسات مساءً وفي عطلة نهاية الأسبوع ليتمكن العاملون من الحضور.",
            "يعرّف وسطاء ثقافيون بالخدمة داخل المجتمعات قبل افتتاحها.",
            "يتلقى كل متطوع تدريباً على المبادئ الأساسية والحماية والإسعافات الأولية النفسية.",
            "يراجع الفريق الحالات الصعبة شهرياً مع {partner}.",
        ],
        society="الجمعية الوطنية",
        comma="، ",
        markers={
            "KoboToolbox": "قُيّمت الاحتياجات باستمارات KoboToolbox يملؤها المتطوعون.",
            "WhatsApp": "يجيب خط على WhatsApp عن الأسئلة بعدة لغات.",
            "Zoom": "شارك متطوعون من فروع أخرى في الدورات التدريبية عبر Zoom.",
            "QR": "تحيل ملصقات تحمل رمز QR إلى المعلومات باللغات الرئيسية.",
        },
    ),
    "pt": Lexicon(
        activities=[
            "a orientação jurídica", "o apoio psicossocial", "os primeiros socorros",
            "as transferências monetárias", "as aulas de língua", "a promoção da saúde",
            "o restabelecimento de laços familiares", "o alojamento de emergência",
        ],
        groups=[
            "os requerentes de asilo", "as crianças desacompanhadas", "os trabalhadores "
            "migrantes", "as famílias em trânsito", "os refugiados", "os retornados",
        ],
        places=["nos centros de acolhimento", "nas fronteiras", "nas delegações locais"],
        partners=["a câmara municipal", "o ACNUR", "a OIM", "o ministério da saúde"],
        adjectives=["comunitária", "móvel", "multilíngue"],
        titles=["{Activity} para {group} em {country}", "Uma resposta {adjective}: {activity}"],
        summaries=[
            "{Society} apoia {group} com {activity} e {activity2}, em articulação com "
            "{partner}.",
            "Voluntários formados asseguram {activity} {where} e encaminham os casos urgentes "
            "para {partner}.",
        ],
        summary_endings=["O serviço é gratuito e confidencial.", "Chegou a {number} pessoas."],
        needs=[
            "Em {country}, muitas pessoas não têm acesso a serviços como {activity}, por causa "
            "da língua ou do custo.",
            "As chegadas aumentaram muito em {year} e os serviços ficaram sobrecarregados.",
        ],
        starts=["O projeto começou em {year}, após um diagnóstico com {partner}."],
        items=[
            "{Activity} {where}", "Formação de {few} voluntários", "Encaminhamento para {partner}",
        ],
        results=[
            "{number} pessoas foram apoiadas entre {year} e {year2}.",
            "Uma avaliação em {year2} recomendou alargar o trabalho.",
        ],
        lessons=["Envolver os migrantes desde o início.", "A interpretação é indispensável."],
        replication=[
            "São precisos cerca de {few} voluntários e um orçamento de {cost} CHF por ano.",
        ],
        details=[
            "As equipas trabalham em pares e cada contacto é registado numa ficha simples.",
            "As sessões decorrem ao fim do dia e ao fim de semana para quem trabalha.",
            "Mediadores culturais apresentam o serviço nas comunidades antes da abertura.",
        ],
        society="A Sociedade Nacional",
        thousands=".",
        markers={
            "KoboToolbox": "As necessidades foram avaliadas com formulários KoboToolbox.",
            "WhatsApp": "Uma linha de WhatsApp responde a perguntas em várias línguas.",
            "Zoom": "Voluntários de outras delegações participaram nas formações pelo Zoom.",
            "QR": "Cartazes com um código QR dão acesso à informação nas principais línguas.",
        },
    ),
    "other": Lexicon(  # Italian
        activities=[
            "l'orientamento legale", "il supporto psicosociale", "il primo soccorso",
            "l'assistenza economica", "i corsi di lingua", "l'informazione sanitaria",
            "il ripristino dei legami familiari", "l'accoglienza notturna",
        ],
        groups=[
            "i richiedenti asilo", "i minori stranieri non accompagnati", "i lavoratori "
            "migranti", "le famiglie in transito", "i rifugiati", "le donne migranti",
        ],
        places=["nei centri di accoglienza", "ai valichi di frontiera", "nei comitati locali"],
        partners=["il comune", "l'UNHCR", "l'OIM", "l'azienda sanitaria"],
        adjectives=["di prossimità", "mobile", "multilingue"],
        titles=["{Activity} per {group} in {country}", "Un approccio {adjective}: {activity}"],
        summaries=[
            "{Society} sostiene {group} con {activity} e {activity2}, in collaborazione con "
            "{partner}.",
            "Volontari formati garantiscono {activity} {where} e seguono i casi urgenti insieme "
            "con {partner}.",
        ],
        summary_endings=["Il servizio è gratuito e riservato.", "Ha raggiunto {number} persone."],
        needs=[
            "In {country} molte persone non accedono a servizi come {activity}, per la lingua o "
            "i costi.",
            "Gli arrivi sono aumentati molto nel {year} e i servizi sono stati travolti.",
        ],
        starts=["Il progetto è iniziato nel {year} dopo un'analisi con {partner}."],
        items=[
            "{Activity} {where}", "Formazione di {few} volontari", "Coordinamento con {partner}",
        ],
        results=[
            "{number} persone sono state assistite tra il {year} e il {year2}.",
            "Una valutazione nel {year2} ha raccomandato di estendere il lavoro.",
        ],
        lessons=[
            "Coinvolgere i migranti fin dall'inizio.", "La mediazione linguistica è essenziale.",
        ],
        replication=["Servono circa {few} volontari formati e un budget di {cost} CHF all'anno."],
        details=[
            "Le squadre lavorano in coppia e ogni contatto è registrato in una scheda semplice.",
            "Gli incontri si tengono la sera e nel fine settimana per chi lavora.",
            "Mediatori culturali presentano il servizio nelle comunità prima dell'apertura.",
        ],
        society="La Società Nazionale",
        thousands=".",
        markers={
            "KoboToolbox": "I bisogni sono stati rilevati con moduli KoboToolbox.",
            "WhatsApp": "Una linea WhatsApp risponde alle domande in più lingue.",
            "Zoom": "Volontari di altri comitati hanno seguito le formazioni su Zoom.",
            "QR": "Manifesti con un codice QR rimandano alle informazioni nelle lingue principali.",
        },
    ),
}  # fmt: skip


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class PracticeGenerator:
    """Makes unsaved Practice objects; the same seed gives the same practices."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)
        self.now = timezone.now()
        societies = list(
            NationalSociety.objects.national_societies()
            .filter(region__isnull=False)
            .select_related("region")
        )
        self.societies_by_region = {
            code: [society for society in societies if society.region.code == code]
            for code in REGION_WEIGHTS
        }
        countries = Country.objects.select_related("region").values_list("iso3", "region__code")
        self.countries_by_region: dict[str, list[str]] = {}
        for iso3, region in countries:
            self.countries_by_region.setdefault(region, []).append(iso3)
        self.home_language = {
            iso3: language for language, codes in HOME_LANGUAGES.items() for iso3 in codes.split()
        }
        self.country_names: dict[tuple[str, str], str] = {}

    def practice(self) -> Practice:
        pick = self.random
        region = pick.choices(list(REGION_WEIGHTS), weights=list(REGION_WEIGHTS.values()))[0]
        society = pick.choice(self.societies_by_region[region])
        home = self.home_language.get(society.country_id)
        language = home if home and pick.random() < HOME_LANGUAGE_SHARE else Language.ENGLISH
        countries = [society.country_id]
        if pick.random() < 0.3:
            # "Neighbours" are approximated by countries of the same region.
            countries += pick.sample(self.countries_by_region[region], pick.randint(1, 2))
        published_at = self.now - timedelta(days=pick.uniform(1, 365 * YEARS_OF_PUBLICATION))
        submitted_at = published_at - timedelta(days=pick.uniform(1, 30))
        start_year = published_at.year - pick.randint(1, 6)
        texts = self._texts(language, society, countries[0], start_year, published_at.year)
        return Practice(
            kind=taxonomy.Kind.SMART_PRACTICE
            if pick.random() < 0.85
            else taxonomy.Kind.OPERATIONAL_ELEMENT,
            **texts,
            society_id=society.pk,
            region_id=region,
            countries=list(dict.fromkeys(countries)),
            steps=self._some(taxonomy.STEPS, STEP_WEIGHTS, pick.choices([1, 2], [8, 2])[0]),
            dimensions=self._some(taxonomy.DIMENSIONS, DIMENSION_WEIGHTS, pick.randint(1, 3)),
            support_types=self._some(
                taxonomy.SUPPORT_TYPES, SUPPORT_WEIGHTS, pick.choices([1, 2], [7, 3])[0]
            ),
            principles=["P1"]
            + [p for p, share in PRINCIPLE_SHARES.items() if pick.random() < share],
            target_groups=pick.sample(TargetGroup.values, pick.randint(0, 2)),
            start_year=start_year,
            end_year=pick.randint(start_year, published_at.year) if pick.random() < 0.3 else None,
            language=language,
            visibility=pick.choices(Visibility.values, weights=[90, 8, 2])[0],
            status=Status.PUBLISHED,
            replicable=pick.random() < 0.3,
            migrants_participated=pick.random() < 0.25,
            evaluated=pick.random() < 0.2,
            created_at=submitted_at - timedelta(days=pick.uniform(1, 90)),
            updated_at=published_at,
            submitted_at=submitted_at,
            published_at=published_at,
            is_demo=True,
            search_config=search_config_for(language),
        )

    def _some(self, vocabulary, weights, how_many: int) -> list[str]:
        codes = [code for code, *_rest in vocabulary]
        chosen: list[str] = []
        while len(chosen) < how_many:
            code = self.random.choices(codes, weights=weights)[0]
            if code not in chosen:
                chosen.append(code)
        return chosen

    def _country_name(self, iso3: str, language: str) -> str:
        key = (iso3, language)
        if key not in self.country_names:
            locale = "it" if language == Language.OTHER else language
            with translation.override(locale):
                self.country_names[key] = str(country_names.name(country_names.alpha2(iso3)))
        return self.country_names[key]

    def _texts(self, language, society, iso3, start_year, published_year) -> dict[str, str]:
        pick = self.random
        lexicon = LEXICONS[language]
        activity, activity2 = pick.sample(lexicon.activities, 2)
        group, group2 = pick.sample(lexicon.groups, 2)
        # "Volunteers of the Kenya Red Cross Society", "... of the Netherlands Red Cross".
        society_name = lexicon.society or "the " + society.name.removeprefix("The ")
        slots = {
            "society": society_name,
            "Society": _capitalised(society_name),
            "country": self._country_name(iso3, language),
            "activity": activity,
            "Activity": _capitalised(activity),
            "activity2": activity2,
            "Activity2": _capitalised(activity2),
            "group": group,
            "Group": _capitalised(group),
            "group2": group2,
            "Group2": _capitalised(group2),
            "where": pick.choice(lexicon.places),
            "partner": pick.choice(lexicon.partners),
            "adjective": pick.choice(lexicon.adjectives),
            "year": start_year,
            "year2": published_year,
            "number": f"{pick.randrange(200, 25_000, 10):,}".replace(",", lexicon.thousands),
            "few": pick.randint(8, 150),
            "percent": pick.randint(55, 95),
            "cost": f"{pick.randrange(20_000, 600_000, 5_000):,}".replace(",", lexicon.thousands),
        }

        def sentences(pool, low, high):
            chosen = pick.sample(pool, min(len(pool), pick.randint(low, high)))
            return [sentence.format(**slots) for sentence in chosen]

        activities = [f"- {item}" for item in sentences(lexicon.items, 3, 5)]
        results = sentences(lexicon.results, 2, 3)
        for word, share in MARKERS.items():
            if pick.random() < share:
                sentence = lexicon.markers[word]
                if pick.random() < 0.5:
                    activities.append(f"- {sentence}")
                else:
                    results.append(sentence)
        summary = " ".join(
            [
                pick.choice(lexicon.summaries).format(**slots),
                *sentences(lexicon.summary_endings, 0, 1),
            ]
        )
        return {
            "title": pick.choice(lexicon.titles).format(**slots)[:300],
            "summary": summary[:600],
            "context": " ".join(
                [*sentences(lexicon.needs, 2, 3), *sentences(lexicon.details, 1, 2)]
            )
            + "\n\n"
            + pick.choice(lexicon.starts).format(**slots),
            "activities": "\n".join(activities)
            + "\n\n"
            + " ".join(sentences(lexicon.details, 2, 3)),
            "results": " ".join(results),
            "lessons": "\n".join(f"- {lesson}" for lesson in sentences(lexicon.lessons, 2, 3)),
            "replication": " ".join(sentences(lexicon.replication, 1, 2)),
            "partners": _capitalised(lexicon.comma.join(pick.sample(lexicon.partners, 2))),
        }


def copy_practices(practices: list[Practice]) -> None:
    """Writes the practices with one COPY. The generated search vector is left to PostgreSQL;
    the id comes from the identity column."""
    fields = [
        field
        for field in Practice._meta.concrete_fields
        if not field.primary_key and not field.generated
    ]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(Practice._meta.db_table)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for practice in practices:
            copy.write_row(
                [
                    field.get_db_prep_save(getattr(practice, field.attname), connection)
                    for field in fields
                ]
            )


class Command(BaseCommand):
    help = "Create N synthetic published practices (demo content) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="how many practices to create")
        parser.add_argument("--seed", type=int, default=2026, help="same seed, same practices")
        parser.add_argument("--batch", type=int, default=5000, help="rows per COPY and commit")

    def handle(self, *args, count: int, seed: int, batch: int, **options):
        if count < 0 or batch < 1:
            raise CommandError("N must be 0 or more, and --batch at least 1.")
        generator = PracticeGenerator(seed)
        started = time.perf_counter()
        done = 0
        while done < count:
            size = min(batch, count - done)
            practices = [generator.practice() for _ in range(size)]
            # A commit per batch: memory stays flat, and an interrupted run keeps what it wrote.
            with transaction.atomic():
                copy_practices(practices)
            done += size
            elapsed = time.perf_counter() - started
            self.stdout.write(f"{done}/{count} practices, {elapsed:.1f} s ({done / elapsed:.0f}/s)")
        with connection.cursor() as cursor:
            # Fresh planner statistics, or the first searches after a large load plan badly.
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Practice._meta.db_table)}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {count} practices in {time.perf_counter() - started:.1f} s."
            )
        )
        self.stdout.write("Queries that match a known share of practices (q=...):")
        for word, share in MARKERS.items():
            self.stdout.write(f"  {word:<12} about {share:.1%}")
