"""Query logic for the chooser, the comparison and the charts (one query per chart)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber

from cases.choices import CollaborationForm, InitiatorKind
from cases.filters import CaseFilterSet
from cases.models import Initiative
from models_of_collab.models import CollaborationModel, Motivation, Recommendation

from .models import ChooserRule

CASES_PER_MODEL = 5


@dataclass
class Recommended:
    model: CollaborationModel
    score: int = 0
    reasons: list = field(default_factory=list)
    caveats: list = field(default_factory=list)
    cases: list = field(default_factory=list)
    case_count: int = 0


def recommend(answers):
    """Collaboration models ranked by the summed weight of the rules the answers match.

    Models scoring above zero are returned, highest first; ties follow the guide's order.
    Queries: rules, models, their recommendations, and up to CASES_PER_MODEL published
    cases behind each with their number.
    """
    if not answers:
        return []
    matching = ChooserRule.objects.none()
    for question, answer in answers.items():
        matching |= ChooserRule.objects.filter(question=question, answer=answer)
    rules = list(matching.order_by("-weight", "pk"))
    scores, reasons = Counter(), defaultdict(list)
    for rule in rules:
        scores[rule.collaboration_model] += rule.weight
        reasons[rule.collaboration_model].append(rule)
    chosen = [slug for slug, score in scores.items() if score > 0]
    if not chosen:
        return []
    models = CollaborationModel.objects.filter(slug__in=chosen).prefetch_related(
        Prefetch("recommendations", queryset=Recommendation.objects.order_by("order", "pk"))
    )
    results = {
        model.slug: Recommended(
            model=model,
            score=scores[model.slug],
            reasons=[rule for rule in reasons[model.slug] if rule.weight > 0],
            caveats=[rule for rule in reasons[model.slug] if rule.weight < 0],
        )
        for model in models
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

    Cases sharing the most models and organisations with ``case`` come first, then the
    most recently published. One query; ``case`` needs no prefetching.
    """
    others = Initiative.objects.published().exclude(slug__in=exclude)
    ranked = others.newest_first() if case is None else others.related_to(case)
    return list(ranked.values_list("slug", "title")[:limit])


# Charts. Each chart counts the list as filtered, except along its own facet(s):
# a facet the user chose narrows the chart to the chosen values instead, so that
# every mark equals the list it links to (the list ORs values within a facet).


def case_filterset(params):
    filterset = CaseFilterSet(params, queryset=Initiative.objects.published())
    filterset.is_valid()
    return filterset


def _cases(filterset, *without):
    # A primary-key subquery drops the search rank and ordering before grouping.
    return Initiative.objects.filter(pk__in=filterset.queryset_without(*without).values("pk"))


def count(filterset):
    return filterset.queryset_without().count()


def _chosen(filterset, name):
    return filterset.form.cleaned_data.get(name) or []


def model_by_initiator(filterset, models):
    """{(model slug, initiator kind): count}, with the rows and columns to show."""
    rows = [m for m in models if m.slug in _chosen(filterset, "model")] or list(models)
    columns = [c for c in InitiatorKind.choices if c[0] in _chosen(filterset, "initiator")] or list(
        InitiatorKind.choices
    )
    counts = {
        (row["collaboration_models__slug"], row["initiator_kind"]): row["n"]
        for row in _cases(filterset, "model", "initiator")
        .filter(collaboration_models__isnull=False)
        .values("collaboration_models__slug", "initiator_kind")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    }
    return rows, columns, counts


def by_collaboration(filterset):
    counts = dict(
        _cases(filterset, "collaboration")
        .values_list("collaboration")
        .annotate(n=Count("pk"))
        .order_by()
    )
    chosen = _chosen(filterset, "collaboration")
    return [
        (value, label, counts.get(value, 0))
        for value, label in CollaborationForm.choices
        if not chosen or value in chosen
    ]


def by_motivation(filterset, motivations):
    counts = dict(
        _cases(filterset, "motivation")
        .filter(motivations__isnull=False)
        .values_list("motivations__slug")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    chosen = _chosen(filterset, "motivation")
    return [
        (m.slug, m.name, counts.get(m.slug, 0))
        for m in motivations
        if not chosen or m.slug in chosen
    ]


def by_year(filterset):
    """[(year, count)] from the first to the last start year, gaps as zero; and the
    number of cases without a start year."""
    counts = dict(_cases(filterset).values_list("start_year").annotate(n=Count("pk")).order_by())
    undated = counts.pop(None, 0)
    if not counts:
        return [], undated
    years = range(min(counts), max(counts) + 1)
    return [(year, counts.get(year, 0)) for year in years], undated


def by_country(filterset):
    """{alpha-2 code: number of cases}; a case in several countries counts in each."""
    counts = Counter()
    for value in _cases(filterset, "country").values_list("countries", flat=True):
        codes = value.split(",") if isinstance(value, str) else [str(c) for c in value or []]
        counts.update({code.strip().upper() for code in codes if code.strip()})
    chosen = _chosen(filterset, "country")
    if chosen:
        counts = Counter({code: n for code, n in counts.items() if code in chosen})
    return counts


def chart_vocabulary():
    """Models and motivations in the guide's order, for labels (two queries)."""
    return list(CollaborationModel.objects.only("slug", "name", "order")), list(
        Motivation.objects.only("slug", "name", "order")
    )
