import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory

from cases.admin import InitiativeLinkInline
from cases.choices import LinkKind, State
from cases.lineage import families, lineage_for
from cases.models import Initiative, InitiativeLink
from tests.factories import (
    CollaborationModelFactory,
    InitiativeFactory,
    InitiativeLinkFactory,
    UserFactory,
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
    lineage = lineage_for(origin)
    assert lineage.ancestors == []
    assert set(titles(lineage.descendants)) == {poland.title, ukraine.title, module.title}
    levels = {node.slug: node.level for node in lineage.descendants}
    assert levels == {"mv-pl": 1, "mv-training": 1, "mv-ua": 2}


def test_ancestors_are_found_nearest_first(chain):
    origin, poland, ukraine, _module = chain
    lineage = lineage_for(ukraine)
    assert titles(lineage.ancestors) == [poland.title, origin.title]
    assert [node.level for node in lineage.ancestors] == [-1, -2]
    assert lineage.descendants == []


def test_replicated_in_counts_replicas_and_adaptations_not_parts(chain):
    origin, *_ = chain
    lineage = lineage_for(origin)
    assert lineage.replication_countries == ["PL", "UA"]
    assert lineage.replication_summary == "Replicated in 2 countries"


def test_lineage_uses_one_query(chain, django_assert_num_queries):
    origin, *_ = chain
    # 1: every link between published cases, with both ends joined
    with django_assert_num_queries(1):
        lineage = lineage_for(origin)
        str(lineage.svg)


def test_unpublished_cases_never_appear(chain):
    origin, poland, ukraine, _module = chain
    Initiative.objects.filter(pk=poland.pk).update(state=State.DRAFT)
    assert poland.title not in titles(lineage_for(origin).descendants)
    assert titles(lineage_for(ukraine).ancestors) == []
    poland.refresh_from_db()
    assert not lineage_for(poland)


def test_case_without_links_has_an_empty_lineage():
    assert not lineage_for(InitiativeFactory())


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


def admin_formset(parent, rows):
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
    formset = admin_formset(b, [(LinkKind.REPLICATED_FROM, a)])
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
    assert "Replicated in 1 country" in html
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
    [family] = families([poland.pk])
    assert {node.slug: node.level for node in family.descendants}["mv-ua"] == 2
