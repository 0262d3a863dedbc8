"""The guide's vocabulary as choices. Values are stable: they appear in URLs and exports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CollaborationForm(models.TextChoices):
    DIRECT = "direct", _("Direct")
    INDIRECT = "indirect", _("Indirect")


class InitiatorKind(models.TextChoices):
    CIVIC = "civic", _("Civic tech or civil society")
    GOVERNMENT = "government", _("Government (central or local)")
    DONOR = "donor", _("Donor")
    BUSINESS = "business", _("Business")
    ACADEMIA = "academia", _("Academia")
    # The guide mentions cases (events, examples) without saying who started them;
    # a guess would be a fact without a source.
    UNKNOWN = "unknown", _("Not stated in the sources")

    @classmethod
    def known_choices(cls):
        return [(value, label) for value, label in cls.choices if value != cls.UNKNOWN]


class ActorKind(models.TextChoices):
    CIVIC = "civic", _("Civic tech or civil society")
    NETWORK = "network", _("Network of organisations")
    GOVERNMENT = "government", _("Government (central or local)")
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organisation")
    DONOR = "donor", _("Donor")
    BUSINESS = "business", _("Business")
    ACADEMIA = "academia", _("Academia or research")
    MEDIA = "media", _("Media or journalists")


class Role(models.TextChoices):
    INITIATOR = "initiator", _("Initiator")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Funder")
    TECHNOLOGY = "technology", _("Technology provider")
    EXPERT = "expert", _("Expert")
    ADOPTER = "adopter", _("Adopter")
    GOVERNMENT = "government", _("Government counterpart")


class Scope(models.TextChoices):
    LOCAL = "local", _("Local")
    NATIONAL = "national", _("National")
    INTERNATIONAL = "international", _("International")


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")
    UNKNOWN = "unknown", _("Unknown")


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


class FundingSource(models.TextChoices):
    PUBLIC = "public", _("Public budget (central or local)")
    EU = "eu", _("European Union programme")
    FOUNDATION = "foundation", _("Private foundation or donor")
    CROWDFUNDING = "crowdfunding", _("Crowdfunding or individual donations")
    FEES = "fees", _("Fees paid by implementing institutions")
    BUSINESS = "business", _("Business")
    VOLUNTEER = "volunteer", _("Volunteer work")


class LessonKind(models.TextChoices):
    LESSON = "lesson", _("Lesson learnt")
    CHALLENGE = "challenge", _("Challenge")
    IMPROVEMENT = "improvement", _("What would improve similar innovations")


class LinkKind(models.TextChoices):
    REPLICATED_FROM = "replicated_from", _("Replicated from")
    ADAPTED_FROM = "adapted_from", _("Adapted from")
    PART_OF = "part_of", _("Part of")
