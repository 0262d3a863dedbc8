"""Query logic for the chooser, the comparison and the charts (one query per chart)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber

from cases.choices import CollaborationForm, InitiatorKind
from cases.facets import FACETS, count_by, facet_counts, list_total
from cases.filters import CaseFilterSet
from cases.models import Initiative
from collab_atlas import translated
from models_of_collab.models import CollaborationModel, Motivation, Recommendation

from .models import ChooserRule

CASES_PER_MODEL = 5
# The chooser shows the few best fits; the models page lists them all.
TOP_MODELS = 3


@dataclass
class Recommended:
    model: CollaborationModel
    score: int = 0
    reasons: list = field(default_factory=list)
    caveats: list = field(default_factory=list)
    cases: list = field(default_factory=list)
    case_count: int = 0


def rank(rules, answers, order, limit=TOP_MODELS):
    """Model slugs ranked by the summed weight of the ``rules`` that ``answers`` match.

    Only models scoring above zero count; ties follow ``order`` (slug -> the guide's
    position). Returns [(slug, score, matching rules)] for the first ``limit``.
    """
    scores, matched = Counter(), defaultdict(list)
    for rule in rules:
        if answers.get(rule.question) == rule.answer:
            scores[rule.collaboration_model] += rule.weight
            matched[rule.collaboration_model].append(rule)
    positive = [slug for slug, score in scores.items() if score > 0 and slug in order]
    positive.sort(key=lambda slug: (-scores[slug], order[slug], slug))
    return [(slug, scores[slug], matched[slug]) for slug in positive[:limit]]


def recommend(answers, limit=TOP_MODELS):
    """The ``limit`` collaboration models that best fit ``answers``, best first.

    Each carries the reasons (rules pulling towards it, strongest first) and caveats
    (rules pulling away). Queries: rules, models, their recommendations, and up to
    CASES_PER_MODEL published cases behind each with their number.
    """
    if not answers:
        return []
    matching = ChooserRule.objects.none()
    for question, answer in answers.items():
        matching |= ChooserRule.objects.filter(question=question, answer=answer)
    rules = list(matching.order_by("-weight", "pk"))
    if not any(rule.weight > 0 for rule in rules):
        return []
    # The guide's order breaks ties; reading it with the models keeps the query count.
    all_models = {
        model.slug: model
        for model in CollaborationModel.objects.filter(
            slug__in={rule.collaboration_model for rule in rules}
        ).prefetch_related(
            Prefetch("recommendations", queryset=Recommendation.objects.order_by("order", "pk"))
        )
    }
    order = {slug: (model.order, model.name) for slug, model in all_models.items()}
    ranked = rank(rules, answers, order, limit)
    if not ranked:
        return []
    results = {
        slug: Recommended(
            model=all_models[slug],
            score=score,
            reasons=[rule for rule in matched if rule.weight > 0],
            caveats=[rule for rule in matched if rule.weight < 0],
        )
        for slug, score, matched in ranked
    }
    # The first few cases of each model and each model's total, ranked in SQL so that
    # only CASES_PER_MODEL rows per model leave the database.
    per_model = {"partition_by": F("collaborationmodel_id")}
    rows = (
        Initiative.collaboration_models.through.objects.filter(
            initiative__in=Initiative.objects.published(), collaborationmodel__slug__in=results
        )
        .annotate(
            rank=Window(
                RowNumber(), order_by=[F("initiative__title"), F("initiative_id")], **per_model
            ),
            total=Window(Count("pk"), **per_model),
        )
        .filter(rank__lte=CASES_PER_MODEL)
        .select_related("initiative", "collaborationmodel")
        .order_by("collaborationmodel_id", "rank")
    )
    for row in rows:
        result = results[row.collaborationmodel.slug]
        result.case_count = row.total
        result.cases.append(row.initiative)
    return sorted(results.values(), key=lambda r: (-r.score, r.model.order, r.model.name))


def published_cases(slugs):
    """Published cases for ``slugs`` in the order asked, and the slugs not found."""
    found = {
        case.slug: case
        for case in Initiative.objects.published().filter(slug__in=slugs).for_detail()
    }
    return [found[slug] for slug in slugs if slug in found], [s for s in slugs if s not in found]


# A picker offers a short list; the case list's checkboxes reach every other case.
COMPARE_CHOICES = 12


def case_choices(case=None, *, exclude=(), limit=COMPARE_CHOICES):
    """Up to ``limit`` published cases as (slug, title), for "compare with…" pickers.

    Cases sharing the most models and organisations with ``case`` come first (the
    ranking of ``related_to``), then the most recently published.
    """
    if case is None:
        newest = Initiative.objects.published().exclude(slug__in=exclude).newest_first()
        return list(newest.values_list("slug", "title")[:limit])
    ranked = Initiative.objects.related_to(case, limit, exclude, only_sharing=False)
    return [(other.slug, other.title) for other in ranked]


# Charts. Each chart counts the list as filtered, except along its own facet(s):
# a facet the user chose narrows the chart to the chosen values instead, so that
# every mark equals the list it links to (the list ORs values within a facet).


def case_filterset(params):
    filterset = CaseFilterSet(params, queryset=Initiative.objects.published())
    filterset.is_valid()
    return filterset


def count(filterset):
    total = list_total(filterset)
    return filterset.queryset_without().count() if total is None else total


def _chosen(filterset, name):
    return filterset.form.cleaned_data.get(name) or []


def _counts(filterset, name):
    """The facet's counts over the list as filtered along every other facet."""
    return facet_counts(filterset, name)


def model_by_initiator(filterset, models):
    """{(model slug, initiator kind): count}, with the rows and columns to show."""
    rows = [m for m in models if m.slug in _chosen(filterset, "model")] or list(models)
    columns = [c for c in InitiatorKind.choices if c[0] in _chosen(filterset, "initiator")] or list(
        InitiatorKind.choices
    )
    counts = FACETS.cross_counts(
        filterset.queryset_without("model", "initiator"), "model", "initiator"
    )
    return rows, columns, counts


def by_collaboration(filterset):
    counts = _counts(filterset, "collaboration")
    chosen = _chosen(filterset, "collaboration")
    return [
        (value, label, counts.get(value, 0))
        for value, label in CollaborationForm.choices
        if not chosen or value in chosen
    ]


def by_motivation(filterset, motivations):
    counts = _counts(filterset, "motivation")
    chosen = _chosen(filterset, "motivation")
    return [
        (m.slug, m.name_i18n, counts.get(m.slug, 0))
        for m in motivations
        if not chosen or m.slug in chosen
    ]


def by_year(filterset):
    """[(year, count)] from the first to the last start year, gaps as zero; and the
    number of cases without a start year."""
    counts = count_by(filterset.queryset_without(), "start_year")
    undated = counts.pop(None, 0)
    if not counts:
        return [], undated
    years = range(min(counts), max(counts) + 1)
    return [(year, counts.get(year, 0)) for year in years], undated


def by_country(filterset):
    """{alpha-2 code: number of cases}; a case in several countries counts in each."""
    counts = _counts(filterset, "country")
    chosen = _chosen(filterset, "country")
    if chosen:
        counts = Counter({code: n for code, n in counts.items() if code in chosen})
    return counts


def chart_vocabulary():
    """Models and motivations in the guide's order, for labels (two queries)."""
    names = translated.columns("name")
    return list(CollaborationModel.objects.only("slug", "order", *names)), list(
        Motivation.objects.only("slug", "order", *names)
    )
