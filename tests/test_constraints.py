"""The catalogue's rules live in the database, not only in forms."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cases.choices import Role
from tests.factories import (
    ActorFactory,
    InitiativeFactory,
    InitiativeLinkFactory,
    InvolvementFactory,
)

pytestmark = pytest.mark.django_db


def test_end_year_before_start_year_is_rejected_by_the_database():
    with pytest.raises(IntegrityError):
        InitiativeFactory(start_year=2019, end_year=2017)


def test_end_year_equal_to_start_year_is_allowed():
    assert InitiativeFactory(start_year=2019, end_year=2019).pk


def test_implausible_start_year_is_rejected():
    with pytest.raises(IntegrityError):
        InitiativeFactory(start_year=1066)


def test_duplicate_case_slug_is_rejected():
    InitiativeFactory(slug="consul")
    with pytest.raises(IntegrityError):
        InitiativeFactory(slug="consul")


def test_unknown_collaboration_form_is_rejected_by_the_database():
    with pytest.raises(IntegrityError):
        InitiativeFactory(collaboration="sideways")


def test_a_case_has_only_one_initiator():
    initiative = InitiativeFactory()
    InvolvementFactory(initiative=initiative, role=Role.INITIATOR)
    with pytest.raises(IntegrityError), transaction.atomic():
        InvolvementFactory(initiative=initiative, role=Role.INITIATOR)
    # Other roles are not limited.
    InvolvementFactory(initiative=initiative, role=Role.PARTNER)
    InvolvementFactory(initiative=initiative, role=Role.PARTNER)
    assert initiative.involvements.count() == 3


def test_same_actor_cannot_hold_the_same_role_twice():
    initiative, actor = InitiativeFactory(), ActorFactory()
    InvolvementFactory(initiative=initiative, actor=actor, role=Role.EXPERT)
    with pytest.raises(IntegrityError):
        InvolvementFactory(initiative=initiative, actor=actor, role=Role.EXPERT)


def test_a_case_cannot_derive_from_itself():
    initiative = InitiativeFactory()
    with pytest.raises(IntegrityError):
        InitiativeLinkFactory(source=initiative, target=initiative)


def test_validation_explains_the_year_rule_in_words():
    initiative = InitiativeFactory.build(start_year=2019, end_year=2010)
    with pytest.raises(ValidationError) as error:
        initiative.full_clean()
    assert "The end year cannot be before the start year." in str(error.value)


def test_validation_rejects_unknown_kinds_of_funding():
    initiative = InitiativeFactory.build(funding_sources=["lottery"])
    with pytest.raises(ValidationError) as error:
        initiative.full_clean()
    assert "funding_sources" in error.value.message_dict
