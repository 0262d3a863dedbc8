"""How one query parameter of a list is read and applied: its form field and its filter.

Repeated parameters mean OR within a facet. A malformed value makes its field invalid.
"""

import re

import django_filters
from django import forms
from django.core.validators import validate_slug
from django.db.models import Exists, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from . import facet_keys
from .models import MAX_YEAR, MIN_YEAR, Initiative, published_through

MAX_VALUES = 30
MAX_QUERY_LENGTH = 200
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class ValueListField(forms.Field):
    """A repeatable query parameter (``?model=a&model=b``) as a list of strings."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "too_many": _("Choose at most %(max)d values."),
        "invalid_value": _("“%(value)s” is not a valid value."),
    }

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        # Counted as sent, before repeats and empty values drop out, as the API schema says.
        if len(value) > MAX_VALUES:
            raise forms.ValidationError(
                self.error_messages["too_many"], code="too_many", params={"max": MAX_VALUES}
            )
        return list(dict.fromkeys(str(item).strip() for item in value if str(item).strip()))

    def validate(self, value):
        super().validate(value)
        for item in value:
            self.validate_item(item)

    def validate_item(self, item):
        try:
            validate_slug(item)
        except forms.ValidationError:
            raise forms.ValidationError(
                self.error_messages["invalid_value"],
                code="invalid_value",
                params={"value": item[:50]},
            ) from None


class ChoiceListField(ValueListField):
    def __init__(self, *, choices=(), **kwargs):
        self.valid_values = {value for value, _label in choices}
        super().__init__(**kwargs)

    def validate_item(self, item):
        if item not in self.valid_values:
            raise forms.ValidationError(
                self.error_messages["invalid_value"],
                code="invalid_value",
                params={"value": item[:50]},
            )


class CountryListField(ValueListField):
    def to_python(self, value):
        return [item.upper() for item in super().to_python(value)]

    def validate_item(self, item):
        if not re.fullmatch(r"[A-Z]{2}", item) or item not in countries:
            raise forms.ValidationError(
                self.error_messages["invalid_value"],
                code="invalid_value",
                params={"value": item[:50]},
            )


class SearchField(forms.CharField):
    """Free text, stripped of control characters and cut to a sane length."""

    def to_python(self, value):
        value = CONTROL_CHARACTERS.sub(" ", super().to_python(value) or "")
        return " ".join(value.split())[:MAX_QUERY_LENGTH]


class KeyedFilter(django_filters.Filter):
    """A facet's filter. On PostgreSQL it asks for the facet's keys (``keys``, from the
    facet registry) through their index; elsewhere it runs ``filter_columns``."""

    def __init__(self, *args, keys=None, **kwargs):
        self.keys = keys
        self._keys_for = {}
        super().__init__(*args, **kwargs)

    def keys_for(self, value):
        """The keys asked for, or None when the filter is to be ignored."""
        chosen = tuple(value)
        if chosen not in self._keys_for:
            self._keys_for[chosen] = self.keys(value)
        return self._keys_for[chosen]

    def filter(self, qs, value):
        if not value:
            return qs
        if self.keys is not None and facet_keys.usable(qs):
            keys = self.keys_for(value)
            return qs if keys is None else qs.filter(facet_keys.HasAnyKey(keys))
        return self.filter_columns(qs, value)

    def filter_columns(self, qs, value):
        raise NotImplementedError


class ListFilter(KeyedFilter):
    """Values are slugs of a related model (``model``, ``theme``, ``actor``…).

    Slugs that name nothing are ignored: ``model=nope`` lists every case, as if the
    parameter were absent, instead of none. The list page names them in a message.
    With ``public_only``, a slug known only from unpublished cases counts as naming
    nothing, so the list does not reveal that such an organisation or theme exists.
    """

    field_class = ValueListField

    def __init__(self, *args, public_only=False, **kwargs):
        self.public_only = public_only
        super().__init__(*args, **kwargs)

    def filter_columns(self, qs, value):
        relation, _sep, slug_field = self.field_name.partition("__")
        related = Initiative._meta.get_field(relation).related_model
        # A subquery keeps one row per case without DISTINCT, which would fight ordering.
        matching = Initiative.objects.filter(**{f"{self.field_name}__in": value}).values("pk")
        known = related.objects.filter(**{f"{slug_field}__in": value})
        if self.public_only:
            known = known.filter(pk__in=published_related(related))
        return qs.filter(Q(pk__in=matching) | ~Exists(known))


def published_related(model):
    """Primary keys of ``model`` rows (actors, themes…) linked to a published case."""
    return model.objects.filter(published_through("initiatives")).values("pk")


class ChoiceListFilter(KeyedFilter):
    field_class = ChoiceListField

    def filter_columns(self, qs, value):
        return qs.filter(**{f"{self.field_name}__in": value})


class CountryFilter(KeyedFilter):
    field_class = CountryListField

    def filter_columns(self, qs, value):
        # Countries are stored as "PL,RO": two-letter codes never match across a comma.
        matches = Q()
        for code in value:
            matches |= Q(**{f"{self.field_name}__contains": code})
        return qs.filter(matches)


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("max_value", MAX_YEAR)
        super().__init__(*args, **kwargs)


class ValuesFilter(django_filters.Filter):
    """A repeatable slug parameter handled by a FilterSet method."""

    field_class = ValueListField


class CountryInFilter(django_filters.Filter):
    """A repeatable country parameter on a single-country field."""

    field_class = CountryListField

    def filter(self, qs, value):
        return qs.filter(**{f"{self.field_name}__in": value}) if value else qs
