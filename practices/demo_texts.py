"""The words of the demo practices (practices/demo.py), one entry per theme and language.

A practice is a theme told by one society about one place: the theme gives the title, the
summary and the substance of each section; FRAMES give the sentences every practice of a
language shares (how the work started, who runs it, what it costs). Placeholders:
{Society}/{society} (the society's name at the start of a sentence / inside one), {place},
{reached}, {volunteers}, {staff}, {start_year}, {review}, {review_year}, {cost}, {equipment}.
"""

FRAMES = {
    "en": {
        "context": (
            "{need}\n\n{Society} started this work in {start_year}, after its volunteers in "
            "{place} met the same needs week after week."
        ),
        "activities": (
            "{items}\n\n{volunteers} trained volunteers and {staff} staff run the activities, "
            "supervised by the society's migration team."
        ),
        "results": (
            "{result}\n\n- Participants give feedback after each cycle; the activities are "
            "adjusted every {review} months.\n- {evidence}"
        ),
        "replication": (
            "**Resources:** {volunteers} volunteers, {staff} staff, {equipment}.\n\n"
            "**Cost:** about CHF {cost} a year.\n\n**To replicate it:** {replicate}"
        ),
        "evidence": [
            "An internal review in {review_year} confirmed the approach and recommended "
            "keeping it.",
            "Monitoring data are collected with simple forms and shared with the regional "
            "migration network.",
            "An external evaluation in {review_year} found the practice relevant and "
            "cost-efficient.",
            "The figures come from attendance lists and case files kept by the coordinators.",
        ],
        "lessons": [
            "Plan interpretation from the start: people who do not speak the local language "
            "are otherwise left out.",
            "Volunteers need debriefing and psychosocial support of their own; burnout is the "
            "first risk to continuity.",
            "Short written agreements with local authorities avoid misunderstandings when "
            "officials change.",
            "Involving migrants as volunteers made the activities more relevant and easier "
            "to trust.",
            "Keep personal data to a minimum and tell people what is recorded and why.",
        ],
        "equipment": [
            "a vehicle and a meeting room",
            "a small office and mobile phones",
            "printed materials and a laptop",
            "a tent, tables and a generator",
        ],
    },
    "fr": {
        "context": (
            "{need}\n\n{Society} a lancé cette action en {start_year}, après que ses volontaires "
            "ont constaté à {place} les mêmes besoins semaine après semaine."
        ),
        "activities": (
            "{items}\n\n{volunteers} volontaires formés et {staff} salariés mènent les "
            "activités, encadrés par l'équipe migration de la Société nationale."
        ),
        "results": (
            "{result}\n\n- Les participants donnent leur avis à la fin de chaque cycle ; les "
            "activités sont ajustées tous les {review} mois.\n- {evidence}"
        ),
        "replication": (
            "**Ressources :** {volunteers} volontaires, {staff} salariés, {equipment}.\n\n"
            "**Coût :** environ {cost} CHF par an.\n\n**Pour la reproduire :** {replicate}"
        ),
        "evidence": [
            "Une revue interne en {review_year} a confirmé l'approche et recommandé de la "
            "poursuivre.",
            "Les données de suivi sont recueillies avec des formulaires simples et partagées "
            "avec le réseau régional migration.",
            "Une évaluation externe en {review_year} a jugé la pratique pertinente et efficiente.",
            "Les chiffres proviennent des listes de présence et des dossiers tenus par les "
            "coordinateurs.",
        ],
        "lessons": [
            "Prévoir l'interprétariat dès le départ : sinon, les personnes qui ne parlent pas "
            "la langue locale restent à l'écart.",
            "Les volontaires ont besoin de temps de parole et d'un soutien psychosocial ; "
            "l'épuisement est le premier risque pour la continuité.",
            "De courtes conventions écrites avec les autorités locales évitent les malentendus "
            "quand les interlocuteurs changent.",
            "Associer des personnes migrantes comme volontaires a rendu les activités plus "
            "pertinentes et plus dignes de confiance.",
            "Limiter les données personnelles au strict nécessaire et expliquer aux personnes "
            "ce qui est enregistré et pourquoi.",
        ],
        "equipment": [
            "un véhicule et une salle de réunion",
            "un petit bureau et des téléphones portables",
            "des supports imprimés et un ordinateur portable",
            "une tente, des tables et un groupe électrogène",
        ],
    },
    "es": {
        "context": (
            "{need}\n\n{Society} comenzó este trabajo en {start_year}, cuando su voluntariado en "
            "{place} encontraba las mismas necesidades semana tras semana."
        ),
        "activities": (
            "{items}\n\n{volunteers} voluntarios capacitados y {staff} personas del equipo "
            "técnico llevan a cabo las actividades, con el acompañamiento del área de migración."
        ),
        "results": (
            "{result}\n\n- Las personas participantes valoran cada ciclo; las actividades se "
            "ajustan cada {review} meses.\n- {evidence}"
        ),
        "replication": (
            "**Recursos:** {volunteers} voluntarios, {staff} personas del equipo técnico, "
            "{equipment}.\n\n**Costo:** unos {cost} CHF al año.\n\n**Para replicarla:** "
            "{replicate}"
        ),
        "evidence": [
            "Una revisión interna en {review_year} confirmó el enfoque y recomendó mantenerlo.",
            "Los datos de seguimiento se recogen con formularios sencillos y se comparten con "
            "la red regional de migración.",
            "Una evaluación externa en {review_year} consideró la práctica pertinente y eficiente.",
            "Las cifras provienen de las listas de asistencia y de los expedientes que llevan "
            "las coordinaciones.",
        ],
        "lessons": [
            "Prever la interpretación desde el inicio: de lo contrario, quienes no hablan el "
            "idioma local quedan fuera.",
            "El voluntariado necesita espacios de descarga y apoyo psicosocial propio; el "
            "desgaste es el primer riesgo para la continuidad.",
            "Acuerdos escritos breves con las autoridades locales evitan malentendidos cuando "
            "cambian los interlocutores.",
            "Incorporar a personas migrantes como voluntarias hizo las actividades más "
            "pertinentes y generó confianza.",
            "Recoger solo los datos personales imprescindibles y explicar qué se registra y "
            "para qué.",
        ],
        "equipment": [
            "un vehículo y una sala de reuniones",
            "una pequeña oficina y teléfonos móviles",
            "materiales impresos y un equipo portátil",
            "una carpa, mesas y un generador",
        ],
    },
    "ar": {
        "context": (
            "{need}\n\nبدأ {society} هذا العمل عام {start_year} بعد أن لاحظ متطوعوه في {place} "
            "الاحتياجات نفسها أسبوعاً بعد أسبوع."
        ),
        "activities": (
            "{items}\n\nينفّذ الأنشطة متطوعون مدرَّبون (عددهم {volunteers}) وموظفون (عددهم "
            "{staff}) بإشراف فريق الهجرة في الجمعية الوطنية."
        ),
        "results": (
            "{result}\n\n- يقدّم المشاركون ملاحظاتهم في نهاية كل دورة، وتُعدَّل الأنشطة كل "
            "{review} أشهر.\n- {evidence}"
        ),
        "replication": (
            "**الموارد:** متطوعون ({volunteers})، وموظفون ({staff})، و{equipment}.\n\n"
            "**التكلفة:** نحو {cost} فرنك سويسري سنوياً.\n\n**لتكرار التجربة:** {replicate}"
        ),
        "evidence": [
            "أكّدت مراجعة داخلية عام {review_year} جدوى النهج وأوصت بمواصلته.",
            "تُجمع بيانات المتابعة باستمارات بسيطة وتُتبادل مع الشبكة الإقليمية المعنية بالهجرة.",
            "خلص تقييم خارجي عام {review_year} إلى أن الممارسة ملائمة وفعّالة من حيث التكلفة.",
            "تستند الأرقام إلى قوائم الحضور والملفات التي يحتفظ بها المنسقون.",
        ],
        "lessons": [
            "التخطيط للترجمة الشفهية منذ البداية، وإلا بقي من لا يتكلم اللغة المحلية خارج الأنشطة.",
            "يحتاج المتطوعون إلى جلسات تفريغ ودعم نفسي خاص بهم، فالإنهاك هو الخطر الأول على "
            "الاستمرارية.",
            "الاتفاقات المكتوبة القصيرة مع السلطات المحلية تمنع سوء الفهم عند تغيّر المسؤولين.",
            "إشراك المهاجرين متطوعين جعل الأنشطة أكثر ملاءمة وأكثر ثقة لدى الناس.",
            "جمع الحد الأدنى من البيانات الشخصية وشرح ما يُسجَّل ولماذا.",
        ],
        "equipment": [
            "سيارة وقاعة اجتماعات",
            "مكتب صغير وهواتف محمولة",
            "مواد مطبوعة وحاسوب محمول",
            "خيمة وطاولات ومولّد كهربائي",
        ],
    },
}

# Theme → language → text. Each theme exists in the languages the demo rows use it in.
THEMES = {
    # --- Origin ------------------------------------------------------------------------------
    "safe-migration-sessions": {
        "en": {
            "title": "Safe migration information sessions in {place}",
            "summary": (
                "Volunteers of {society} run information sessions in {place} for young people "
                "thinking about leaving, so that they weigh the risks of irregular routes, know "
                "the regular options and know where to find help on the way."
            ),
            "need": (
                "Many young people leave {place} with little more than rumours about the route. "
                "Smugglers' promises travel faster than facts, and families learn too late about "
                "the dangers of the desert, the sea and trafficking."
            ),
            "activities": [
                "Community sessions in schools, markets and youth clubs, led by trained volunteers",
                "Testimonies from returnees who describe the journey as it really was",
                "A pocket card listing Red Cross Red Crescent help points along the route and "
                "the emergency numbers to call",
                "Follow-up talks with families who ask for advice",
            ],
            "result": (
                "{reached} young people and parents took part in the sessions; in the follow-up "
                "survey most could name two risks of the route and one place to ask for help."
            ),
            "lesson": (
                "Returnees are the most credible messengers: sessions they co-lead are better "
                "attended and better trusted."
            ),
            "partners": "Youth associations, schools, the municipality, IOM",
            "replicate": (
                "a few returnees willing to speak, a trained facilitator per district and an "
                "up-to-date list of help points along the route."
            ),
        },
        "fr": {
            "title": "Séances d'information sur la migration sûre à {place}",
            "summary": (
                "À {place}, des volontaires animent des séances d'information pour les jeunes "
                "qui envisagent de partir : connaître les risques des routes irrégulières, les "
                "voies régulières possibles et les lieux où trouver de l'aide en chemin."
            ),
            "need": (
                "Beaucoup de jeunes quittent {place} avec pour seules informations des rumeurs "
                "sur la route. Les promesses des passeurs circulent plus vite que les faits, et "
                "les familles découvrent trop tard les dangers du désert, de la mer et de la "
                "traite."
            ),
            "activities": [
                "Causeries communautaires dans les écoles, les marchés et les clubs de jeunes, "
                "animées par des volontaires formés",
                "Témoignages de migrants de retour qui racontent le voyage tel qu'il a été",
                "Une carte de poche avec les points d'aide de la Croix-Rouge et du Croissant-"
                "Rouge le long de la route et les numéros d'urgence",
                "Entretiens de suivi avec les familles qui demandent conseil",
            ],
            "result": (
                "{reached} jeunes et parents ont participé aux séances ; lors de l'enquête de "
                "suivi, la plupart savaient citer deux risques de la route et un lieu où "
                "demander de l'aide."
            ),
            "lesson": (
                "Les migrants de retour sont les messagers les plus crédibles : les séances "
                "qu'ils coaniment attirent plus de monde et inspirent davantage confiance."
            ),
            "partners": "Associations de jeunes, écoles, mairie, OIM",
            "replicate": (
                "quelques migrants de retour prêts à témoigner, un animateur formé par quartier "
                "et une liste à jour des points d'aide le long de la route."
            ),
        },
    },
    "risk-radio": {
        "ar": {
            "title": "برنامج إذاعي مجتمعي حول مخاطر الهجرة غير النظامية في {place}",
            "summary": (
                "يبثّ {society} برنامجاً إذاعياً أسبوعياً في {place} يحاور فيه الشباب والأسر "
                "حول مخاطر الهجرة غير النظامية والاتجار بالبشر، ويعرّف بالبدائل النظامية وبأماكن "
                "طلب المساعدة."
            ),
            "need": (
                "تصل إلى القرى في {place} وعود المهرّبين أسرع من المعلومات الموثوقة، ويغادر "
                "الشباب دون أن يعرفوا ما ينتظرهم في الطريق أو في البحر."
            ),
            "activities": [
                "حلقات إذاعية أسبوعية يشارك فيها عائدون وأسر مفقودين",
                "خط هاتفي مفتوح أثناء البث للإجابة عن أسئلة المستمعين",
                "لقاءات في المدارس ومراكز الشباب بعد كل سلسلة حلقات",
            ],
            "result": (
                "بلغ عدد مستمعي الحلقة الواحدة نحو {reached} بحسب استطلاعات المحطة، وازداد عدد "
                "الأسر التي تتصل بالمتطوعين طلباً للمشورة."
            ),
            "lesson": "قصص العائدين الحقيقية أكثر إقناعاً من أي رسالة توعوية جاهزة.",
            "partners": "إذاعة محلية، مديرية الشباب، منظمات المجتمع المدني",
            "replicate": (
                "شراكة مع إذاعة محلية ومتطوعين مدرَّبين على التواصل "
                "وعائدين مستعدين للإدلاء بشهاداتهم."
            ),
        },
    },
    "pathways-dialogue": {
        "en": {
            "title": "Dialogue with authorities on safe and regular pathways from {place}",
            "summary": (
                "Drawing on what its volunteers see in communities of origin, {society} meets "
                "municipal and national authorities in {place} to argue for safe and regular "
                "pathways, consular help for families and protection of people who are "
                "deported back."
            ),
            "need": (
                "Families in {place} lose relatives on the route every year, yet the people who "
                "decide on labour schemes and consular support rarely hear from them."
            ),
            "activities": [
                "A yearly brief of anonymised cases collected by volunteers",
                "Round tables with the municipality, the ministry of foreign affairs and "
                "consulates",
                "Joint messages agreed with sister societies along the route",
            ],
            "result": (
                "The municipality opened a migrant desk that has advised {reached} families, "
                "and two consulates now refer families of missing migrants to the Red Cross."
            ),
            "lesson": (
                "Advocacy is credible when every message rests on cases the society has "
                "assisted itself."
            ),
            "partners": "Municipality, ministry of foreign affairs, consulates, ICRC",
            "replicate": (
                "a case-recording routine that protects people's identity, and a focal point "
                "trusted by the authorities."
            ),
        },
    },
    # --- Transition at borders ---------------------------------------------------------------
    "rfl-border": {
        "en": {
            "title": "Restoring family links at the {place} border crossing",
            "summary": (
                "At the {place} crossing, volunteers of {society} offer free phone calls, "
                "charging points and Wi-Fi, open tracing requests for relatives lost on the way "
                "and pass messages to families, so that nobody crosses the border without a way "
                "to say they are alive."
            ),
            "need": (
                "People reach the border at {place} exhausted, with broken or empty phones. "
                "Families are separated in the crowd, and children in particular lose contact "
                "with their parents."
            ),
            "activities": [
                "A mobile Restoring Family Links point with phones, chargers and Wi-Fi",
                "Tracing requests opened with the ICRC Central Tracing Agency",
                "Red Cross messages and safe reunification of separated children",
                "Information on where the next Red Cross Red Crescent points are",
            ],
            "result": (
                "{reached} free calls were made and dozens of separated family members were put "
                "back in touch, often within a day."
            ),
            "lesson": (
                "Speed matters: a call made at the border prevents weeks of searching later."
            ),
            "partners": "ICRC, border police, UNHCR, local authorities",
            "replicate": (
                "Restoring Family Links training for the team, data protection rules and an "
                "agreement with the border authorities on access."
            ),
        },
    },
    "border-service-point": {
        "es": {
            "title": "Punto de Servicio Humanitario en {place}",
            "summary": (
                "En {place}, el punto de servicio humanitario de {society} ofrece a las personas "
                "migrantes en tránsito primeros auxilios, agua, alimentos, llamadas gratuitas, "
                "orientación sobre sus derechos y transferencias de efectivo para seguir su "
                "camino con dignidad."
            ),
            "need": (
                "Miles de personas pasan por {place} cada semana, a pie y con niños pequeños. "
                "Llegan deshidratadas, con heridas en los pies y sin saber dónde encontrar "
                "ayuda."
            ),
            "activities": [
                "Primeros auxilios y atención básica de salud",
                "Agua segura, kits de higiene y alimentos listos para consumir",
                "Llamadas gratuitas y carga de teléfonos para el restablecimiento del contacto "
                "entre familiares",
                "Transferencias de efectivo para las familias más vulnerables",
            ],
            "result": (
                "El punto atendió a {reached} personas; las familias con transferencias de "
                "efectivo cubrieron alimento y transporte sin recurrir a estrategias de riesgo."
            ),
            "lesson": (
                "Un punto fijo, visible y conocido en la ruta genera confianza: las personas lo "
                "recomiendan a quienes vienen detrás."
            ),
            "partners": "Alcaldía, Migración, ACNUR, OIM, CICR",
            "replicate": (
                "un espacio seguro junto a la ruta, voluntariado en turnos y un acuerdo con las "
                "autoridades locales."
            ),
        },
    },
    "rights-at-borders": {
        "en": {
            "title": "Know-your-rights information at the {place} crossing",
            "summary": (
                "{Society} gives people in transit at {place} clear, multilingual information "
                "on their rights, the asylum procedure and the services available, through "
                "leaflets, posters and short talks by volunteers and cultural mediators."
            ),
            "need": (
                "At {place} people receive contradictory advice from smugglers and from each "
                "other; many do not know they can ask for asylum or that medical care is free."
            ),
            "activities": [
                "Leaflets and posters in Arabic, Farsi, Pashto, Urdu, French and English",
                "Short group talks with cultural mediators while people wait",
                "Referral of people at risk to legal aid and child protection services",
            ],
            "result": (
                "{reached} people received information; requests for legal aid doubled in the "
                "first year."
            ),
            "lesson": "Update the information monthly: outdated advice is worse than none.",
            "partners": "UNHCR, legal aid organisations, ministry of interior",
            "replicate": (
                "reliable translators, a monthly check of the content with legal partners and "
                "space near the crossing."
            ),
        },
    },
    # --- Migrant camps -----------------------------------------------------------------------
    "camp-psychosocial": {
        "en": {
            "title": "Psychosocial support and child-friendly spaces in {place}",
            "summary": (
                "In the camps of {place}, {society} runs child-friendly spaces and "
                "psychosocial support groups for women, men and adolescents, with referral of "
                "people in distress to specialised care."
            ),
            "need": (
                "Families in {place} have lived through violence and loss, and long months in "
                "the camp bring stress, idleness and conflict at home. Children have few safe "
                "places to play."
            ),
            "activities": [
                "Child-friendly spaces with structured play and learning",
                "Support groups for women, men and adolescents led by trained volunteers",
                "Psychological first aid and referral to mental health services",
            ],
            "result": (
                "{reached} children and adults took part; caregivers reported fewer sleep "
                "problems and less aggression among children."
            ),
            "lesson": (
                "Volunteers from the camp community keep the groups going when outside teams "
                "cannot enter."
            ),
            "partners": "UNICEF, UNHCR, camp management, health authorities",
            "replicate": (
                "the IFRC psychosocial support training package, a supervisor for every ten "
                "volunteers and a safe, shaded space."
            ),
        },
        "ar": {
            "title": "الدعم النفسي والاجتماعي والمساحات الصديقة للأطفال في {place}",
            "summary": (
                "يدير {society} في مخيمات {place} مساحات صديقة للأطفال ومجموعات دعم نفسي "
                "واجتماعي للنساء والرجال واليافعين، مع إحالة من يعانون ضائقة شديدة إلى خدمات "
                "الرعاية المتخصصة."
            ),
            "need": (
                "عاشت الأسر في {place} العنف والفقد، وتزيد أشهر الإقامة الطويلة في المخيم من "
                "الضغط والفراغ والتوتر داخل البيوت، ولا يجد الأطفال أماكن آمنة للعب."
            ),
            "activities": [
                "مساحات صديقة للأطفال بأنشطة لعب وتعلّم منظَّمة",
                "مجموعات دعم للنساء والرجال واليافعين يديرها متطوعون مدرَّبون",
                "الإسعافات الأولية النفسية والإحالة إلى خدمات الصحة النفسية",
            ],
            "result": (
                "بلغ عدد المشاركين من الأطفال والبالغين {reached}، وأفاد مقدّمو الرعاية بتراجع "
                "اضطرابات النوم والسلوك العدواني لدى الأطفال."
            ),
            "lesson": (
                "المتطوعون من سكان المخيم يضمنون استمرار المجموعات حين يتعذّر دخول الفرق الخارجية."
            ),
            "partners": "اليونيسف، المفوضية السامية لشؤون اللاجئين، إدارة المخيم",
            "replicate": (
                "حزمة تدريب الاتحاد الدولي على الدعم النفسي والاجتماعي، "
                "ومشرف لكل عشرة متطوعين، ومكان آمن ومظلَّل."
            ),
        },
    },
    "camp-wash-shelter": {
        "en": {
            "title": "Water, sanitation and shelter upgrades in {place}",
            "summary": (
                "{Society} improves living conditions in {place} with safe water points, "
                "latrines and showers designed with residents, winterised shelters and "
                "maintenance teams drawn from the camp population."
            ),
            "need": (
                "Overcrowding in {place} left too few latrines and water points, no lighting "
                "at night and tents that flooded in winter, with risks to health and safety, "
                "especially for women and children."
            ),
            "activities": [
                "Water points, latrines and showers with locks and lighting, sited with women's "
                "groups",
                "Winterisation of shelters: insulation, raised floors, heaters",
                "Maintenance teams of residents paid through cash for work",
            ],
            "result": (
                "{reached} residents gained access to safe water and sanitation meeting Sphere "
                "standards; cases of diarrhoea fell in the following season."
            ),
            "lesson": (
                "Facilities sited with women's groups are used more and feel safer at night."
            ),
            "partners": "UNHCR, camp management, water authority",
            "replicate": (
                "WASH engineers, Sphere standards, and a budget for maintenance, not only for "
                "construction."
            ),
        },
        "ar": {
            "title": "تحسين خدمات المياه والصرف الصحي والمأوى في {place}",
            "summary": (
                "يحسّن {society} ظروف العيش في {place} بنقاط مياه آمنة ومراحيض وحمّامات صُمّمت "
                "مع السكان، وبتجهيز المآوي لفصل الشتاء، وبفرق صيانة من سكان المخيم."
            ),
            "need": (
                "أدّى الاكتظاظ في {place} إلى نقص المراحيض ونقاط المياه وغياب الإنارة ليلاً، "
                "وإلى غرق الخيام في الشتاء، مع ما يحمله ذلك من مخاطر على الصحة والسلامة، ولا "
                "سيما للنساء والأطفال."
            ),
            "activities": [
                "نقاط مياه ومراحيض وحمّامات مزوّدة بأقفال وإنارة، اختيرت مواقعها مع مجموعات النساء",
                "تجهيز المآوي للشتاء: عزل وأرضيات مرفوعة ومدافئ",
                "فرق صيانة من السكان تُدفع أجورها عبر برنامج النقد مقابل العمل",
            ],
            "result": (
                "حصل {reached} من السكان على مياه آمنة وخدمات صرف صحي وفق معايير اسفير، "
                "وتراجعت حالات الإسهال في الموسم التالي."
            ),
            "lesson": "المرافق التي تُختار مواقعها مع النساء تُستخدم أكثر وتكون أكثر أماناً ليلاً.",
            "partners": "المفوضية السامية لشؤون اللاجئين، إدارة المخيم، سلطة المياه",
            "replicate": "مهندسو مياه وصرف صحي، ومعايير اسفير، وميزانية للصيانة لا للبناء فقط.",
        },
    },
    "camp-hygiene-promotion": {
        "en": {
            "title": "Hygiene and health promotion with residents of {place}",
            "summary": (
                "Residents of {place} trained by {society} as community health volunteers go "
                "door to door with hygiene and health messages, distribute soap and "
                "menstrual hygiene kits, and alert the health team to suspected outbreaks."
            ),
            "need": (
                "Crowded shelters in {place} spread diarrhoea, scabies and respiratory "
                "infections, and rumours about vaccines kept families away from the clinic."
            ),
            "activities": [
                "Community health volunteers chosen by the residents themselves",
                "Household visits, hygiene kits and menstrual hygiene kits",
                "Community-based surveillance of diarrhoea, measles and fever cases",
                "Question-and-answer sessions that address rumours",
            ],
            "result": (
                "{reached} households were visited; vaccination coverage rose and two "
                "outbreaks were detected and contained early."
            ),
            "lesson": (
                "Messages from neighbours who share the language are heard where posters are "
                "ignored."
            ),
            "partners": "Ministry of health, WHO, UNHCR, camp management",
            "replicate": (
                "the IFRC community-based health and first aid modules and a simple alert "
                "system with the nearest clinic."
            ),
        },
    },
    # --- Arrival -----------------------------------------------------------------------------
    "arrival-cash": {
        "en": {
            "title": "Cash assistance for newly arrived migrants in {place}",
            "summary": (
                "{Society} gives newly arrived migrants and displaced families in {place} "
                "multipurpose cash on prepaid cards for their first three months, so they can "
                "buy what they need most while they wait for papers, work or social benefits."
            ),
            "need": (
                "In their first weeks in {place}, new arrivals have no income and no access to "
                "benefits; in-kind aid rarely matches what each family needs."
            ),
            "activities": [
                "Registration and vulnerability assessment by volunteers with interpreters",
                "Monthly top-ups of prepaid cards for three months",
                "Helpline and post-distribution monitoring",
                "Referral to social services, language courses and legal advice",
            ],
            "result": (
                "{reached} people received cash; most spent it on food, rent and medicines, "
                "and nine out of ten said they preferred cash to parcels."
            ),
            "lesson": (
                "Cash respects people's choices and costs less to deliver than goods, but it "
                "must come with referral to longer-term support."
            ),
            "partners": "Municipal social services, a card provider, UNHCR",
            "replicate": (
                "a cash transfer mechanism, data protection rules and a financial service "
                "provider chosen through a tender."
            ),
        },
    },
    "disembarkation-first-aid": {
        "en": {
            "title": "First aid and health screening at disembarkation in {place}",
            "summary": (
                "When boats land in {place}, teams of {society} give first aid, dry clothes, "
                "water and food, screen people for urgent medical needs and identify those "
                "who need protection, before transfer to reception centres."
            ),
            "need": (
                "People rescued at sea reach {place} with hypothermia, burns from fuel and "
                "seawater, dehydration and injuries, often after days adrift."
            ),
            "activities": [
                "First aid and triage on the quay, around the clock",
                "Dry clothes, blankets, water and food",
                "Restoring Family Links: a free call to say they are alive",
                "Identification of unaccompanied children and people at risk",
            ],
            "result": (
                "{reached} people were assisted at landing; the most serious cases reached "
                "hospital within the hour."
            ),
            "lesson": (
                "Rehearsed procedures with the coast guard and the port make each landing "
                "calmer and faster."
            ),
            "partners": "Coast guard, port authority, health authority, UNHCR, IOM",
            "replicate": (
                "first aid teams on call, stock of relief items and a standard operating "
                "procedure agreed with the authorities."
            ),
        },
    },
    "orientation-desks": {
        "en": {
            "title": "Orientation desks for new arrivals in {place}",
            "summary": (
                "Volunteers of {society} staff orientation desks in {place} where new arrivals "
                "learn, in their own language, how to find housing, health care, schools and "
                "language courses, and get an appointment with the right service."
            ),
            "need": (
                "New arrivals in {place} face a maze of offices and forms in a language they do "
                "not speak, and miss services they are entitled to."
            ),
            "activities": [
                "Drop-in desks at the station, the library and the society's branch",
                "Volunteers with a migration background who speak the main languages",
                "An information guide updated each quarter with the municipality",
                "Accompaniment to the first appointment when needed",
            ],
            "result": (
                "The desks answered {reached} visits; most visitors were registered with a "
                "doctor and a language course within a month."
            ),
            "lesson": (
                "Volunteers who arrived a few years earlier are the best guides: they know the "
                "way because they walked it."
            ),
            "partners": "Municipality, public library, employment office, health centres",
            "replicate": (
                "a map of local services, volunteers who speak the languages of the new "
                "arrivals and a regular slot in public spaces."
            ),
        },
        "es": {
            "title": "Puntos de orientación para personas recién llegadas en {place}",
            "summary": (
                "En {place}, voluntarios atienden puntos de orientación donde las personas "
                "recién llegadas aprenden, en su idioma, a acceder a vivienda, salud, escuela y "
                "trámites migratorios, y reciben una cita con el servicio adecuado."
            ),
            "need": (
                "Las personas que llegan a {place} se enfrentan a oficinas y trámites que no "
                "conocen y pierden servicios a los que tienen derecho."
            ),
            "activities": [
                "Puntos de atención en la terminal de buses, el centro de salud y la filial",
                "Voluntariado con experiencia migratoria propia",
                "Una guía de servicios actualizada cada trimestre con la municipalidad",
                "Acompañamiento a la primera cita cuando hace falta",
            ],
            "result": (
                "Los puntos atendieron {reached} consultas; la mayoría de las personas se "
                "afilió a un centro de salud en el primer mes."
            ),
            "lesson": (
                "Quienes llegaron antes son los mejores guías: conocen el camino porque lo "
                "recorrieron."
            ),
            "partners": "Municipalidad, Superintendencia de Migraciones, ACNUR, OIM",
            "replicate": (
                "un mapeo de servicios locales, voluntariado que hable los idiomas de las "
                "personas recién llegadas y un espacio fijo y visible."
            ),
        },
    },
    "vulnerability-screening": {
        "en": {
            "title": "Identifying people at risk among new arrivals in {place}",
            "summary": (
                "{Society} trains its volunteers in {place} to recognise unaccompanied "
                "children, survivors of trafficking and of sexual violence among new arrivals, "
                "and to refer them safely and quickly to the protection services."
            ),
            "need": (
                "In the rush of arrivals at {place}, children pass as adults and survivors of "
                "trafficking stay silent; without identification they receive no protection."
            ),
            "activities": [
                "Training on indicators of trafficking and on safe, confidential referral",
                "Quiet spaces for first conversations, with interpreters",
                "Referral pathways agreed with child protection and anti-trafficking services",
            ],
            "result": (
                "Among {reached} people met, several hundred were referred to protection "
                "services, most of them unaccompanied children."
            ),
            "lesson": (
                "A referral is only as good as the service that receives it: map the services "
                "first."
            ),
            "partners": "Child protection services, anti-trafficking unit, UNHCR, UNICEF",
            "replicate": (
                "protection training, a signed referral protocol and volunteers who know the "
                "limits of their role."
            ),
        },
    },
    # --- Long-term stay ----------------------------------------------------------------------
    "school-workshops": {
        "en": {
            "title": "Workshops against discrimination in the schools of {place}",
            "summary": (
                "In secondary schools of {place}, young volunteers of {society} run "
                "interactive workshops on migration, stereotypes and discrimination, using "
                "role play and the stories of young migrants who live in the city."
            ),
            "need": (
                "Teachers in {place} reported growing hostility towards migrant pupils, fed by "
                "rumours and hate speech online."
            ),
            "activities": [
                "Two-hour workshops with role play and debate, led by trained youth volunteers",
                "Meetings with young migrants who tell their own stories",
                "A teachers' kit to continue the discussion in class",
            ],
            "result": (
                "{reached} pupils took part; questionnaires before and after showed fewer "
                "stereotypes and more willingness to help a classmate."
            ),
            "lesson": "Peer educators close in age to the pupils get the most honest debates.",
            "partners": "Schools, education office, youth associations",
            "replicate": (
                "youth volunteers trained in peer education and the agreement of the school "
                "authorities."
            ),
        },
        "fr": {
            "title": "Ateliers contre les discriminations dans les collèges de {place}",
            "summary": (
                "Dans les collèges et lycées de {place}, de jeunes volontaires animent des "
                "ateliers interactifs sur la migration, les préjugés et les discriminations, "
                "avec des jeux de rôle et les récits de jeunes migrants qui vivent en ville."
            ),
            "need": (
                "Les enseignants de {place} constataient une hostilité croissante envers les "
                "élèves migrants, nourrie par les rumeurs et les discours de haine en ligne."
            ),
            "activities": [
                "Ateliers de deux heures avec jeux de rôle et débat, animés par des jeunes "
                "volontaires formés",
                "Rencontres avec de jeunes migrants qui racontent leur parcours",
                "Un kit pour les enseignants afin de prolonger la discussion en classe",
            ],
            "result": (
                "{reached} élèves ont participé ; les questionnaires avant et après montrent "
                "moins de préjugés et davantage de disposition à aider un camarade."
            ),
            "lesson": (
                "Des pairs éducateurs proches en âge des élèves suscitent les débats les plus "
                "sincères."
            ),
            "partners": "Établissements scolaires, rectorat, associations de jeunesse",
            "replicate": (
                "des jeunes volontaires formés à l'éducation par les pairs et l'accord des "
                "autorités scolaires."
            ),
        },
    },
    "language-cafes": {
        "en": {
            "title": "Language cafés and buddy programme in {place}",
            "summary": (
                "{Society} brings newcomers and local residents together in {place} through "
                "weekly language cafés and a buddy programme, so that refugees practise the "
                "language, build a network and find their way in the community."
            ),
            "need": (
                "Refugees in {place} finish formal language courses but rarely speak with local "
                "people, and loneliness slows both learning and inclusion."
            ),
            "activities": [
                "Weekly language cafés in libraries and branch offices",
                "Buddy pairs of a newcomer and a local volunteer who meet twice a month",
                "Outings to sports clubs, museums and associations",
            ],
            "result": (
                "{reached} newcomers took part; buddies reported better language skills and "
                "many joined a local association."
            ),
            "lesson": (
                "Matching buddies on shared interests makes pairs last longer than matching on "
                "age or gender."
            ),
            "partners": "Public libraries, municipality, adult education centres",
            "replicate": (
                "a volunteer coordinator, free meeting spaces and a simple matching process."
            ),
        },
    },
    "health-information": {
        "en": {
            "title": "Health information in migrants' languages in {place}",
            "summary": (
                "{Society} runs health information sessions in {place} in the languages of "
                "migrant communities, on how the health system works, vaccination, maternal "
                "health and mental health, and helps people register with a clinic."
            ),
            "need": (
                "Migrants in {place} use emergency rooms for lack of a family doctor and miss "
                "vaccinations and antenatal care, often because nobody explained how the system "
                "works."
            ),
            "activities": [
                "Sessions in community centres and places of worship, with interpreters",
                "Trained health promoters from migrant communities",
                "Help with clinic registration and appointments",
            ],
            "result": (
                "{reached} people attended; participants were more likely to have a regular "
                "clinic six months later."
            ),
            "lesson": (
                "Promoters from the communities reach people who never come to official "
                "information events."
            ),
            "partners": "Health authority, community associations, clinics",
            "replicate": (
                "trained health promoters, materials validated by the health authority and "
                "community venues."
            ),
        },
        "ar": {
            "title": "التوعية الصحية بلغات المهاجرين في {place}",
            "summary": (
                "ينظّم {society} في {place} جلسات توعية صحية بلغات المجتمعات المهاجرة حول "
                "طريقة عمل النظام الصحي والتطعيم وصحة الأم والصحة النفسية، ويساعد الناس على "
                "التسجيل في مركز صحي."
            ),
            "need": (
                "يلجأ المهاجرون واللاجئون في {place} إلى أقسام الطوارئ لغياب طبيب الأسرة، "
                "ويفوتهم التطعيم ورعاية الحمل، لأن أحداً لم يشرح لهم كيف يعمل النظام."
            ),
            "activities": [
                "جلسات في المراكز المجتمعية بحضور مترجمين",
                "مروّجون صحيون مدرَّبون من المجتمعات المهاجرة نفسها",
                "المساعدة في التسجيل في المراكز الصحية وحجز المواعيد",
            ],
            "result": (
                "بلغ عدد الحضور {reached}، وكان المشاركون بعد ستة أشهر أكثر ارتباطاً "
                "بمركز صحي منتظم."
            ),
            "lesson": "المروّجون من داخل المجتمعات يصلون إلى من لا يحضرون أي فعالية رسمية.",
            "partners": "وزارة الصحة، الجمعيات المجتمعية، المراكز الصحية",
            "replicate": (
                "مروّجون صحيون مدرَّبون، ومواد معتمدة من وزارة الصحة، وأماكن مجتمعية للجلسات."
            ),
        },
    },
    "job-coaching": {
        "en": {
            "title": "Language and job coaching for refugees in {place}",
            "summary": (
                "{Society} helps refugees in {place} into work with job-oriented language "
                "training, coaching on CVs and interviews, recognition of qualifications and "
                "introductions to employers who offer internships."
            ),
            "need": (
                "Refugees in {place} have skills and want to work, but lack the vocabulary of "
                "their trade, recognised diplomas and contacts with employers."
            ),
            "activities": [
                "Job-oriented language groups by sector: care, construction, hospitality",
                "One-to-one coaching on CVs, interviews and workplace culture",
                "Help with the recognition of diplomas",
                "Internships with partner employers",
            ],
            "result": (
                "{reached} people were coached; about a third found a job or a training place "
                "within a year."
            ),
            "lesson": (
                "Employers commit when the society stays available after the hiring to solve "
                "small problems quickly."
            ),
            "partners": "Employment office, chamber of commerce, partner employers",
            "replicate": (
                "coaches with labour market knowledge and a network of employers willing to "
                "offer internships."
            ),
        },
        "es": {
            "title": "Acompañamiento lingüístico y laboral para personas refugiadas en {place}",
            "summary": (
                "En {place}, el programa acompaña a personas refugiadas y migrantes hacia el "
                "empleo con formación en el idioma del oficio, orientación sobre currículum y "
                "entrevistas, homologación de títulos y prácticas en empresas."
            ),
            "need": (
                "Las personas refugiadas en {place} tienen experiencia y quieren trabajar, "
                "pero les faltan contactos con empresas, títulos reconocidos y a veces el "
                "vocabulario del oficio."
            ),
            "activities": [
                "Itinerarios personalizados de inserción laboral",
                "Talleres de currículum, entrevistas y derechos laborales",
                "Apoyo en la homologación de títulos",
                "Prácticas en empresas colaboradoras",
            ],
            "result": (
                "Se acompañó a {reached} personas; cerca de un tercio consiguió empleo o una "
                "plaza de formación en un año."
            ),
            "lesson": (
                "Las empresas se comprometen cuando la organización sigue disponible después "
                "de la contratación para resolver pequeños problemas."
            ),
            "partners": "Servicio público de empleo, cámara de comercio, empresas colaboradoras",
            "replicate": (
                "personal técnico que conozca el mercado laboral y una red de empresas "
                "dispuestas a ofrecer prácticas."
            ),
        },
    },
    "mobile-clinic": {
        "fr": {
            "title": "Dispositif mobile de santé pour les personnes exilées à {place}",
            "summary": (
                "À {place}, une équipe mobile de volontaires, d'infirmiers et de médecins va à "
                "la rencontre des personnes exilées vivant à la rue ou en campement, soigne, "
                "oriente vers les structures de santé et accompagne l'ouverture des droits."
            ),
            "need": (
                "À {place}, des personnes exilées sans abri ne se rendent pas dans les "
                "structures de soins : elles ignorent leurs droits, craignent les contrôles ou "
                "ne parlent pas la langue."
            ),
            "activities": [
                "Maraudes sanitaires plusieurs fois par semaine sur les lieux de vie",
                "Consultations de premier recours et soins infirmiers",
                "Orientation vers les permanences d'accès aux soins de santé",
                "Aide à l'ouverture des droits à la couverture santé",
            ],
            "result": (
                "L'équipe a réalisé {reached} consultations ; une part croissante des personnes "
                "suivies a ouvert des droits à la couverture santé."
            ),
            "lesson": (
                "Aller vers les personnes, aux heures où elles sont présentes, crée la "
                "confiance nécessaire pour qu'elles viennent ensuite aux consultations fixes."
            ),
            "partners": "Agence régionale de santé, hôpitaux, associations locales",
            "replicate": (
                "un véhicule aménagé, une convention avec l'hôpital de référence et des "
                "interprètes disponibles par téléphone."
            ),
        },
    },
    "psychosocial-groups": {
        "en": {
            "title": "Psychosocial support groups for refugee families in {place}",
            "summary": (
                "{Society} runs support groups in {place} where refugee parents, women and "
                "adolescents talk about stress, loss and life in exile, learn coping skills and "
                "are referred to mental health care when needed."
            ),
            "need": (
                "Years of displacement in {place} weigh on families: poverty, uncertain status "
                "and memories of war bring distress that rarely reaches a clinic."
            ),
            "activities": [
                "Eight-week groups for parents, women and adolescents",
                "Home visits by trained volunteers for people who cannot attend",
                "Referral to mental health services for people in severe distress",
            ],
            "result": (
                "{reached} people joined the groups; most reported feeling less isolated and "
                "more able to cope."
            ),
            "lesson": (
                "Groups work best when facilitators share the participants' language and "
                "background."
            ),
            "partners": "Ministry of public health, mental health NGOs, UNHCR",
            "replicate": (
                "trained facilitators, clinical supervision and a clear referral path for "
                "severe cases."
            ),
        },
    },
    "legal-clinic": {
        "en": {
            "title": "Legal clinic for asylum seekers and migrants in {place}",
            "summary": (
                "{Society} runs a weekly legal clinic in {place} where volunteer lawyers and "
                "trained caseworkers advise asylum seekers and migrants on their procedure, "
                "prepare appeals and refer complex cases to specialised lawyers."
            ),
            "need": (
                "Asylum seekers in {place} face complex procedures without legal aid; "
                "deadlines are missed and strong claims fail for lack of evidence."
            ),
            "activities": [
                "Weekly drop-in advice with interpreters",
                "Help with preparing interviews and gathering evidence",
                "Referral to pro bono lawyers for appeals",
                "Anonymised reporting of systemic problems to the authorities",
            ],
            "result": (
                "The clinic gave advice in {reached} consultations; clients who were advised "
                "before their interview were more often granted protection."
            ),
            "lesson": (
                "Clear limits between advice by trained volunteers and representation by "
                "lawyers protect both the clients and the society."
            ),
            "partners": "Law society, pro bono law firms, university law clinic",
            "replicate": ("a supervising lawyer, professional insurance and a confidential space."),
        },
    },
    "detention-visits": {
        "en": {
            "title": "Humanitarian visits to immigration detention in {place}",
            "summary": (
                "{Society} visits people held in immigration detention in {place} to check "
                "their conditions and treatment, restore contact with their families and raise "
                "concerns confidentially with the authorities."
            ),
            "need": (
                "People detained in {place} for their migration status are cut off from their "
                "families and from information; vulnerable people may go unnoticed."
            ),
            "activities": [
                "Regular visits by trained teams under an agreement with the authorities",
                "Family contact: phone calls and Red Cross messages",
                "Hygiene items and clothing",
                "Confidential dialogue with the authorities on conditions",
            ],
            "result": (
                "Teams held {reached} individual talks; several changes to conditions followed "
                "the confidential reports."
            ),
            "lesson": (
                "Confidential dialogue keeps access open; public statements are a last resort."
            ),
            "partners": "Ministry of interior, ICRC",
            "replicate": (
                "an access agreement, teams trained in detention visits and a confidential "
                "reporting line."
            ),
        },
    },
    "family-reunification": {
        "en": {
            "title": "Family reunification support in {place}",
            "summary": (
                "{Society} helps refugees in {place} bring their close family to join them: "
                "advice on the procedure, help with documents and travel costs, and support "
                "when the family arrives."
            ),
            "need": (
                "Refugees in {place} have a right to family reunification, but the procedure "
                "is long, costly and full of deadlines; separated families suffer for years."
            ),
            "activities": [
                "Advice on eligibility and deadlines",
                "Help with documents, DNA tests and embassy appointments",
                "Grants for travel costs for families with low income",
                "A welcome visit after the family arrives",
            ],
            "result": (
                "The service advised {reached} people; hundreds of family members were reunited."
            ),
            "lesson": "Start early: most failures come from missed deadlines.",
            "partners": "Immigration service, embassies, ICRC, IOM",
            "replicate": (
                "caseworkers trained in family reunification law and a small fund for travel costs."
            ),
        },
    },
    "health-access-advocacy": {
        "en": {
            "title": "Advocacy for access to health care regardless of status in {place}",
            "summary": (
                "Using data from its own health services, {society} advocates in {place} for "
                "access to health care for all migrants regardless of legal status, and for "
                "firewalls between health care and immigration enforcement."
            ),
            "need": (
                "Migrants without papers in {place} avoid care for fear of being reported, "
                "and arrive at hospital when illnesses have become severe and costly."
            ),
            "activities": [
                "Anonymised data from the society's clinics on delayed care",
                "Briefings to health and interior ministries and to parliamentarians",
                "Joint statements with medical associations",
            ],
            "result": (
                "After the campaign, {reached} undocumented people were treated under a "
                "widened access scheme, and hospitals stopped reporting patients to the "
                "immigration authorities."
            ),
            "lesson": (
                "Evidence from the society's own services gave its humanitarian voice weight "
                "with decision makers."
            ),
            "partners": "Medical associations, hospital networks, NGOs",
            "replicate": (
                "reliable service data, a clear humanitarian position and relationships with "
                "health officials."
            ),
        },
    },
    "local-inclusion-advocacy": {
        "en": {
            "title": "Advocacy for a municipal migrant inclusion plan in {place}",
            "summary": (
                "{Society} worked with the city of {place} to adopt a local inclusion plan "
                "for migrants, bringing evidence from its programmes and the voices of migrants "
                "to the city council."
            ),
            "need": (
                "Services for migrants in {place} were scattered between departments and NGOs, "
                "with no plan, no budget line and no voice for migrants themselves."
            ),
            "activities": [
                "A mapping of services and gaps with migrant associations",
                "Hearings where migrants presented their priorities to councillors",
                "Drafting support for the inclusion plan",
            ],
            "result": (
                "The council adopted the plan with a budget; {reached} people have used the "
                "services it funds."
            ),
            "lesson": (
                "Letting migrants speak for themselves was more convincing than any report."
            ),
            "partners": "City council, migrant associations, universities",
            "replicate": (
                "a good relationship with the local government and a network of migrant "
                "associations."
            ),
        },
    },
    # --- Return ------------------------------------------------------------------------------
    "safe-return-counselling": {
        "en": {
            "title": "Return counselling and reintegration support from {place}",
            "summary": (
                "{Society} offers migrants in {place} who consider returning home neutral, "
                "confidential counselling on their options, and links them with the Red Cross "
                "or Red Crescent society of their country for support after return."
            ),
            "need": (
                "Migrants in {place} whose claims were rejected, or who want to go home, lack "
                "reliable information; returns without preparation often end in a new "
                "departure."
            ),
            "activities": [
                "Neutral counselling on all options, without pressure to return",
                "Medical and social preparation of the journey",
                "Small reintegration grants",
                "Contact with the National Society in the country of return",
            ],
            "result": (
                "{reached} people were counselled; those who returned received support from "
                "the sister society within a month of arrival."
            ),
            "lesson": (
                "The counselling is trusted because the society does not decide on returns "
                "and says so clearly."
            ),
            "partners": "Federal migration office, IOM, sister National Societies",
            "replicate": (
                "trained counsellors, a clear neutral position and contacts with societies in "
                "the main countries of return."
            ),
        },
        "es": {
            "title": "Orientación para el retorno y la reintegración en {place}",
            "summary": (
                "En {place}, la filial recibe a personas mexicanas deportadas o que regresan "
                "por decisión propia, con atención médica, llamadas a sus familias, orientación "
                "sobre documentos y apoyo para reintegrarse en sus comunidades."
            ),
            "need": (
                "Cada día llegan a {place} personas retornadas sin dinero, sin documentos y "
                "lejos de sus comunidades, algunas tras años fuera del país."
            ),
            "activities": [
                "Atención prehospitalaria y primeros auxilios en el punto de recepción",
                "Llamadas gratuitas a familiares",
                "Orientación para recuperar documentos de identidad",
                "Apoyos económicos para el traslado y la reintegración",
            ],
            "result": (
                "Se atendió a {reached} personas retornadas; la mayoría llegó a su comunidad "
                "de origen con documentos y contacto con su familia."
            ),
            "lesson": (
                "La coordinación con las autoridades en la frontera evita que las personas "
                "queden sin atención en las primeras horas."
            ),
            "partners": "Instituto Nacional de Migración, gobierno estatal, OIM",
            "replicate": (
                "presencia en el punto de recepción, voluntariado capacitado y fondos para "
                "apoyos económicos."
            ),
        },
    },
    "reintegration-grants": {
        "en": {
            "title": "Livelihood grants for returning migrant workers in {place}",
            "summary": (
                "{Society} helps returning migrant workers in {place} restart their lives "
                "with business training, small grants to start an activity and psychosocial "
                "support for them and their families."
            ),
            "need": (
                "Migrant workers return to {place} after job losses abroad, often in debt, and "
                "with skills that the local economy does not recognise."
            ),
            "activities": [
                "Business skills training and market analysis",
                "Start-up grants paid in two instalments",
                "Psychosocial support for returnees and their families",
                "Follow-up visits for a year",
            ],
            "result": (
                "{reached} returnees took part; most small businesses were still running a "
                "year later."
            ),
            "lesson": (
                "Grants work when paired with training and follow-up; on their own they are "
                "spent on debts."
            ),
            "partners": "Ministry of labour, microfinance institutions, IOM",
            "replicate": (
                "a grant mechanism, trainers in small business skills and local market data."
            ),
        },
    },
    # --- Across the trail --------------------------------------------------------------------
    "trail-volunteer-training": {
        "fr": {
            "title": "Formation des volontaires le long de la route migratoire, de {place} "
            "au désert",
            "summary": (
                "Des volontaires des comités locaux situés le long de la route migratoire, "
                "de {place} au désert, sont formés aux premiers secours, au rétablissement des "
                "liens familiaux et à l'orientation, y compris des personnes migrantes "
                "elles-mêmes."
            ),
            "need": (
                "Les personnes migrantes traversent de longues distances sans rencontrer "
                "personne qui puisse les soigner ou les orienter ; les comités locaux, eux, "
                "manquaient de formation sur la migration."
            ),
            "activities": [
                "Formation commune des comités locaux le long de la route",
                "Modules : premiers secours, rétablissement des liens familiaux, protection",
                "Participation de migrants volontaires aux formations",
                "Réunions d'échange avec les Sociétés nationales voisines",
            ],
            "result": (
                "{reached} personnes ont été assistées par les volontaires formés, à chaque "
                "étape de la route."
            ),
            "lesson": (
                "Former ensemble les comités d'une même route crée une chaîne d'aide continue."
            ),
            "partners": "CICR, Sociétés nationales voisines, autorités régionales, OIM",
            "replicate": (
                "un curriculum commun, des formateurs mobiles et un budget pour les déplacements."
            ),
        },
    },
    "trail-network": {
        "en": {
            "title": "A regional network of National Societies along the route through {place}",
            "summary": (
                "{Society} hosts a network of National Societies along the migration route "
                "through {place}, which agrees common messages to governments, shares data on "
                "needs and coordinates help so that support continues from one country to the "
                "next."
            ),
            "need": (
                "Migrants pass through several countries in weeks; each society saw only its "
                "part of the route, and governments heard different messages from each."
            ),
            "activities": [
                "Quarterly meetings of the societies' migration focal points",
                "Shared needs data and a common map of help points",
                "Joint advocacy messages at regional forums",
            ],
            "result": (
                "The network's common map of help points was shared with {reached} migrants, "
                "and a joint position was presented at two regional ministerial meetings."
            ),
            "lesson": (
                "A small secretariat that keeps the network going matters more than large "
                "conferences."
            ),
            "partners": "IFRC regional office, ICRC, regional economic community",
            "replicate": (
                "a host society willing to coordinate, agreed data standards and a small "
                "budget for meetings."
            ),
        },
    },
    # --- Smart operational elements ----------------------------------------------------------
    "interpreters-pool": {
        "en": {
            "title": "A pool of interpreters and cultural mediators in {place}",
            "summary": (
                "{Society} keeps a trained pool of interpreters and cultural mediators in "
                "{place}, available in person and by phone to every service of the society "
                "that works with migrants."
            ),
            "need": (
                "Services in {place} relied on relatives or children to interpret, with "
                "errors, breaches of confidentiality and painful situations."
            ),
            "activities": [
                "Recruitment of mediators from migrant communities",
                "Training on neutrality, confidentiality and the humanitarian principles",
                "A booking line shared by all programmes",
            ],
            "result": "The pool covered {reached} sessions in more than twenty languages.",
            "lesson": "Pay mediators fairly; a volunteer-only pool does not last.",
            "partners": "Universities, migrant associations",
            "replicate": "a booking system, a training module and a budget for fees.",
        },
    },
    "migrant-helpline": {
        "en": {
            "title": "A multilingual helpline for migrants in {place}",
            "summary": (
                "{Society} runs a free multilingual helpline from {place} that answers "
                "migrants' questions about services, rights and procedures, and refers callers "
                "to the right programme."
            ),
            "need": (
                "Migrants did not know whom to ask, and each programme answered the same "
                "questions separately."
            ),
            "activities": [
                "A free number open six days a week",
                "Answers in the main languages of the callers",
                "A shared knowledge base kept up to date by the programmes",
            ],
            "result": "The helpline answered {reached} calls and messages.",
            "lesson": "A shared knowledge base keeps answers consistent across operators.",
            "partners": "Telecom provider, municipal services",
            "replicate": "a call system, trained operators and a knowledge base.",
        },
    },
    "data-protection": {
        "en": {
            "title": "Protecting migrants' personal data across the services in {place}",
            "summary": (
                "{Society} adopted a data protection protocol for all its migration "
                "services, from Restoring Family Links to case management, so that what "
                "migrants confide is never used against them."
            ),
            "need": (
                "Requests from authorities for lists of assisted migrants put trust, and "
                "people's safety, at risk."
            ),
            "activities": [
                "A protocol based on the Movement's data protection rules",
                "Training of every volunteer who records personal data",
                "A clear answer to requests from third parties",
            ],
            "result": "All {volunteers} volunteers who handle data were trained.",
            "lesson": "Collect less: data not collected cannot be misused.",
            "partners": "ICRC, data protection authority",
            "replicate": "a data protection officer and a short, practical protocol.",
        },
    },
    "cash-platform": {
        "en": {
            "title": "A cash transfer platform for migrant programmes in {place}",
            "summary": (
                "{Society} built a cash transfer platform in {place} with prepaid cards and "
                "mobile money that every programme for migrants and displaced people can use."
            ),
            "need": (
                "Each project set up its own payment arrangements, slowly and at a high cost."
            ),
            "activities": [
                "A framework agreement with a financial service provider",
                "Registration, deduplication and monitoring tools",
                "A helpline for card holders",
            ],
            "result": "The platform delivered assistance to {reached} people.",
            "lesson": "Invest once in the platform, then every programme can scale quickly.",
            "partners": "Financial service provider, IFRC, donors",
            "replicate": "a tendered provider, data protection rules and trained staff.",
        },
    },
    "feedback-mechanism": {
        "en": {
            "title": "Feedback and complaints in migrants' languages in {place}",
            "summary": (
                "{Society} set up a feedback and complaints mechanism in {place} in the "
                "languages of the people it serves, and changes its services based on what "
                "they say."
            ),
            "need": (
                "Migrants rarely complained, for fear of losing assistance, so problems went "
                "unnoticed."
            ),
            "activities": [
                "Suggestion boxes, a phone line and regular community meetings",
                "Monthly analysis of feedback by the management team",
                "Public replies on what changed",
            ],
            "result": "{reached} pieces of feedback led to changes in several services.",
            "lesson": "Tell people what changed because of their feedback, or they stop giving it.",
            "partners": "Community leaders, camp management",
            "replicate": "several channels, a feedback log and a regular review.",
        },
    },
    "volunteer-wellbeing": {
        "en": {
            "title": "Care and safety of volunteers working with migrants in {place}",
            "summary": (
                "{Society} protects the volunteers who work with migrants in {place} with "
                "insurance, safety briefings, peer support and regular psychosocial debriefing."
            ),
            "need": (
                "Volunteers witnessed distress and sometimes hostility, and many left after a "
                "few months."
            ),
            "activities": [
                "Insurance and safety briefings for all volunteers",
                "Peer support groups and debriefing after difficult events",
                "A referral line to a psychologist",
            ],
            "result": "{volunteers} volunteers are covered; turnover fell in the first year.",
            "lesson": "Volunteers stay when they feel looked after.",
            "partners": "Insurance provider, psychologists' association",
            "replicate": "insurance, trained peer supporters and a psychologist on call.",
        },
    },
    "access-agreement": {
        "en": {
            "title": "An agreement with the authorities on humanitarian access in {place}",
            "summary": (
                "{Society} signed an agreement with the ministry of interior in {place} that "
                "guarantees its teams access to border areas and reception centres, based on "
                "the society's auxiliary role and the Fundamental Principles."
            ),
            "need": (
                "Access to migrants depended on the goodwill of local officials and changed "
                "with every shift."
            ),
            "activities": [
                "Negotiation of a written agreement",
                "Identity cards and training for teams",
                "Quarterly meetings to solve problems",
            ],
            "result": "Teams reached {reached} people at sites that had been closed to them.",
            "lesson": "Put the auxiliary role in writing; it survives changes of staff.",
            "partners": "Ministry of interior, border police, UNHCR",
            "replicate": (
                "a legal basis for the auxiliary role and a negotiator the authorities trust."
            ),
        },
    },
    "referral-pathways": {
        "en": {
            "title": "Mapped referral pathways for migrants in {place}",
            "summary": (
                "{Society} mapped the services for migrants in {place} and agreed referral "
                "pathways with them, so that volunteers know where to send each person and "
                "the referral is followed up."
            ),
            "need": (
                "Volunteers did not know which services existed or whether they would accept "
                "a referral, and people were sent from door to door."
            ),
            "activities": [
                "A mapping of services with contacts and conditions",
                "Referral agreements and a common form",
                "Follow-up calls after each referral",
            ],
            "result": "{reached} referrals were made and followed up.",
            "lesson": "Update the map every six months: services change fast.",
            "partners": "UNHCR, IOM, government services, NGOs",
            "replicate": "a focal point to keep the map current and referral agreements.",
        },
    },
    "mobile-kits": {
        "en": {
            "title": "Pre-positioned kits and mobile teams in {place}",
            "summary": (
                "{Society} pre-positions relief kits in {place} and keeps mobile teams ready to "
                "reach groups of migrants within hours, wherever they gather along the route."
            ),
            "need": (
                "Groups of migrants arrived without warning, and teams lost days gathering "
                "supplies."
            ),
            "activities": [
                "Stocks of hygiene, first aid and family kits in three warehouses",
                "Mobile teams on call with vehicles",
                "Early warning from branches along the route",
            ],
            "result": "The teams reached {reached} people, most within six hours.",
            "lesson": "Branches along the route are the best early warning system.",
            "partners": "Civil protection, municipalities, IFRC",
            "replicate": "warehouses, a stock management system and vehicles.",
        },
    },
}
