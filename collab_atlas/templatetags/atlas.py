from django import template
from django.utils.translation import get_language_info

from collab_atlas import translated
from collab_atlas.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text)


@register.filter
def lang_of(text):
    """`` lang="en"`` on an element holding a text shown untranslated (its ``Text`` is a
    fallback), so that screen readers and search engines read it in its own language."""
    return translated.lang_attribute(text)


def _records(objects):
    for item in objects:
        if hasattr(item, "translated_fields"):
            yield item
        elif item is not None:
            yield from item


@register.inclusion_tag("includes/untranslated_notice.html")
def untranslated_notice(*objects):
    """A note when any text of ``objects`` (records, or lists of them) is shown in the
    original language because its translation is missing."""
    missing = any(translated.untranslated(record) for record in _records(objects))
    return {
        "missing": missing,
        "language": get_language_info(translated.default_language())["name_translated"],
        "page_language": get_language_info(translated.active_language())["name_translated"],
    }
