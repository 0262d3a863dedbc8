"""Changes to shared records waiting for a reviewer.

Organisations, collaboration models and their recommendations, motivations, themes and
the chooser's rules appear on many public pages at once. An editor's change to one of
them is not saved on the record: it is kept here as a pending revision until someone
with the publish permission approves it (``collab_atlas.revisions`` applies it) or
rejects it. Changes saved directly by people with that permission are kept here too,
already approved, so this table is the one account of who changed what and who let it
through.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


class RevisionState(models.TextChoices):
    PENDING = "pending", _("waiting for review")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class RevisionAction(models.TextChoices):
    CREATE = "create", _("new record")
    CHANGE = "change", _("change")


class RevisionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=RevisionState.PENDING)

    def for_model(self, model):
        return self.filter(content_type=ContentType.objects.get_for_model(model))

    def for_object(self, obj):
        return self.for_model(type(obj)).filter(object_id=obj.pk)

    def pending_count_per_row(self, model):
        """An expression counting the pending changes of each row of ``model``, for
        ``annotate()`` on a changelist: a subquery, so the list costs no extra query."""
        counts = (
            self.pending()
            .for_model(model)
            .filter(object_id=OuterRef("pk"))
            .order_by()
            .values("object_id")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return Coalesce(Subquery(counts), Value(0))


class Revision(models.Model):
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("kind of record")
    )
    # Empty for a proposed new record until it is approved and exists.
    object_id = models.PositiveBigIntegerField(_("record"), null=True, blank=True)
    content_object = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(
        _("record name"), max_length=200, help_text=_("What the record was called when proposed.")
    )
    action = models.CharField(_("action"), max_length=10, choices=RevisionAction)
    values = models.JSONField(
        _("proposed values"), encoder=DjangoJSONEncoder, help_text=_("Field name: new value.")
    )
    base = models.JSONField(
        _("values when proposed"),
        encoder=DjangoJSONEncoder,
        default=dict,
        blank=True,
        help_text=_("The same fields as they were when the change was proposed."),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=RevisionState, default=RevisionState.PENDING
    )
    direct = models.BooleanField(
        _("saved directly"),
        default=False,
        help_text=_("Saved at once by someone with the publish permission."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="revisions_proposed",
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions_decided",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("change to a shared record")
        verbose_name_plural = _("changes to shared records")
        permissions = [
            (
                "publish_revision",
                _("Can approve changes to shared records, and change them directly"),
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=RevisionState.values),
                name="revision_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(action__in=RevisionAction.values),
                name="revision_action_valid",
            ),
            # Decided exactly when no longer pending.
            models.CheckConstraint(
                condition=models.Q(state=RevisionState.PENDING, decided_at__isnull=True)
                | (~models.Q(state=RevisionState.PENDING) & models.Q(decided_at__isnull=False)),
                name="revision_decided_when_not_pending",
            ),
            # A change names its record; a new record has one once approved.
            models.CheckConstraint(
                condition=~models.Q(action=RevisionAction.CHANGE, object_id__isnull=True)
                & ~models.Q(
                    action=RevisionAction.CREATE,
                    state=RevisionState.APPROVED,
                    object_id__isnull=True,
                ),
                name="revision_names_its_record",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=models.Q(direct=False) | models.Q(state=RevisionState.APPROVED),
                name="revision_direct_is_approved",
            ),
        ]
        indexes = [
            # A record's pending changes (its change page, the changelist column).
            models.Index(fields=["content_type", "object_id", "state"], name="revision_record_idx"),
            # The reviewers' queue: pending changes, newest first.
            models.Index(fields=["state", "-created_at"], name="revision_queue_idx"),
        ]

    def __str__(self):
        return _("%(action)s of %(kind)s “%(name)s”") % {
            "action": self.get_action_display(),
            "kind": self.content_type.name if self.content_type_id else "",
            "name": self.object_repr,
        }

    @property
    def is_pending(self):
        return self.state == RevisionState.PENDING
