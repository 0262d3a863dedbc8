"""Pagination that never fails on a bad ``page`` parameter."""

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
