import itertools

import pytest

from insights.choices import Goal, Partners, Role, Team, Time
from insights.models import ChooserRule
from insights.selectors import rank, recommend
from tests.factories import CollaborationModelFactory, InitiativeFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def models():
    ChooserRule.objects.all().delete()
    return {
        slug: CollaborationModelFactory(slug=slug, order=order)
        for order, slug in enumerate(["fellowship", "hackathon", "training", "lab"])
    }


def rule(question, answer, model, weight, reason="Because."):
    return ChooserRule.objects.create(
        question=question, answer=answer, collaboration_model=model, weight=weight, reason=reason
    )


def slugs(results):
    return [result.model.slug for result in results]


def test_models_are_ranked_by_summed_weight(models):
    rule("role", "official", "training", 2)
    rule("time", "weeks", "training", 1)
    rule("time", "weeks", "hackathon", 2)
    rule("role", "official", "lab", 1)
    rule("time", "weeks", "lab", -2)
    results = recommend({"role": "official", "time": "weeks"})
    assert slugs(results) == ["training", "hackathon"]
    assert [r.score for r in results] == [3, 2]


def test_changing_a_weight_changes_the_ranking(models):
    rule("role", "official", "training", 2)
    hackathon = rule("time", "weeks", "hackathon", 1)
    assert slugs(recommend({"role": "official", "time": "weeks"})) == ["training", "hackathon"]
    hackathon.weight = 5
    hackathon.save()
    assert slugs(recommend({"role": "official", "time": "weeks"})) == ["hackathon", "training"]


def test_ties_follow_the_guides_order(models):
    rule("goal", "skills", "lab", 2)
    rule("goal", "skills", "fellowship", 2)
    assert slugs(recommend({"goal": "skills"})) == ["fellowship", "lab"]


def test_reasons_and_caveats_are_the_rules_that_applied(models):
    rule("time", "years", "lab", 3, "Labs need years.")
    rule("team", "small", "lab", -1, "A lab needs a team.")
    rule("team", "large", "lab", 2, "Not given.")
    [lab] = recommend({"time": "years", "team": "small"})
    assert [r.reason for r in lab.reasons] == ["Labs need years."]
    assert [r.reason for r in lab.caveats] == ["A lab needs a team."]


def test_results_carry_recommendations_and_published_cases_only(models):
    rule("goal", "skills", "training", 2)
    RecommendationFactory(collaboration_model=models["training"], text="Start with the keen.")
    shown = InitiativeFactory(title="Shown", models=[models["training"]])
    InitiativeFactory(title="Hidden", state="draft", models=[models["training"]])
    [training] = recommend({"goal": "skills"})
    assert training.cases == [shown]
    assert training.case_count == 1
    assert [r.text for r in training.model.recommendations.all()] == ["Start with the keen."]


def test_the_page_ranks_and_explains(client, models):
    rule("role", "civic", "hackathon", 3, "Hackathons need a follow-up plan.")
    RecommendationFactory(collaboration_model=models["hackathon"], text="Plan the *follow-up*.")
    case = InitiativeFactory(title="Budget hack", models=[models["hackathon"]])
    response = client.get("/choose/", {"role": "civic", "partners": "no"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Hackathons need a follow-up plan." in html
    assert "<em>follow-up</em>" in html
    assert f'href="/cases/{case.slug}/"' in html
    assert "/choose/?role=civic&amp;partners=no" in html
    assert "<legend>" in html


def test_invalid_answers_are_ignored_with_a_message(client, models):
    rule("role", "civic", "hackathon", 3)
    response = client.get("/choose/", {"role": "civic", "time": "centuries", "goal": "<x>"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("was not one of the choices") == 2
    assert "Hackathon" in html


def test_the_empty_questionnaire_shows_no_results(client, models):
    response = client.get("/choose/")
    assert response.status_code == 200
    assert "Models that fit your answers" not in response.content.decode()


def test_seeded_rules_recommend_training_to_an_official_building_skills(client):
    # The migration's rules, not test data: an official building skills in weeks.
    assert ChooserRule.objects.count() > 40
    for order, slug in enumerate(["fellowship", "services", "hackathon", "scaling", "training"]):
        CollaborationModelFactory(slug=slug, order=order)
    results = recommend({"role": "official", "goal": "skills", "time": "weeks", "team": "small"})
    assert slugs(results)[0] == "training"
    assert "scaling" not in slugs(results)


def test_query_count_is_bounded(client, models, django_assert_num_queries):
    for slug in models:
        rule("role", "official", slug, 1)
    for _ in range(10):
        InitiativeFactory(models=list(models.values()))
    # rules, models, recommendations, a few cases per model with their count
    with django_assert_num_queries(4):
        recommend({"role": "official"})
    with django_assert_num_queries(4):
        client.get("/choose/", {"role": "official"})


@pytest.mark.parametrize("size", [3, 30])
def test_a_few_cases_per_model_are_fetched_whatever_the_catalogue(
    models, size, django_assert_num_queries
):
    rule("role", "official", "training", 1)
    rule("role", "official", "lab", 1)
    for n in range(size):
        InitiativeFactory(title=f"Case {n:02d}", models=[models["training"], models["lab"]])
    InitiativeFactory(title="Case 00 draft", state="draft", models=[models["training"]])
    # rules, models, recommendations, up to five cases per model with the count
    with django_assert_num_queries(4):
        results = recommend({"role": "official"})
    for result in results:
        assert result.case_count == size
        assert [case.title for case in result.cases] == [
            f"Case {n:02d}" for n in range(min(size, 5))
        ]


# The guide's situations, answered with the migration's rules (not test data): who asks,
# what they want and their circumstances -> the model the guide gives for it, first.
GUIDE_ORDER = [
    "fellowship", "services", "hackathon", "scaling", "training", "open-data-policy", "lab",
    "meetups",
]  # fmt: skip
SITUATIONS = [
    # Trainings increase public officials' competencies.
    ({"role": "official", "goal": "skills"}, "training"),
    # Scaling: civic tech groups replicate a tool in another environment.
    ({"role": "civic", "goal": "reuse", "partners": "yes"}, "scaling"),
    # Providing services; agile procurement can work in most public institutions.
    ({"role": "official", "goal": "services"}, "services"),
    # Consul in Poland: a participation platform set up for public bodies as a paid service.
    ({"role": "official", "goal": "participation"}, "services"),
    # A civic group spreading a proven participation platform replicates it.
    ({"role": "civic", "goal": "participation", "team": "large"}, "scaling"),
    # Improving open data policies: start from what citizens ask in FOI requests.
    ({"role": "official", "goal": "open-data", "time": "years"}, "open-data-policy"),
    # Labs: experimenting with new ways of solving old problems.
    ({"role": "official", "goal": "experiment", "time": "years"}, "lab"),
    # Fellowships: periodical collaborations, often a few months.
    ({"role": "official", "goal": "fellows", "time": "months", "partners": "yes"}, "fellowship"),
    # Meetups: people need to know you and your project; find the right people first.
    ({"role": "civic", "goal": "connect", "partners": "no"}, "meetups"),
    # Hackathon: people come together to solve a problem officials bring.
    ({"role": "civic", "goal": "problem", "time": "weeks"}, "hackathon"),
    # Donors should encourage replicating existing tools (Monitorizare Vot went abroad).
    ({"role": "donor", "goal": "transparency"}, "scaling"),
    # The goal weighs most: a small team in a hurry is still pointed to scaling, with caveats.
    ({"role": "civic", "goal": "reuse", "time": "weeks", "team": "small"}, "scaling"),
    # Red Flags relied on an IT company able to build the tool.
    ({"role": "business", "goal": "services"}, "services"),
    # Labs bring public servants together with researchers.
    ({"role": "researcher", "goal": "experiment"}, "lab"),
]


@pytest.fixture
def guide_models():
    return [
        CollaborationModelFactory(slug=slug, order=order)
        for order, slug in enumerate(GUIDE_ORDER, start=1)
    ]


@pytest.mark.parametrize(("answers", "expected"), SITUATIONS, ids=lambda v: str(v))
def test_the_guides_situations_get_the_guides_model_first(guide_models, answers, expected):
    results = recommend(answers)
    assert slugs(results)[0] == expected
    assert len(results) <= 3
    assert all(rule.basis for result in results for rule in result.reasons + result.caveats)


def test_a_hurried_small_team_is_warned_about_scaling(guide_models):
    [scaling, *_] = recommend({"role": "civic", "goal": "reuse", "time": "weeks", "team": "small"})
    caveats = " ".join(rule.reason for rule in scaling.caveats)
    assert "few weeks is rarely enough" in caveats
    assert "check your capacity" in caveats


def test_every_seeded_rule_cites_the_guide():
    rules = list(ChooserRule.objects.all())
    assert len(rules) > 40
    assert all(rule.basis and rule.reason for rule in rules)


def test_the_goal_weighs_most_whatever_else_is_answered():
    rules = list(ChooserRule.objects.all())
    order = {slug: (n, slug) for n, slug in enumerate(GUIDE_ORDER)}
    others = {
        "role": [None, *Role.values],
        "time": [None, *Time.values],
        "team": [None, *Team.values],
        "partners": [None, *Partners.values],
    }
    for goal in Goal.values:
        goal_rules = [r for r in rules if r.question == "goal" and r.answer == goal]
        assert goal_rules, f"no rule for the goal {goal}"
        goal_models = {r.collaboration_model for r in goal_rules}
        strongest = max(rule.weight for rule in goal_rules)
        assert all(r.weight < strongest for r in rules if r.question != "goal")
        primary = {r.collaboration_model for r in goal_rules if r.weight == strongest}
        for combination in itertools.product(*others.values()):
            answers = {q: a for q, a in zip(others, combination, strict=True) if a}
            answers["goal"] = goal
            ranked = [slug for slug, _score, _rules in rank(rules, answers, order)]
            assert ranked[0] in goal_models, answers
            assert primary & set(ranked), answers


def test_the_page_shows_three_models_without_points_and_leads_to_the_results(client, guide_models):
    response = client.get("/choose/", {"role": "official", "goal": "services", "time": "years"})
    html = response.content.decode()
    assert html.count('<li class="card">') == 3
    assert "Fits your answers with" not in html
    assert "points" not in html
    assert 'action="/choose/#results"' in html
    assert 'id="results"' in html
    assert 'tabindex="-1" data-focus-on-load' in html
    assert "js/focus-results" in html
    assert "(The guide: " in html
    assert "/choose/?role=official&amp;goal=services&amp;time=years#results" in html
