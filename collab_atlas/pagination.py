"""Pagination that never fails on a bad ``page`` parameter, and stays quick on deep pages."""

from django.core.paginator import Paginator

MAX_PAGE_DIGITS = 9


def clamp_page(raw, num_pages):
    """The page to show for ``?page=raw``: garbage gives the first, out of range the nearest."""
    try:
        number = int(str(raw or "1").strip()[:MAX_PAGE_DIGITS])
    except ValueError:
        number = 1
    return max(1, min(number, max(num_pages, 1)))


class ClampedPaginationMixin:
    """For ListView-like views: ``page=-1``, ``page=abc`` or ``page=99999`` show a real page."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=True,
        )
        page = paginator.page(
            clamp_page(self.request.GET.get(self.page_kwarg), paginator.num_pages)
        )
        return (paginator, page, page.object_list, page.has_other_pages())


class CountedPaginator(Paginator):
    """A paginator that can be told its count, when the page already knows it, and that
    reads a page after the first by its keys first.

    ``OFFSET n`` makes the database read and drop n whole rows; reading only the keys of
    those rows (an index-only scan on the list's order) and then the page's rows by key
    keeps the last page of a long list nearly as quick as the first. A page in the
    second half reads its keys from the end, in the reversed order, so that the
    database skips at most half of the list's keys.
    """

    def __init__(self, object_list, per_page, *, count=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:
            self.__dict__["count"] = count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        if bottom and hasattr(rows, "values"):
            keys = rows.values("pk")
            if rows.ordered and bottom > self.count - top:
                keys = keys.reverse()[self.count - top : self.count - bottom]
            else:
                keys = keys[bottom:top]
            rows = rows.filter(pk__in=keys)
        else:
            rows = rows[bottom:top]
        return self._get_page(rows, number, self)
