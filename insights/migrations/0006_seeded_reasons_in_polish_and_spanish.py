"""The seeded chooser reasons in Polish and Spanish.

A rule gets them only while its English reason is still the one seeded by
``0004_chooser_rules_cite_the_guide``, and only where the translation is empty: an
editor's reason is never given a translation of another text."""

from django.db import migrations

# (question, answer, model): the English reason as seeded, and its translations.
REASONS = {('goal', 'skills', 'training'): {'en': "Trainings are the guide's way to raise public "
                                        "officials' skills and get both sides on the same "
                                        'page. Start with the people who are keen to learn.',
                                  'pl': 'Szkolenia to sposób, jaki przewodnik proponuje, by '
                                        'podnieść kompetencje urzędników i sprawić, że obie '
                                        'strony będą mówić wspólnym językiem. Zacznij od osób '
                                        'chętnych do nauki.',
                                  'es': 'Las formaciones son la vía que propone la guía para '
                                        'mejorar las competencias del personal público y hacer '
                                        'que ambas partes se entiendan. Empieza por las '
                                        'personas con ganas de aprender.'},
 ('goal', 'skills', 'hackathon'): {'en': 'Taking part in a hackathon also teaches officials '
                                         'how civic technologists work, if they bring a real '
                                         'problem.',
                                   'pl': 'Udział w hackathonie uczy też urzędników, jak '
                                         'pracują ludzie z civic tech, o ile przyniosą oni '
                                         'prawdziwy problem.',
                                   'es': 'Participar en un hackathon también enseña al '
                                         'personal público cómo trabajan los tecnólogos '
                                         'cívicos, si aporta un problema real.'},
 ('goal', 'services', 'services'): {'en': 'Commissioning a civic tech team, through '
                                          "procurement or another contract, is the guide's "
                                          'model for getting a service built; flexible rules '
                                          'suit IT projects, whose needs cannot all be known '
                                          'at the start.',
                                    'pl': 'Zlecenie pracy zespołowi civic tech, w drodze '
                                          'zamówienia publicznego lub innej umowy, to model, '
                                          'który przewodnik proponuje, gdy trzeba zbudować '
                                          'usługę; projektom IT, których potrzeb nie da się w '
                                          'pełni poznać na starcie, służą elastyczne zasady.',
                                    'es': 'Encargar el trabajo a un equipo de tecnología '
                                          'cívica, por contratación pública u otro contrato, '
                                          'es el modelo de la guía para que se construya un '
                                          'servicio; a los proyectos informáticos, cuyas '
                                          'necesidades no se conocen todas al principio, les '
                                          'convienen normas flexibles.'},
 ('goal', 'services', 'fellowship'): {'en': 'A fellow can also work on a public service from '
                                            'inside your office for a fixed period.',
                                      'pl': 'Stypendysta może też przez określony czas '
                                            'pracować nad usługą publiczną od wewnątrz, w '
                                            'twoim urzędzie.',
                                      'es': 'Un becario también puede trabajar en un servicio '
                                            'público desde dentro de tu oficina durante un '
                                            'periodo fijo.'},
 ('goal', 'reuse', 'scaling'): {'en': 'Bringing a proven tool to a new place is the scaling '
                                      'model. It is more than copying: the tool has to be '
                                      'adapted to local law, politics and society.',
                                'pl': 'Przeniesienie sprawdzonego narzędzia w nowe miejsce to '
                                      'model skalowania. To coś więcej niż kopiowanie: '
                                      'narzędzie trzeba dostosować do lokalnego prawa, '
                                      'polityki i społeczeństwa.',
                                'es': 'Llevar una herramienta probada a un nuevo lugar es el '
                                      'modelo de escalado. Es más que copiar: la herramienta '
                                      'tiene que adaptarse a la legislación, la política y la '
                                      'sociedad locales.'},
 ('goal', 'reuse', 'services'): {'en': 'An existing platform can also be set up for an '
                                       'institution as a paid service, as Consul is in Poland. '
                                       'Find out what its users need before you set it up.',
                                 'pl': 'Istniejącą platformę można też wdrożyć w instytucji '
                                       'jako płatną usługę, tak jak Consul w Polsce. Zanim ją '
                                       'wdrożysz, dowiedz się, czego potrzebują jej '
                                       'użytkownicy.',
                                 'es': 'Una plataforma existente también puede implantarse en '
                                       'una institución como servicio de pago, como ocurre con '
                                       'Consul en Polonia. Averigua qué necesitan sus usuarios '
                                       'antes de implantarla.'},
 ('goal', 'open-data', 'open-data-policy'): {'en': 'Helping officials build an open data '
                                                   "policy is the guide's model here: start "
                                                   'from what citizens ask for in freedom of '
                                                   'information requests and open those '
                                                   'databases first.',
                                             'pl': 'Tu przewodnik proponuje model pomocy '
                                                   'urzędnikom w tworzeniu polityki otwartych '
                                                   'danych: zacznij od tego, o co obywatele '
                                                   'pytają we wnioskach o udostępnienie '
                                                   'informacji publicznej, i te bazy danych '
                                                   'otwórz najpierw.',
                                             'es': 'Ayudar al personal público a elaborar una '
                                                   'política de datos abiertos es el modelo '
                                                   'que propone la guía para esto: parte de lo '
                                                   'que pide la ciudadanía en sus solicitudes '
                                                   'de acceso a la información y abre primero '
                                                   'esas bases de datos.'},
 ('goal', 'open-data', 'training'): {'en': 'A training is also a chance to learn what holds '
                                           'officials back when they open data.',
                                     'pl': 'Szkolenie to także okazja, by dowiedzieć się, co '
                                           'hamuje urzędników przy otwieraniu danych.',
                                     'es': 'Una formación también es una oportunidad para '
                                           'saber qué frena al personal público cuando abre '
                                           'datos.'},
 ('goal', 'open-data', 'hackathon'): {'en': 'Hackathons around open data have been used to '
                                            'build and improve public services, as with Etalab '
                                            'in France.',
                                      'pl': 'Hackathony wokół otwartych danych służyły do '
                                            'tworzenia i ulepszania usług publicznych, jak w '
                                            'przypadku Etalab we Francji.',
                                      'es': 'Los hackathons en torno a los datos abiertos se '
                                            'han utilizado para crear y mejorar servicios '
                                            'públicos, como en el caso de Etalab en Francia.'},
 ('goal', 'participation', 'services'): {'en': 'Participation platforms reach institutions as '
                                               'paid services: in Poland, Consul is set up for '
                                               'public bodies by an outside team. Include the '
                                               'people who will use it, or it may go unused.',
                                         'pl': 'Platformy partycypacyjne trafiają do '
                                               'instytucji jako płatne usługi: w Polsce Consul '
                                               'jest wdrażany dla instytucji publicznych przez '
                                               'zewnętrzny zespół. Zaangażuj osoby, które będą '
                                               'z niej korzystać, bo inaczej platforma może '
                                               'pozostać nieużywana.',
                                         'es': 'Las plataformas de participación llegan a las '
                                               'instituciones como servicios de pago: en '
                                               'Polonia, un equipo externo implanta Consul '
                                               'para organismos públicos. Incluye a las '
                                               'personas que van a usar la plataforma, o puede '
                                               'que se quede sin uso.'},
 ('goal', 'participation', 'scaling'): {'en': 'Proven participation platforms such as Consul '
                                              'and Decidim are reused by many governments '
                                              'rather than built anew; each new place adapts '
                                              'them.',
                                        'pl': 'Sprawdzone platformy partycypacyjne, takie jak '
                                              'Consul i Decidim, wiele instytucji publicznych '
                                              'wykorzystuje ponownie, zamiast budować własne '
                                              'od nowa; każde nowe miejsce je dostosowuje.',
                                        'es': 'Muchos gobiernos reutilizan plataformas de '
                                              'participación ya probadas, como Consul y '
                                              'Decidim, en lugar de crear otras nuevas; cada '
                                              'nuevo lugar las adapta.'},
 ('goal', 'transparency', 'open-data-policy'): {'en': 'Open data policies and data standards '
                                                      'made later watchdog services possible, '
                                                      'such as monitoring corruption risks in '
                                                      'public procurement.',
                                                'pl': 'Polityki otwartych danych i standardy '
                                                      'danych umożliwiły później powstanie '
                                                      'usług strażniczych, takich jak '
                                                      'monitorowanie ryzyka korupcji w '
                                                      'zamówieniach publicznych.',
                                                'es': 'Las políticas de datos abiertos y los '
                                                      'estándares de datos hicieron posibles, '
                                                      'más adelante, servicios de vigilancia '
                                                      'como el seguimiento de los riesgos de '
                                                      'corrupción en la contratación pública.'},
 ('goal', 'transparency', 'scaling'): {'en': 'Watchdog tools travel: the election-monitoring '
                                             'app Monitorizare Vot was taken from Romania to '
                                             'Poland.',
                                       'pl': 'Narzędzia strażnicze przekraczają granice: '
                                             'aplikację do monitorowania wyborów Monitorizare '
                                             'Vot przeniesiono z Rumunii do Polski.',
                                       'es': 'Las herramientas de vigilancia viajan: la '
                                             'aplicación de observación electoral Monitorizare '
                                             'Vot se llevó de Rumanía a Polonia.'},
 ('goal', 'experiment', 'lab'): {'en': 'Labs are partnership spaces where government and '
                                       'others experiment with new ways of solving old '
                                       'problems.',
                                 'pl': 'Laboratoria to przestrzenie partnerskiej współpracy, w '
                                       'których administracja i inni eksperymentują z nowymi '
                                       'sposobami rozwiązywania starych problemów.',
                                 'es': 'Los laboratorios son espacios de colaboración en los '
                                       'que el gobierno y otros actores experimentan con '
                                       'nuevas formas de resolver viejos problemas.'},
 ('goal', 'experiment', 'hackathon'): {'en': 'A hackathon, or a design sprint that puts less '
                                             'weight on technology, is a shorter way to try '
                                             'ideas on a real problem.',
                                       'pl': 'Hackathon albo sprint projektowy, który kładzie '
                                             'mniejszy nacisk na technologię, to krótsza droga '
                                             'do wypróbowania pomysłów na prawdziwym '
                                             'problemie.',
                                       'es': 'Un hackathon, o un sprint de diseño que da menos '
                                             'peso a la tecnología, es una forma más breve de '
                                             'poner a prueba ideas sobre un problema real.'},
 ('goal', 'problem', 'hackathon'): {'en': 'A hackathon brings people together to solve '
                                          'problems. Officials should bring a real problem, '
                                          'and plan beforehand what happens to the results.',
                                    'pl': 'Hackathon gromadzi ludzi, by wspólnie rozwiązywali '
                                          'problemy. Urzędnicy powinni przynieść prawdziwy '
                                          'problem, a to, co stanie się z rezultatami, trzeba '
                                          'zaplanować wcześniej.',
                                    'es': 'Un hackathon reúne a gente para resolver problemas. '
                                          'El personal público debería aportar un problema '
                                          'real y planificar de antemano qué pasará con los '
                                          'resultados.'},
 ('goal', 'problem', 'lab'): {'en': 'A lab is a standing place to work on old problems with '
                                    'officials, designers, researchers and developers.',
                              'pl': 'Laboratorium to stałe miejsce pracy nad starymi '
                                    'problemami wspólnie z urzędnikami, projektantami, '
                                    'badaczami i programistami.',
                              'es': 'Un laboratorio es un lugar permanente para trabajar en '
                                    'viejos problemas con personal público, diseñadores, '
                                    'investigadores y desarrolladores.'},
 ('goal', 'fellows', 'fellowship'): {'en': 'A fellowship brings a technologist into government '
                                           'for a fixed period. Outsiders often dare to '
                                           'propose what the office would not.',
                                     'pl': 'Program stypendialny sprowadza technologa do '
                                           'administracji na określony czas. Osoby z zewnątrz '
                                           'często odważają się zaproponować to, czego sam '
                                           'urząd by nie zaproponował.',
                                     'es': 'Una beca lleva a un tecnólogo al gobierno durante '
                                           'un periodo fijo. Quien viene de fuera a menudo se '
                                           'atreve a proponer lo que la propia oficina no '
                                           'propondría.'},
 ('goal', 'connect', 'meetups'): {'en': 'People need to know you and your project: many '
                                        'collaborations started after a presentation or a chat '
                                        'backstage at a meetup or conference.',
                                  'pl': 'Ludzie muszą znać ciebie i twój projekt: niejedna '
                                        'współpraca zaczęła się po prezentacji lub rozmowie w '
                                        'kuluarach meetupu albo konferencji.',
                                  'es': 'La gente tiene que conocerte a ti y a tu proyecto: '
                                        'muchas colaboraciones empezaron tras una presentación '
                                        'o una charla entre bastidores en un encuentro o una '
                                        'conferencia.'},
 ('goal', 'connect', 'lab'): {'en': 'Labs are also good places to meet public officials and '
                                    'other stakeholders.',
                              'pl': 'Laboratoria to także dobre miejsca, by poznać urzędników '
                                    'i innych interesariuszy.',
                              'es': 'Los laboratorios también son buenos lugares para conocer '
                                    'al personal público y a otras partes interesadas.'},
 ('role', 'official', 'services'): {'en': 'The guide says agile procurement can work in most '
                                          'public institutions, not only in islands of '
                                          'innovation.',
                                    'pl': 'Według przewodnika zwinne zamówienia mogą się '
                                          'sprawdzić w większości instytucji publicznych, nie '
                                          'tylko na wyspach innowacji.',
                                    'es': 'La guía afirma que la contratación ágil puede '
                                          'funcionar en la mayoría de las instituciones '
                                          'públicas, no solo en islas de innovación.'},
 ('role', 'official', 'fellowship'): {'en': 'The guide says fellowships can work in most '
                                            'public institutions. If you host one, prepare the '
                                            "fellow's work before the start.",
                                      'pl': 'Według przewodnika programy stypendialne mogą się '
                                            'sprawdzić w większości instytucji publicznych. '
                                            'Jeśli przyjmujesz stypendystę, przygotuj jego '
                                            'pracę przed rozpoczęciem programu.',
                                      'es': 'La guía afirma que las becas pueden funcionar en '
                                            'la mayoría de las instituciones públicas. Si '
                                            'acoges una, prepara el trabajo del becario antes '
                                            'de que empiece.'},
 ('role', 'official', 'lab'): {'en': 'A lab brings public servants together with designers, '
                                     'researchers and developers, but it depends on political '
                                     'backing.',
                               'pl': 'Laboratorium łączy urzędników z projektantami, badaczami '
                                     'i programistami, ale zależy od poparcia politycznego.',
                               'es': 'Un laboratorio reúne a empleados públicos con '
                                     'diseñadores, investigadores y desarrolladores, pero '
                                     'depende del respaldo político.'},
 ('role', 'civic', 'scaling'): {'en': 'Scaling is a model for civic tech groups that decide to '
                                      'take a tool to a new place.',
                                'pl': 'Skalowanie to model dla grup civic tech, które decydują '
                                      'się przenieść narzędzie w nowe miejsce.',
                                'es': 'El escalado es un modelo para los grupos de tecnología '
                                      'cívica que deciden llevar una herramienta a un nuevo '
                                      'lugar.'},
 ('role', 'civic', 'training'): {'en': 'Training officials helps the reformers inside '
                                       'government; invite them to co-host.',
                                 'pl': 'Szkolenia dla urzędników pomagają reformatorom w '
                                       'administracji; zaproś ich do współprowadzenia zajęć.',
                                 'es': 'Formar al personal público ayuda a los reformistas '
                                       'dentro del gobierno; invítalos a impartir la formación '
                                       'contigo.'},
 ('role', 'civic', 'services'): {'en': 'Selling services means acting as a business, which is '
                                       'hard to combine with being a watchdog.',
                                 'pl': 'Sprzedaż usług oznacza działanie jak firma, co trudno '
                                       'pogodzić z rolą organizacji strażniczej.',
                                 'es': 'Vender servicios significa actuar como una empresa, '
                                       'algo difícil de combinar con la labor de vigilancia.'},
 ('role', 'donor', 'scaling'): {'en': 'The guide asks donors to encourage groups to replicate '
                                      'and improve existing tools rather than build new ones.',
                                'pl': 'Przewodnik prosi darczyńców, by zachęcali grupy do '
                                      'powielania i ulepszania istniejących narzędzi zamiast '
                                      'budowania nowych.',
                                'es': 'La guía pide a los donantes que animen a los grupos a '
                                      'replicar y mejorar herramientas existentes en lugar de '
                                      'crear otras nuevas.'},
 ('role', 'business', 'services'): {'en': 'Companies can build what a civic project cannot: '
                                          'Red Flags relied on an IT company able to develop '
                                          'its complex monitoring tool.',
                                    'pl': 'Firmy mogą zbudować to, czego nie zbuduje projekt '
                                          'obywatelski: projekt Red Flags opierał się na '
                                          'firmie IT zdolnej stworzyć jego złożone narzędzie '
                                          'monitorujące.',
                                    'es': 'Las empresas pueden construir lo que un proyecto '
                                          'cívico no puede: Red Flags se apoyó en una empresa '
                                          'informática capaz de desarrollar su compleja '
                                          'herramienta de seguimiento.'},
 ('role', 'researcher', 'lab'): {'en': 'Labs bring public servants together with researchers, '
                                       'designers and developers.',
                                 'pl': 'Laboratoria łączą urzędników z badaczami, '
                                       'projektantami i programistami.',
                                 'es': 'Los laboratorios reúnen a empleados públicos con '
                                       'investigadores, diseñadores y desarrolladores.'},
 ('role', 'researcher', 'meetups'): {'en': 'Meeting people who work on the same issue from '
                                           'another angle is how many collaborations begin.',
                                     'pl': 'Niejedna współpraca zaczyna się od poznania ludzi, '
                                           'którzy zajmują się tą samą sprawą z innej strony.',
                                     'es': 'Muchas colaboraciones empiezan al conocer a '
                                           'personas que trabajan en el mismo asunto desde '
                                           'otro ángulo.'},
 ('time', 'weeks', 'hackathon'): {'en': 'A hackathon can be an event of any length, but plan '
                                        'in advance how officials will take the results '
                                        'forward.',
                                  'pl': 'Hackathon może trwać dowolnie długo, ale zaplanuj z '
                                        'wyprzedzeniem, jak urzędnicy będą dalej rozwijać jego '
                                        'rezultaty.',
                                  'es': 'Un hackathon puede ser un evento de cualquier '
                                        'duración, pero planifica con antelación cómo dará '
                                        'continuidad el personal público a los resultados.'},
 ('time', 'weeks', 'scaling'): {'en': 'Scaling takes time and meets surprising obstacles; a '
                                      'few weeks is rarely enough.',
                                'pl': 'Skalowanie wymaga czasu i napotyka zaskakujące '
                                      'przeszkody; kilka tygodni rzadko wystarcza.',
                                'es': 'Escalar lleva tiempo y se topa con obstáculos '
                                      'sorprendentes; unas pocas semanas rara vez bastan.'},
 ('time', 'weeks', 'fellowship'): {'en': 'Fellowships usually last a few months, and the '
                                         'preparation starts long before.',
                                   'pl': 'Programy stypendialne trwają zwykle kilka miesięcy, '
                                         'a przygotowania zaczynają się na długo przed nimi.',
                                   'es': 'Las becas suelen durar unos meses, y la preparación '
                                         'empieza mucho antes.'},
 ('time', 'months', 'fellowship'): {'en': 'Fellowships usually last a few months; make sure '
                                          'officials are ready to carry the work on when the '
                                          'fellow leaves.',
                                    'pl': 'Programy stypendialne trwają zwykle kilka miesięcy; '
                                          'upewnij się, że urzędnicy będą gotowi kontynuować '
                                          'pracę po odejściu stypendysty.',
                                    'es': 'Las becas suelen durar unos meses; asegúrate de que '
                                          'el personal público esté preparado para continuar '
                                          'el trabajo cuando el becario se vaya.'},
 ('time', 'years', 'hackathon'): {'en': 'Hackathons alone rarely leave lasting solutions; with '
                                        'years ahead, make one part of a longer plan.',
                                  'pl': 'Same hackathony rzadko przynoszą trwałe rozwiązania; '
                                        'skoro masz przed sobą lata, uczyń hackathon częścią '
                                        'dłuższego planu.',
                                  'es': 'Los hackathons por sí solos rara vez dejan soluciones '
                                        'duraderas; si tienes años por delante, haz que uno '
                                        'forme parte de un plan más amplio.'},
 ('time', 'years', 'services'): {'en': 'IT projects go better with continuous collaboration '
                                       'with the supplier, which a longer horizon allows.',
                                 'pl': 'Projekty IT idą lepiej przy ciągłej współpracy z '
                                       'dostawcą, na którą pozwala dłuższa perspektywa '
                                       'czasowa.',
                                 'es': 'Los proyectos informáticos salen mejor con una '
                                       'colaboración continua con el proveedor, algo que '
                                       'permite un horizonte más largo.'},
 ('time', 'years', 'open-data-policy'): {'en': 'Open data policies pay off over time: the '
                                               'guide shows how years of work on them made '
                                               'later services possible.',
                                         'pl': 'Polityki otwartych danych opłacają się z '
                                               'czasem: przewodnik pokazuje, jak lata pracy '
                                               'nad nimi umożliwiły późniejsze usługi.',
                                         'es': 'Las políticas de datos abiertos dan frutos con '
                                               'el tiempo: la guía muestra cómo años de '
                                               'trabajo en ellas hicieron posibles servicios '
                                               'posteriores.'},
 ('team', 'small', 'scaling'): {'en': 'Scaling needs IT specialists and other experts; check '
                                      'your capacity first.',
                                'pl': 'Skalowanie wymaga specjalistów IT i innych ekspertów; '
                                      'najpierw sprawdź swoje możliwości.',
                                'es': 'El escalado necesita especialistas en informática y '
                                      'otros expertos; comprueba primero tu capacidad.'},
 ('team', 'large', 'scaling'): {'en': 'You have what scaling asks for: IT specialists and '
                                      'other experts.',
                                'pl': 'Masz to, czego wymaga skalowanie: specjalistów IT i '
                                      'innych ekspertów.',
                                'es': 'Tienes lo que exige el escalado: especialistas en '
                                      'informática y otros expertos.'},
 ('partners', 'no', 'meetups'): {'en': 'Finding the right people comes first; meetups, '
                                       'hacknights and conferences are where many partnerships '
                                       'begin.',
                                 'pl': 'Najpierw trzeba znaleźć właściwych ludzi; wiele '
                                       'partnerstw zaczyna się na meetupach, hacknightach i '
                                       'konferencjach.',
                                 'es': 'Lo primero es encontrar a las personas adecuadas; los '
                                       'encuentros, las hacknights y las conferencias son '
                                       'donde empiezan muchas alianzas.'},
 ('partners', 'no', 'lab'): {'en': 'A lab is a place to meet officials and other stakeholders.',
                             'pl': 'Laboratorium to miejsce, w którym można poznać urzędników '
                                   'i innych interesariuszy.',
                             'es': 'Un laboratorio es un lugar para conocer al personal '
                                   'público y a otras partes interesadas.'},
 ('partners', 'no', 'fellowship'): {'en': 'A fellowship rests on a willing fellow and a '
                                          'willing supervisor in the office; find them first.',
                                    'pl': 'Program stypendialny opiera się na chętnym '
                                          'stypendyście i chętnym opiekunie w urzędzie; '
                                          'najpierw ich znajdź.',
                                    'es': 'Una beca se apoya en un becario dispuesto y en un '
                                          'supervisor dispuesto en la oficina; encuéntralos '
                                          'primero.'},
 ('partners', 'yes', 'scaling'): {'en': 'If you are taking a tool to a new place, keep talking '
                                        'to the team who built it: it improves the tool for '
                                        'everyone.',
                                  'pl': 'Jeśli przenosisz narzędzie w nowe miejsce, pozostań w '
                                        'kontakcie z zespołem, który je stworzył: dzięki temu '
                                        'narzędzie staje się lepsze dla wszystkich.',
                                  'es': 'Si llevas una herramienta a un nuevo lugar, sigue '
                                        'hablando con el equipo que la creó: así mejora la '
                                        'herramienta para todos.'}}


def translate(apps, schema_editor):
    ChooserRule = apps.get_model("insights", "ChooserRule")
    for (question, answer, model), texts in REASONS.items():
        rule = ChooserRule.objects.filter(
            question=question, answer=answer, collaboration_model=model, reason=texts["en"]
        ).first()
        if rule is None:
            continue
        for language in ("pl", "es"):
            if not getattr(rule, f"reason_{language}").strip():
                setattr(rule, f"reason_{language}", texts[language])
        rule.save()


class Migration(migrations.Migration):
    dependencies = [("insights", "0005_reasons_in_every_language")]

    operations = [migrations.RunPython(translate, migrations.RunPython.noop)]
