"""The OpenAPI schema documents the API as it behaves, checked by schemathesis."""

import os
import re

import pytest
import schemathesis
import yaml
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
    use_after_free,
)

from cases.choices import Role
from cases.filters import CaseFilterSet
from tests.factories import (
    CollaborationModelFactory,
    InitiativeFactory,
    InitiativeLinkFactory,
    InvolvementFactory,
    LessonFactory,
    MotivationFactory,
    RecommendationFactory,
    SourceFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def get_schema(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_schema_is_openapi_3_with_every_endpoint(client):
    schema = get_schema(client)
    assert schema["openapi"].startswith("3.")
    for path in ["cases", "actors", "models", "motivations", "lessons"]:
        assert f"/api/{path}/" in schema["paths"]
    assert "/api/cases/{slug}/" in schema["paths"]


def test_every_case_filter_is_documented_with_type_and_values(client):
    operation = get_schema(client)["paths"]["/api/cases/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert set(CaseFilterSet.base_filters) | {"page", "page_size", "lang"} == set(parameters)
    collaboration = parameters["collaboration"]
    assert collaboration["schema"]["type"] == "array" and collaboration["explode"] is True
    assert collaboration["schema"]["items"]["enum"] == ["direct", "indirect", ""]
    # A year, or an empty value (a form's blank box), which is ignored.
    assert parameters["year_from"]["schema"] == {
        "anyOf": [
            {"type": "integer", "minimum": 1990, "maximum": 2100},
            {"type": "string", "enum": [""]},
        ]
    }
    assert parameters["sort"]["schema"]["enum"] == ["relevance", "newest", "title", "start_year"]
    # What the API accepts, exactly: AA is well formed but names no country, and answers 400.
    countries = parameters["country"]["schema"]["items"]["enum"]
    assert {"PL", "pl", "RO", "ro"} <= set(countries)
    assert "AA" not in countries and "aa" not in countries
    assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 200}
    assert {"200", "400", "404", "429"} <= set(operation["responses"])


def test_docs_are_served_without_any_cdn_or_inline_code(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert any("swagger-ui-bundle.js" in asset for asset in assets)
    assert all(asset.startswith(("/static/", "/api/docs/?")) for asset in assets)
    # A strict content security policy allows files only: no inline script or style.
    assert "<style" not in page and " style=" not in page
    assert len(re.findall(r"<script\b", page)) == len(re.findall(r"<script src=", page))
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content


@pytest.fixture
def catalogue():
    hackathon = CollaborationModelFactory(slug="hackathon")
    RecommendationFactory(collaboration_model=hackathon)
    impact = MotivationFactory(slug="impact")
    first = InitiativeFactory(
        slug="first", models=[hackathon], motivations=[impact], themes=[ThemeFactory()]
    )
    second = InitiativeFactory(slug="second", end_year=2020, scope="local")
    InvolvementFactory(initiative=first, role=Role.INITIATOR)
    LessonFactory(initiative=first, collaboration_model=hackathon)
    LessonFactory(initiative=second)
    SourceFactory(initiative=first)
    InitiativeLinkFactory(source=second, target=first)


@pytest.fixture
def test_transaction_survives_requests():
    """Calling the WSGI app directly would close the test's connection after each
    request, as at the end of a real one; Django's test client avoids that the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Every check that applies to a read-only, keyless API (`--checks all` but for
# authentication, which it has none of, and stateful resource checks that need writes,
# which only skip here): the schema and the API must agree on what is valid input.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    use_after_free,
    unsupported_method,
]


@pytest.mark.schemathesis
@pytest.mark.slow
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_answers_as_documented(catalogue, test_transaction_survives_requests, mode):
    """Generated requests to every operation: no server error, nothing off the schema."""
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10

    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=int(os.environ.get("SCHEMATHESIS_EXAMPLES", "20")),
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def answers_as_documented(case):
            case.call_and_validate(checks=CHECKS)

        answers_as_documented()
