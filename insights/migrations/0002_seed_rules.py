"""Starting rules for the model chooser, drawn from the guide's recommendations.

Editors tune them in the admin; this only fills an empty table.
"""

from django.db import migrations

RULES = [
    # Who you are
    ("role", "official", "training", 2, "Trainings build your team's skills and relations with civic tech groups; start with colleagues who are eager to learn."),
    ("role", "official", "fellowship", 2, "A fellowship brings a technologist into your office for a fixed period; prepare the work before the fellow arrives."),
    ("role", "official", "open-data-policy", 2, "Officials can improve open data policy from the inside, where it makes their own daily work easier."),
    ("role", "official", "lab", 1, "A lab lets officials experiment with designers, researchers and developers, but it depends on political decisions."),
    ("role", "official", "hackathon", 1, "Bring real problems to a hackathon and plan how your office takes the results forward."),
    ("role", "civic", "scaling", 2, "Civic tech groups can replicate a proven tool in their country, adapting it to local law and politics."),
    ("role", "civic", "meetups", 2, "Meetups and conferences make your group known; many collaborations began with a presentation or a backstage talk."),
    ("role", "civic", "training", 1, "Training officials builds relations with them and shows you the practical problems they face."),
    ("role", "civic", "services", 1, "You can sell services to government, but then you must act like a business, which is hard to combine with watchdog work."),
    ("role", "civic", "hackathon", 1, "A hackathon gathers developers and officials around real problems, if there is a plan for afterwards."),
    ("role", "donor", "fellowship", 2, "Funding fellowships places technologists in government; fund the hand-over to officials too, as fellowships end."),
    ("role", "donor", "scaling", 2, "Funding the replication of a proven tool spreads its impact; check the team has the capacity."),
    ("role", "donor", "hackathon", 1, "Fund hackathons only with a follow-up plan and an evaluation of what officials got out of them."),
    ("role", "donor", "meetups", 1, "Spaces and conferences where civic tech and officials meet are cheap to support and start many collaborations."),
    ("role", "business", "services", 3, "Providing services through public procurement is the business route into civic tech."),
    ("role", "business", "hackathon", 1, "Hosting or sponsoring a hackathon connects you with civic tech groups and officials."),
    ("role", "researcher", "lab", 2, "Labs bring public servants together with researchers, designers and developers."),
    ("role", "researcher", "open-data-policy", 1, "Research on what citizens ask for helps decide which data to open first."),
    ("role", "researcher", "meetups", 1, "Conferences and meetups connect research with practitioners on both sides."),
    # What you want to achieve
    ("goal", "open-data", "open-data-policy", 3, "Start from what citizens ask for in freedom of information requests, then open the most wanted data first."),
    ("goal", "open-data", "training", 1, "Trainings help officials open data and show the obstacles they meet in practice."),
    ("goal", "open-data", "hackathon", 1, "A hackathon can show what open data makes possible, when officials bring real problems."),
    ("goal", "participation", "scaling", 2, "Proven participation platforms can be replicated instead of built anew, adapted to local rules."),
    ("goal", "participation", "services", 1, "Participation platforms are often set up for municipalities as paid services."),
    ("goal", "participation", "lab", 1, "A lab is a place to try new ways of involving citizens together with officials."),
    ("goal", "services", "services", 3, "Better public services are often built by outside teams through procurement with flexible rules."),
    ("goal", "services", "fellowship", 2, "Fellows work on public services from inside government, with officials and users."),
    ("goal", "services", "lab", 2, "Labs experiment with new ways of solving old problems in public services."),
    ("goal", "transparency", "open-data-policy", 2, "Open data policies make information available by default, not only on request."),
    ("goal", "transparency", "scaling", 2, "Transparency tools, such as election monitoring apps, have been replicated across borders."),
    ("goal", "transparency", "hackathon", 1, "A hackathon on public data can produce watchdog tools, if someone keeps them running."),
    ("goal", "skills", "training", 3, "Trainings raise officials' digital skills and put civic tech and government on the same page."),
    ("goal", "skills", "meetups", 2, "Regular meetups and hacknights keep people learning from each other."),
    ("goal", "skills", "fellowship", 1, "Working next to a fellow teaches officials new ways of working, if they are trained to carry on."),
    # How much time you have
    ("time", "weeks", "hackathon", 2, "A hackathon fits in weeks; plan beforehand how officials will use the results, or they fade."),
    ("time", "weeks", "meetups", 2, "A meetup or hacknight can start within weeks."),
    ("time", "weeks", "training", 1, "A training can be prepared in weeks."),
    ("time", "weeks", "scaling", -2, "Scaling a tool takes time and meets surprising obstacles; weeks are rarely enough."),
    ("time", "weeks", "lab", -2, "A lab is a long-term commitment that weeks cannot cover."),
    ("time", "weeks", "open-data-policy", -1, "An open data policy takes longer than a few weeks to agree and put in place."),
    ("time", "months", "fellowship", 2, "Fellowships usually run a few months; plan who carries the work on when the fellow leaves."),
    ("time", "months", "training", 1, "A few months allow a series of trainings rather than a single session."),
    ("time", "months", "scaling", 1, "A few months can be enough to adapt an existing tool, if the team has the capacity."),
    ("time", "years", "lab", 2, "Labs need years, and political backing, to show results."),
    ("time", "years", "open-data-policy", 2, "With years ahead you can build a policy and see it applied."),
    ("time", "years", "scaling", 1, "A long horizon lets a replicated tool take root and improve with the original team."),
    ("time", "years", "services", 1, "A long horizon suits service contracts that keep a tool running."),
    ("time", "years", "hackathon", -1, "A one-off hackathon does not use a long horizon; make it part of a longer plan."),
    # Your team
    ("team", "small", "meetups", 1, "A small team can run meetups and hacknights."),
    ("team", "small", "training", 1, "A small team can run trainings, starting with the people who are keen."),
    ("team", "small", "scaling", -1, "Scaling needs IT specialists, other experts and time; check your capacity first."),
    ("team", "small", "lab", -1, "A lab needs a team of its own, with designers, researchers and developers."),
    ("team", "large", "scaling", 2, "You have the capacity scaling demands: IT specialists, experts and time."),
    ("team", "large", "lab", 1, "A large team can staff a lab that mixes public servants with outside experts."),
    ("team", "large", "services", 1, "A large team can deliver and maintain services for government."),
    # Partners
    ("partners", "no", "meetups", 2, "Without partners yet, meetups, hacknights and conferences are where collaborations often begin."),
    ("partners", "no", "hackathon", 1, "A hackathon brings possible partners into one room."),
    ("partners", "no", "fellowship", -1, "A fellowship needs both a committed host office and a fellow; find partners first."),
    ("partners", "yes", "scaling", 1, "Replication goes better when you stay in touch with the team who built the tool."),
    ("partners", "yes", "fellowship", 1, "With a host office and a fellow in view, prepare the fellow's work before the start."),
]


def seed(apps, schema_editor):
    ChooserRule = apps.get_model("insights", "ChooserRule")
    if ChooserRule.objects.exists():
        return
    ChooserRule.objects.bulk_create(
        ChooserRule(question=q, answer=a, collaboration_model=m, weight=w, reason=r)
        for q, a, m, w, r in RULES
    )


def unseed(apps, schema_editor):
    apps.get_model("insights", "ChooserRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("insights", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
