"""The four pages a public catalogue needs, published, and who may edit and publish them.

Editors may write pages and submit them for review; Reviewers may also publish. Only
pages missing from the table are created, so editors' versions are never overwritten.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils import timezone

ABOUT = """\
Collab Atlas collects case studies of collaboration between civic tech organisations \
and governments. It is for civic tech activists looking for ways to work with public \
institutions, for public officials choosing how to work with civic groups, for editors \
who keep the catalogue up to date, and for researchers and journalists who cite or \
reuse its data.

## The framework

The catalogue follows the framework of the guide *Social Innovation in Digital \
Democracy Era. Towards Synergies between Citizens and Governments*, by Krzysztof \
Izdebski and Aleksandra Kamińska (ePaństwo Foundation), written in the DSI4EU project \
funded by the European Commission. Every case study is described along the same lines:

- **Form of collaboration.** *Direct*: a government and civil society work together \
openly. *Indirect*: civic groups cooperate with each other to increase their influence \
on the authorities and on the public good, often where governments are less responsive.
- **Who initiated it**: a civic tech group or civil society organisation, a central or \
local government, a donor, a business, or a university or research institute.
- **Model of collaboration**: fellowships and internships; providing services to \
governments, public procurement included; hackathons; scaling or replicating a tool; \
trainings for public officials; improving open data policies; government innovation \
labs; and spaces, meetups, hacknights and conferences. Each model has its own page with \
the guide's recommendations, in our words.
- **Motivations**: finances, organisational aspects, sustainability, the quality of the \
project and the impact of its activities. They often appear together.
- **The guide's six questions**: what the project aims at; how it is funded; who \
initiated the collaboration; which model it follows; what was learnt and what was \
hardest; and what would improve similar innovations.

## How cases are chosen

A case belongs in the atlas when it documents a collaboration in the field of digital \
democracy (participation, transparency, open data, public services, election \
monitoring and the like) either between civic tech and government or among civic \
groups working to influence government. The first cases are the examples the guide \
discusses. Anyone can suggest a new case or a correction with the [suggestion \
form](/suggest/); an editor checks each suggestion, and nothing reaches the public \
site until a reviewer has published it.

## How cases are classified

Editors classify each case by the guide's definitions. A case is tagged with a model \
of collaboration only when it fits the guide's definition of that model, and with a \
motivation only when a source says so. When the evidence does not settle a question, \
the field stays empty rather than guessed.

## Where the facts come from

- Every fact in a case study comes from the guide or from a source cited on the case's \
page. Where neither says anything, the case says so instead of filling the gap.
- The lessons shown with a case are the ones drawn from that case. The guide's general \
advice stays on the pages of the models of collaboration.
- Everything is written in our own words; quotations are marked and attributed.
- The addresses of sources and websites are checked for broken links, and the editors \
see which ones no longer work.
- Every case page offers a link to propose a correction.

## Who runs the atlas

An editorial team runs the atlas: editors write and update case studies, and \
reviewers check them before they are published. The guide and its authors are cited as \
the source of the framework; citing them does not mean that they endorse this \
catalogue. You can reach the team at the address below.

## Open data

The catalogue's content is open data under the Creative Commons \
Attribution-ShareAlike 4.0 licence: the [open data page](/data/) offers downloads, an \
API and dated releases. The software is free software under the GNU Affero General \
Public License, version 3 or later.
"""

PRIVACY = """\
This notice explains what Collab Atlas records about the people who use it, why, for \
how long, and how to have it deleted.

## Reading the atlas

Reading the public pages needs no account. The atlas uses no analytics or advertising \
services and sets no tracking cookies. Two technical cookies can appear: a security \
token when you open the suggestion form (it protects the form against forgery), and a \
short-lived cookie carrying a one-time notice, for example when an answer in the model \
chooser could not be used. The servers hosting the atlas may keep ordinary technical \
logs of requests for security and operation.

## Suggesting a case or a correction

The [suggestion form](/suggest/) asks about the initiative you suggest. Editors and \
reviewers read your answers in the atlas's administration; they may become part of a \
case study after an editor has checked and rewritten them.

You may also give your **e-mail address**. It is optional, and it is kept only if you \
tick at least one of two boxes, a rule the database itself enforces:

- **"You may contact me about this suggestion"**: the editors may write to you with \
questions about it.
- **"Tell me what happens to my suggestion"**: you get one e-mail when an editor \
accepts or declines it, with the editor's reason.

Only editors and reviewers see your address. It is never published, and it is never \
part of the open data, the API or the downloads.

**How long we keep it.** If you only asked to be told what happens, your address is \
deleted automatically as soon as that e-mail has been sent. If you agreed to be \
contacted, your address stays with your suggestion for as long as the suggestion is \
kept in the moderation records, until you ask us to delete it.

**What we do not keep.** Your IP address is not stored with your suggestion. To stop \
floods of submissions, the atlas keeps a fingerprint of it, made with a secret key, \
which cannot be turned back into the address. A count of recent submissions from each \
fingerprint is kept for at most an hour.

## Editors' accounts

Editors and reviewers sign in with accounts that record their name, e-mail address \
and what they changed in the catalogue (the history of each record). Failed sign-in \
attempts are recorded with the user name and the IP address so that repeated guessing \
can be locked out.

## Your rights

You can ask to see the data we hold about you, to have it corrected, or to have your \
e-mail address deleted from your suggestion: write to the address below, naming the \
suggestion and the address you used. If you live in the European Union, you also have \
the right to complain to your national data protection authority.
"""

ACCESSIBILITY = """\
The team running Collab Atlas wants everyone to be able to use it. We follow the \
model accessibility statement of the European Union's Web Accessibility Directive \
(Directive (EU) 2016/2102) voluntarily. This statement applies to the public pages of \
the atlas.

## Compliance status

The atlas is **partially compliant** with the harmonised European standard EN 301 549 \
and the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA, because of the \
exceptions and gaps listed below.

## Non-accessible content

- **API documentation.** The interactive API documentation is a third-party \
component (Swagger UI) that has not been assessed; it may be hard to use with a \
keyboard or a screen reader. The API itself and its schema are plain JSON.
- **Linked websites.** Case studies link to the websites of initiatives and to their \
sources. These are outside our control and may not be accessible.
- **Editors' texts.** Case studies are written by editors in Markdown. We check the \
structure of the pages, but a text may still contain, for example, a link whose wording \
does not say where it leads. Please tell us when you meet one.

Charts and maps on the insights pages are each accompanied by a table with the same \
figures, and every page works without JavaScript.

## Preparation of this statement

This statement was prepared on 27 November 2026. It is based on a self-assessment by \
the team that builds the atlas: automated checks with axe-core against WCAG 2.1 level \
A and AA rules on the main public pages, at desktop and phone widths, run with every \
change to the software, and browser tests of keyboard focus in interactive parts such \
as the model chooser.

## Feedback and contact

If you meet a barrier on the atlas, or need content in a different format, write to us \
at the address below. Tell us the address of the page and what went wrong; we will \
answer and, where we can, fix the problem or send you the content in another way.

## Enforcement procedure

If our answer does not satisfy you, you can turn to the body that monitors and \
enforces web accessibility rules in your country. The European Commission's \
[web accessibility page](https://digital-strategy.ec.europa.eu/en/policies/web-accessibility) \
explains the directive and links to the national bodies.
"""

CONTACT = """\
Write to the team that runs Collab Atlas at the address below, for example:

- to point out a mistake in a case study (the link *propose a correction* on each case \
page is quicker, and an editor sees it at once);
- to ask us to delete your e-mail address from a suggestion you sent (see the \
[privacy notice](/privacy/));
- to report an accessibility barrier (see the \
[accessibility statement](/accessibility/));
- with questions about reusing the data (see the [open data page](/data/)).

To suggest a new case study, please use the [suggestion form](/suggest/): it asks the \
questions the editors need answered.
"""

PAGES = [
    (
        "about",
        "About and methodology",
        "What Collab Atlas is, the guide's framework it follows, how cases are chosen "
        "and classified, and where every fact comes from.",
        ABOUT,
    ),
    (
        "privacy",
        "Privacy notice",
        "What Collab Atlas records when you read it or suggest a case, how long it "
        "keeps your e-mail address and how to have it deleted.",
        PRIVACY,
    ),
    (
        "accessibility",
        "Accessibility statement",
        "How accessible Collab Atlas is, what is not yet, and how to tell us about a "
        "barrier.",
        ACCESSIBILITY,
    ),
    (
        "contact",
        "Contact",
        "How to reach the team that runs Collab Atlas.",
        CONTACT,
    ),
]

EDITOR_CODENAMES = ["view_page", "add_page", "change_page", "view_historicalpage"]
REVIEWER_CODENAMES = [*EDITOR_CODENAMES, "publish_page"]


def seed(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    now = timezone.now()
    for slug, title, summary, body in PAGES:
        if not Page.objects.filter(slug=slug).exists():
            Page.objects.create(
                slug=slug,
                title=title,
                summary=summary,
                body=body,
                state="published",
                created_at=now,
                updated_at=now,
            )


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("pages")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in [("Editors", EDITOR_CODENAMES), ("Reviewers", REVIEWER_CODENAMES)]:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="pages", codename__in=codenames)
        )


def unseed(apps, schema_editor):
    apps.get_model("pages", "Page").objects.filter(slug__in=[p[0] for p in PAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("cases", "0002_editor_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
