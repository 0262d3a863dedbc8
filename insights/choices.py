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
    # One answer per job the guide gives a model, plus the three aims its cases pursue
    # (participation, transparency, open data) that more than one model serves.
    SKILLS = "skills", _("Build the digital skills of public officials")
    SERVICES = "services", _("Get a working digital service for a public institution")
    REUSE = "reuse", _("Bring a tool that works elsewhere to a new country or city")
    OPEN_DATA = "open-data", _("Open up the public data people ask for")
    PARTICIPATION = "participation", _("Get citizens to take part in decisions")
    TRANSPARENCY = "transparency", _("More transparency, less corruption")
    EXPERIMENT = "experiment", _("Try new ways of solving old problems, with officials")
    PROBLEM = "problem", _("Gather people to tackle one specific problem")
    FELLOWS = "fellows", _("Bring technologists to work inside a public office for a while")
    CONNECT = "connect", _("Meet people to work with and make your project known")


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
