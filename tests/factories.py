"""Small, explicit test data. The seed catalogue is for users, not for tests."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cases.choices import ActorKind, CollaborationForm, InitiatorKind, Role, State
from cases.models import Actor, Initiative, InitiativeLink, Involvement, Lesson, Source, Theme
from models_of_collab.models import CollaborationModel, Motivation, Recommendation


class CollaborationModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollaborationModel
        django_get_or_create = ["slug"]

    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    slug = factory.Sequence(lambda n: f"model-{n}")
    summary = "A way of working together."


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    collaboration_model = factory.SubFactory(CollaborationModelFactory)
    text = "Plan what happens afterwards."


class MotivationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Motivation
        django_get_or_create = ["slug"]

    name = factory.LazyAttribute(lambda o: o.slug.title())
    slug = factory.Sequence(lambda n: f"motivation-{n}")
    summary = "A reason to collaborate."


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.LazyAttribute(lambda o: o.slug.title())
    slug = factory.Sequence(lambda n: f"theme-{n}")


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = ActorKind.CIVIC
    country = "PL"


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Initiative {n}")
    slug = factory.Sequence(lambda n: f"initiative-{n}")
    summary = "A civic tech collaboration."
    collaboration = CollaborationForm.DIRECT
    initiator_kind = InitiatorKind.CIVIC
    countries = ["PL"]
    start_year = 2018
    state = State.PUBLISHED

    @factory.post_generation
    def models(self, create, extracted, **kwargs):
        if create and extracted:
            self.collaboration_models.set(extracted)

    @factory.post_generation
    def motivations(self, create, extracted, **kwargs):
        if create and extracted:
            self.motivations.set(extracted)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class InvolvementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Involvement

    initiative = factory.SubFactory(InitiativeFactory)
    actor = factory.SubFactory(ActorFactory)
    role = Role.PARTNER


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    initiative = factory.SubFactory(InitiativeFactory)
    text = "Include end users from the start."


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    initiative = factory.SubFactory(InitiativeFactory)
    title = "Social Innovation in Digital Democracy Era"


def guide_source(initiative, locator="Models of Collaboration, p. 15", **facts):
    """A source that is the guide, cited for each fact ``initiative`` states; returns it.

    ``facts`` may name provenance fields to leave out (``years_provenance=False``).
    """
    source = SourceFactory(initiative=initiative, is_guide=True, locator=locator)
    for name in ("initiator_provenance", "funding_provenance", "years_provenance",
                 "status_provenance"):  # fmt: skip
        if facts.get(name, True):
            setattr(initiative, name, source)
    initiative.save()
    return source


class InitiativeLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitiativeLink

    source = factory.SubFactory(InitiativeFactory)
    target = factory.SubFactory(InitiativeFactory)
    kind = "replicated_from"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct horse battery staple")
    is_staff = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
