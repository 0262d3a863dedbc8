"""Replication lineage: which case was replicated from, adapted from or is part of which.

Links form a directed graph (source derives from target). Public pages walk it outward
from a case, one query per generation, and stop after a few generations and a few dozen
cases, so that a page costs the same however long a chain grows. The cycle check, run
only when an editor saves a link, reads every link it needs at once.
"""

from collections import defaultdict, deque
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
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
    """A case's public address."""
    return reverse("cases:detail", kwargs={"slug": slug})


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
    truncated: bool = False  # the lineage goes on beyond the cases walked

    def __bool__(self):
        return bool(self.ancestors or self.descendants)

    @property
    def nodes(self):
        return [*self.ancestors, *([self.case] if self.case else []), *self.descendants]

    @property
    def replication_countries(self):
        """Countries the case spread to: those of its replicas and adaptations, at any
        depth walked (MAX_DEPTH generations, MAX_NODES cases; see ``truncated``)."""
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


# A page shows the lineage near a case, never the whole graph: a chain of a thousand
# replicas would otherwise mean a thousand boxes (and a recursion that deep).
MAX_DEPTH = 6  # generations walked from the starting case, in each direction
MAX_NODES = 40  # cases drawn for one case, or for one family started from one case
MAX_FAMILIES = 5  # families drawn on a model page
# Rows read per generation: a hub with thousands of replicas must not be read whole.
LINKS_PER_LEVEL = MAX_NODES * 5


def _links_touching(condition):
    """Links between two published cases matching ``condition``, both ends joined (one
    query, at most LINKS_PER_LEVEL rows), and whether rows were left unread."""
    from .models import InitiativeLink

    links = list(
        InitiativeLink.objects.filter(
            condition, source__state=State.PUBLISHED, target__state=State.PUBLISHED
        )
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
        .order_by("pk")[: LINKS_PER_LEVEL + 1]
    )
    return links[:LINKS_PER_LEVEL], len(links) > LINKS_PER_LEVEL


def _node(initiative, **kwargs):
    return Node(
        pk=initiative.pk,
        slug=initiative.slug,
        title=initiative.title,
        countries=[country.code for country in initiative.countries],
        **kwargs,
    )


def lineage_for(initiative):
    """The public lineage near one case, ancestors nearest first.

    A breadth-first walk outward from the case: one query per generation for the links
    leaving the newest ancestors and entering the newest descendants, at most
    MAX_DEPTH generations each way and MAX_NODES cases in all. ``truncated`` says
    whether the lineage goes on beyond what was walked.
    """
    if initiative is None or initiative.state != State.PUBLISHED:
        return Lineage(case=None)
    labels = dict(LinkKind.choices)
    seen = {initiative.pk}
    ancestors, descendants, fetched = [], [], {}
    up, down = [initiative.pk], [initiative.pk]
    truncated, level = False, 0
    while up or down:
        level += 1
        links, more = _links_touching(Q(source_id__in=up) | Q(target_id__in=down))
        truncated |= more
        fetched.update((link.pk, link) for link in links)
        found = {}
        for direction, frontier, own_end, other_end, step, into in (
            ("up", up, "source", "target", -1, ancestors),
            ("down", down, "target", "source", 1, descendants),
        ):
            by_node = defaultdict(list)
            for link in links:
                by_node[getattr(link, f"{own_end}_id")].append(link)
            found[direction] = []
            for pk in frontier:
                for link in sorted(by_node[pk], key=lambda li: getattr(li, other_end).title):
                    other = getattr(link, other_end)
                    if other.pk in seen:
                        continue
                    if level > MAX_DEPTH or len(seen) >= MAX_NODES:
                        truncated = True
                        continue
                    seen.add(other.pk)
                    # The kind says how the lower case relates to the upper one.
                    into.append(
                        _node(
                            other,
                            level=level * step,
                            kind=link.kind,
                            kind_label=str(labels.get(link.kind, link.kind)),
                        )
                    )
                    found[direction].append(other.pk)
        up, down = found["up"], found["down"]
    edges = [
        (link.source_id, link.target_id, link.kind)
        for link in fetched.values()
        if link.source_id in seen and link.target_id in seen
    ]
    return Lineage(
        case=_node(initiative),
        ancestors=ancestors,
        descendants=descendants,
        edges=edges,
        truncated=truncated,
    )


def _depths(component, parents):
    """Each case's longest distance from an origin of its group (origins are 0).

    An iterative depth-first walk up the links, so that a chain of any length fits
    in memory rather than on the call stack; a link closing a loop (data that
    bypassed validation) is ignored.
    """
    ups = {pk: sorted(p for p in parents.get(pk, ()) if p in component) for pk in component}
    level, visiting = {}, set()
    for root in sorted(component):
        if root in level:
            continue
        visiting.add(root)
        stack = [(root, iter(ups[root]))]
        while stack:
            pk, pending = stack[-1]
            for parent in pending:
                if parent not in level and parent not in visiting:
                    visiting.add(parent)
                    stack.append((parent, iter(ups[parent])))
                    break
            else:
                stack.pop()
                visiting.discard(pk)
                level[pk] = 1 + max((level[p] for p in ups[pk] if p in level), default=-1)
    return level


def families(case_ids):
    """Groups of linked published cases around ``case_ids``, each a Lineage without a centre.

    One breadth-first walk from all the starting cases at once, along links in both
    directions: one query per generation, at most MAX_DEPTH generations from each
    start and about MAX_NODES cases per start (walks that meet become one family).
    Levels count down from the origins among the cases walked. A family whose walk
    stopped before its end has ``truncated`` set. Largest families first.
    """
    labels = dict(LinkKind.choices)
    starts = list(dict.fromkeys(case_ids))
    owner = {pk: pk for pk in starts}  # case -> start of the walk that reached it
    merged = {pk: pk for pk in starts}  # walks that met point at one representative
    size = dict.fromkeys(starts, 1)
    cut = set()

    def family_of(pk):
        root = owner[pk]
        while merged[root] != root:
            root = merged[root]
        return root

    by_pk, fetched, frontier = {}, {}, list(starts)
    level = 0
    while frontier:
        level += 1
        links, more = _links_touching(Q(source_id__in=frontier) | Q(target_id__in=frontier))
        if more:
            cut.update(family_of(pk) for pk in frontier)
        fetched.update((link.pk, link) for link in links)
        current, reached = set(frontier), []
        for link in sorted(links, key=lambda li: (li.source.title, li.target.title)):
            by_pk.setdefault(link.source_id, link.source)
            by_pk.setdefault(link.target_id, link.target)
            for here, there in ((link.source_id, link.target_id), (link.target_id, link.source_id)):
                if here not in current:
                    continue
                family = family_of(here)
                if there in owner:
                    other = family_of(there)
                    if other != family:
                        merged[other] = family
                        size[family] += size[other]
                        if other in cut:
                            cut.add(family)
                elif level > MAX_DEPTH or size[family] >= MAX_NODES:
                    cut.add(family)
                else:
                    owner[there] = family
                    size[family] += 1
                    reached.append(there)
        frontier = reached

    members = defaultdict(set)
    for pk in owner:
        if pk in by_pk:
            members[family_of(pk)].add(pk)
    parents = _parents_map((link.source_id, link.target_id) for link in fetched.values())
    kinds = {}
    for link in sorted(fetched.values(), key=lambda li: li.pk):
        kinds.setdefault(link.source_id, link.kind)
    groups = []
    for root, component in members.items():
        if len(component) < 2:
            continue
        level_of = _depths(component, parents)
        nodes = [
            _node(
                by_pk[pk],
                level=level_of[pk],
                kind=kinds.get(pk, ""),
                kind_label=str(labels.get(kinds.get(pk, ""), "")),
            )
            for pk in component
        ]
        nodes.sort(key=lambda node: (node.level, node.title))
        edges = [
            (link.source_id, link.target_id, link.kind)
            for link in fetched.values()
            if link.source_id in component and link.target_id in component
        ]
        groups.append(Lineage(case=None, descendants=nodes, edges=edges, truncated=root in cut))
    groups.sort(key=lambda group: (-len(group.descendants), group.descendants[0].title))
    return groups


@dataclass
class ModelFamilies:
    """The families drawn on a model page and how many of its linked cases were left out."""

    families: list
    more: int = 0


def model_families(model, limit=MAX_FAMILIES):
    """Up to ``limit`` families around a model's best-linked published cases.

    Queries: the model's published cases with a public link, most links first (one
    query), the walk (one per generation), and how many of those cases it did not reach.
    """
    from .models import Initiative

    linked = (
        Initiative.objects.published()
        .filter(collaboration_models=model)
        .annotate(
            degree=Count(
                "links_out", filter=Q(links_out__target__state=State.PUBLISHED), distinct=True
            )
            + Count("links_in", filter=Q(links_in__source__state=State.PUBLISHED), distinct=True)
        )
        .filter(degree__gt=0)
    )
    starts = list(linked.order_by("-degree", "title", "pk").values_list("pk", flat=True)[:limit])
    if not starts:
        return ModelFamilies(families=[])
    groups = families(starts)[:limit]
    shown = {node.pk for group in groups for node in group.descendants}
    more = linked.exclude(pk__in=shown).count()
    return ModelFamilies(families=groups, more=more)


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
