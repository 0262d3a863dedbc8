from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import ANSWERS, Question

HELP = {
    Question.ROLE: _("Pick the one closest to you."),
    Question.GOAL: _("Your main aim, if you have several. This answer counts most."),
    Question.TIME: _("How long you can keep working on it."),
    Question.TEAM: _("Who can work on it with you."),
    Question.PARTNERS: _("Do you already know who you will work with?"),
}
LEGENDS = {
    Question.ROLE: _("Who are you?"),
    Question.GOAL: _("What do you want to achieve?"),
    Question.TIME: _("How much time do you have?"),
    Question.TEAM: _("How large is your team?"),
    Question.PARTNERS: _("Do you have partners yet?"),
}


class ChooserForm(forms.Form):
    """The questionnaire. Every question is optional; a bad answer is dropped, not fatal."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question, answers in ANSWERS.items():
            self.fields[question.value] = forms.ChoiceField(
                label=LEGENDS[question],
                help_text=HELP[question],
                choices=answers.choices,
                required=False,
                widget=forms.RadioSelect,
            )

    def answers(self):
        """Valid answers only, as {question: answer}; call after is_valid()."""
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value}
