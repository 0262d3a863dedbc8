"""The comparison table's rows, declared as data, and the includes that draw them."""

import pytest
from django.template.loader import get_template, render_to_string

from cases.choices import LessonKind, Role
from cases.models import Initiative
from insights import comparison
from tests.factories import (
    CollaborationModelFactory,
    InitiativeFactory,
    InvolvementFactory,
    LessonFactory,
    MotivationFactory,
)


def cells_of(case):
    [(_case, cells)] = comparison.cards([case], comparison.table([case]))
    return {row.key: cell for row, cell in cells}


def draw(cell):
    return render_to_string(cell.template, {"value": cell.value}).strip()


def test_every_row_has_a_label_and_an_include_for_its_kind():
    assert len({row.key for row in comparison.ROWS}) == len(comparison.ROWS)
    for row in comparison.ROWS:
        assert str(row.label)
        get_template(comparison.Cell(row.kind, None).template)


@pytest.mark.django_db
def test_cells_read_the_prefetched_case_without_queries(django_assert_num_queries):
    hackathon = CollaborationModelFactory(slug="hackathon", name="Hackathon")
    case = InitiativeFactory(
        slug="a",
        aim="Open the *budget*.",
        models=[hackathon],
        motivations=[MotivationFactory(slug="impact", name="Impact")],
        countries=["RO"],
        start_year=2018,
        end_year=2020,
        funding_sources=["eu"],
    )
    InvolvementFactory(initiative=case, role=Role.INITIATOR, actor__name="Code for Romania")
    LessonFactory(initiative=case, kind=LessonKind.IMPROVEMENT, text="Test with users.")
    LessonFactory(initiative=case, kind=LessonKind.CHALLENGE, text="Money ran out.")
    case = Initiative.objects.filter(pk=case.pk).for_detail().get()
    with django_assert_num_queries(0):
        cells = cells_of(case)
    assert [row.key for row in comparison.ROWS] == list(cells)
    assert draw(cells["aim"]) == "<p>Open the <em>budget</em>.</p>"
    assert draw(cells["models"]) == (
        '<ul class="tags"><li><a class="tag" href="/cases/?model=hackathon">Hackathon</a></li></ul>'
    )
    assert 'href="/cases/?motivation=impact"' in draw(cells["motivations"])
    assert 'href="/cases/?country=RO">Romania</a>' in draw(cells["countries"])
    assert draw(cells["initiation"]).startswith("<p><strong>Civic tech or civil society</strong>")
    assert ": Code for Romania</p>" in draw(cells["initiation"])
    assert "Money ran out." in draw(cells["lessons"])
    assert "Test with users." not in draw(cells["lessons"])
    assert "Test with users." in draw(cells["improvements"])
    assert "Code for Romania <span" in draw(cells["actors"])
    assert draw(cells["years"]) == "<p>2018–2020</p>"
    assert '<li class="tag">' in draw(cells["funding"])


@pytest.mark.django_db
def test_missing_answers_say_not_recorded():
    case = InitiativeFactory(aim="", start_year=None, countries=[], funding="", funding_sources=[])
    case = Initiative.objects.filter(pk=case.pk).for_detail().get()
    cells = cells_of(case)
    for key in ["aim", "funding", "models", "lessons", "improvements", "actors", "years"]:
        assert "Not recorded" in draw(cells[key]), key
