"""Where a search matched: the words of a text that a query found, marked for the reader.

Matching follows the search itself (cases.search): accents and case are ignored, a query
word matches the start of a word, or from three letters on, any part of one.
"""

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from collab_atlas.markdown import render_markdown

from .search import MIN_INSIDE_WORD, fold, words

TOKEN = re.compile(r"(\w+)")
BEFORE, AFTER = 12, 20


def _matcher(query):
    terms = [fold(term).lower() for term in words(query)]

    def matches(word):
        folded = fold(word).lower()
        return any(
            folded.startswith(term) or (len(term) >= MIN_INSIDE_WORD and term in folded)
            for term in terms
        )

    return matches if terms else None


def _mark(parts, matches):
    return "".join(
        f"<mark>{escape(part)}</mark>" if index % 2 and matches(part) else escape(part)
        for index, part in enumerate(parts)
    )


def highlight(text, query):
    """``text`` escaped, with the words ``query`` matched in <mark>."""
    matches = _matcher(query)
    if not text or matches is None:
        return escape(text or "")
    return mark_safe(_mark(TOKEN.split(text), matches))


def snippet(text, query):
    """A few words around the first match of ``query`` in ``text`` (Markdown), or ""."""
    matches = _matcher(query)
    if not text or matches is None:
        return ""
    # A word found in the text is a part of the folded text: where no query word is,
    # the Markdown need not be rendered (a list page asks this of each case's long texts).
    folded = fold(text).lower()
    if not any(fold(term).lower() in folded for term in words(query)):
        return ""
    parts = TOKEN.split(" ".join(strip_tags(render_markdown(text)).split()))
    found = next((i for i in range(1, len(parts), 2) if matches(parts[i])), None)
    if found is None:
        return ""
    # Parts alternate between separators (even indexes) and words (odd): the window
    # starts on a separator so that _mark reads them the same way.
    start, end = max(0, found - 2 * BEFORE - 1), min(len(parts), found + 2 * AFTER + 1)
    html = _mark(parts[start:end], matches).strip()
    return mark_safe(("… " if start > 0 else "") + html + (" …" if end < len(parts) else ""))
