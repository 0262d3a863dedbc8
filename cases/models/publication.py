"""What "published" means, in the one place every query about the public catalogue reads."""

from django.db.models import Q

from ..choices import State


def published_through(relation=""):
    """Rows whose case, reached through ``relation`` ("" for a case itself, "initiatives"
    for a theme's cases, "links_out__target"…), the public may see.

    A condition rather than a queryset, so that it can filter a join or an aggregate
    (``Count(..., filter=...)``) without adding a subquery.
    """
    return Q(**{f"{relation}__state" if relation else "state": State.PUBLISHED})
