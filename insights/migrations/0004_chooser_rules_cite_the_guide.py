"""The chooser's rules, re-derived from the guide, each citing the passage it rests on.

The answer to "what do you want to achieve" weighs most: each goal points strongly to
the model the guide gives for that job (9), sometimes more weakly to a second one; the
other answers add or take away at most 2. Rules seeded by 0002 are replaced; rules an
editor added are kept.
"""

from django.db import migrations, models

MODELS = "Models of Collaboration"
FUTURE = "The Future of Collaboration"
WHO = "Who is Collaborating?"
UNDERSTANDING = "Collaboration as the Tool for Mutual Understanding"
PROCESS = "Collaboration as a Process"
CASES = "Case Studies on Models of Collaboration"

# (question, answer, model, weight, reason shown to the user, basis in the guide)
RULES = [
    # What you want to achieve: the strongest pull.
    ("goal", "skills", "training", 9,
     "Trainings are the guide's way to raise public officials' skills and get both sides on the same page. Start with the people who are keen to learn.",
     f"{MODELS}, Trainings: trainings increase public officials' competencies; start with people excited to learn."),
    ("goal", "skills", "hackathon", 3,
     "Taking part in a hackathon also teaches officials how civic technologists work, if they bring a real problem.",
     f"{UNDERSTANDING}: capacity building of officials through trainings and by involving them in hackathons."),
    ("goal", "services", "services", 9,
     "Commissioning a civic tech team, through procurement or another contract, is the guide's model for getting a service built; flexible rules suit IT projects, whose needs cannot all be known at the start.",
     f"{MODELS}, Providing services: regular procurement channels; IT projects need flexible procuring rules and continuous collaboration with suppliers."),
    ("goal", "services", "fellowship", 4,
     "A fellow can also work on a public service from inside your office for a fixed period.",
     f"{MODELS}, Fellowships: fellows work with government on tools, user experience and public services."),
    ("goal", "reuse", "scaling", 9,
     "Bringing a proven tool to a new place is the scaling model. It is more than copying: the tool has to be adapted to local law, politics and society.",
     f"{MODELS}, Scaling/Replicating: replicating a tool means adapting it to different legal, political or social circumstances."),
    ("goal", "reuse", "services", 3,
     "An existing platform can also be set up for an institution as a paid service, as Consul is in Poland. Find out what its users need before you set it up.",
     f"{CASES}, Consul: implemented in Polish public entities as paid services; the lesson is to include end users."),
    ("goal", "open-data", "open-data-policy", 9,
     "Helping officials build an open data policy is the guide's model here: start from what citizens ask for in freedom of information requests and open those databases first.",
     f"{MODELS}, Improving open data policies: look at FOI requests and open the most important databases first."),
    ("goal", "open-data", "training", 3,
     "A training is also a chance to learn what holds officials back when they open data.",
     f"{MODELS}, Trainings: an occasion to learn about officials' practical challenges, for example while opening data."),
    ("goal", "open-data", "hackathon", 2,
     "Hackathons around open data have been used to build and improve public services, as with Etalab in France.",
     f"{PROCESS}: Etalab facilitates hackathons around using open data to build and improve public services."),
    ("goal", "participation", "services", 7,
     "Participation platforms reach institutions as paid services: in Poland, Consul is set up for public bodies by an outside team. Include the people who will use it, or it may go unused.",
     f"{CASES}, Consul: paid services by external actors in Polish public entities; include end users."),
    ("goal", "participation", "scaling", 7,
     "Proven participation platforms such as Consul and Decidim are reused by many governments rather than built anew; each new place adapts them.",
     f"{WHO}: Consul and Decidim, direct cooperation with local governments on the use and development of tools; {MODELS}, Scaling/Replicating."),
    ("goal", "transparency", "open-data-policy", 7,
     "Open data policies and data standards made later watchdog services possible, such as monitoring corruption risks in public procurement.",
     f"{PROCESS}: open data policies and standards led to services such as monitoring corruption risks in procurement."),
    ("goal", "transparency", "scaling", 5,
     "Watchdog tools travel: the election-monitoring app Monitorizare Vot was taken from Romania to Poland.",
     f"{MODELS}, Scaling/Replicating: Monitorizare Vot scaled from Romania to Poland."),
    ("goal", "experiment", "lab", 9,
     "Labs are partnership spaces where government and others experiment with new ways of solving old problems.",
     f"{MODELS}, Labs: partnership spaces where government and other organisations experiment with new ways of solving old problems."),
    ("goal", "experiment", "hackathon", 3,
     "A hackathon, or a design sprint that puts less weight on technology, is a shorter way to try ideas on a real problem.",
     f"{MODELS}, Hackathon: officials bring real problems; think also about design sprints."),
    ("goal", "problem", "hackathon", 9,
     "A hackathon brings people together to solve problems. Officials should bring a real problem, and plan beforehand what happens to the results.",
     f"{MODELS}, Hackathon: people come together to solve problems; plan how to engage officials afterwards."),
    ("goal", "problem", "lab", 3,
     "A lab is a standing place to work on old problems with officials, designers, researchers and developers.",
     f"{MODELS}, Labs: bring public servants together with designers, researchers and developers."),
    ("goal", "fellows", "fellowship", 9,
     "A fellowship brings a technologist into government for a fixed period. Outsiders often dare to propose what the office would not.",
     f"{MODELS}, Fellowships: periodical collaborations between technologists and government; {WHO}: outsiders coordinating projects improve office performance."),
    ("goal", "connect", "meetups", 9,
     "People need to know you and your project: many collaborations started after a presentation or a chat backstage at a meetup or conference.",
     f"{MODELS}, Other spaces/meetups/hacknights/conferences: knowledge is the key to collaboration."),
    ("goal", "connect", "lab", 3,
     "Labs are also good places to meet public officials and other stakeholders.",
     f"{MODELS}, Labs: a great place to engage with public officials and meet various stakeholders."),
    # Who you are
    ("role", "official", "services", 2,
     "The guide says agile procurement can work in most public institutions, not only in islands of innovation.",
     f"{FUTURE}: the fellowship and agile procuring models can successfully work in most public institutions."),
    ("role", "official", "fellowship", 2,
     "The guide says fellowships can work in most public institutions. If you host one, prepare the fellow's work before the start.",
     f"{FUTURE}: fellowships work in most public institutions; {MODELS}, Fellowships: prepare the work for a fellow."),
    ("role", "official", "lab", 1,
     "A lab brings public servants together with designers, researchers and developers, but it depends on political backing.",
     f"{MODELS}, Labs: success depends on political decision; even successful labs can be closed (MindLab)."),
    ("role", "civic", "scaling", 2,
     "Scaling is a model for civic tech groups that decide to take a tool to a new place.",
     f"{MODELS}, Scaling/Replicating: engages civic tech organisations who decided to replicate a tool."),
    ("role", "civic", "training", 1,
     "Training officials helps the reformers inside government; invite them to co-host.",
     f"{MODELS}, Trainings: help reformers within government, for example by inviting them to co-host."),
    ("role", "civic", "services", -1,
     "Selling services means acting as a business, which is hard to combine with being a watchdog.",
     f"{MODELS}, Providing services: behave as a business; combining advocacy or watchdog work with services is a challenge."),
    ("role", "donor", "scaling", 2,
     "The guide asks donors to encourage groups to replicate and improve existing tools rather than build new ones.",
     f"{FUTURE}: donors should encourage civic tech organisations to replicate and improve existing tools."),
    ("role", "business", "services", 2,
     "Companies can build what a civic project cannot: Red Flags relied on an IT company able to develop its complex monitoring tool.",
     f"{WHO}: Red Flags would not have succeeded without a private IT company with the capacity to build the tool."),
    ("role", "researcher", "lab", 2,
     "Labs bring public servants together with researchers, designers and developers.",
     f"{MODELS}, Labs: bring public servants together with designers, researchers and developers."),
    ("role", "researcher", "meetups", 1,
     "Meeting people who work on the same issue from another angle is how many collaborations begin.",
     f"{WHO}: involve business or scientists doing similar work from a different angle; be present at events."),
    # How much time you have
    ("time", "weeks", "hackathon", 1,
     "A hackathon can be an event of any length, but plan in advance how officials will take the results forward.",
     f"{MODELS}, Hackathon: an event of any duration; plan beforehand how to engage officials afterwards."),
    ("time", "weeks", "scaling", -2,
     "Scaling takes time and meets surprising obstacles; a few weeks is rarely enough.",
     f"{MODELS}, Scaling/Replicating: scaling can take some time and you may find surprising obstacles."),
    ("time", "weeks", "fellowship", -1,
     "Fellowships usually last a few months, and the preparation starts long before.",
     f"{MODELS}, Fellowships: a fixed period, often a few months; a fellowship starts long before its launch."),
    ("time", "months", "fellowship", 2,
     "Fellowships usually last a few months; make sure officials are ready to carry the work on when the fellow leaves.",
     f"{MODELS}, Fellowships: fellowships end after a fixed period, often a few months; officials should be trained to carry on."),
    ("time", "years", "hackathon", -1,
     "Hackathons alone rarely leave lasting solutions; with years ahead, make one part of a longer plan.",
     f"{MODELS}, Hackathon: hackathons very often do not generate sustainable solutions."),
    ("time", "years", "services", 1,
     "IT projects go better with continuous collaboration with the supplier, which a longer horizon allows.",
     f"{MODELS}, Providing services: focus on continuous collaboration with suppliers to solve problems."),
    ("time", "years", "open-data-policy", 1,
     "Open data policies pay off over time: the guide shows how years of work on them made later services possible.",
     f"{PROCESS}: the movement around open data policies and standards later made specific services possible."),
    # Your team
    ("team", "small", "scaling", -2,
     "Scaling needs IT specialists and other experts; check your capacity first.",
     f"{MODELS}, Scaling/Replicating: check your capacity in IT specialists, other experts and time."),
    ("team", "large", "scaling", 1,
     "You have what scaling asks for: IT specialists and other experts.",
     f"{MODELS}, Scaling/Replicating: check your capacity in IT specialists, other experts and time."),
    # Partners
    ("partners", "no", "meetups", 2,
     "Finding the right people comes first; meetups, hacknights and conferences are where many partnerships begin.",
     f"{WHO}: finding the right people is crucial from the very beginning; be present at events."),
    ("partners", "no", "lab", 1,
     "A lab is a place to meet officials and other stakeholders.",
     f"{MODELS}, Labs: a great place to engage with public officials and meet various stakeholders."),
    ("partners", "no", "fellowship", -1,
     "A fellowship rests on a willing fellow and a willing supervisor in the office; find them first.",
     f"{MODELS}, Fellowships: the willingness of the fellow and their supervisor drives this model."),
    ("partners", "yes", "scaling", 1,
     "If you are taking a tool to a new place, keep talking to the team who built it: it improves the tool for everyone.",
     f"{MODELS}, Scaling/Replicating: communicate with the team who originally built the tool."),
]  # fmt: skip

# The (question, answer, model) of every rule 0002 seeded.
SEEDED_BY_0002 = [
    ("role", "official", "training"), ("role", "official", "fellowship"),
    ("role", "official", "open-data-policy"), ("role", "official", "lab"),
    ("role", "official", "hackathon"), ("role", "civic", "scaling"), ("role", "civic", "meetups"),
    ("role", "civic", "training"), ("role", "civic", "services"), ("role", "civic", "hackathon"),
    ("role", "donor", "fellowship"), ("role", "donor", "scaling"), ("role", "donor", "hackathon"),
    ("role", "donor", "meetups"), ("role", "business", "services"),
    ("role", "business", "hackathon"), ("role", "researcher", "lab"),
    ("role", "researcher", "open-data-policy"), ("role", "researcher", "meetups"),
    ("goal", "open-data", "open-data-policy"), ("goal", "open-data", "training"),
    ("goal", "open-data", "hackathon"), ("goal", "participation", "scaling"),
    ("goal", "participation", "services"), ("goal", "participation", "lab"),
    ("goal", "services", "services"), ("goal", "services", "fellowship"),
    ("goal", "services", "lab"), ("goal", "transparency", "open-data-policy"),
    ("goal", "transparency", "scaling"), ("goal", "transparency", "hackathon"),
    ("goal", "skills", "training"), ("goal", "skills", "meetups"),
    ("goal", "skills", "fellowship"), ("time", "weeks", "hackathon"),
    ("time", "weeks", "meetups"), ("time", "weeks", "training"), ("time", "weeks", "scaling"),
    ("time", "weeks", "lab"), ("time", "weeks", "open-data-policy"),
    ("time", "months", "fellowship"), ("time", "months", "training"),
    ("time", "months", "scaling"), ("time", "years", "lab"),
    ("time", "years", "open-data-policy"), ("time", "years", "scaling"),
    ("time", "years", "services"), ("time", "years", "hackathon"), ("team", "small", "meetups"),
    ("team", "small", "training"), ("team", "small", "scaling"), ("team", "small", "lab"),
    ("team", "large", "scaling"), ("team", "large", "lab"), ("team", "large", "services"),
    ("partners", "no", "meetups"), ("partners", "no", "hackathon"),
    ("partners", "no", "fellowship"), ("partners", "yes", "scaling"),
    ("partners", "yes", "fellowship"),
]  # fmt: skip


def replace_rules(apps, schema_editor):
    ChooserRule = apps.get_model("insights", "ChooserRule")
    seeded = set(SEEDED_BY_0002)
    stale = [
        rule.pk
        for rule in ChooserRule.objects.all()
        if (rule.question, rule.answer, rule.collaboration_model) in seeded
    ]
    ChooserRule.objects.filter(pk__in=stale).delete()
    for question, answer, model, weight, reason, basis in RULES:
        ChooserRule.objects.update_or_create(
            question=question,
            answer=answer,
            collaboration_model=model,
            defaults={"weight": weight, "reason": reason, "basis": basis},
        )


class Migration(migrations.Migration):
    dependencies = [("insights", "0003_chooser_rule_permissions")]

    operations = [
        migrations.AddField(
            model_name="chooserrule",
            name="basis",
            field=models.CharField(
                default="",
                help_text=(
                    "The guide's section and the recommendation or passage this rule rests on, "
                    "e.g. 'Models of Collaboration, Trainings: start with people keen to learn'."
                ),
                max_length=300,
                verbose_name="basis in the guide",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(replace_rules, migrations.RunPython.noop),
    ]
