"""A case's years read the same on its card, its page and in comparisons."""

import pytest

from cases.models import Initiative


@pytest.mark.parametrize(
    "start, end, span",
    [
        (2018, None, "since 2018"),
        (2018, 2018, "2018"),
        (2018, 2020, "2018–2020"),
        (None, None, ""),
        (None, 2020, ""),
    ],
)
def test_year_span(start, end, span):
    assert Initiative(start_year=start, end_year=end).year_span == span
