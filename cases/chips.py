"""What the case list says about its active filters: removable chips and notices."""

from django.utils.translation import gettext as _

from collab_atlas.links import link, without_value

YEAR_FILTERS = ("year_from", "year_to")


def url_without(query, name, value=None, route="cases:list"):
    """The list as ``query`` selects it, without one value of ``name`` (or all of it)."""
    if value is None:
        return link(route, query, drop={name})
    return link(route, without_value(query, name, value))


def chips(filterset, groups, query, route="cases:list"):
    """One chip per active filter value, each linking to the list (``route``) without it.

    Each chip is a dict: ``name`` (the parameter), ``label`` and ``url``.

    ``groups`` are the counted facets of the list, ``query`` the request's parameters.
    """
    data = filterset.form.cleaned_data
    found = []
    if data.get("q"):
        found.append(
            {
                "name": "q",
                "label": _("Search: %(text)s") % {"text": data["q"]},
                "url": url_without(query, "q", route=route),
            }
        )
    for group in groups:
        for option in group.selected_options:
            found.append(
                {
                    "name": group.name,
                    "label": group.chip_label(option),
                    "url": url_without(query, group.name, option.value, route=route),
                }
            )
    for name in YEAR_FILTERS:
        if data.get(name) is not None and name in filterset.filters:
            found.append(
                {
                    "name": name,
                    "label": f"{filterset.filters[name].label}: {data[name]}",
                    "url": url_without(query, name, route=route),
                }
            )
    return found


def unknown_value_notices(groups):
    """A sentence for each chosen value that names nothing, so the list ignored it."""
    return [
        _("No %(filter)s is called “%(value)s”; that filter was ignored.")
        % {"filter": str(group.label).lower(), "value": value[:50]}
        for group in groups
        for value in group.unknown
    ]
