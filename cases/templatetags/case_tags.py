from django import template

from cases import snippets

register = template.Library()


@register.simple_tag
def highlighted(text, query):
    """``text`` with the words a search for ``query`` matched marked."""
    return snippets.highlight(text, query)


@register.simple_tag
def match_snippet(case, query):
    """Where ``query`` matched beyond the summary (the aim, the description), or ""."""
    if not query or snippets.highlight(case.summary, query).count("<mark>"):
        return ""
    for text in (case.aim, case.description):
        found = snippets.snippet(text, query)
        if found:
            return found
    return ""
