"""Server-drawn SVG: the charts, where every mark with cases is a link to the matching
list, and the lineage diagrams, where every box is a link to its case.

The drawings are labelled groups rather than role="img": an image's children are hidden
from assistive technology, and these hold links. Each mark's link carries its own name.
"""

from collections import defaultdict
from dataclasses import dataclass
from textwrap import wrap

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.choices import LinkKind
from cases.filters import CaseFilterSet
from collab_atlas.links import clean_query, link

INK, BAR, WHITE, LINE = "#1b1f24", "#0b5cad", "#ffffff", "#4f5862"
# Light to dark; text on the first four is dark ink, on the last two white (all AA).
SCALE = ["#ffffff", "#dbe9f6", "#9ecae1", "#5b9bd1", "#0b5cad", "#083f77"]


def list_params(filterset, data):
    """The valid list filters of a request, to build links on: invalid ones are dropped."""
    # A chart's marks choose cases, so the list's order ("sort") is left out too.
    return clean_query(
        data, only=set(CaseFilterSet.base_filters), drop={"sort", *filterset.form.errors}
    )


def list_url(params, **facets):
    """The case list with ``params``, each of ``facets`` replacing that parameter's values."""
    return link("cases:list", params, **facets)


def cases_label(count):
    return ngettext("%(count)d case", "%(count)d cases", count) % {"count": count}


@dataclass
class Mark:
    key: str
    label: str
    count: int
    href: str

    @property
    def name(self):
        return f"{self.label}: {cases_label(self.count)}"


def _open(ident, width, height, title, desc, *, css_class="chart", fixed_width=False):
    size = f' width="{width:.0f}"' if fixed_width else ""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" role="group" '
        f'viewBox="0 0 {width:.0f} {height:.0f}"{size} '
        f'aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
    ]


def _link(mark, inner):
    if not mark.count:
        return f"<g>{inner}</g>"
    return (
        f'<a href="{escape(mark.href)}" aria-label="{escape(mark.name)}">'
        f"<title>{escape(mark.name)}</title>{inner}</a>"
    )


def bar_chart(ident, title, desc, marks, *, label_width=170):
    """Horizontal bars, one per mark, each with its number written beside it.

    Labels are never cut: a long one ("United States of America") wraps onto more lines
    and its row grows to hold them.
    """
    bar_room, number_room = 250, 44
    label_chars = max(8, int(label_width / 8))
    lines = [wrap(str(mark.label), label_chars) or [""] for mark in marks]
    heights = [max(30, 16 * len(label) + 12) for label in lines]
    width = label_width + bar_room + number_room
    height = (sum(heights) if marks else 30) + 10
    top = max((mark.count for mark in marks), default=0) or 1
    parts = _open(ident, width, height, title, desc)
    y = 5
    for mark, label, row in zip(marks, lines, heights, strict=True):
        length = bar_room * mark.count / top
        middle = y + row / 2
        first = middle + 5 - 8 * (len(label) - 1)
        tspans = "".join(
            f'<tspan x="{label_width - 8}" dy="{0 if n == 0 else 16}">{escape(text)}</tspan>'
            for n, text in enumerate(label)
        )
        # The label stays outside the link: a link's visible text must be part of its
        # accessible name (WCAG 2.5.3), and "4" is part of "Direct: 4 cases".
        parts.append(
            f'<text x="{label_width - 8}" y="{first:.1f}" text-anchor="end" font-size="14" '
            f'fill="{INK}">{tspans}</text>'
        )
        inner = (
            f'<rect x="{label_width}" y="{middle - 11:.1f}" width="{max(length, 2):.1f}" '
            f'height="22" fill="{BAR if mark.count else "#8a949e"}" rx="2"/>'
            f'<text class="count" x="{label_width + max(length, 2) + 6:.1f}" '
            f'y="{middle + 5:.1f}" font-size="14" font-weight="700" fill="{INK}">'
            f"{mark.count}</text>"
        )
        parts.append(_link(mark, inner))
        y += row
    parts.append("</svg>")
    return mark_safe("".join(parts))


def shade(count, top):
    """The fill and text colours for a count on a scale up to ``top``."""
    if not count:
        return SCALE[0], INK
    step = 1 + min(len(SCALE) - 2, int((count / max(top, 1)) * (len(SCALE) - 1) - 1e-9))
    return SCALE[step], (WHITE if step >= 4 else INK)


def heat_map(ident, title, desc, rows, columns, cells):
    """A grid: ``rows`` and ``columns`` are (key, label); ``cells`` maps (row, column) to Mark."""
    label_width, cell_w = 230, 96
    # Room for every line of the longest heading and row label: none is cut.
    head = max(62, 15 * max((len(wrap(str(label), 13)) for _k, label in columns), default=1) + 17)
    cell_h = max(40, 15 * max((len(wrap(str(label), 27)) for _k, label in rows), default=1) + 10)
    width = label_width + cell_w * len(columns)
    height = head + cell_h * len(rows) + 4
    top = max((mark.count for mark in cells.values()), default=0)
    parts = _open(ident, width, height, title, desc)
    for index, (_key, label) in enumerate(columns):
        x = label_width + index * cell_w + cell_w / 2
        lines = wrap(str(label), 13)
        tspans = "".join(
            f'<tspan x="{x:.1f}" dy="{0 if n == 0 else 15}">{escape(text)}</tspan>'
            for n, text in enumerate(lines)
        )
        first = head - 8 - 15 * (len(lines) - 1)
        parts.append(
            f'<text x="{x:.1f}" y="{first}" text-anchor="middle" font-size="12" '
            f'font-weight="600" fill="{INK}">{tspans}</text>'
        )
    for r, (row_key, row_label) in enumerate(rows):
        y = head + r * cell_h
        # Long model names wrap instead of overflowing the left edge or being cut.
        lines = wrap(str(row_label), 27)
        first = y + cell_h / 2 + 5 - 7.5 * (len(lines) - 1)
        tspans = "".join(
            f'<tspan x="{label_width - 8}" dy="{0 if n == 0 else 15}">{escape(text)}</tspan>'
            for n, text in enumerate(lines)
        )
        parts.append(
            f'<text x="{label_width - 8}" y="{first:.1f}" text-anchor="end" '
            f'font-size="13" fill="{INK}">{tspans}</text>'
        )
        for c, (column_key, _label) in enumerate(columns):
            mark = cells[(row_key, column_key)]
            x = label_width + c * cell_w
            fill, ink = shade(mark.count, top)
            inner = (
                f'<rect x="{x + 2}" y="{y + 2}" width="{cell_w - 4}" height="{cell_h - 4}" '
                f'fill="{fill}" stroke="#8a949e" stroke-width="1" rx="3"/>'
                f'<text class="count" x="{x + cell_w / 2:.1f}" y="{y + cell_h / 2 + 5:.1f}" '
                f'text-anchor="middle" font-size="15" font-weight="700" fill="{ink}">'
                f"{mark.count}</text>"
            )
            parts.append(_link(mark, inner))
    parts.append("</svg>")
    return mark_safe("".join(parts))


def legend_text():
    return _("Darker cells hold more cases; the number in each cell is the count.")


# Lineage diagrams: boxes for cases, arrows from each case to those derived from it.
BOX_WIDTH, BOX_HEIGHT, GAP_X, GAP_Y, PAD = 190, 46, 20, 42, 8
BOX_CHARS = 24  # characters of a 13 px bold title that fit one line of a box
DASHES = {LinkKind.REPLICATED_FROM: "", LinkKind.ADAPTED_FROM: "6 4", LinkKind.PART_OF: "2 3"}


def lineage_svg(lineage):
    """A small top-down diagram of a ``cases.lineage.Lineage``: origins above, replicas
    below, each box a link, the lineage's own case highlighted.

    The boxes are links, hence a labelled group like the charts; the text list beside it
    carries the same information.
    """
    nodes, edges = lineage.nodes, lineage.edges
    highlight = lineage.case.pk if lineage.case else None
    if not nodes:
        return ""
    rows = defaultdict(list)
    for node in nodes:
        rows[node.level].append(node)
    levels = sorted(rows)
    # Titles wrap onto as many lines as they need, never cut; every box is as tall as the
    # tallest, so the rows stay aligned.
    title_lines = {node.pk: wrap(node.title, BOX_CHARS) or [""] for node in nodes}
    box_height = max(BOX_HEIGHT, max(len(lines) for lines in title_lines.values()) * 16 + 30)
    widest = max(len(row) for row in rows.values())
    width = PAD * 2 + widest * BOX_WIDTH + (widest - 1) * GAP_X
    height = PAD * 2 + len(levels) * box_height + (len(levels) - 1) * GAP_Y
    position = {}
    for index, level in enumerate(levels):
        row = rows[level]
        row_width = len(row) * BOX_WIDTH + (len(row) - 1) * GAP_X
        left = (width - row_width) / 2
        for column, node in enumerate(row):
            position[node.pk] = (
                left + column * (BOX_WIDTH + GAP_X),
                PAD + index * (box_height + GAP_Y),
            )
    ident = f"lineage-{highlight or nodes[0].pk}"
    title = _("Lineage diagram")
    desc = _(
        "Origins are at the top; each arrow points from a case to the case that was "
        "replicated from it, adapted from it or is part of it. Solid lines mean replicated, "
        "dashed lines adapted, dotted lines part of. The same information is listed beside it."
    )
    parts = _open(ident, width, height, title, desc, css_class="lineage-svg", fixed_width=True)
    parts.append(
        f'<defs><marker id="{ident}-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{LINE}"/></marker></defs>'
    )
    for child, parent, kind in edges:
        if child not in position or parent not in position:
            continue
        px, py = position[parent]
        cx, cy = position[child]
        dash = DASHES.get(kind, "")
        parts.append(
            f'<line x1="{px + BOX_WIDTH / 2:.1f}" y1="{py + box_height:.1f}" '
            f'x2="{cx + BOX_WIDTH / 2:.1f}" y2="{cy:.1f}" stroke="{LINE}" stroke-width="2"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + f' marker-end="url(#{ident}-arrow)"/>'
        )
    for node in nodes:
        x, y = position[node.pk]
        current = node.pk == highlight
        fill, ink = (SCALE[-1], WHITE) if current else ("#e7f0fa", INK)
        lines = title_lines[node.pk]
        middle = x + BOX_WIDTH / 2
        tspans = "".join(
            f'<tspan x="{middle:.1f}" dy="{0 if n == 0 else 16}">{escape(text)}</tspan>'
            for n, text in enumerate(lines)
        )
        place = ", ".join(node.countries)
        parts.append(
            f'<a href="{escape(node.url)}"'
            + (' aria-current="page"' if current else "")
            + f"><title>{escape(node.title)}</title>"
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{BOX_WIDTH}" height="{box_height}" rx="6" '
            f'fill="{fill}" stroke="{BAR}" stroke-width="2"/>'
            f'<text x="{middle:.1f}" y="{y + 19:.1f}" text-anchor="middle" '
            f'font-size="13" font-weight="600" fill="{ink}">{tspans}</text>'
            f'<text x="{middle:.1f}" y="{y + 19 + 16 * len(lines) + 1:.1f}" '
            f'text-anchor="middle" font-size="12" fill="{ink}">{escape(place)}</text></a>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
