"""OpenAPI descriptions of the filter parameters, derived from the FilterSets themselves.

The generic django-filter introspection cannot see that our list filters repeat, which
values they allow, or the year bounds, so each filter kind is described here.
"""

import django_filters
from django.conf import settings
from django_countries import countries
from drf_spectacular.extensions import OpenApiFilterExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter

from cases.filter_kinds import (
    MAX_VALUES,
    ChoiceListField,
    CountryListField,
    SearchField,
    ValueListField,
)
from collab_atlas.i18n import LANGUAGE_PARAMETER

# An empty value is ignored, as if the parameter were absent: the schema allows it.
SLUG_PATTERN = r"^[-a-zA-Z0-9_]*$"
SORT_NOTE = {
    "sort": " Default: relevance when searching with q, otherwise newest first; relevance "
    "without q means newest."
}


def _repeatable(items, description):
    return {
        "schema": {"type": "array", "items": items, "maxItems": MAX_VALUES},
        "style": "form",
        "explode": True,
        "description": description
        + f" Repeat the parameter for several values (OR); at most {MAX_VALUES}. An empty "
        "value is ignored.",
    }


def describe_filter(name, filter_):
    field_class = filter_.field_class
    label = str(filter_.label or name)
    if issubclass(field_class, ChoiceListField):
        values = [value for value, _label in filter_.extra["choices"]]
        return _repeatable({"type": "string", "enum": [*values, ""]}, f"{label}.")
    if issubclass(field_class, CountryListField):
        # The codes the filter accepts, exactly: a well-formed code naming no country
        # (AA) answers 400, so a pattern would promise more than the API does.
        codes = [code for code, _name in countries]
        return _repeatable(
            {"type": "string", "enum": [*codes, *(code.lower() for code in codes), ""]},
            f"{label}: ISO 3166-1 alpha-2 code, in either case.",
        )
    if issubclass(field_class, ValueListField):
        return _repeatable(
            {"type": "string", "pattern": SLUG_PATTERN},
            f"{label}: a slug, as in the API's records.",
        )
    if issubclass(field_class, SearchField):
        return {
            "schema": {"type": "string"},
            "description": f"{label}: every word must appear. Control characters are "
            "ignored; text past 200 characters is cut.",
        }
    if isinstance(filter_, django_filters.ChoiceFilter):
        values = [value for value, _label in filter_.extra["choices"]]
        return {
            "schema": {"type": "string", "enum": values},
            "description": f"{label}: one of {', '.join(values)}." + SORT_NOTE.get(name, ""),
        }
    if isinstance(filter_, django_filters.NumberFilter):
        schema = {"type": "integer"}
        if "min_value" in filter_.extra:
            schema["minimum"] = filter_.extra["min_value"]
        if "max_value" in filter_.extra:
            schema["maximum"] = filter_.extra["max_value"]
        # An empty value (a form's blank year box) is ignored, like an absent one.
        return {
            "schema": {"anyOf": [schema, {"type": "string", "enum": [""]}]},
            "description": f"{label}. An empty value is ignored.",
        }
    raise TypeError(f"No OpenAPI description for the filter {name!r} ({type(filter_).__name__}).")


class QueryFilterBackendExtension(OpenApiFilterExtension):
    target_class = "opendata.api.filtering.QueryFilterBackend"
    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        filterset_class = getattr(auto_schema.view, "filterset_class", None)
        if filterset_class is None or not auto_schema._is_list_view():
            return []
        parameters = []
        for name, filter_ in filterset_class.base_filters.items():
            parameter = {"name": name, "in": "query", "required": False}
            parameter.update(describe_filter(name, filter_))
            parameters.append(parameter)
        return parameters


def language_parameter():
    codes = [code for code, _name in settings.LANGUAGES]
    return OpenApiParameter(
        LANGUAGE_PARAMETER,
        str,
        OpenApiParameter.QUERY,
        required=False,
        # A pattern rather than an enum: Swagger UI draws an enum as a <select> it leaves
        # without an accessible name, and a pattern as a text box named by its placeholder.
        pattern=f"^({'|'.join(codes)})$",
        description=(
            f"One of {', '.join(codes)}. "
            "Language of the answer's messages, such as errors (Content-Language names it); "
            "without it, the language cookie, then Accept-Language. Texts keep their "
            "original under their own names whatever the language; each translation is a "
            "field of its own, named with the language's code (title_pl). Any other value "
            "answers 400."
        ),
    )


class LanguageAutoSchema(AutoSchema):
    """Every operation of the API takes ``?lang=`` (collab_atlas.i18n)."""

    def get_override_parameters(self):
        return [*super().get_override_parameters(), language_parameter()]
