"""Editors write Markdown; this turns it into HTML that is safe to put on a page."""

import threading

import markdown as markdown_lib
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li",
    "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}


# One converter per thread, reset before each text: building one loads its extensions,
# which took half the time of converting a case's description. A converter keeps state
# while it works, so threads (gunicorn's gthread workers) never share one.
_converters = threading.local()


def _converter():
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = markdown_lib.Markdown(extensions=["extra", "sane_lists"], output_format="html")
        _converters.markdown = converter
    return converter.reset()


def render_markdown(text):
    """Markdown to sanitised HTML: raw HTML, scripts and unsafe links never survive."""
    if not text:
        return mark_safe("")
    html = _converter().convert(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - nh3 has removed everything unsafe
