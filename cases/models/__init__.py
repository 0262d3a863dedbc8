"""The catalogue's evidence, one module per model with its queryset beside it.

Modules import one way: ``publication`` (what "published" means) <- ``themes``,
``lessons`` (lessons, sources and the provenance field every fact uses) <- ``actors``
<- ``initiative`` <- ``links``.
"""

from .actors import Actor, Involvement
from .initiative import MAX_YEAR, MIN_YEAR, Initiative
from .lessons import Lesson, Source
from .links import InitiativeLink
from .publication import published_through
from .themes import Theme

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "Actor",
    "Initiative",
    "InitiativeLink",
    "Involvement",
    "Lesson",
    "Source",
    "Theme",
    "published_through",
]
