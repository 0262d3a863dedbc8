"""The seed catalogue says where every fact comes from, and tags only what the guide supports.

Runs in CI with the rest of the suite: a lesson, a role, a lineage link or a stated fact
of a case without a source fails it, and so does a model tag that is not in the allowed
list below, each entry justified by the guide's definition of the model.
"""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from cases import provenance
from cases.choices import InitiatorKind
from cases.models import Initiative, InitiativeLink, Involvement, Lesson, Source
from tests.catalogue import kept_for_module

pytestmark = pytest.mark.django_db

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "atlas.json"

# The guide's definitions (section "Models of Collaboration", from p. 15), in short:
# fellowship: periodical collaboration between an IT or civic tech activist and government;
# services: civic tech delivering to government through regular channels such as
#   procurement; hackathon: an event where people come together to solve problems;
# scaling: civic tech organisations replicating a tool in another environment;
# training: raising the competences of public officials; open-data-policy: helping officials
#   build open data policies; lab: government innovation centres; meetups: spaces, meetups,
#   hacknights and conferences where people get to know each other and their work.
ALLOWED_MODELS = {
    # "In Poland, Consul is an example of paid services provided by external actors."
    "consul-in-poland": {"services"},
    # Activists from other countries joined the project and took it to most of Europe:
    # a tool replicated in other environments by civic groups.
    "luftdaten-info": {"scaling"},
    # The Bulgarian activists who joined luftdaten.info and took it to Bulgaria.
    "airbg-info": {"scaling"},
    # The guide's own scaling example: the Romanian app taken to Poland.
    "monitorizare-vot": {"scaling"},
    "monitorizare-vot-poland": {"scaling"},
    # Peer learning among members (meetups) and the shared election-monitoring tool,
    # Monitorizare Vot, carried across the network (scaling).
    "code-for-all": {"meetups", "scaling"},
    # The guide points to the Code for All and Code for America fellowship programmes.
    "code-for-all-fellowship": {"fellowship"},
    "code-for-america-fellowship": {"fellowship"},
    # Etalab facilitates hackathons, within the movement of activists building open data
    # policies and standards with government.
    "etalab-open-data-hackathons": {"hackathon", "open-data-policy"},
    # A network whose working groups are a space for peer learning across countries.
    "transparencee": {"meetups"},
    # The guide's two lab examples.
    "mindlab": {"lab"},
    "dublin-innovation-lab": {"lab"},
    # The conferences at which the guide's authors discussed its cases.
    "heroes-of-tech-2018": {"meetups"},
    "tictec-2019": {"meetups"},
    "pdf-cee-2019": {"meetups"},
}
# Cases the guide cites without assigning them to a model: no tag at all.
UNTAGGED = {
    "consul", "decidim", "manabalss-lv", "prozorro", "fragdenstaat", "asktheeu",
    "digital-whistleblower", "record", "red-flags", "grand-debat-national",
    "open-contracting-partnership", "civica-uk-local-governments",
    "uk-smart-city-urban-planning",
}  # fmt: skip
# The guide's sections as its table of contents names them, with their first page.
GUIDE_SECTIONS = {
    "Introduction": 2,
    "Collaboration as an immanent factor of the modern democracy.": 3,
    "The Hard Task of Identifying Examples of Collaboration": 4,
    "Collaboration as a Process": 6,
    "Who is Collaborating?": 8,
    "Origins of Collaboration. Why we choose to collaborate?": 11,
    "Collaboration as the Tool for Mutual Understanding": 13,
    "Models of Collaboration": 15,
    "Let's Dig into Details. Case Studies on Models of Collaboration": 18,
    "The Future of Collaboration": 22,
}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    # The test database starts empty: this is a fresh install loading the seed.
    with kept_for_module(django_db_blocker):
        call_command("seed_catalogue", verbosity=0)
        yield


def test_the_fixture_loads_whole_into_an_empty_database(seeded):
    records = json.loads(FIXTURE.read_text(encoding="utf-8"))
    expected = {}
    for record in records:
        expected[record["model"]] = expected.get(record["model"], 0) + 1
    assert Initiative.objects.count() == expected["cases.initiative"]
    assert Lesson.objects.count() == expected["cases.lesson"]
    assert Source.objects.count() == expected["cases.source"]
    assert Involvement.objects.count() == expected["cases.involvement"]
    assert InitiativeLink.objects.count() == expected["cases.initiativelink"]


def test_every_model_tag_is_one_the_guide_supports(seeded):
    assert set(ALLOWED_MODELS).isdisjoint(UNTAGGED)
    for case in Initiative.objects.prefetch_related("collaboration_models"):
        tags = {model.slug for model in case.collaboration_models.all()}
        assert case.slug in ALLOWED_MODELS or case.slug in UNTAGGED, (
            f"{case.slug}: add it to ALLOWED_MODELS, with the guide's reason, or to UNTAGGED"
        )
        assert tags <= ALLOWED_MODELS.get(case.slug, set()), case.slug


@pytest.mark.parametrize("model", [Lesson, Involvement], ids=["lessons", "roles"])
def test_every_lesson_and_role_cites_one_of_its_case_sources(seeded, model):
    for row in model.objects.select_related("provenance"):
        assert row.provenance is not None, f"{row} has no source"
        assert row.provenance.initiative_id == row.initiative_id, row


def test_every_lineage_link_cites_a_source_of_the_deriving_case(seeded):
    for link in InitiativeLink.objects.select_related("provenance"):
        assert link.provenance is not None, f"{link} has no source"
        assert link.provenance.initiative_id == link.source_id, link


def test_every_stated_fact_of_a_case_has_a_source(seeded):
    for case in Initiative.objects.all():
        assert provenance.unsourced_case_facts(case) == {}, case.slug
        for name in provenance.CASE_FACTS:
            source = getattr(case, name)
            assert source is None or source.initiative_id == case.pk, (case.slug, name)


def test_a_case_names_its_initiator_only_when_a_source_does(seeded):
    for case in Initiative.objects.prefetch_related("involvements"):
        initiators = [i for i in case.involvements.all() if i.role == "initiator"]
        if case.initiator_kind == InitiatorKind.UNKNOWN:
            assert not initiators, case.slug


def test_the_guide_is_cited_by_section_and_other_sources_by_address(seeded):
    for source in Source.objects.all():
        if source.is_guide:
            assert source.title.startswith("Social Innovation in Digital Democracy Era")
            assert any(
                f"“{section}” (from p. {page})" in source.locator
                for section, page in GUIDE_SECTIONS.items()
            ), source.locator
        else:
            # An outside fact is kept only with a source one can open and check.
            assert source.url.startswith("https://"), source


def test_every_case_cites_the_guide(seeded):
    for case in Initiative.objects.prefetch_related("sources"):
        assert any(source.is_guide for source in case.sources.all()), case.slug


def test_the_guides_spelling_of_manabalss_finds_it(seeded):
    found = Initiative.objects.published().search("ManaBalls.lv")
    assert "manabalss-lv" in {case.slug for case in found}
