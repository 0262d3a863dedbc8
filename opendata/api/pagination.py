from django.utils.translation import gettext as _
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from ..licence import license_metadata
from .filtering import InvalidParameters


class LicensedPagination(PageNumberPagination):
    """Page numbers, a client-chosen page size up to a maximum, and the licence."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        """The page size asked for, from 1 to ``max_page_size``; anything else is a 400.

        REST framework would quietly use the default for ``page_size=null`` and cap a
        larger one, so the schema's "integer from 1 to 200" would not be what it does.
        """
        text = request.query_params.get(self.page_size_query_param)
        if text is None:
            return self.page_size
        if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= self.max_page_size:
            raise InvalidParameters(
                {
                    self.page_size_query_param: _(
                        "Give a whole number from 1 to %(maximum)d results per page."
                    )
                    % {"maximum": self.max_page_size}
                }
            )
        return int(text)

    def get_page_number(self, request, paginator):
        # An empty page= is no page number (404, like page=abc), not page 1 as REST
        # framework would have it: the schema says integer.
        return request.query_params.get(self.page_query_param, 1)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "license": license_metadata(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        envelope = super().get_paginated_response_schema(schema)
        envelope["required"] = ["count", "next", "previous", "license", "results"]
        envelope["properties"]["license"] = {
            "type": "object",
            "description": "The licence of the content (CC BY-SA 4.0).",
            "required": ["name", "title", "path"],
            "properties": {
                "name": {"type": "string", "example": "CC-BY-SA-4.0"},
                "title": {"type": "string"},
                "path": {"type": "string", "format": "uri"},
            },
        }
        return envelope

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["description"] = (
                    "A page number, from 1. A page past the last one answers 404."
                )
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["schema"]["maximum"] = self.max_page_size
                parameter["description"] = (
                    f"Results per page, from 1 to {self.max_page_size}: {self.page_size} "
                    "unless given. Any other value answers 400."
                )
        return parameters
