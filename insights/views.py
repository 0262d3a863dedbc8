"""Pages for officials and strategists: the model chooser, comparisons and the overall picture."""

import re

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _

from collab_atlas.links import clean_query, link

from . import charts, comparison, panels, selectors
from .comparison import LIST_PARAMS, MAX_COMPARE, MIN_COMPARE
from .forms import ChooserForm

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")
# Enough to say which of many slugs were unknown without echoing an unbounded list.
MAX_SLUGS_READ = 20


def choose(request):
    form = ChooserForm(request.GET or None)
    answers = {}
    if form.is_bound:
        form.is_valid()
        answers = form.answers()
        for name in form.errors:
            messages.warning(
                request,
                _("Your answer to “%(question)s” was not one of the choices, so we left it out.")
                % {"question": form.fields[name].label if name in form.fields else name},
            )
    return render(
        request,
        "insights/choose.html",
        {
            "form": form,
            "answers": answers,
            "results": selectors.recommend(answers),
            "share_url": link("insights:choose", answers) + "#results",
        },
    )


def parse_slugs(data):
    """Case slugs from ``?cases=a,b`` and/or ``?cases=a&cases=b``, deduplicated, in order."""
    slugs = []
    for value in data.getlist("cases"):
        slugs.extend(part.strip() for part in value.split(","))
    return list(dict.fromkeys(slug for slug in slugs if slug))[:MAX_SLUGS_READ]


def compare(request):
    slugs = parse_slugs(request.GET)
    # Only well-formed slugs reach the database (PostgreSQL rejects NUL characters).
    valid = [slug for slug in slugs if SLUG.fullmatch(slug)]
    cases, unknown = selectors.published_cases(valid) if valid else ([], [])
    unknown = [slug[:50] for slug in slugs if slug not in valid or slug in unknown]
    chosen = [case.slug for case in cases]
    rows = comparison.table(cases)
    if len(cases) < MIN_COMPARE:
        problem = "too_few"
    elif len(cases) > MAX_COMPARE:
        problem = "too_many"
    else:
        problem = None
    return render(
        request,
        "insights/compare.html",
        {
            "cases": cases,
            "unknown": unknown,
            "problem": problem,
            "min_compare": MIN_COMPARE,
            "max_compare": MAX_COMPARE,
            "rows": rows,
            "cards": comparison.cards(cases, rows),
            "choices": (
                selectors.case_choices(cases[0] if cases else None, exclude=chosen)
                if problem == "too_few"
                else []
            ),
            "chosen": chosen,
            "back_url": link("cases:list", request.GET, only=LIST_PARAMS),
            "list_params": [
                (name, value)
                for name, values in clean_query(request.GET, only=LIST_PARAMS).lists()
                for value in values
            ],
        },
        status=200,
    )


def insights(request):
    filterset = selectors.case_filterset(request.GET)
    params = charts.list_params(filterset, request.GET)
    models, motivations = selectors.chart_vocabulary()
    country_counts = selectors.by_country(filterset)
    return render(
        request,
        "insights/insights.html",
        {
            "filterset": filterset,
            "invalid": filterset.invalid_parameters,
            "active_filters": params,
            "list_url": charts.list_url(params),
            "total": selectors.count(filterset),
            "heat": panels.heat(params, *selectors.model_by_initiator(filterset, models)),
            "collaboration": panels.collaboration(params, selectors.by_collaboration(filterset)),
            "motivation": panels.motivation(
                params, selectors.by_motivation(filterset, motivations)
            ),
            "years": panels.years(params, *selectors.by_year(filterset)),
            "countries": panels.countries(params, country_counts),
            "maps": panels.maps(params, country_counts),
        },
    )
