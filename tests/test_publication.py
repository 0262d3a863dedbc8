"""Drafts never leak: public code starts from the published() querysets."""

import pytest

from cases.choices import Role, State
from cases.models import Actor, Initiative, Lesson
from tests.factories import InitiativeFactory, InvolvementFactory, LessonFactory

pytestmark = pytest.mark.django_db


def test_only_published_cases_are_public():
    published = InitiativeFactory(state=State.PUBLISHED)
    for state in (State.DRAFT, State.REVIEW, State.UNPUBLISHED):
        InitiativeFactory(state=state)
    assert list(Initiative.objects.published()) == [published]


def test_publishing_records_when():
    initiative = InitiativeFactory(state=State.DRAFT)
    assert initiative.published_at is None
    initiative.state = State.PUBLISHED
    initiative.save()
    assert initiative.published_at is not None


def test_lessons_of_draft_cases_are_not_public():
    shown = LessonFactory(initiative=InitiativeFactory(state=State.PUBLISHED))
    LessonFactory(initiative=InitiativeFactory(state=State.DRAFT))
    assert list(Lesson.objects.published()) == [shown]


def test_actors_only_count_as_public_through_published_cases():
    public = InvolvementFactory(role=Role.INITIATOR).actor
    InvolvementFactory(initiative=InitiativeFactory(state=State.REVIEW), role=Role.INITIATOR)
    assert list(Actor.objects.with_published_cases()) == [public]
