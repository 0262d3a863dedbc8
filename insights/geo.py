"""Choropleth maps drawn on the server from Natural Earth boundaries (public domain).

The boundaries come from the npm package world-atlas (countries-110m.json, TopoJSON),
installed by `make install`; nothing is fetched at run time. Projected paths are
computed once per process and cached.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_countries import countries as country_registry

from .charts import INK, SCALE, cases_label, shade

ANTARCTICA = "AQ"


def atlas_path():
    return Path(
        getattr(settings, "WORLD_ATLAS_TOPOJSON", None)
        or settings.BASE_DIR / "node_modules" / "world-atlas" / "countries-110m.json"
    )


@dataclass(frozen=True)
class View:
    """A map window: longitudes and latitudes shown, and the drawing width."""

    name: str
    west: float
    east: float
    south: float
    north: float
    width: int
    # Latitude whose scale is kept true; squeezes longitudes towards the poles.
    standard_parallel: float = 0.0

    @property
    def x_factor(self):
        return math.cos(math.radians(self.standard_parallel))

    @property
    def scale(self):
        return self.width / ((self.east - self.west) * self.x_factor)

    @property
    def height(self):
        return round((self.north - self.south) * self.scale)

    def project(self, lon, lat):
        return (
            (lon - self.west) * self.x_factor * self.scale,
            (self.north - lat) * self.scale,
        )


WORLD = View("world", -180, 180, -58, 84, 960)
EUROPE = View("europe", -25, 45, 34, 72, 640, standard_parallel=52)
VIEWS = {view.name: view for view in (WORLD, EUROPE)}


def _decode_arcs(topology):
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indices, arcs):
    points = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _unwrap(ring):
    """Rings crossing the antimeridian jump from 180 to -180; continue them past 180
    instead, so no stroke crosses the whole map (the view clips what lies beyond)."""
    if all(abs(a[0] - b[0]) <= 180 for a, b in zip(ring, ring[1:], strict=False)):
        return ring
    return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]


def _polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


@dataclass(frozen=True)
class Shape:
    code: str  # ISO 3166-1 alpha-2, or "" where Natural Earth has no ISO number
    name: str
    path: str
    # Where a label goes (the centre of its largest piece) and how wide that piece is.
    label_x: float = 0.0
    label_y: float = 0.0
    span: float = 0.0


def _centre(points):
    """Centroid and width of a projected ring; the middle of its bounds if it has no area."""
    xs = [x for x, _y in points]
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-6:
        ys = [y for _x, y in points]
        return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2, max(xs) - min(xs), 0.0
    return cx / (3 * area), cy / (3 * area), max(xs) - min(xs), abs(area) / 2


@lru_cache(maxsize=1)
def _countries():
    """[(alpha-2 or "", name, [rings of (lon, lat)])] from the installed TopoJSON."""
    topology = json.loads(atlas_path().read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    result = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        number = geometry.get("id")
        code = country_registry.alpha2(number) if number else ""
        if code == ANTARCTICA:
            continue
        rings = [_unwrap(_ring(ring, arcs)) for polygon in _polygons(geometry) for ring in polygon]
        name = str(country_registry.name(code)) if code else geometry["properties"]["name"]
        result.append((code or "", name, rings))
    return result


@lru_cache(maxsize=len(VIEWS))
def shapes(view_name):
    """Countries visible in a view with their SVG paths, projected once per process."""
    view = VIEWS[view_name]
    result = []
    for code, name, rings in _countries():
        commands = []
        largest = (0.0, 0.0, 0.0, -1.0)
        for ring in rings:
            lons = [lon for lon, _lat in ring]
            lats = [lat for _lon, lat in ring]
            outside = (
                max(lons) < view.west
                or min(lons) > view.east
                or max(lats) < view.south
                or min(lats) > view.north
            )
            if outside or len(ring) < 3:
                continue
            projected = [view.project(lon, lat) for lon, lat in ring]
            commands.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in projected) + "Z")
            centre = _centre(projected)
            if centre[3] > largest[3]:
                largest = centre
        if commands:
            x, y, span, _area = largest
            result.append(
                Shape(code=code, name=name, path="".join(commands), label_x=x, label_y=y, span=span)
            )
    return tuple(result)


def available():
    return atlas_path().is_file()


def choropleth(view_name, counts, link):
    """The map for ``view_name`` shaded by ``counts`` ({alpha-2: n}); ``link(code)`` gives
    each country's list address. Countries without cases are drawn but not linked."""
    view = VIEWS[view_name]
    ident = f"map-{view.name}"
    top = max(counts.values(), default=0)
    if view.name == EUROPE.name:
        title = _("Case studies per country in Europe")
    else:
        title = _("Case studies per country in the world")
    desc = _(
        "Countries are shaded by their number of case studies: darker means more. "
        "Countries with case studies link to their list. The table beside the map "
        "gives every number."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart map" role="group" '
        f'viewBox="0 0 {view.width} {view.height}" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
        f'<rect width="{view.width}" height="{view.height}" fill="#f4f6f8"/>',
    ]
    labels = []
    for shape in shapes(view.name):
        count = counts.get(shape.code, 0) if shape.code else 0
        fill = shade(count, top)[0] if count else "#e3e7eb"
        stroke = "#4f5862" if count else "#ffffff"
        body = f'<path d="{shape.path}" fill="{fill}" stroke="{stroke}" stroke-width="0.6"/>'
        if count:
            name = f"{shape.name}: {cases_label(count)}"
            parts.append(
                f'<a href="{escape(link(shape.code))}" aria-label="{escape(name)}" '
                f'data-count="{count}"><title>{escape(name)}</title>{body}</a>'
            )
            labels.append((count, shape))
        else:
            parts.append(body)
    # Labels go on top of every country, and are left to the links for assistive
    # technology: each link is already named "Poland: 3 cases".
    parts.append(
        f'<g class="map__labels" aria-hidden="true" font-size="{LABEL_SIZE}" '
        f'font-weight="600" fill="{INK}" stroke="#ffffff" stroke-width="3" '
        f'paint-order="stroke" text-anchor="middle" pointer-events="none">'
        + "".join(_labels(view, labels))
        + "</g>"
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))


LABEL_SIZE = 11
# Average width of a character of an 11 px label, to tell whether a name fits its country.
LABEL_CHAR_WIDTH = 6.4


def _labels(view, counted):
    """Labels for (count, shape) pairs: the country's name at its centre, or its two-letter
    code where the name would spill far over a small country.

    Countries with more cases are labelled first; a label that would overlap one already
    placed, or whose country's centre lies outside the view, is left out (the world map's
    European countries, say, are labelled on the map of Europe).
    """
    placed = []
    for _count, shape in sorted(counted, key=lambda pair: (-pair[0], -pair[1].span)):
        x, y = shape.label_x, shape.label_y
        if not (0 < x < view.width and 0 < y < view.height):
            continue
        text = shape.name
        if len(text) * LABEL_CHAR_WIDTH > max(shape.span * 1.5, 40) and shape.code:
            text = shape.code
        half = len(text) * LABEL_CHAR_WIDTH / 2 + 2
        box = (x - half, y - LABEL_SIZE, x + half, y + 2)
        if any(
            box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]
            for other in placed
        ):
            continue
        placed.append(box)
        yield f'<text x="{x:.1f}" y="{y + LABEL_SIZE / 3:.1f}">{escape(text)}</text>'


def legend(counts):
    """Legend steps as (step of SCALE, lowest count, highest count).

    The page colours each step with a class (``map-legend__swatch--<step>`` in atlas.css),
    since the Content-Security-Policy allows no style attribute.
    """
    top = max(counts.values(), default=0)
    steps = {}
    for count in range(1, top + 1):
        step = SCALE.index(shade(count, top)[0])
        low, high = steps.get(step, (count, count))[0], count
        steps[step] = (low, high)
    return [(step, low, high) for step, (low, high) in steps.items()]


__all__ = ["EUROPE", "INK", "SCALE", "WORLD", "available", "choropleth", "legend", "shapes"]
