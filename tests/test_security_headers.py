"""Every answer carries a strict Content-Security-Policy and a Permissions-Policy."""

import re
from pathlib import Path

import pytest

from insights.charts import INK, SCALE, WHITE
from insights.geo import legend
from tests.factories import CollaborationModelFactory, InitiativeFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]


def directives(response):
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_strict_headers(response):
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    features = dict(item.split("=") for item in response["Permissions-Policy"].split(", "))
    assert features["camera"] == features["geolocation"] == features["microphone"] == "()"


@pytest.fixture
def case(db):
    return InitiativeFactory(slug="vote", models=[CollaborationModelFactory(slug="scaling")])


@pytest.mark.parametrize("path", ["/", "/cases/", "/cases/vote/", "/models/scaling/"])
def test_public_pages_carry_the_headers_also_when_served_from_the_cache(client, case, path):
    first = client.get(path)
    again = client.get(path)
    assert first.status_code == again.status_code == 200
    assert_strict_headers(first)
    assert_strict_headers(again)


def test_a_revalidated_page_carries_the_headers(client, case):
    etag = client.get("/cases/")["ETag"]
    response = client.get("/cases/", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert_strict_headers(response)


@pytest.mark.parametrize("path", ["/api/cases/", "/api/cases/vote/", "/api/schema/", "/api/nope/"])
def test_api_answers_carry_the_headers(client, case, path):
    assert_strict_headers(client.get(path))


def test_the_admin_carries_the_headers(client, db):
    assert_strict_headers(client.get("/admin/login/"))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert_strict_headers(client.get("/admin/"))
    assert_strict_headers(client.get("/admin/cases/initiative/"))


def test_error_pages_carry_the_headers(client, db):
    assert_strict_headers(client.get("/no-such-page/"))


def test_the_api_docs_page_has_no_inline_script_or_style(client, db):
    page = client.get("/api/docs/")
    html = page.content.decode()
    assert_strict_headers(page)
    assert "<style" not in html
    # Every script is loaded from a URL; the start-up script is the page's own ?script=.
    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []
    script = client.get(re.search(r'<script src="([^"]*script=[^"]*)"', html)[1])
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_templates_have_no_inline_style_or_script():
    # The policy would block them: styles and scripts belong in static files.
    offenders = []
    for folder in TEMPLATE_DIRS:
        for template in folder.rglob("*.html"):
            text = template.read_text()
            for pattern in (r"\sstyle=", r"<style", r"<script(?![^>]*\bsrc=)", r"\son[a-z]+="):
                if re.search(pattern, text):
                    offenders.append(f"{template.relative_to(ROOT)}: {pattern}")
    assert offenders == []


def test_the_map_legend_classes_match_the_colour_scale():
    css = (ROOT / "static" / "css" / "atlas.css").read_text()
    for step, fill in enumerate(SCALE[1:], start=1):
        ink = WHITE if step >= 4 else INK
        rule = re.search(rf"\.map-legend__swatch--{step} \{{([^}}]*)\}}", css)[1]
        assert f"background: {fill};" in rule
        assert f"color: {ink};" in rule
    # One case in Poland, five in Romania: the lightest and the darkest step.
    assert legend({"PL": 1, "RO": 5}) == [(1, 1, 1), (2, 2, 2), (3, 3, 3), (4, 4, 4), (5, 5, 5)]
