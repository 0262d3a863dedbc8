import re

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from cases.admin import InitiativeLinkInline
from cases.choices import LinkKind, State
from cases.lineage import MAX_DEPTH, MAX_FAMILIES, MAX_NODES, _depths
from cases.models import Initiative, InitiativeLink
from insights.charts import lineage_svg
from tests.factories import (
    CollaborationModelFactory,
    InitiativeFactory,
    InitiativeLinkFactory,
    UserFactory,
    guide_source,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain():
    """Monitorizare Vot (RO) -> replicated in Poland -> adapted in Ukraine; part-of in Romania."""
    origin = InitiativeFactory(title="Monitorizare Vot", slug="monitorizare-vot", countries=["RO"])
    poland = InitiativeFactory(title="Monitorizare Vot Poland", slug="mv-pl", countries=["PL"])
    ukraine = InitiativeFactory(title="Monitor Ukraine", slug="mv-ua", countries=["UA"])
    module = InitiativeFactory(title="Observer training", slug="mv-training", countries=["RO"])
    InitiativeLinkFactory(source=poland, target=origin, kind=LinkKind.REPLICATED_FROM)
    InitiativeLinkFactory(source=ukraine, target=poland, kind=LinkKind.ADAPTED_FROM)
    InitiativeLinkFactory(source=module, target=origin, kind=LinkKind.PART_OF)
    return origin, poland, ukraine, module


def titles(nodes):
    return [node.title for node in nodes]


def test_descendants_are_found_at_any_depth(chain):
    origin, poland, ukraine, module = chain
    lineage = InitiativeLink.objects.lineage_for(origin)
    assert lineage.ancestors == []
    assert set(titles(lineage.descendants)) == {poland.title, ukraine.title, module.title}
    levels = {node.slug: node.level for node in lineage.descendants}
    assert levels == {"mv-pl": 1, "mv-training": 1, "mv-ua": 2}


def test_ancestors_are_found_nearest_first(chain):
    origin, poland, ukraine, _module = chain
    lineage = InitiativeLink.objects.lineage_for(ukraine)
    assert titles(lineage.ancestors) == [poland.title, origin.title]
    assert [node.level for node in lineage.ancestors] == [-1, -2]
    assert lineage.descendants == []


def test_replicated_in_counts_replicas_and_adaptations_not_parts(chain):
    origin, *_ = chain
    lineage = InitiativeLink.objects.lineage_for(origin)
    assert lineage.replication_countries == ["PL", "UA"]
    # Said as a count of this catalogue's cases: a case may spread further than recorded.
    assert lineage.replication_summary == (
        "Case studies in this catalogue replicate or adapt it in 2 countries"
    )


def test_each_descendant_reads_as_a_plain_sentence(chain):
    origin, *_ = chain
    sentences = {
        node.slug: str(node.sentence)
        for node in InitiativeLink.objects.lineage_for(origin).descendants
    }
    assert sentences == {
        # The title already says where.
        "mv-pl": '<a href="/cases/mv-pl/">Monitorizare Vot Poland</a> replicated Monitorizare Vot',
        "mv-ua": '<a href="/cases/mv-ua/">Monitor Ukraine</a> adapted Monitorizare Vot Poland',
        "mv-training": '<a href="/cases/mv-training/">Observer training</a> in Romania is part '
        "of Monitorizare Vot",
    }


def test_lineage_uses_one_query_per_generation(chain, django_assert_num_queries):
    origin, *_ = chain
    # links touching the case, its children, its grandchildren (none further), both ends joined
    with django_assert_num_queries(3):
        lineage = InitiativeLink.objects.lineage_for(origin)
        str(lineage_svg(lineage))
    assert not lineage.truncated


def test_unpublished_cases_never_appear(chain):
    origin, poland, ukraine, _module = chain
    Initiative.objects.filter(pk=poland.pk).update(state=State.DRAFT)
    assert poland.title not in titles(InitiativeLink.objects.lineage_for(origin).descendants)
    assert titles(InitiativeLink.objects.lineage_for(ukraine).ancestors) == []
    poland.refresh_from_db()
    assert not InitiativeLink.objects.lineage_for(poland)


def test_case_without_links_has_an_empty_lineage():
    assert not InitiativeLink.objects.lineage_for(InitiativeFactory())


def test_a_link_to_itself_is_refused():
    case = InitiativeFactory()
    link = InitiativeLink(source=case, target=case, kind=LinkKind.REPLICATED_FROM)
    with pytest.raises(ValidationError):
        link.full_clean()


def test_a_two_step_loop_is_refused():
    a, b = InitiativeFactory(), InitiativeFactory()
    InitiativeLinkFactory(source=b, target=a)
    with pytest.raises(ValidationError, match="its own ancestor"):
        InitiativeLink(source=a, target=b, kind=LinkKind.ADAPTED_FROM).full_clean()


def test_a_three_step_loop_is_refused_and_named():
    a = InitiativeFactory(title="Alpha")
    b = InitiativeFactory(title="Beta")
    c = InitiativeFactory(title="Gamma")
    InitiativeLinkFactory(source=b, target=a)
    InitiativeLinkFactory(source=c, target=b)
    link = InitiativeLink(source=a, target=c, kind=LinkKind.PART_OF)
    with pytest.raises(ValidationError) as error:
        link.full_clean()
    assert "Alpha → Gamma → Beta → Alpha" in str(error.value)


def test_a_loop_through_drafts_is_refused_too():
    a, b, c = InitiativeFactory(), InitiativeFactory(state=State.DRAFT), InitiativeFactory()
    InitiativeLinkFactory(source=b, target=a)
    InitiativeLinkFactory(source=c, target=b)
    with pytest.raises(ValidationError):
        InitiativeLink(source=a, target=c, kind=LinkKind.PART_OF).full_clean()


def test_a_diamond_is_not_a_loop():
    a, b, c, d = (InitiativeFactory() for _ in range(4))
    InitiativeLinkFactory(source=b, target=a)
    InitiativeLinkFactory(source=c, target=a)
    InitiativeLinkFactory(source=d, target=b)
    InitiativeLink(source=d, target=c, kind=LinkKind.ADAPTED_FROM).full_clean()


def test_editing_an_existing_link_is_checked_without_itself():
    a, b = InitiativeFactory(), InitiativeFactory()
    link = InitiativeLinkFactory(source=b, target=a)
    link.kind = LinkKind.ADAPTED_FROM
    link.full_clean()


def admin_formset(parent, rows, provenance=None):
    request = RequestFactory().post("/")
    request.user = UserFactory(is_superuser=True)
    inline = InitiativeLinkInline(Initiative, site)
    FormSet = inline.get_formset(request, parent)
    data = {
        "links_out-TOTAL_FORMS": str(len(rows)),
        "links_out-INITIAL_FORMS": "0",
        "links_out-MIN_NUM_FORMS": "0",
        "links_out-MAX_NUM_FORMS": "1000",
    }
    for index, (kind, target) in enumerate(rows):
        data[f"links_out-{index}-kind"] = kind
        data[f"links_out-{index}-target"] = str(target.pk)
        if provenance is not None:
            data[f"links_out-{index}-provenance"] = str(provenance.pk)
    return FormSet(data, instance=parent, prefix="links_out")


def test_admin_inline_refuses_a_loop_with_a_clear_message():
    a = InitiativeFactory(title="Alpha")
    b = InitiativeFactory(title="Beta")
    c = InitiativeFactory(title="Gamma")
    InitiativeLinkFactory(source=b, target=a)
    InitiativeLinkFactory(source=c, target=b)
    formset = admin_formset(a, [(LinkKind.REPLICATED_FROM, c)])
    assert not formset.is_valid()
    messages = " ".join(str(e) for e in formset.errors) + " ".join(formset.non_form_errors())
    assert "its own ancestor" in messages
    assert "Alpha → Gamma → Beta → Alpha" in messages
    assert not InitiativeLink.objects.filter(source=a).exists()


def test_admin_inline_accepts_a_plain_link():
    a, b = InitiativeFactory(), InitiativeFactory()
    formset = admin_formset(b, [(LinkKind.REPLICATED_FROM, a)], provenance=guide_source(b))
    assert formset.is_valid(), formset.errors
    formset.save()
    assert InitiativeLink.objects.get(source=b).target == a


def test_case_lineage_include_lists_and_draws_both_directions(chain):
    _origin, poland, *_ = chain
    html = Template("{% load insights_tags %}{% case_lineage case %}").render(
        Context({"case": poland})
    )
    assert 'href="/cases/monitorizare-vot/"' in html
    assert 'href="/cases/mv-ua/"' in html
    assert "Case studies in this catalogue replicate or adapt it in 1 country" in html
    assert '<a href="/cases/mv-ua/">Monitor Ukraine</a> adapted Monitorizare Vot Poland' in html
    assert 'aria-current="page"' in html
    assert "<title" in html and "<desc" in html


def test_model_lineage_include_draws_the_models_families(chain):
    origin, poland, ukraine, _module = chain
    scaling = CollaborationModelFactory(slug="scaling")
    poland.collaboration_models.set([scaling])
    lonely = InitiativeFactory(models=[scaling])
    html = Template("{% load insights_tags %}{% model_lineage model %}").render(
        Context({"model": scaling})
    )
    assert f'href="/cases/{origin.slug}/"' in html
    assert f'href="/cases/{ukraine.slug}/"' in html
    assert lonely.slug not in html
    assert "Monitor Ukraine</a> adapted Monitorizare Vot Poland" in html
    [family] = InitiativeLink.objects.families([poland.pk])
    assert {node.slug: node.level for node in family.descendants}["mv-ua"] == 2


def test_a_models_linked_cases_are_read_from_the_ends_of_its_links(chain):
    """One IN over both ends of every link: an OR of two INs made PostgreSQL test each
    case of the table (90 ms at 100,000 cases with no link at all)."""
    _origin, poland, _ukraine, _module = chain
    scaling = CollaborationModelFactory(slug="scaling")
    poland.collaboration_models.set([scaling])
    with CaptureQueriesContext(connection) as queries:
        found = InitiativeLink.objects.model_families(scaling)
    assert found.families
    first = queries.captured_queries[0]["sql"]
    assert " UNION " in first and " OR " not in first.split("HAVING")[0]


def long_chain(length, model=None):
    """``length`` published cases, each replicated from the one before (bulk-built)."""
    cases = Initiative.objects.bulk_create(
        Initiative(
            title=f"Step {n:04d}",
            slug=f"step-{n}",
            summary="A replica.",
            collaboration="direct",
            initiator_kind="civic",
            countries=["PL" if n % 2 else "RO"],
            state=State.PUBLISHED,
        )
        for n in range(length)
    )
    InitiativeLink.objects.bulk_create(
        InitiativeLink(source=child, target=parent, kind=LinkKind.REPLICATED_FROM)
        for parent, child in zip(cases, cases[1:], strict=False)
    )
    if model is not None:
        through = Initiative.collaboration_models.through
        through.objects.bulk_create(
            through(initiative=case, collaborationmodel=model) for case in cases
        )
    return cases


def test_a_case_deep_in_a_long_chain_shows_its_nearest_generations(
    client, django_assert_num_queries
):
    cases = long_chain(1501)
    middle = cases[750]
    # MAX_DEPTH generations each way, then one more to learn that the chain goes on
    with django_assert_num_queries(MAX_DEPTH + 1):
        lineage = InitiativeLink.objects.lineage_for(middle)
        str(lineage_svg(lineage))
    assert lineage.truncated
    assert [node.level for node in lineage.ancestors] == list(range(-1, -MAX_DEPTH - 1, -1))
    assert [node.level for node in lineage.descendants] == list(range(1, MAX_DEPTH + 1))
    assert lineage.replication_countries == ["PL", "RO"]
    response = client.get(f"/cases/{middle.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert len(html) < 200_000
    assert "only the nearest generations" in html
    assert html.count('href="/cases/step-') < 4 * (2 * MAX_DEPTH + 1) + 20


def test_a_hub_with_many_replicas_draws_at_most_the_node_bound():
    hub = InitiativeFactory(title="Hub")
    replicas = InitiativeFactory.create_batch(MAX_NODES + 10)
    InitiativeLink.objects.bulk_create(
        InitiativeLink(source=replica, target=hub, kind=LinkKind.ADAPTED_FROM)
        for replica in replicas
    )
    lineage = InitiativeLink.objects.lineage_for(hub)
    assert len(lineage.nodes) == MAX_NODES
    assert lineage.truncated


def test_a_model_page_with_a_long_chain_is_bounded(client, django_assert_num_queries):
    scaling = CollaborationModelFactory(slug="scaling")
    cases = long_chain(1501, model=scaling)
    # the model's best-linked cases, one query per generation (plus one beyond the
    # last), how many linked cases were left out
    with django_assert_num_queries(MAX_DEPTH + 3):
        html = Template("{% load insights_tags %}{% model_lineage model %}").render(
            Context({"model": scaling})
        )
    assert "This family goes on further" in html
    assert "more case studies of this model are linked" in html
    assert html.count("<svg") <= MAX_FAMILIES
    response = client.get("/models/scaling/")
    assert response.status_code == 200
    assert len(response.content) < 400_000
    [first, *_] = InitiativeLink.objects.families([cases[0].pk])
    assert len(first.descendants) == MAX_DEPTH + 1


def test_families_start_from_many_cases_and_merge_when_they_meet():
    a, b, c = InitiativeFactory(title="A"), InitiativeFactory(title="B"), InitiativeFactory()
    d, e = InitiativeFactory(title="D"), InitiativeFactory(title="E")
    InitiativeLinkFactory(source=b, target=a)
    InitiativeLinkFactory(source=c, target=b)
    InitiativeLinkFactory(source=e, target=d)
    groups = InitiativeLink.objects.families([a.pk, c.pk, d.pk])
    assert [len(group.descendants) for group in groups] == [3, 2]
    assert {node.pk: node.level for node in groups[0].descendants} == {a.pk: 0, b.pk: 1, c.pk: 2}
    assert not any(group.truncated for group in groups)


def test_levels_of_a_very_long_chain_need_no_recursion():
    length = 5000
    parents = {n: {n - 1} for n in range(1, length)}
    parents[0] = {length - 1}  # a loop left by a raw import is ignored, not followed
    level = _depths(set(range(length)), parents)
    assert sorted(level.values()) == list(range(length))


def test_lineage_boxes_wrap_long_titles_instead_of_cutting_them(chain):
    _origin, poland, *_ = chain
    poland.title = "Monitorizare Vot in Poland for the local elections of 2018"
    poland.save()
    svg = str(lineage_svg(InitiativeLink.objects.lineage_for(poland)))
    assert "…" not in svg
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert "Monitorizare Vot in Poland for the local elections of 2018" in " ".join(lines)
