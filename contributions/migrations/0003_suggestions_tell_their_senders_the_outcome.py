"""Senders may ask to be told the outcome; the reason now covers accepting as well as
declining (``rejection_reason`` renamed to ``reason``, its text kept)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0002_editor_permissions"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="suggestion",
            name="suggestion_email_needs_consent",
        ),
        migrations.RemoveConstraint(
            model_name="suggestion",
            name="suggestion_rejection_has_reason",
        ),
        migrations.RenameField(
            model_name="suggestion",
            old_name="rejection_reason",
            new_name="reason",
        ),
        migrations.AlterField(
            model_name="suggestion",
            name="reason",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Why it was accepted or declined. Sent to the sender if they asked to be told."
                ),
                max_length=2000,
                verbose_name="reason for the decision",
            ),
        ),
        migrations.AddField(
            model_name="suggestion",
            name="notify_outcome",
            field=models.BooleanField(
                default=False,
                help_text="The sender wants an e-mail when the suggestion is accepted or declined.",
                verbose_name="asked to be told the outcome",
            ),
        ),
        migrations.AddField(
            model_name="suggestion",
            name="outcome_sent_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="outcome e-mailed"
            ),
        ),
        migrations.AddConstraint(
            model_name="suggestion",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("email", ""), ("may_contact", True), ("notify_outcome", True), _connector="OR"
                ),
                name="suggestion_email_needs_consent",
                violation_error_message=(
                    "An e-mail address is kept only with consent to be contacted or to be told "
                    "the outcome."
                ),
            ),
        ),
        migrations.AddConstraint(
            model_name="suggestion",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "rejected"), _negated=True),
                    models.Q(("reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="suggestion_rejection_has_reason",
                violation_error_message="Give a reason for rejecting.",
            ),
        ),
    ]
