"""Pages for officials and strategists: the model chooser, comparisons and the overall picture."""

import re

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries as country_registry

from collab_atlas.links import link

from . import charts, geo, selectors
from .forms import ChooserForm

MIN_COMPARE, MAX_COMPARE = 2, 4
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
            "share_url": link("insights:choose", answers),
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
            "rows": COMPARE_ROWS,
            "choices": (
                selectors.case_choices(cases[0] if cases else None, exclude=chosen)
                if problem == "too_few"
                else []
            ),
            "chosen": chosen,
        },
        status=200,
    )


# The guide's six questions first, then the facts the list filters on.
COMPARE_ROWS = [
    ("aim", gettext_lazy("Aim")),
    ("funding", gettext_lazy("Funding")),
    ("initiation", gettext_lazy("Who initiated")),
    ("models", gettext_lazy("Model of collaboration")),
    ("lessons", gettext_lazy("Lessons learnt and challenges")),
    ("improvements", gettext_lazy("What would improve similar innovations")),
    ("actors", gettext_lazy("Organisations and their roles")),
    ("motivations", gettext_lazy("Motivations")),
    ("collaboration", gettext_lazy("Form of collaboration")),
    ("years", gettext_lazy("Years")),
    ("countries", gettext_lazy("Countries")),
]


def insights(request):
    filterset = selectors.case_filterset(request.GET)
    params = charts.list_params(filterset, request.GET)
    models, motivations = selectors.chart_vocabulary()

    rows, columns, counts = selectors.model_by_initiator(filterset, models)
    base = params.copy()
    for name in ("model", "initiator"):
        base.pop(name, None)
    cells = {
        (model.slug, kind): charts.Mark(
            key=f"{model.slug}/{kind}",
            label=_("%(model)s, initiated by %(initiator)s")
            % {"model": model.name, "initiator": label},
            count=counts.get((model.slug, kind), 0),
            href=charts.list_url(base, model=model.slug, initiator=kind),
        )
        for model in rows
        for kind, label in columns
    }
    heat_rows = [(model.slug, model.name) for model in rows]
    heat = {
        "svg": charts.heat_map(
            "chart-heat",
            _("Collaboration model by initiator"),
            _(
                "A grid with one row per collaboration model and one column per kind of "
                "initiator; each cell gives the number of case studies. %(legend)s"
            )
            % {"legend": charts.legend_text()},
            heat_rows,
            columns,
            cells,
        ),
        "rows": [
            (label, [cells[(key, kind)] for kind, _label in columns]) for key, label in heat_rows
        ],
        "columns": columns,
    }

    def bars(ident, title, desc, facet, items):
        base = params.copy()
        base.pop(facet, None)
        marks = [
            charts.Mark(
                key=str(key),
                label=str(label),
                count=count,
                href=charts.list_url(base, **{facet: key}),
            )
            for key, label, count in items
        ]
        return {"id": ident, "svg": charts.bar_chart(ident, title, desc, marks), "marks": marks}

    collaboration = bars(
        "chart-collaboration",
        _("Direct and indirect collaboration"),
        _("Bars give the number of case studies for each form of collaboration."),
        "collaboration",
        selectors.by_collaboration(filterset),
    )
    motivation = bars(
        "chart-motivation",
        _("Motivations"),
        _("Bars give the number of case studies naming each motivation; a case can name several."),
        "motivation",
        selectors.by_motivation(filterset, motivations),
    )

    years, undated = selectors.by_year(filterset)
    year_base = params.copy()
    for name in ("year_from", "year_to"):
        year_base.pop(name, None)
    year_marks = [
        charts.Mark(
            key=str(year),
            label=str(year),
            count=count,
            href=charts.list_url(year_base, year_from=year, year_to=year),
        )
        for year, count in years
    ]
    year_chart = {
        "svg": charts.bar_chart(
            "chart-years",
            _("Case studies by start year"),
            _("Bars give the number of case studies that started in each year."),
            year_marks,
            label_width=80,
        ),
        "marks": year_marks,
        "undated": undated,
    }

    country_counts = selectors.by_country(filterset)
    country_base = params.copy()
    country_base.pop("country", None)

    def country_link(code):
        return charts.list_url(country_base, country=code)

    country_marks = sorted(
        (
            charts.Mark(
                key=code,
                label=str(country_registry.name(code)) or code,
                count=count,
                href=country_link(code),
            )
            for code, count in country_counts.items()
        ),
        key=lambda mark: (-mark.count, mark.label),
    )
    country_chart = {
        "svg": charts.bar_chart(
            "chart-countries",
            _("Case studies per country"),
            _("Bars give the number of case studies in each country; a case can span several."),
            country_marks,
        ),
        "marks": country_marks,
    }
    maps = None
    if geo.available():
        maps = {
            "europe": geo.choropleth("europe", country_counts, country_link),
            "world": geo.choropleth("world", country_counts, country_link),
            "legend": geo.legend(country_counts),
        }

    total = selectors.count(filterset)
    return render(
        request,
        "insights/insights.html",
        {
            "filterset": filterset,
            "invalid": filterset.invalid_parameters,
            "active_filters": params,
            "list_url": charts.list_url(params),
            "total": total,
            "heat": heat,
            "collaboration": collaboration,
            "motivation": motivation,
            "years": year_chart,
            "countries": country_chart,
            "maps": maps,
        },
    )
