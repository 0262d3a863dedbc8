"""Bulk import and export: one format, all or nothing, exact round trips."""

import csv
import json

import pytest
from django.core.management import CommandError, call_command

from cases import interchange
from cases.choices import LessonKind, Role, State
from cases.interchange import format as format_module
from cases.models import Initiative, Involvement, Lesson, Source, Theme
from tests.factories import (
    ActorFactory,
    CollaborationModelFactory,
    InitiativeFactory,
    InvolvementFactory,
    LessonFactory,
    MotivationFactory,
    SourceFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    hackathon = CollaborationModelFactory(slug="hackathon")
    lab = CollaborationModelFactory(slug="lab")
    impact = MotivationFactory(slug="impact")
    transport = ThemeFactory(slug="transport")
    ngo = ActorFactory(slug="epf", name="ePaństwo")
    city = ActorFactory(slug="city-of-gdansk", kind="government")
    tricky = InitiativeFactory(
        slug="tricky",
        title='Quotes "and" commas, semicolons; colons: and back\\slashes',
        summary="Zażółć gęślą jaźń",
        aim="Line one\nline two",
        description='# Heading\n\nText with ; and : and \\ and "quotes".',
        funding_sources=["public", "eu"],
        countries=["PL", "CZ"],
        start_year=2016,
        end_year=2019,
        state=State.DRAFT,
        models=[lab, hackathon],
        motivations=[impact],
        themes=[transport],
        website="https://example.org/a?b=1;c=2",
    )
    report = SourceFactory(
        initiative=tricky, title="Report: part 1", publisher="A; B", url="https://x.org/r:1"
    )
    tricky.years_provenance = report
    tricky.save()
    InvolvementFactory(
        initiative=tricky,
        actor=ngo,
        role=Role.INITIATOR,
        note="Built it: all; of it",
        provenance=report,
    )
    InvolvementFactory(initiative=tricky, actor=city, role=Role.PARTNER, note="")
    LessonFactory(
        initiative=tricky,
        kind=LessonKind.CHALLENGE,
        text="Hard: very;\nreally",
        collaboration_model=lab,
        provenance=report,
    )
    LessonFactory(initiative=tricky, text="Simple.")
    InitiativeFactory(slug="plain", title="Plain", start_year=None, countries=[])
    return tricky


def export(tmp_path, fmt, name="out", *options):
    path = tmp_path / f"{name}.{fmt}"
    call_command(
        "export_cases", "--format", fmt, "-o", str(path), *(options or ["--include-drafts"])
    )
    return path


def import_file(path, *args):
    call_command("import_cases", str(path), *args)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def snapshot():
    """Everything an import could touch, to prove a failed one changed nothing."""
    return (
        interchange.export_records(include_drafts=True),
        Initiative.objects.count(),
        Involvement.objects.count(),
        Lesson.objects.count(),
        Source.objects.count(),
        sorted(Theme.objects.values_list("slug", flat=True)),
    )


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_import_into_an_empty_catalogue_export_gives_the_same_bytes(
    tmp_path, catalogue, fmt
):
    first = export(tmp_path, fmt, "first")
    Initiative.objects.all().delete()
    Theme.objects.all().delete()
    import_file(first)
    second = export(tmp_path, fmt, "second")
    assert first.read_bytes() == second.read_bytes()
    case = Initiative.objects.get(slug="tricky")
    assert case.involvements.get(role=Role.INITIATOR).note == "Built it: all; of it"
    assert case.lessons.first().collaboration_model.slug == "lab"
    assert case.sources.get().publisher == "A; B"
    # Provenance survives the round trip: the rows cite the re-created source.
    assert case.involvements.get(role=Role.INITIATOR).provenance == case.sources.get()
    assert case.lessons.first().provenance == case.sources.get()
    assert case.years_provenance == case.sources.get()


def test_json_export_is_sorted_by_slug_with_sorted_keys(tmp_path, catalogue):
    data = json.loads(export(tmp_path, "json").read_text(encoding="utf-8"))
    assert [record["slug"] for record in data] == ["plain", "tricky"]
    assert list(data[1]) == sorted(data[1])
    assert data[1]["models"] == ["hackathon", "lab"]
    assert data[1]["involvements"][0] == {
        "actor": "epf",
        "note": "Built it: all; of it",
        "role": "initiator",
        "source": "1",
    }
    assert data[1]["years_source"] == 1
    assert data[1]["initiator_source"] is None


def test_csv_packs_nested_lists_compactly(tmp_path, catalogue):
    text = export(tmp_path, "csv").read_text(encoding="utf-8")
    assert "epf:initiator:1:Built it: all\\; of it;city-of-gdansk:partner::" in text
    assert "Report\\: part 1:A\\; B:::https://x.org/r:1" in text


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_reimporting_the_same_file_creates_no_duplicates_and_changes_nothing(
    tmp_path, catalogue, fmt, capsys
):
    path = export(tmp_path, fmt)
    before = snapshot()
    history = catalogue.history.count()
    import_file(path)
    import_file(path)
    assert snapshot() == before
    assert catalogue.history.count() == history
    assert "Unchanged: 2." in capsys.readouterr().out


def test_reimport_updates_by_slug_and_replaces_child_rows(tmp_path, catalogue):
    path = export(tmp_path, "json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data[1]["title"] = "New title"
    data[1]["lessons"] = [{"kind": "lesson", "model": "", "text": "Only this."}]
    data[1]["involvements"] = data[1]["involvements"][:1]
    path.write_text(json.dumps(data), encoding="utf-8")
    import_file(path)
    case = Initiative.objects.get(slug="tricky")
    assert case.pk == catalogue.pk
    assert case.title == "New title"
    assert [lesson.text for lesson in case.lessons.all()] == ["Only this."]
    assert case.involvements.count() == 1
    assert Initiative.objects.count() == 2


def test_dry_run_reports_and_writes_nothing(tmp_path, catalogue, capsys):
    path = export(tmp_path, "json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data[0]["summary"] = "Changed"
    data.append({**data[0], "slug": "brand-new", "themes": ["new-theme"]})
    path.write_text(json.dumps(data), encoding="utf-8")
    before = snapshot()
    import_file(path, "--dry-run")
    out = capsys.readouterr().out
    assert "Would create 1 case studies: brand-new" in out
    assert "Would update 1: plain" in out
    assert "Would create themes: new-theme" in out
    assert snapshot() == before


def test_unknown_themes_are_created_from_their_slug(tmp_path, catalogue):
    path = export(tmp_path, "json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data[0]["themes"] = ["open-data"]
    path.write_text(json.dumps(data), encoding="utf-8")
    import_file(path)
    assert Theme.objects.get(slug="open-data").name == "Open data"


def valid_record(**overrides):
    record = {
        "slug": "new-case",
        "title": "New case",
        "summary": "A summary.",
        "collaboration": "direct",
        "initiator_kind": "civic",
    }
    record.update(overrides)
    return record


BAD_RECORDS = [
    (
        {"years_source": 2, "sources": [{"title": "Site", "url": "https://example.org"}]},
        "field years_source: source must be the number of one of the case's sources, 1 to 1",
    ),
    (
        {"lessons": [{"kind": "lesson", "model": "", "source": "3", "text": "A lesson."}]},
        "field lessons: item 1: cites a source, but the case lists none.",
    ),
    (
        {"sources": [{"title": "The guide", "guide": "yes"}]},
        "field sources: item 1, locator: Say which section or page of the guide",
    ),
    (
        {"sources": [{"title": "A rumour"}]},
        "field sources: item 1, url: Give the address of this source",
    ),
    ({"title": ""}, "field title: This field cannot be blank."),
    ({"slug": "has spaces"}, "field slug: Enter a valid “slug”"),
    ({"collaboration": "sideways"}, "field collaboration: Value 'sideways' is not a valid choice."),
    ({"start_year": 2020, "end_year": 2010}, "The end year cannot be before the start year."),
    ({"start_year": "2020"}, "field start_year: must be a whole number, or empty."),
    ({"countries": ["XX"]}, "field countries:"),
    ({"funding_sources": ["gold"]}, "field funding_sources: Choose kinds of funding"),
    (
        {"models": ["teleportation"]},
        "field models: unknown model of collaboration “teleportation”.",
    ),
    ({"motivations": ["greed"]}, "field motivations: unknown motivation “greed”."),
    ({"themes": ["Not A Slug"]}, "field themes: “Not A Slug” is not a usable theme slug"),
    (
        {"involvements": [{"actor": "nobody", "role": "partner", "note": ""}]},
        "field involvements: item 1: no organisation with slug “nobody”",
    ),
    (
        {"involvements": [{"actor": "epf", "role": "boss", "note": ""}]},
        "field involvements: item 1: unknown role “boss”.",
    ),
    (
        {
            "involvements": [
                {"actor": "epf", "role": "initiator", "note": ""},
                {"actor": "city-of-gdansk", "role": "initiator", "note": ""},
            ]
        },
        "field involvements: item 2: a case study has only one initiator.",
    ),
    (
        {"lessons": [{"kind": "lesson", "model": "", "text": ""}]},
        "field lessons: item 1, text: This field cannot be blank.",
    ),
    (
        {"lessons": [{"kind": "gossip", "model": "", "text": "x"}]},
        "field lessons: item 1: unknown kind “gossip”.",
    ),
    (
        {"sources": [{"title": "T", "publisher": "", "url": "not a url"}]},
        "field sources: item 1, url: Enter a valid URL.",
    ),
    ({"website": "javascript:alert(1)"}, "field website: Enter a valid URL."),
    ({"colour": "red"}, "field colour: unknown field"),
    ({"slug": "tricky"}, "field slug: “tricky” is already used by record 1."),
]


@pytest.mark.parametrize(("overrides", "message"), BAD_RECORDS)
def test_a_bad_record_stops_the_import_saying_where_and_nothing_is_saved(
    tmp_path, catalogue, overrides, message
):
    records = [valid_record(slug="tricky", title="Changed"), valid_record(**overrides)]
    text = json.dumps(records, indent=2)
    path = write(tmp_path, "bad.json", text)
    before = snapshot()
    with pytest.raises(CommandError) as error:
        import_file(path)
    starts = [number for number, line in enumerate(text.splitlines(), start=1) if line == "  {"]
    second_record_line = starts[1]
    assert f"record 2 (line {second_record_line})" in str(error.value)
    assert message in str(error.value)
    assert "Nothing was imported" in str(error.value)
    assert snapshot() == before


def test_every_problem_is_reported_not_only_the_first(tmp_path, catalogue):
    records = [valid_record(title=""), valid_record(slug="other", models=["nope"])]
    path = write(tmp_path, "bad.json", json.dumps(records))
    with pytest.raises(CommandError) as error:
        import_file(path)
    assert "record 1 (line 1), field title" in str(error.value)
    assert "record 2 (line 1), field models" in str(error.value)


def test_csv_problems_name_the_line_the_record_starts_on(tmp_path, catalogue):
    header = ",".join(interchange.CSV_KEYS)
    good = export(tmp_path, "csv").read_text(encoding="utf-8").splitlines()
    path = write(
        tmp_path,
        "bad.csv",
        "\r\n".join([header, *good[1:]])
        + "\r\n"
        + ",".join("bad-year" if key == "start_year" else "" for key in interchange.CSV_KEYS)
        + "\r\n",
    )
    records_before = len(interchange.read(path.read_text(encoding="utf-8"), "csv")) - 1
    lines_before = path.read_text(encoding="utf-8").count("\n")
    before = snapshot()
    with pytest.raises(CommandError) as error:
        import_file(path)
    assert f"record {records_before + 1} (line {lines_before})" in str(error.value)
    assert "field start_year: must be a whole number" in str(error.value)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("broken.json", '[{"slug": "a",}]', "record 1 (line 1): not valid JSON"),
        ("object.json", '{"slug": "a"}', "line 1: The file must hold a JSON list of records."),
        ("scalar.json", "[1]", "record 1 (line 1): must be an object"),
        ("columns.csv", "slug,colour\r\na,red\r\n", "line 1, field colour: unknown column"),
        ("ragged.csv", "slug,title\r\na,b,c\r\n", "record 1 (line 2): has 3 cells"),
        ("data.txt", "[]", "Give --format json or csv"),
    ],
)
def test_malformed_files_are_refused_with_a_clear_message(tmp_path, catalogue, name, text, message):
    path = write(tmp_path, name, text)
    before = snapshot()
    with pytest.raises(CommandError) as error:
        import_file(path)
    assert message in str(error.value)
    assert snapshot() == before


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        import_file(tmp_path / "missing.json")


def test_csv_item_encoding_survives_separators_and_backslashes():
    items = [
        {"actor": "a", "role": "partner", "note": "x: y; z \\ w"},
        {"actor": "b", "role": "expert", "note": ""},
    ]
    keys = ["actor", "role", "note"]
    assert interchange.decode_items(interchange.encode_items(items, keys), keys) == items


def test_export_reads_in_a_fixed_number_of_queries(catalogue, django_assert_num_queries):
    for _ in range(3):
        InitiativeFactory()
    # Cases, then models, motivations, themes, sources, involvements with actors,
    # lessons with their models: the same however many cases there are.
    with django_assert_num_queries(7):
        interchange.export_records()


FORMULAS = {
    "title": "=cmd|' /C calc'!A0",
    "summary": "+cmd|' /C calc'!A0",
    "aim": "-2+3+cmd|' /C calc'!A0",
    "description": "@SUM(1+1)*cmd|' /C calc'!A0",
    "funding": "\tTabbed",
    "website": "https://example.org/=x",
}


def test_csv_export_defuses_formula_cells_and_reads_them_back_unchanged(tmp_path, db):
    InitiativeFactory(slug="formulas", **FORMULAS)
    InitiativeFactory(slug="quoted", title="'Quoted' from the start", summary="-")
    path = export(tmp_path, "csv", "first", "--include-drafts")
    rows = {row["slug"]: row for row in csv.DictReader(path.open(encoding="utf-8", newline=""))}
    for key, value in FORMULAS.items():
        if key != "website":
            # A spreadsheet shows a cell starting with a quote as text.
            assert rows["formulas"][key] == "'" + value
    assert rows["formulas"]["website"] == FORMULAS["website"]
    assert rows["quoted"]["title"] == "''Quoted' from the start"
    for row in rows.values():
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())

    Initiative.objects.all().delete()
    import_file(path)
    case = Initiative.objects.get(slug="formulas")
    assert {key: getattr(case, key) for key in FORMULAS} == FORMULAS
    assert Initiative.objects.get(slug="quoted").title == "'Quoted' from the start"
    second = export(tmp_path, "csv", "second", "--include-drafts")
    assert path.read_bytes() == second.read_bytes()


@pytest.mark.parametrize(
    "cell", ["=1", "+1", "-1", "@A1", "\tx", "\rx", "'x", "''", "'", "", "a=1", " =1"]
)
def test_defusing_a_cell_can_always_be_undone(cell):
    defused = format_module.defuse(cell)
    assert not defused.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert format_module.restore(defused) == cell


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_leaves_drafts_out_unless_asked(tmp_path, db, fmt):
    InitiativeFactory(slug="public")
    InitiativeFactory(slug="draft", state=State.DRAFT)
    InitiativeFactory(slug="in-review", state=State.REVIEW)
    call_command("export_cases", "--format", fmt, "-o", str(tmp_path / f"public.{fmt}"))
    text = (tmp_path / f"public.{fmt}").read_text(encoding="utf-8")
    assert "public" in text
    assert "draft" not in text and "in-review" not in text
    everything = export(tmp_path, fmt, "all", "--include-drafts").read_text(encoding="utf-8")
    assert "draft" in everything and "in-review" in everything


UNSTORABLE = [
    ({"title": "Bad\u0000title"}, "field title: contains a NUL character"),
    ({"summary": "Half \ud800 a pair"}, "field summary: contains a lone surrogate (\\ud800"),
    ({"slug": "x\udfff"}, "field slug: contains a lone surrogate (\\udfff"),
    ({"themes": ["ok", "no\u0000"]}, "field themes: item 2 contains a NUL character"),
    (
        {"lessons": [{"kind": "lesson", "model": "", "text": "Low \udc80"}]},
        "field lessons: item 1, text: contains a lone surrogate (\\udc80",
    ),
    (
        {"sources": [{"title": "T\u0000", "publisher": "", "url": "https://example.org"}]},
        "field sources: item 1, title: contains a NUL character",
    ),
    ({"colour\ud800": "red"}, "field colour\\ud800: unknown field"),
]


@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
@pytest.mark.parametrize(("overrides", "message"), UNSTORABLE)
def test_nul_bytes_and_lone_surrogates_are_problems_naming_record_and_field(
    tmp_path, catalogue, overrides, message, dry_run
):
    records = [valid_record(slug="tricky", title="Changed"), valid_record(**overrides)]
    # JSON's \\u escapes carry the characters into an otherwise valid UTF-8 file.
    path = write(tmp_path, "bad.json", json.dumps(records, indent=2))
    before = snapshot()
    with pytest.raises(CommandError) as error:
        import_file(path, *(["--dry-run"] if dry_run else []))
    report = str(error.value)
    assert "Nothing was imported" in report
    assert "record 2 (line " in report
    assert message in report
    # The report itself can be printed anywhere: no NUL, no surrogate in it.
    report.encode("utf-8")
    assert "\x00" not in report
    assert snapshot() == before


def test_a_nul_byte_in_a_csv_file_is_a_problem_too(tmp_path, catalogue):
    text = export(tmp_path, "csv").read_text(encoding="utf-8")
    path = write(tmp_path, "bad.csv", text.replace("Zażółć", "Za\x00żółć"))
    before = snapshot()
    with pytest.raises(CommandError) as error:
        import_file(path, "--dry-run")
    assert "field summary: contains a NUL character" in str(error.value)
    assert snapshot() == before
