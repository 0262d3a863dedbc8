"""The main navigation: its sections, and which pages belong to each.

A page belongs to a section by its URL name, not by how its path starts, so the marking
keeps working when paths gain a prefix.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    url_name: str
    label: str
    # URL names ("namespace:name") or whole namespaces ("namespace:*") of the section's pages.
    pages: tuple

    def holds(self, view_name):
        namespace = view_name.rpartition(":")[0]
        return view_name in self.pages or f"{namespace}:*" in self.pages

    @property
    def url(self):
        return reverse(self.url_name)


SECTIONS = (
    Section(
        "cases:list",
        _("Case studies"),
        ("cases:list", "cases:detail", "preview:case", "opendata:cases-csv", "opendata:cases-json"),
    ),
    Section(
        "models_of_collab:list", _("Models"), ("models_of_collab:list", "models_of_collab:detail")
    ),
    Section("cases:actors", _("Organisations"), ("cases:actors", "cases:actor")),
    Section("cases:lessons", _("Lessons"), ("cases:lessons",)),
    Section("insights:choose", _("Choose a model"), ("insights:choose",)),
    Section("insights:insights", _("Insights"), ("insights:insights",)),
    Section("contributions:suggest", _("Suggest a case"), ("contributions:*",)),
    Section(
        "opendata:data",
        _("Open data"),
        ("opendata:data", "opendata:dictionary", "opendata:release"),
    ),
)


def navigation(request):
    """[(section, is_current)] for the page ``request`` asked for."""
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    return [(section, section.holds(view_name)) for section in SECTIONS]
