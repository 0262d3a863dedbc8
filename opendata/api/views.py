"""The read-only API: no key, no login, the licence on every answer."""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound

from cases.filters import CaseFilterSet, LessonFilterSet
from cases.models import Initiative
from collab_atlas import public_cache

from .. import selectors
from ..licence import LICENSE_LINK_HEADER
from .filtering import QueryFilterBackend
from .pagination import LicensedPagination
from .schema import LanguageAutoSchema  # and registers the filter parameter descriptions
from .serializers import (
    ActorSerializer,
    CaseDetailSerializer,
    CaseSummarySerializer,
    CollaborationModelSerializer,
    ErrorSerializer,
    InvalidParametersSerializer,
    LessonSerializer,
    MotivationSerializer,
    ProblemSerializer,
)

SLUG_PATTERN = "[-a-zA-Z0-9_]+"

TOO_MANY = OpenApiResponse(
    ErrorSerializer, description="Rate limit reached; the Retry-After header says when to retry."
)
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such record, or no such page.")
INVALID = OpenApiResponse(
    InvalidParametersSerializer, description="A query parameter has a malformed value."
)
UNKNOWN_LANGUAGE = OpenApiResponse(
    ProblemSerializer, description="lang names a language the site does not speak."
)


def list_responses(serializer):
    return {
        200: serializer(many=True),
        (400, "application/json"): INVALID,
        (400, "application/problem+json"): UNKNOWN_LANGUAGE,
        404: NOT_FOUND,
        429: TOO_MANY,
    }


def detail_responses(serializer):
    return {
        200: serializer,
        (400, "application/problem+json"): UNKNOWN_LANGUAGE,
        404: NOT_FOUND,
        429: TOO_MANY,
    }


class OpenDataViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    pagination_class = LicensedPagination
    filter_backends = [QueryFilterBackend]
    schema = LanguageAutoSchema()

    def list(self, request, *args, **kwargs):
        # After the throttle has counted the request: a cached answer is cheap, not free.
        # The cache holds the rendered bytes, so a hit does no serialising at all.
        def compute():
            response = super(OpenDataViewSet, self).list(request, *args, **kwargs)
            response.accepted_renderer = request.accepted_renderer
            response.accepted_media_type = request.accepted_media_type
            response.renderer_context = self.get_renderer_context()
            response.render()
            return response.status_code, response.content, response["Content-Type"]

        status, content, content_type = public_cache.remember(
            request, compute, keep=lambda answer: answer[0] == 200
        )
        return HttpResponse(content, status=status, content_type=content_type)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Link"] = LICENSE_LINK_HEADER
        return response


@extend_schema_view(
    list=extend_schema(
        summary="List published case studies",
        description=(
            "Takes exactly the query parameters of the HTML list at /cases/ and holds the "
            "same cases in the same order. Repeated parameters mean OR within a facet; "
            "different parameters combine with AND."
        ),
        responses=list_responses(CaseSummarySerializer),
    ),
    retrieve=extend_schema(
        summary="One case study, with everything related",
        responses=detail_responses(CaseDetailSerializer),
    ),
)
class CaseViewSet(OpenDataViewSet):
    filterset_class = CaseFilterSet

    def get_queryset(self):
        if self.action == "retrieve":
            return Initiative.objects.published().for_detail().with_public_lineage()
        return Initiative.objects.published().for_summary()

    def get_serializer_class(self):
        return CaseDetailSerializer if self.action == "retrieve" else CaseSummarySerializer

    def filter_queryset(self, queryset):
        # A single case is found by slug alone; list filters do not apply to it.
        if self.action == "retrieve":
            return queryset
        return super().filter_queryset(queryset)


@extend_schema_view(
    list=extend_schema(
        summary="List organisations involved in published cases",
        responses=list_responses(ActorSerializer),
    ),
    retrieve=extend_schema(
        summary="One organisation, with its cases and roles",
        responses=detail_responses(ActorSerializer),
    ),
)
class ActorViewSet(OpenDataViewSet):
    serializer_class = ActorSerializer
    filter_backends = []

    def get_queryset(self):
        return selectors.public_actors()


@extend_schema_view(
    list=extend_schema(
        summary="List the models of collaboration, with their recommendations",
        responses=list_responses(CollaborationModelSerializer),
    ),
    retrieve=extend_schema(
        summary="One model of collaboration",
        responses=detail_responses(CollaborationModelSerializer),
    ),
)
class CollaborationModelViewSet(OpenDataViewSet):
    serializer_class = CollaborationModelSerializer
    filter_backends = []

    def get_queryset(self):
        return selectors.public_collaboration_models()


@extend_schema_view(
    list=extend_schema(
        summary="List the motivations to collaborate",
        responses=list_responses(MotivationSerializer),
    ),
    retrieve=extend_schema(
        summary="One motivation", responses=detail_responses(MotivationSerializer)
    ),
)
class MotivationViewSet(OpenDataViewSet):
    serializer_class = MotivationSerializer
    filter_backends = []

    def get_queryset(self):
        return selectors.public_motivations()


@extend_schema_view(
    list=extend_schema(
        summary="List lessons learnt and challenges from published cases",
        responses=list_responses(LessonSerializer),
    ),
    retrieve=extend_schema(summary="One lesson", responses=detail_responses(LessonSerializer)),
)
class LessonViewSet(OpenDataViewSet):
    serializer_class = LessonSerializer
    filterset_class = LessonFilterSet
    lookup_field = "pk"
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return selectors.public_lessons()


@extend_schema(exclude=True)
@api_view(["GET", "HEAD", "OPTIONS"])
def not_found(request, path=""):
    """Unknown addresses under /api/ answer in JSON like the rest of the API."""
    raise NotFound(_("There is nothing at this address in the API. See /api/docs/."))
