from django import template

from collab_atlas import i18n
from collab_atlas.links import link
from collab_atlas.navigation import navigation

register = template.Library()


@register.simple_tag
def link_to(viewname, *args, query=None, **changes):
    """``{% link_to 'cases:list' model=model.slug %}``: a page's address with a query.

    Positional arguments fill the URL (``{% link_to 'cases:detail' case.slug %}``);
    ``query=request.GET`` starts from the current query, which ``changes`` then amend.
    """
    return link(viewname, query, args=args or None, **changes)


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")
    return {"sections": navigation(request) if request is not None else []}


@register.simple_tag
def link_to_query(viewname, *pairs):
    """``{% link_to_query 'cases:list' name value name value %}``, for parameter names
    that are themselves variables (a split table's facet, say)."""
    if len(pairs) % 2:
        raise template.TemplateSyntaxError("link_to_query takes names and values in pairs")
    query = {}
    for name, value in zip(pairs[::2], pairs[1::2], strict=True):
        query.setdefault(str(name), []).append(value)
    return link(viewname, query)


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """This page, with its query, in every language, through the remembering switch."""
    return {"languages": i18n.switcher(context.get("request"))}


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """[(code, local name, path)] of this page in every language, for hreflang."""
    return i18n.alternates(context.get("request"))
