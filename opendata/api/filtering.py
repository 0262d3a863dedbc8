"""Filtering through the same FilterSets as the HTML pages, with a 400 for bad values."""

from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import status
from rest_framework.exceptions import APIException


class InvalidParameters(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_parameters"

    def __init__(self, invalid):
        super().__init__(
            {
                "detail": _("Some query parameters are not valid. Correct or remove them."),
                "invalid_parameters": invalid,
            }
        )


class QueryFilterBackend(DjangoFilterBackend):
    """The view's ``filterset_class``; a malformed value answers 400, naming the parameter.

    The HTML list quietly ignores such a value and says so on the page; an API client
    is better served by an error it cannot miss.
    """

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise InvalidParameters(
                {name: " ".join(errors) for name, errors in filterset.form.errors.items()}
            )
        return filterset.qs
