"""The last check of a record's web address, kept on the record (see ``check_links``).

Only the ``check_links`` command writes these fields, with ``update()``: a check is not
an edit, so it leaves the history, ``updated_at`` and the catalogue version alone, and
no page fetches anything while it renders.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# A response at or above this status means the address is broken.
BROKEN_STATUS = 400
# History stays about what editors wrote, not about the checker's findings.
CHECK_FIELDS = ["link_status", "link_checked_at", "link_error"]


class CheckedLink(models.Model):
    """Adds the state of the last check of ``link_field``, the model's URLField."""

    link_field = None

    link_status = models.PositiveSmallIntegerField(
        _("link status"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The HTTP status the address answered at the last check."),
    )
    link_checked_at = models.DateTimeField(_("link checked"), null=True, blank=True, editable=False)
    link_error = models.CharField(
        _("link error"),
        max_length=300,
        blank=True,
        editable=False,
        help_text=_("Why the last check failed, when the address gave no answer."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A changed address has not been checked yet: forget the old address's result.
        loaded = getattr(self, "_address_checked", None)
        current = getattr(self, self.link_field)
        if self.pk is not None and loaded is not None and loaded != current:
            self.link_status, self.link_checked_at, self.link_error = None, None, ""
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *CHECK_FIELDS}
        super().save(*args, **kwargs)
        self._address_checked = current

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._address_checked = instance.__dict__.get(cls.link_field)
        return instance

    @classmethod
    def broken_link(cls):
        """The condition a record whose address failed its last check meets."""
        return Q(link_checked_at__isnull=False) & (
            ~Q(link_error="") | Q(link_status__gte=BROKEN_STATUS)
        )

    @property
    def link_is_broken(self):
        return self.link_checked_at is not None and bool(
            self.link_error or (self.link_status or 0) >= BROKEN_STATUS
        )
