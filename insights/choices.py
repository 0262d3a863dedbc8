"""The model chooser's questions and answers. Values are stable: they appear in shared URLs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Question(models.TextChoices):
    ROLE = "role", _("Who you are")
    GOAL = "goal", _("What you want to achieve")
    TIME = "time", _("How much time you have")
    TEAM = "team", _("Your team")
    PARTNERS = "partners", _("Partners")


class Role(models.TextChoices):
    OFFICIAL = "official", _("A public official or public institution")
    CIVIC = "civic", _("A civic tech group or civil society organisation")
    DONOR = "donor", _("A donor or funder")
    BUSINESS = "business", _("A business")
    RESEARCHER = "researcher", _("A researcher or university")


class Goal(models.TextChoices):
    OPEN_DATA = "open-data", _("Open up public data")
    PARTICIPATION = "participation", _("Get citizens to take part in decisions")
    SERVICES = "services", _("Make public services better")
    TRANSPARENCY = "transparency", _("More transparency, less corruption")
    SKILLS = "skills", _("Build digital skills in government")


class Time(models.TextChoices):
    WEEKS = "weeks", _("A few weeks")
    MONTHS = "months", _("A few months")
    YEARS = "years", _("A year or more")


class Team(models.TextChoices):
    SMALL = "small", _("Small: a few people, little technical help")
    LARGE = "large", _("Large: developers, experts and people to run it")


class Partners(models.TextChoices):
    YES = "yes", _("Yes, we already have partners")
    NO = "no", _("No, not yet")


ANSWERS = {
    Question.ROLE: Role,
    Question.GOAL: Goal,
    Question.TIME: Time,
    Question.TEAM: Team,
    Question.PARTNERS: Partners,
}
