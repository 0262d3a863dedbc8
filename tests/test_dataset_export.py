"""`manage.py export_dataset`: a valid, versioned, citable Frictionless Data Package."""

import json
import zipfile
from io import StringIO

import frictionless
import pytest
from django.core.management import call_command

from cases.choices import Role
from opendata.columns import TABLES
from tests.factories import (
    CollaborationModelFactory,
    InitiativeFactory,
    InitiativeLinkFactory,
    InvolvementFactory,
    LessonFactory,
    MotivationFactory,
    RecommendationFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def releases(settings, tmp_path):
    settings.OPENDATA_DIR = tmp_path / "releases"
    settings.SITE_URL = "https://atlas.example"
    return settings.OPENDATA_DIR


@pytest.fixture
def catalogue():
    lab = CollaborationModelFactory(slug="lab")
    RecommendationFactory(collaboration_model=lab, text="=Start with one office.")
    MotivationFactory(slug="impact")
    first = InitiativeFactory(slug="first", models=[lab], countries=["PL", "RO"])
    second = InitiativeFactory(slug="second", end_year=2020)
    draft = InitiativeFactory(slug="draft", state="draft")
    InvolvementFactory(initiative=first, role=Role.INITIATOR)
    InvolvementFactory(initiative=draft)
    LessonFactory(initiative=first, collaboration_model=lab)
    LessonFactory(initiative=second)
    LessonFactory(initiative=draft)
    SourceFactory(initiative=first, url="https://example.org/guide")
    InitiativeLinkFactory(source=second, target=first)
    InitiativeLinkFactory(source=draft, target=first)


def export(*args):
    out = StringIO()
    call_command("export_dataset", *args, stdout=out)
    return out.getvalue()


def only_release(folder):
    [descriptor] = folder.glob("collab-atlas-*/datapackage.json")
    return descriptor


def test_package_validates_against_the_frictionless_standard(releases, catalogue):
    export()
    report = frictionless.validate(str(only_release(releases)))
    assert report.valid, report.flatten(["type", "message"])


def test_package_holds_only_published_content_in_every_table(releases, catalogue):
    export()
    descriptor = only_release(releases)
    package = json.loads(descriptor.read_text())
    assert [resource["name"] for resource in package["resources"]] == [t.name for t in TABLES]
    rows = {
        resource["name"]: frictionless.Resource(
            str(descriptor.parent / resource["path"])
        ).read_rows()
        for resource in package["resources"]
    }
    assert [row["slug"] for row in rows["cases"]] == ["first", "second"]
    assert len(rows["involvements"]) == 1
    assert len(rows["lessons"]) == 2
    assert [(row["source"], row["target"]) for row in rows["links"]] == [("second", "first")]
    assert rows["cases"][0]["url"] == "https://atlas.example/cases/first/"
    assert rows["cases"][0]["countries"] == "PL;RO"
    assert rows["recommendations"][0]["text"] == "'=Start with one office."


def test_package_describes_licence_sources_keys_and_version(releases, catalogue):
    export()
    package = json.loads(only_release(releases).read_text())
    assert package["licenses"][0]["name"] == "CC-BY-SA-4.0"
    assert "Social Innovation in Digital Democracy Era" in package["sources"][0]["title"]
    assert package["version"].count(".") == 2
    assert package["content_hash"].startswith("sha256:")
    schemas = {resource["name"]: resource["schema"] for resource in package["resources"]}
    assert schemas["cases"]["primaryKey"] == ["slug"]
    assert {"fields": ["actor"], "reference": {"resource": "actors", "fields": ["slug"]}} in (
        schemas["involvements"]["foreignKeys"]
    )
    start_year = next(f for f in schemas["cases"]["fields"] if f["name"] == "start_year")
    assert start_year["type"] == "integer"


def test_zip_holds_the_package_and_a_release_is_named_by_date_and_content(releases, catalogue):
    output = export()
    [archive] = releases.glob("*.zip")
    assert archive.name in output
    with zipfile.ZipFile(archive) as bundle:
        names = {name.split("/", 1)[1] for name in bundle.namelist()}
    assert names == {"datapackage.json"} | {f"{table.name}.csv" for table in TABLES}
    release = json.loads(archive.with_suffix(".json").read_text())
    assert archive.stem == f"collab-atlas-{release['version']}-{release['content_hash'][:8]}"


def test_unchanged_content_makes_no_new_release_and_a_change_does(releases, catalogue):
    export()
    assert "Nothing changed" in export()
    assert len(list(releases.glob("*.zip"))) == 1
    InitiativeFactory(slug="third")
    export()
    assert len(list(releases.glob("*.zip"))) == 2


def test_output_option_writes_elsewhere(releases, catalogue, tmp_path):
    export("--output", str(tmp_path / "elsewhere"))
    assert only_release(tmp_path / "elsewhere")
    assert not releases.exists()


def test_open_data_page_offers_the_latest_release_and_its_citation(client, releases, catalogue):
    export()
    InitiativeFactory(slug="third")
    export()
    page = client.get("/data/")
    assert page.status_code == 200
    latest, older = page.context["latest"], page.context["older_releases"]
    assert latest["rows"]["cases"] == 3 and len(older) == 1
    html = page.content.decode()
    download = f"/data/releases/{latest['archive']}"
    assert download in html
    assert latest["version"] in page.context["citation"]["text"]
    assert "@misc{collabatlas-dataset-" in html
    response = client.get(download)
    assert response.status_code == 200
    assert zipfile.ZipFile(__import__("io").BytesIO(b"".join(response.streaming_content)))


def test_open_data_page_without_releases_still_links_downloads(client, releases):
    page = client.get("/data/")
    assert page.status_code == 200
    assert page.context["latest"] is None
    assert b"/cases/download.csv" in page.content


@pytest.mark.parametrize("name", ["../settings.py", "collab-atlas-x.zip", "passwd"])
def test_release_download_serves_only_release_files(client, releases, name):
    assert client.get(f"/data/releases/{name}").status_code == 404
