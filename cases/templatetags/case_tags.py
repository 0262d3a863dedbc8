from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext as _

from cases import snippets
from collab_atlas import translated

register = template.Library()


@register.simple_tag
def highlighted(text, query):
    """``text`` with the words a search for ``query`` matched marked."""
    return snippets.highlight(text, query)


@register.simple_tag
def match_snippet(case, query):
    """Where ``query`` matched beyond the summary (the aim, the description, or another
    language version of the case, marked with its language), or ""."""
    if not query or snippets.highlight(case.summary_i18n, query).count("<mark>"):
        return ""
    for text in (case.aim_i18n, case.description_i18n):
        found = snippets.snippet(text, query)
        if found:
            return found
    shown = translated.active_language()
    for code, _name in settings.LANGUAGES:
        if code == shown:
            continue
        for name in ("title", "summary", "aim", "description"):
            found = snippets.snippet(getattr(case, translated.column(name, code)), query)
            if found:
                return format_html('<span lang="{}">{}</span>', code, found)
    return ""


@register.simple_tag
def source_note(notes, source_id):
    """A superscript note number linking to the source in the case's list, or "" when the
    fact names none. ``notes`` is ``Initiative.source_numbers()``."""
    number = notes.get(source_id) if source_id else None
    if number is None:
        return ""
    return format_html(
        '<sup class="source-note"><a href="#source-{}" aria-label="{}">{}</a></sup>',
        number,
        _("Source %(number)s") % {"number": number},
        number,
    )
