"""Suggestions from the public: new case studies and corrections, waiting for an editor."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from cases.choices import CollaborationForm, InitiatorKind
from cases.models import Initiative
from models_of_collab.models import CollaborationModel

from .choices import NotificationStatus, SuggestionKind, SuggestionStatus


class Suggestion(models.Model):
    kind = models.CharField(
        _("kind"), max_length=12, choices=SuggestionKind, default=SuggestionKind.NEW_CASE
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name=_("case study corrected"),
    )
    title = models.CharField(_("name of the initiative"), max_length=200, blank=True)
    description = models.TextField(
        _("what the initiative is"),
        max_length=5000,
        help_text=_("For a correction: what is wrong or missing, and what it should say."),
    )
    aim = models.TextField(_("its aim"), max_length=3000, blank=True)
    initiator = models.TextField(_("who initiated it"), max_length=1000, blank=True)
    initiator_kind = models.CharField(
        _("kind of initiator"), max_length=12, choices=InitiatorKind.known_choices(), blank=True
    )
    participants = models.TextField(
        _("who took part, and in what role"), max_length=3000, blank=True
    )
    collaboration = models.CharField(
        _("collaboration form"), max_length=10, choices=CollaborationForm, blank=True
    )
    collaboration_models = models.ManyToManyField(
        CollaborationModel,
        related_name="suggestions",
        blank=True,
        verbose_name=_("models of collaboration"),
    )
    funding = models.TextField(_("how it was funded"), max_length=2000, blank=True)
    lessons = models.TextField(_("lessons learnt and challenges"), max_length=5000, blank=True)
    sources = models.TextField(
        _("sources"), max_length=3000, blank=True, help_text=_("One web address per line.")
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail of the person suggesting"), blank=True)
    may_contact = models.BooleanField(_("agreed to be contacted"), default=False)
    notify_outcome = models.BooleanField(
        _("asked to be told the outcome"),
        default=False,
        help_text=_("The sender wants an e-mail when the suggestion is accepted or declined."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        default="en",
        editable=False,
        help_text=_("The language of the form it was sent from; the outcome e-mail uses it."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SuggestionStatus, default=SuggestionStatus.NEW
    )
    reason = models.TextField(
        _("reason for the decision"),
        max_length=2000,
        blank=True,
        help_text=_(
            "Why it was accepted or declined. Sent to the sender if they asked to be told."
        ),
    )
    draft = models.ForeignKey(
        Initiative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="source_suggestions",
        verbose_name=_("draft case study made from it"),
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True, editable=False)
    outcome_sent_at = models.DateTimeField(
        _("outcome e-mailed"), null=True, blank=True, editable=False
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("handled by"),
    )
    # Sent once the suggestion is committed; a failure stays visible in the admin.
    notification = models.CharField(
        _("editors e-mailed"),
        max_length=10,
        choices=NotificationStatus,
        default=NotificationStatus.PENDING,
        editable=False,
    )
    notification_error = models.TextField(
        _("why the e-mail to editors failed"), blank=True, editable=False
    )
    # A keyed hash of the sender's address, to spot floods; the address itself is not kept.
    submitter_hash = models.CharField(
        _("sender fingerprint"), max_length=64, blank=True, editable=False
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email="")
                | models.Q(may_contact=True)
                | models.Q(notify_outcome=True),
                name="suggestion_email_needs_consent",
                violation_error_message=_(
                    "An e-mail address is kept only with consent to be contacted or to be "
                    "told the outcome."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=SuggestionKind.values),
                name="suggestion_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=SuggestionStatus.values),
                name="suggestion_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(notification__in=NotificationStatus.values),
                name="suggestion_notification_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=SuggestionStatus.REJECTED) | ~models.Q(reason=""),
                name="suggestion_rejection_has_reason",
                violation_error_message=_("Give a reason for rejecting."),
            ),
        ]
        indexes = [
            # The moderation queue: newest first, filtered by status.
            models.Index(fields=["status", "-created_at"], name="suggestion_queue_idx"),
        ]

    def __str__(self):
        if self.kind == SuggestionKind.CORRECTION and self.initiative_id:
            return _("Correction to %(case)s") % {"case": self.initiative}
        return self.title or _("Suggestion %(number)s") % {"number": self.pk}

    @property
    def source_urls(self):
        return [line.strip() for line in self.sources.splitlines() if line.strip()]
