"""Every language version of a text in the downloads, the API, the files and the data
package, each translation under its own name beside the unchanged original."""

import csv
import io
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from cases import interchange
from cases.choices import LessonKind, Role
from cases.models import Initiative, Lesson, Source
from tests.factories import (
    ActorFactory,
    CollaborationModelFactory,
    InitiativeFactory,
    InvolvementFactory,
    LessonFactory,
    MotivationFactory,
    RecommendationFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    lab = CollaborationModelFactory(
        slug="lab", name="Lab", name_pl="Laboratorium", summary="A lab.", summary_es="Un lab."
    )
    RecommendationFactory(
        collaboration_model=lab, text="Start small.", text_pl="Zacznij od małego."
    )
    MotivationFactory(slug="impact", name="Impact", name_es="Impacto")
    case = InitiativeFactory(
        slug="budgets",
        title="School budgets",
        title_pl="Budżety szkolne",
        summary="Pupils decide.",
        summary_es="Los alumnos deciden.",
        aim="Teach democracy.",
        aim_pl="Uczyć demokracji.",
        funding_es="Fondos públicos.",
        models=[lab],
    )
    LessonFactory(initiative=case, text="Start small.", text_pl="Zacznij od małego.")
    SourceFactory(initiative=case, title="Report", title_es="Informe", url="https://x.org/r")
    return case


def read_csv(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_csv_download_has_each_translation_after_its_original(client, case):
    [row] = read_csv(client.get("/cases/download.csv"))
    names = list(row)
    assert names[names.index("title") : names.index("title") + 3] == [
        "title",
        "title_pl",
        "title_es",
    ]
    assert names.index("summary_pl") == names.index("summary") + 1
    assert (row["title"], row["title_pl"], row["title_es"]) == (
        "School budgets",
        "Budżety szkolne",
        "",
    )
    assert row["summary_es"] == "Los alumnos deciden."
    assert row["funding_es"] == "Fondos públicos."


def test_json_download_carries_the_translations(client, case):
    [row] = json.loads(b"".join(client.get("/cases/download.json").streaming_content))["cases"]
    assert row["title"] == "School budgets"
    assert row["title_pl"] == "Budżety szkolne"
    assert row["aim_pl"] == "Uczyć demokracji."
    assert row["description_es"] == ""


def test_polish_download_keeps_the_english_original_under_its_name(client, case):
    [row] = read_csv(client.get("/pl/cases/download.csv"))
    assert (row["title"], row["title_pl"]) == ("School budgets", "Budżety szkolne")


def test_api_list_has_title_and_summary_in_every_language(client, case):
    [item] = client.get("/api/cases/?lang=pl").json()["results"]
    assert item["title"] == "School budgets"
    assert item["title_pl"] == "Budżety szkolne"
    assert item["summary_es"] == "Los alumnos deciden."
    assert "aim_pl" not in item


def test_api_detail_has_every_answer_lesson_and_source_in_every_language(client, case):
    body = client.get("/api/cases/budgets/").json()
    for name in ("title", "summary", "aim", "description", "initiation", "funding"):
        assert {f"{name}_pl", f"{name}_es"} <= set(body)
    assert body["aim"] == "Teach democracy."
    assert body["aim_pl"] == "Uczyć demokracji."
    assert body["lessons"][0]["text_pl"] == "Zacznij od małego."
    assert body["lessons"][0]["text_es"] == ""
    assert body["sources"][0]["title_es"] == "Informe"


def test_api_models_motivations_and_recommendations_carry_translations(client, case):
    model = client.get("/api/models/lab/").json()
    assert (model["name"], model["name_pl"], model["summary_es"]) == (
        "Lab",
        "Laboratorium",
        "Un lab.",
    )
    assert model["recommendations"][0]["text_pl"] == "Zacznij od małego."
    motivation = client.get("/api/motivations/impact/").json()
    assert (motivation["name"], motivation["name_es"]) == ("Impact", "Impacto")


def test_schema_documents_lang_with_the_configured_languages(client):
    schema = client.get("/api/schema/?format=json").json()
    for path in ("/api/cases/", "/api/cases/{slug}/", "/api/models/"):
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        pattern = re.compile(parameters["lang"]["schema"]["pattern"])
        assert [code for code in ["en", "pl", "es", "de", "EN", "xx"] if pattern.match(code)] == [
            "en",
            "pl",
            "es",
        ]
        assert parameters["lang"]["description"].startswith("One of en, pl, es.")
    assert "title_pl" in schema["components"]["schemas"]["CaseSummary"]["properties"]


def export(tmp_path, fmt):
    path = tmp_path / f"out.{fmt}"
    call_command("export_cases", "--format", fmt, "-o", str(path))
    return path


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_and_import_round_trip_keeps_every_translation(tmp_path, case, fmt):
    first = export(tmp_path, fmt).read_text(encoding="utf-8")
    Initiative.objects.all().delete()
    call_command("import_cases", str(tmp_path / f"out.{fmt}"))
    imported = Initiative.objects.get(slug="budgets")
    assert (imported.title_pl, imported.summary_es) == ("Budżety szkolne", "Los alumnos deciden.")
    assert Lesson.objects.get(initiative=imported).text_pl == "Zacznij od małego."
    assert Source.objects.get(initiative=imported).title_es == "Informe"
    assert export(tmp_path, fmt).read_text(encoding="utf-8") == first


def test_csv_file_has_a_column_per_language_for_item_translations(tmp_path, case):
    [row] = csv.DictReader(io.StringIO(export(tmp_path, "csv").read_text(encoding="utf-8")))
    assert row["lessons"] == "lesson:::Start small."
    assert row["lessons_pl"] == "Zacznij od małego."
    assert row["sources_es"] == "Informe"


def test_import_of_a_translation_and_whitespace_only_translation(tmp_path, case):
    [record] = json.loads(export(tmp_path, "json").read_text(encoding="utf-8"))
    record["title_es"] = "Presupuestos escolares"
    record["aim_pl"] = "   \n"
    record["lessons"][0]["text_es"] = "\t "
    record["lessons"].append(
        {
            "kind": LessonKind.CHALLENGE,
            "model": "",
            "source": "",
            "text": "Time.",
            "text_pl": "Czas.",
        }
    )
    path = tmp_path / "edited.json"
    path.write_text(json.dumps([record]), encoding="utf-8")
    call_command("import_cases", str(path))
    case.refresh_from_db()
    assert case.title_es == "Presupuestos escolares"
    assert case.aim_pl == ""
    lessons = list(case.lessons.order_by("order"))
    assert [(lesson.text_pl, lesson.text_es) for lesson in lessons] == [
        ("Zacznij od małego.", ""),
        ("Czas.", ""),
    ]


def test_an_older_csv_file_without_translation_columns_still_imports(tmp_path, case):
    text = (
        "collaboration,initiator_kind,lessons,slug,sources,summary,title\r\n"
        "direct,civic,lesson::: Note: colons stay,budgets,Report::::https://x.org/r,S,T\r\n"
    )
    path = tmp_path / "old.csv"
    path.write_text(text, encoding="utf-8")
    call_command("import_cases", str(path))
    lesson = Lesson.objects.get(initiative__slug="budgets")
    assert (lesson.text, lesson.text_pl) == (" Note: colons stay", "")
    assert Source.objects.get(initiative__slug="budgets").url == "https://x.org/r"


def test_interchange_keys_include_the_translations():
    assert {"title_pl", "title_es", "funding_pl"} <= set(interchange.KEYS)
    assert {"lessons_pl", "sources_es"} <= set(interchange.CSV_KEYS)


def test_data_dictionary_lists_the_translation_columns(client):
    html = client.get("/data/dictionary/").content.decode()
    assert "title_pl" in html
    assert "Name of the case, in Polish; empty when not translated." in html
    assert "name_es" in html


def test_datapackage_lists_the_translation_columns(settings, tmp_path, case):
    settings.OPENDATA_DIR = tmp_path / "releases"
    settings.SITE_URL = "https://atlas.example"
    call_command("export_dataset", stdout=StringIO())
    [descriptor] = settings.OPENDATA_DIR.glob("collab-atlas-*/datapackage.json")
    package = json.loads(descriptor.read_text())
    fields = {
        resource["name"]: {field["name"]: field for field in resource["schema"]["fields"]}
        for resource in package["resources"]
    }
    assert fields["cases"]["title_pl"]["description"] == (
        "Name of the case, in Polish; empty when not translated."
    )
    assert {"text_pl", "text_es"} <= set(fields["lessons"])
    assert {"title_pl", "title_es"} <= set(fields["sources"])
    assert {"name_pl", "summary_es"} <= set(fields["collaboration_models"])
    assert {"name_es"} <= set(fields["motivations"])
    assert {"text_pl"} <= set(fields["recommendations"])


def test_organisation_filter_answers_in_a_language_other_than_english(client, case):
    # Organisations have no translated names; the facet reads their one name.
    InvolvementFactory(initiative=case, actor=ActorFactory(slug="koduj"), role=Role.INITIATOR)
    response = client.get("/api/cases/?lang=es&actor=koduj")
    assert response.status_code == 200
    assert [item["slug"] for item in response.json()["results"]] == ["budgets"]
    assert client.get("/es/cases/?actor=koduj").status_code == 200
