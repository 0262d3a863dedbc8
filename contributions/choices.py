from django.db import models
from django.utils.translation import gettext_lazy as _


class SuggestionKind(models.TextChoices):
    NEW_CASE = "new", _("New case study")
    CORRECTION = "correction", _("Correction")


class SuggestionStatus(models.TextChoices):
    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class NotificationStatus(models.TextChoices):
    """Whether the editors were e-mailed about a suggestion."""

    PENDING = "pending", _("Not sent yet")
    SENT = "sent", _("Sent")
    NOBODY = "nobody", _("No editor has an e-mail address")
    FAILED = "failed", _("Failed")
