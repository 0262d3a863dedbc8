"""Replication lineage as a graph: which case was replicated from, adapted from or is part
of which.

Links form a directed graph (source derives from target). This module walks that graph and
finds loops in it; it reads no database itself. The walks take a ``fetch(up, down)``
callable that returns one generation of links (those leaving the cases in ``up`` and those
entering the cases in ``down``) and whether rows were left unread; the link model's
queryset (``cases.models.links``) supplies it, one query per generation. A walk stops after
a few generations and a few dozen cases, so that a page costs the same however long a chain
grows. A link is anything with ``pk``, ``kind``, ``source_id``, ``target_id`` and the two
cases as ``source`` and ``target`` (each with ``pk``, ``slug``, ``title``, ``countries``).
"""

from collections import defaultdict, deque
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries as country_names

from .choices import LinkKind

# Replicas and adaptations carry a tool to a new place; "part of" is membership, not spread.
SPREADING_KINDS = {LinkKind.REPLICATED_FROM, LinkKind.ADAPTED_FROM}

# How a case relates to the one it links to, as a plain sentence: with and without a place.
RELATION_SENTENCES = {
    LinkKind.REPLICATED_FROM: (
        _("%(case)s in %(place)s replicated %(origin)s"),
        _("%(case)s replicated %(origin)s"),
    ),
    LinkKind.ADAPTED_FROM: (
        _("%(case)s in %(place)s adapted %(origin)s"),
        _("%(case)s adapted %(origin)s"),
    ),
    LinkKind.PART_OF: (
        _("%(case)s in %(place)s is part of %(origin)s"),
        _("%(case)s is part of %(origin)s"),
    ),
}

# A page shows the lineage near a case, never the whole graph: a chain of a thousand
# replicas would otherwise mean a thousand boxes (and a recursion that deep).
MAX_DEPTH = 6  # generations walked from the starting case, in each direction
MAX_NODES = 40  # cases drawn for one case, or for one family started from one case
MAX_FAMILIES = 5  # families drawn on a model page
# Rows read per generation: a hub with thousands of replicas must not be read whole.
LINKS_PER_LEVEL = MAX_NODES * 5


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


def find_cycle(source_id, target_id, pairs):
    """If linking ``source_id`` to ``target_id`` would make a case its own ancestor,
    the ids along the loop (source, target, …, source); otherwise None.

    ``pairs`` are the other links as (source id, target id). The source's own outgoing
    links never matter: a loop has to come back to the source from the target.
    """
    if source_id is None or target_id is None:
        return None
    if source_id == target_id:
        return [source_id, source_id]
    others = (pair for pair in pairs if pair[0] != source_id)
    chain = _path_up(target_id, source_id, _parents_map(others))
    return [source_id, *chain] if chain else None


@dataclass
class Node:
    pk: int
    slug: str
    title: str
    countries: list
    level: int = 0
    kind: str = ""
    kind_label: str = ""
    origin: str = ""  # title of the case this one was replicated from, adapted from or is in
    provenance_id: int | None = None  # the source the link to it cites

    @property
    def url(self):
        return case_url(self.slug)

    @property
    def country_names(self):
        return [str(country_names.name(code)) for code in self.countries]

    @property
    def place(self):
        """Its countries as words: "Bulgaria", "Poland and Romania"."""
        return str(get_text_list(self.country_names, str(_("and"))))

    @property
    def sentence(self):
        """ "airbg.info in Bulgaria replicated luftdaten.info", the case a link to its page;
        the case's link alone when it links to no case shown."""
        case = format_html('<a href="{}">{}</a>', self.url, self.title)
        if not self.origin or self.kind not in RELATION_SENTENCES:
            return case
        with_place, without_place = RELATION_SENTENCES[self.kind]
        # "Monitorizare Vot in Poland" already says where: no "in Poland" twice.
        names = self.country_names
        named = all(name.lower() in self.title.lower() for name in names)
        pattern = with_place if names and not named else without_place
        return mark_safe(
            str(pattern)
            % {"case": case, "place": escape(self.place), "origin": escape(self.origin)}
        )


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
        """How many countries the case studies in this catalogue carried it to.

        Worded as a count of the catalogue's own cases: a case's text may say the project
        spread much further than the catalogue records.
        """
        count = len(self.replication_countries)
        if not count:
            return ""
        return ngettext(
            "Case studies in this catalogue replicate or adapt it in %(count)d country",
            "Case studies in this catalogue replicate or adapt it in %(count)d countries",
            count,
        ) % {"count": count}


@dataclass
class ModelFamilies:
    """The families drawn on a model page and how many of its linked cases were left out."""

    families: list
    more: int = 0


def node(case, **kwargs):
    return Node(
        pk=case.pk,
        slug=case.slug,
        title=case.title_i18n,
        countries=[country.code for country in case.countries],
        **kwargs,
    )


def walk(case, fetch):
    """The lineage near one case, ancestors nearest first.

    A breadth-first walk outward from the case: one ``fetch`` per generation for the
    links leaving the newest ancestors and entering the newest descendants, at most
    MAX_DEPTH generations each way and MAX_NODES cases in all. ``truncated`` says
    whether the lineage goes on beyond what was walked.
    """
    labels = dict(LinkKind.choices)
    seen = {case.pk}
    titles = {case.pk: case.title_i18n}
    ancestors, descendants, fetched = [], [], {}
    up, down = [case.pk], [case.pk]
    truncated, level = False, 0
    while up or down:
        level += 1
        links, more = fetch(up, down)
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
                    titles[other.pk] = other.title_i18n
                    # The kind says how the lower case relates to the upper one.
                    into.append(
                        node(
                            other,
                            level=level * step,
                            kind=link.kind,
                            kind_label=str(labels.get(link.kind, link.kind)),
                            origin=titles[pk] if direction == "down" else "",
                            provenance_id=link.provenance_id,
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
        case=node(case),
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


def families(case_ids, fetch):
    """Groups of linked cases around ``case_ids``, each a Lineage without a centre.

    One breadth-first walk from all the starting cases at once, along links in both
    directions: one ``fetch`` per generation, at most MAX_DEPTH generations from each
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
        links, more = fetch(frontier, frontier)
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
    kinds, origins = {}, {}
    for link in sorted(fetched.values(), key=lambda li: li.pk):
        if link.source_id not in kinds:
            kinds[link.source_id] = link.kind
            origins[link.source_id] = link.target_id
    groups = []
    for root, component in members.items():
        if len(component) < 2:
            continue
        level_of = _depths(component, parents)
        nodes = [
            node(
                by_pk[pk],
                level=level_of[pk],
                kind=kinds.get(pk, ""),
                kind_label=str(labels.get(kinds.get(pk, ""), "")),
                origin=by_pk[origins[pk]].title_i18n if origins.get(pk) in component else "",
            )
            for pk in component
        ]
        nodes.sort(key=lambda item: (item.level, item.title))
        edges = [
            (link.source_id, link.target_id, link.kind)
            for link in fetched.values()
            if link.source_id in component and link.target_id in component
        ]
        groups.append(Lineage(case=None, descendants=nodes, edges=edges, truncated=root in cut))
    groups.sort(key=lambda group: (-len(group.descendants), group.descendants[0].title))
    return groups
