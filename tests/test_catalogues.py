"""The Polish and Spanish catalogues are complete: every string the code marks for
translation is in them, translated, never fuzzy, with the same placeholders."""

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# What `make extract-messages` leaves out: code that is not the site's.
NOT_EXTRACTED = {".git", ".venv", "node_modules", "tests", "benchmarks", "media", "staticfiles"}
NOT_EXTRACTED |= {"static", "locale", "db.sqlite3", ".ruff_cache", ".pytest_cache"}
NEEDS_MSGFMT = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext")


def parse(path):
    """The entries of a .po file: dicts of msgctxt, msgid, msgid_plural, msgstr (a list)
    and flags, without the header."""
    entries = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        entry = {"msgctxt": None, "msgid_plural": None, "msgstr": [], "flags": set()}
        field = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif match := re.match(
                r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line
            ):
                field, text = match.group(1), ast.literal_eval(match.group(2))
                if field.startswith("msgstr"):
                    entry["msgstr"].append(text)
                else:
                    entry[field] = text
            elif line.startswith('"') and field is not None:
                text = ast.literal_eval(line)
                if field.startswith("msgstr"):
                    entry["msgstr"][-1] += text
                else:
                    entry[field] += text
        if "msgid" in entry:
            entries.append(entry)
    header = entries.pop(0)
    assert header["msgid"] == "", f"{path} has no header"
    return header, entries


def key(entry):
    return (entry["msgctxt"], entry["msgid"], entry["msgid_plural"])


def catalogue(language):
    return ROOT / "locale" / language / "LC_MESSAGES" / "django.po"


def problems(entries):
    found = []
    for entry in entries:
        if "fuzzy" in entry["flags"]:
            found.append(f"fuzzy: {entry['msgid']!r}")
        elif not entry["msgstr"] or any(not text.strip() for text in entry["msgstr"]):
            found.append(f"untranslated: {entry['msgid']!r}")
    return found


def test_every_language_but_the_default_has_a_catalogue():
    assert LANGUAGES == ["pl", "es"]
    for language in LANGUAGES:
        assert catalogue(language).exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_untranslated_or_fuzzy(language):
    header, entries = parse(catalogue(language))
    assert len(entries) > 800
    assert "fuzzy" not in header["flags"]
    assert f"Language: {language}\\n" in header["msgstr"][0].replace("\n", "\\n")
    assert problems(entries) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_and_markup(language):
    _header, entries = parse(catalogue(language))
    placeholder = re.compile(r"%\((\w+)\)[sd]|%[sd]|<[a-z][^>]*>")
    wrong = []
    for entry in entries:
        source = set(placeholder.findall(entry["msgid"] + (entry["msgid_plural"] or "")))
        for text in entry["msgstr"]:
            if not set(placeholder.findall(text)) <= source:
                wrong.append((entry["msgid"], text))
    assert wrong == []


@NEEDS_MSGFMT
@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogues_compile_with_format_checks(language, tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(catalogue(language))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def copy_sources(target):
    def ignore(directory, names):
        return [name for name in names if name in NOT_EXTRACTED or name.endswith(".mo")]

    for path in ROOT.iterdir():
        if path.name in NOT_EXTRACTED:
            continue
        if path.is_dir():
            shutil.copytree(path, target / path.name, ignore=ignore)
        else:
            shutil.copy2(path, target / path.name)
    shutil.copytree(ROOT / "locale", target / "locale", ignore=shutil.ignore_patterns("*.mo"))


@NEEDS_MSGFMT
def test_makemessages_finds_no_string_missing_from_the_catalogues(tmp_path):
    """Runs the extraction (`make extract-messages`) on a copy of the code, so that a
    string marked for translation and not yet in a catalogue fails here, in CI."""
    copy_sources(tmp_path)
    environment = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "collab_atlas.settings",
        "PYTHONPATH": str(tmp_path),
    }
    ignores = [f"--ignore={name}" for name in sorted(NOT_EXTRACTED)]
    command = [sys.executable, "manage.py", "makemessages", "--all", "--no-obsolete", *ignores]
    result = subprocess.run(
        command, cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    for language in LANGUAGES:
        _header, committed = parse(catalogue(language))
        _header, extracted = parse(tmp_path / "locale" / language / "LC_MESSAGES" / "django.po")
        missing = sorted({key(e) for e in extracted} - {key(e) for e in committed}, key=str)
        unused = sorted({key(e) for e in committed} - {key(e) for e in extracted}, key=str)
        assert missing == [], f"{language}: run `make extract-messages` and translate these"
        assert unused == [], f"{language}: no longer in the code; run `make extract-messages`"
        assert problems(extracted) == []
