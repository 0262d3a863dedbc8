"""Replication lineage: which case was replicated from, adapted from or is part of which.

Links form a directed graph (source derives from target). The graph is small, so every
function here fetches the links it needs in one query and walks them in Python.
"""

from collections import defaultdict, deque
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries as country_names

from .choices import LinkKind, State

# Replicas and adaptations carry a tool to a new place; "part of" is membership, not spread.
SPREADING_KINDS = {LinkKind.REPLICATED_FROM, LinkKind.ADAPTED_FROM}


def case_url(slug):
    """A case's public address, as fixed by the URL contract."""
    return f"/cases/{slug}/"


def _parents_map(pairs):
    parents = defaultdict(set)
    for source_id, target_id in pairs:
        parents[source_id].add(target_id)
    return parents


def _path_up(start, goal, parents):
    """The chain of ids from ``start`` up to ``goal`` following links, or None."""
    previous = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            chain = []
            while node is not None:
                chain.append(node)
                node = previous[node]
            return chain[::-1]
        for parent in parents.get(node, ()):
            if parent not in previous:
                previous[parent] = node
                queue.append(parent)
    return None


def find_cycle(source_id, target_id, *, exclude_pks=(), extra_pairs=()):
    """If linking ``source_id`` to ``target_id`` would make a case its own ancestor,
    the ids along the loop (source, target, …, source); otherwise None.

    The source's own outgoing links never matter: a loop has to come back to the
    source from the target, so they are left out along with ``exclude_pks``.
    """
    from .models import InitiativeLink

    if source_id is None or target_id is None:
        return None
    if source_id == target_id:
        return [source_id, source_id]
    pairs = list(
        InitiativeLink.objects.exclude(source_id=source_id)
        .exclude(pk__in=[pk for pk in exclude_pks if pk])
        .values_list("source_id", "target_id")
    )
    pairs.extend(pair for pair in extra_pairs if pair[0] != source_id)
    chain = _path_up(target_id, source_id, _parents_map(pairs))
    return [source_id, *chain] if chain else None


def describe_cycle(ids):
    """The loop as readable titles: “A → B → A”."""
    from .models import Initiative

    titles = dict(Initiative.objects.filter(pk__in=set(ids)).values_list("pk", "title"))
    return " → ".join(titles.get(pk, "?") for pk in ids)


@dataclass
class Node:
    pk: int
    slug: str
    title: str
    countries: list
    level: int = 0
    kind: str = ""
    kind_label: str = ""

    @property
    def url(self):
        return case_url(self.slug)

    @property
    def country_names(self):
        return [str(country_names.name(code)) for code in self.countries]


@dataclass
class Lineage:
    """A case's public lineage: ancestors above it, descendants below it."""

    case: Node | None
    ancestors: list = field(default_factory=list)
    descendants: list = field(default_factory=list)
    edges: list = field(default_factory=list)  # (child pk, parent pk, kind)

    def __bool__(self):
        return bool(self.ancestors or self.descendants)

    @property
    def nodes(self):
        return [*self.ancestors, *([self.case] if self.case else []), *self.descendants]

    @property
    def replication_countries(self):
        """Countries the case spread to: those of its replicas and adaptations, any depth."""
        codes = set()
        for node in self.descendants:
            if node.kind in SPREADING_KINDS:
                codes.update(node.countries)
        return sorted(codes, key=lambda code: str(country_names.name(code)))

    @property
    def replication_country_names(self):
        return [(code, str(country_names.name(code))) for code in self.replication_countries]

    @property
    def replication_summary(self):
        count = len(self.replication_countries)
        if not count:
            return ""
        return ngettext(
            "Replicated in %(count)d country", "Replicated in %(count)d countries", count
        ) % {"count": count}

    @property
    def svg(self):
        return lineage_svg(self.nodes, self.edges, highlight=self.case.pk if self.case else None)


def _public_links():
    """Every link between two published cases, with both ends, in one query."""
    from .models import InitiativeLink

    return list(
        InitiativeLink.objects.filter(source__state=State.PUBLISHED, target__state=State.PUBLISHED)
        .select_related("source", "target")
        .only(
            "kind",
            "source__slug",
            "source__title",
            "source__countries",
            "target__slug",
            "target__title",
            "target__countries",
        )
    )


def _node(initiative, **kwargs):
    return Node(
        pk=initiative.pk,
        slug=initiative.slug,
        title=initiative.title,
        countries=[country.code for country in initiative.countries],
        **kwargs,
    )


def lineage_for(initiative):
    """The public lineage of one case, ancestors nearest first, in one query."""
    if initiative is None or initiative.state != State.PUBLISHED:
        return Lineage(case=None)
    links = _public_links()
    labels = dict(LinkKind.choices)
    up, down = defaultdict(list), defaultdict(list)
    for link in links:
        up[link.source_id].append(link)
        down[link.target_id].append(link)

    def walk(start, neighbours, other_end, step):
        found, seen = [], {start}
        queue = deque([(start, 0)])
        while queue:
            pk, level = queue.popleft()
            for link in sorted(neighbours[pk], key=lambda li: getattr(li, other_end).title):
                other = getattr(link, other_end)
                if other.pk in seen:
                    continue
                seen.add(other.pk)
                # The kind says how the lower case relates to the upper one.
                found.append(
                    _node(
                        other,
                        level=level + step,
                        kind=link.kind,
                        kind_label=str(labels.get(link.kind, link.kind)),
                    )
                )
                queue.append((other.pk, level + step))
        return found

    ancestors = walk(initiative.pk, up, "target", -1)
    descendants = walk(initiative.pk, down, "source", 1)
    if initiative.pk in {node.pk for node in ancestors + descendants}:
        # Data that bypassed validation (a raw import) may loop; never draw a case twice.
        ancestors = [node for node in ancestors if node.pk != initiative.pk]
        descendants = [node for node in descendants if node.pk != initiative.pk]
    members = {initiative.pk} | {node.pk for node in ancestors + descendants}
    edges = [
        (link.source_id, link.target_id, link.kind)
        for link in links
        if link.source_id in members and link.target_id in members
    ]
    return Lineage(
        case=_node(initiative), ancestors=ancestors, descendants=descendants, edges=edges
    )


def _depths(component, parents):
    """Each case's longest distance from an origin of its group (origins are 0)."""
    level = {}

    def depth(pk, trail):
        if pk not in level:
            ups = [p for p in parents.get(pk, ()) if p in component and p not in trail]
            level[pk] = 1 + max((depth(p, (*trail, pk)) for p in ups), default=-1)
        return level[pk]

    for pk in component:
        depth(pk, ())
    return level


def families(case_ids=None):
    """Connected groups of linked published cases, each as a Lineage without a centre.

    With ``case_ids``, only the groups containing at least one of those cases.
    Levels count down from the group's origins (cases derived from nothing).
    """
    links = _public_links()
    by_pk, neighbours = {}, defaultdict(set)
    parents = _parents_map((link.source_id, link.target_id) for link in links)
    kinds = {}
    for link in links:
        by_pk[link.source_id], by_pk[link.target_id] = link.source, link.target
        neighbours[link.source_id].add(link.target_id)
        neighbours[link.target_id].add(link.source_id)
        kinds.setdefault(link.source_id, link.kind)
    labels = dict(LinkKind.choices)
    groups, seen = [], set()
    for start in sorted(by_pk, key=lambda pk: by_pk[pk].title):
        if start in seen:
            continue
        component, queue = set(), deque([start])
        while queue:
            pk = queue.popleft()
            if pk in component:
                continue
            component.add(pk)
            queue.extend(neighbours[pk] - component)
        seen |= component
        if case_ids is not None and not component & set(case_ids):
            continue
        level = _depths(component, parents)
        nodes = [
            _node(
                by_pk[pk],
                level=level[pk],
                kind=kinds.get(pk, ""),
                kind_label=str(labels.get(kinds.get(pk, ""), "")),
            )
            for pk in component
        ]
        nodes.sort(key=lambda node: (node.level, node.title))
        edges = [
            (link.source_id, link.target_id, link.kind)
            for link in links
            if link.source_id in component
        ]
        groups.append(Lineage(case=None, descendants=nodes, edges=edges))
    return groups


BOX_WIDTH, BOX_HEIGHT, GAP_X, GAP_Y, PAD = 190, 46, 20, 42, 8
DASHES = {LinkKind.REPLICATED_FROM: "", LinkKind.ADAPTED_FROM: "6 4", LinkKind.PART_OF: "2 3"}


def lineage_svg(nodes, edges, *, highlight=None):
    """A small top-down diagram: origins above, replicas below, each box a link.

    The SVG is a labelled group (not role="img") because its boxes are links, and an
    image's children are hidden from assistive technology; the text list beside it
    carries the same information.
    """
    if not nodes:
        return ""
    rows = defaultdict(list)
    for node in nodes:
        rows[node.level].append(node)
    levels = sorted(rows)
    widest = max(len(row) for row in rows.values())
    width = PAD * 2 + widest * BOX_WIDTH + (widest - 1) * GAP_X
    height = PAD * 2 + len(levels) * BOX_HEIGHT + (len(levels) - 1) * GAP_Y
    position = {}
    for index, level in enumerate(levels):
        row = rows[level]
        row_width = len(row) * BOX_WIDTH + (len(row) - 1) * GAP_X
        left = (width - row_width) / 2
        for column, node in enumerate(row):
            position[node.pk] = (
                left + column * (BOX_WIDTH + GAP_X),
                PAD + index * (BOX_HEIGHT + GAP_Y),
            )
    ident = f"lineage-{highlight or nodes[0].pk}"
    title = _("Lineage diagram")
    desc = _(
        "Origins are at the top; each arrow points from a case to the case that was "
        "replicated from it, adapted from it or is part of it. Solid lines mean replicated, "
        "dashed lines adapted, dotted lines part of. The same information is listed beside it."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lineage-svg" role="group" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
        f'<defs><marker id="{ident}-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#4f5862"/></marker></defs>',
    ]
    for child, parent, kind in edges:
        if child not in position or parent not in position:
            continue
        px, py = position[parent]
        cx, cy = position[child]
        dash = DASHES.get(kind, "")
        parts.append(
            f'<line x1="{px + BOX_WIDTH / 2:.1f}" y1="{py + BOX_HEIGHT:.1f}" '
            f'x2="{cx + BOX_WIDTH / 2:.1f}" y2="{cy:.1f}" stroke="#4f5862" stroke-width="2"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + f' marker-end="url(#{ident}-arrow)"/>'
        )
    for node in nodes:
        x, y = position[node.pk]
        current = node.pk == highlight
        fill, ink = ("#083f77", "#ffffff") if current else ("#e7f0fa", "#1b1f24")
        label = Truncator(node.title).chars(24)
        place = ", ".join(node.countries)
        parts.append(
            f'<a href="{escape(node.url)}"'
            + (' aria-current="page"' if current else "")
            + f"><title>{escape(node.title)}</title>"
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{BOX_WIDTH}" height="{BOX_HEIGHT}" rx="6" '
            f'fill="{fill}" stroke="#0b5cad" stroke-width="2"/>'
            f'<text x="{x + BOX_WIDTH / 2:.1f}" y="{y + 19:.1f}" text-anchor="middle" '
            f'font-size="13" font-weight="600" fill="{ink}">{escape(label)}</text>'
            f'<text x="{x + BOX_WIDTH / 2:.1f}" y="{y + 36:.1f}" text-anchor="middle" '
            f'font-size="12" fill="{ink}">{escape(place)}</text></a>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
