from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from cases.choices import CollaborationForm, InitiatorKind
from models_of_collab.models import CollaborationModel

from .models import Suggestion

MAX_SOURCES = 20
SOURCE_URL_LENGTH = 500


class SuggestionForm(forms.ModelForm):
    # A trap for bots: hidden from people and from assistive technology, so only a
    # program filling in every field puts something here.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    collaboration_models = forms.ModelMultipleChoiceField(
        label=_("Which model of collaboration did it follow?"),
        queryset=CollaborationModel.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick any that fit; leave them all empty if you are not sure."),
    )
    initiator_kind = forms.ChoiceField(
        label=_("What kind of organisation started it?"),
        choices=[("", _("I don't know"))] + InitiatorKind.known_choices(),
        required=False,
        widget=forms.RadioSelect,
    )
    collaboration = forms.ChoiceField(
        label=_("Who worked with whom?"),
        choices=[
            ("", _("I don't know")),
            (CollaborationForm.DIRECT, _("Civic groups worked directly with a government")),
            (
                CollaborationForm.INDIRECT,
                _("Civic groups worked with each other to influence authorities"),
            ),
        ],
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Suggestion
        fields = [
            "title", "description", "aim", "initiator", "initiator_kind", "participants",
            "collaboration", "collaboration_models", "funding", "lessons", "sources",
            "countries", "website", "email", "may_contact", "notify_outcome",
        ]  # fmt: skip
        labels = {
            "title": _("What is the initiative called?"),
            "description": _("What is the initiative? What does it do?"),
            "aim": _("What was it trying to achieve?"),
            "initiator": _("Who started the collaboration?"),
            "participants": _("Who else took part, and what did each of them do?"),
            "funding": _("How was it funded?"),
            "lessons": _("What did the people involved learn? What was hardest?"),
            "sources": _("Where can we read more?"),
            "countries": _("In which countries did it take place?"),
            "website": _("Its website"),
            "email": _("Your e-mail address (optional)"),
            "may_contact": _("You may contact me about this suggestion"),
            "notify_outcome": _("Tell me what happens to my suggestion"),
        }
        help_texts = {
            "title": _("Its name, or a short description if it has none."),
            "initiator": _("Name the organisation or office, if you know it."),
            "participants": _("For example: “the city council provided data; we built the app”."),
            "sources": _(
                "Web addresses of articles, reports or pages about it, one per line, "
                "starting with https:// or http://."
            ),
            "countries": _("Hold Ctrl (or Cmd) to choose more than one."),
            "email": _("Only editors see it, and only to ask you about this suggestion."),
            "may_contact": _(
                "Tick this or the next box if you give your e-mail address: we keep it only "
                "for what you agree to."
            ),
            "notify_outcome": _(
                "We send you one e-mail when an editor accepts or declines it, with their "
                "reason. If you did not also agree to be contacted, we then delete your address."
            ),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "aim": forms.Textarea(attrs={"rows": 3}),
            "initiator": forms.Textarea(attrs={"rows": 2}),
            "participants": forms.Textarea(attrs={"rows": 4}),
            "funding": forms.Textarea(attrs={"rows": 3}),
            "lessons": forms.Textarea(attrs={"rows": 5}),
            "sources": forms.Textarea(attrs={"rows": 4}),
            "website": forms.URLInput(attrs={"placeholder": "https://"}),
        }

    def __init__(self, *args, initiative=None, **kwargs):
        self.initiative = initiative
        super().__init__(*args, **kwargs)
        if initiative is None:
            self.fields["title"].required = True
            self.fields["description"].help_text = _(
                "A few sentences: who does what, for whom, and how government is involved."
            )
        else:
            self.fields["description"].label = _("What is wrong or missing?")
            self.fields["description"].help_text = _(
                "Tell us what the case study should say instead, and how you know. The "
                "other questions are optional: answer those you can correct."
            )
            self.fields["title"].help_text = _("Only if the name shown is wrong.")

    def clean_homepage(self):
        # Checked by the view, which pretends to accept the submission.
        return self.cleaned_data["homepage"]

    def clean_sources(self):
        text = self.cleaned_data["sources"]
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) > MAX_SOURCES:
            raise ValidationError(
                _("Give at most %(max)d web addresses."), params={"max": MAX_SOURCES}
            )
        validate = URLValidator(schemes=["http", "https"])
        errors = []
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            try:
                validate(line)
                if len(line) > SOURCE_URL_LENGTH:
                    raise ValidationError("too long")
            except ValidationError:
                errors.append(
                    ValidationError(
                        _(
                            "Line %(line)d is not a web address starting with https:// or "
                            "http://: “%(value)s”."
                        ),
                        params={"line": number, "value": line[:80]},
                    )
                )
        if errors:
            raise ValidationError(errors)
        return "\n".join(lines)

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if email and not (cleaned.get("may_contact") or cleaned.get("notify_outcome")):
            self.add_error(
                "may_contact",
                _("Tick this box so that we may write to you, or leave the e-mail address empty."),
            )
        if cleaned.get("notify_outcome") and not email and "email" not in self.errors:
            self.add_error(
                "email",
                _(
                    "Give your e-mail address so that we can tell you what happens, or "
                    "untick the box."
                ),
            )
        return cleaned

    @property
    def is_trap_filled(self):
        return bool(self.data.get("homepage", "").strip())
