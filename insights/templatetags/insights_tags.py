"""Pieces of the lineage and comparison features for other apps' pages.

{% load insights_tags %}
{% case_lineage case %}          on a case page: "replicated in N countries", diagram, list
{% model_lineage model %}        on a model page: the lineages among that model's cases
{% compare_with case %}          on a case page: a form to compare it with another case
{% compare_selected_form %}      on the list: the form the list's checkboxes submit
{% compare_checkbox case %}      on each card of the list: its "compare" checkbox
{% compare_toggle case %}        on other cards and case pages: "add to compare" (JavaScript only)
{% compare_list_params %}        on the list: its filters, carried by the compare form
{% compare_tray %}               on every page: the tray of cases chosen to compare
{{ lineage|lineage_diagram }}    inside those includes: a lineage drawn as SVG
"""

from django import template

from cases.models import InitiativeLink
from collab_atlas.links import clean_query
from insights import charts, selectors
from insights.comparison import LIST_PARAMS, MAX_COMPARE

register = template.Library()

COMPARE_FORM_ID = "compare-form"


@register.inclusion_tag("insights/includes/lineage.html")
def case_lineage(case):
    """Context: lineage (cases.lineage.Lineage; falsy when the case has no public links),
    notes (the case's source numbers, for the sources its own links cite)."""
    return {
        "lineage": InitiativeLink.objects.lineage_for(case),
        "notes": case.source_numbers() if case is not None else {},
    }


@register.inclusion_tag("insights/includes/model_lineage.html")
def model_lineage(model):
    """Context: families (list of Lineage), the largest groups of linked cases of ``model``,
    each bounded; more (how many of the model's linked cases are in none of them)."""
    found = InitiativeLink.objects.model_families(model)
    return {"families": found.families, "more": found.more, "model": model}


@register.filter
def lineage_diagram(lineage):
    """A cases.lineage.Lineage drawn as an SVG diagram (insights.charts.lineage_svg)."""
    return charts.lineage_svg(lineage)


@register.inclusion_tag("insights/includes/compare_with.html")
def compare_with(case):
    """Context: case, choices ((slug, title) of up to COMPARE_CHOICES other published
    cases, those sharing models or organisations with it first). Any other case can be
    picked from the list's "compare selected" checkboxes, which the form links to."""
    return {"case": case, "choices": selectors.case_choices(case)}


@register.inclusion_tag("insights/includes/compare_form.html")
def compare_selected_form():
    """Context: form_id. Place once on the list page, before or after the cards."""
    return {"form_id": COMPARE_FORM_ID}


@register.inclusion_tag("insights/includes/compare_checkbox.html")
def compare_checkbox(case):
    """Context: case, form_id. The checkbox belongs to the form through its form attribute,
    so it can sit inside each card without nesting forms."""
    return {"case": case, "form_id": COMPARE_FORM_ID}


@register.inclusion_tag("insights/includes/compare_toggle.html")
def compare_toggle(case):
    """Context: case. A button that adds the case to the compare tray or takes it out;
    hidden until static/js/atlas.js runs, since the tray lives in the browser."""
    return {"case": case}


@register.inclusion_tag("insights/includes/compare_list_params.html")
def compare_list_params(query):
    """Context: params ((name, value) of the list's filters in ``query``), form_id. Hidden
    inputs joining the compare form, so the compare page can lead back to the same list."""
    cleaned = clean_query(query, only=LIST_PARAMS)
    params = [(name, value) for name in cleaned for value in cleaned.getlist(name)]
    return {"params": params, "form_id": COMPARE_FORM_ID}


@register.inclusion_tag("insights/includes/compare_tray.html")
def compare_tray():
    """Context: max_compare. The bar showing how many cases are chosen, with the way to
    compare them; static/js/atlas.js fills it from the browser's storage."""
    return {"max_compare": MAX_COMPARE}
