"""The panels of /insights/: counts from the selectors turned into charts and their tables.

Each function takes the page's valid list filters (``params``) and counts already read,
and reads nothing itself. Every mark links to the case list with the page's filters,
its own facet replacing whatever the page had chosen for that facet.
"""

from django.utils.translation import gettext as _
from django_countries import countries as country_registry

from . import charts, geo


def without(params, *names):
    """A copy of ``params`` without ``names``: the facets a chart sets on its own links."""
    base = params.copy()
    for name in names:
        base.pop(name, None)
    return base


def heat(params, rows, columns, counts):
    """Models (``rows``) by kind of initiator (``columns``); ``counts`` by (slug, kind)."""
    base = without(params, "model", "initiator")
    cells = {
        (model.slug, kind): charts.Mark(
            key=f"{model.slug}/{kind}",
            label=_("%(model)s, initiated by %(initiator)s")
            % {"model": model.name_i18n, "initiator": label},
            count=counts.get((model.slug, kind), 0),
            href=charts.list_url(base, model=model.slug, initiator=kind),
        )
        for model in rows
        for kind, label in columns
    }
    heat_rows = [(model.slug, model.name_i18n) for model in rows]
    return {
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


def bars(ident, title, desc, params, facet, items):
    """One bar per (key, label, count) of ``items``, linking to the list with ``facet=key``."""
    base = without(params, facet)
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


def collaboration(params, items):
    return bars(
        "chart-collaboration",
        _("Direct and indirect collaboration"),
        _("Bars give the number of case studies for each form of collaboration."),
        params,
        "collaboration",
        items,
    )


def motivation(params, items):
    return bars(
        "chart-motivation",
        _("Motivations"),
        _("Bars give the number of case studies naming each motivation; a case can name several."),
        params,
        "motivation",
        items,
    )


def years(params, counts, undated):
    """One bar per (year, count); each links to the cases that started that year."""
    base = without(params, "year_from", "year_to")
    marks = [
        charts.Mark(
            key=str(year),
            label=str(year),
            count=count,
            href=charts.list_url(base, year_from=year, year_to=year),
        )
        for year, count in counts
    ]
    return {
        "svg": charts.bar_chart(
            "chart-years",
            _("Case studies by start year"),
            _("Bars give the number of case studies that started in each year."),
            marks,
            label_width=80,
        ),
        "marks": marks,
        "undated": undated,
    }


def country_link(params):
    """A function from a country code to the list of that country's cases."""
    base = without(params, "country")
    return lambda code: charts.list_url(base, country=code)


def countries(params, counts):
    """One bar per country of ``counts`` (code to count), the most cases first."""
    link = country_link(params)
    marks = sorted(
        (
            charts.Mark(
                key=code,
                label=str(country_registry.name(code)) or code,
                count=count,
                href=link(code),
            )
            for code, count in counts.items()
        ),
        key=lambda mark: (-mark.count, mark.label),
    )
    return {
        "svg": charts.bar_chart(
            "chart-countries",
            _("Case studies per country"),
            _("Bars give the number of case studies in each country; a case can span several."),
            marks,
        ),
        "marks": marks,
    }


def maps(params, counts):
    """Europe and the world shaded by ``counts``, or None without the boundary data."""
    if not geo.available():
        return None
    link = country_link(params)
    return {
        "europe": geo.choropleth("europe", counts, link),
        "world": geo.choropleth("world", counts, link),
        "legend": geo.legend(counts),
    }
