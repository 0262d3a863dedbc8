"""Editable rules behind the model chooser."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from collab_atlas.translated import TranslatedFields

from .choices import ANSWERS, Question

MIN_WEIGHT, MAX_WEIGHT = -10, 10


class ChooserRule(models.Model):
    """One answer's pull towards (positive weight) or away from (negative) a model."""

    question = models.CharField(_("question"), max_length=20, choices=Question)
    answer = models.CharField(
        _("answer"), max_length=30, help_text=_("The answer's value, e.g. 'official' or 'weeks'.")
    )
    # The model's stable slug rather than a foreign key: the rules ship in a migration,
    # before the catalogue's models are loaded; rules for a missing model are skipped.
    collaboration_model = models.SlugField(
        _("collaboration model"),
        max_length=60,
        help_text=_("Slug of the collaboration model, e.g. 'hackathon'."),
    )
    weight = models.SmallIntegerField(
        _("weight"),
        help_text=_("Points added to the model when this answer is given; negative to discourage."),
    )
    reason = models.CharField(
        _("reason"),
        max_length=300,
        help_text=_("Shown with the recommendation: why this answer points to (or away from) it."),
    )
    basis = models.CharField(
        _("basis in the guide"),
        max_length=300,
        help_text=_(
            "The guide's section and the recommendation or passage this rule rests on, "
            "e.g. 'Models of Collaboration, Trainings: start with people keen to learn'."
        ),
    )
    translations = TranslatedFields("reason")

    class Meta:
        ordering = ["question", "answer", "-weight", "collaboration_model"]
        verbose_name = _("chooser rule")
        verbose_name_plural = _("chooser rules")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "answer", "collaboration_model"],
                name="chooser_rule_unique",
                violation_error_message=_("There is already a rule for this answer and model."),
            ),
            models.CheckConstraint(
                condition=models.Q(weight__gte=MIN_WEIGHT, weight__lte=MAX_WEIGHT)
                & ~models.Q(weight=0),
                name="chooser_rule_weight_range",
                violation_error_message=_("The weight must be between -10 and 10, and not 0."),
            ),
            models.CheckConstraint(
                condition=models.Q(question__in=Question.values),
                name="chooser_rule_question_valid",
            ),
        ]
        indexes = [
            # The chooser fetches the rules for the given answers.
            models.Index(fields=["question", "answer"], name="chooser_rule_answer_idx"),
        ]

    def __str__(self):
        return f"{self.get_question_display()}: {self.answer} → {self.collaboration_model}"

    def clean(self):
        super().clean()
        answers = ANSWERS.get(self.question)
        if answers is not None and self.answer not in answers.values:
            raise ValidationError(
                {"answer": _("Choose one of: %(values)s.") % {"values": ", ".join(answers.values)}}
            )
