"""The whole catalogue as a Frictionless Data Package, and the releases built from it.

A release is named by its date and a hash of its content, so two releases can be told
apart (or found identical) without opening them.
"""

import csv
import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from collab_atlas.spreadsheet import defused_row

from .columns import TABLES
from .licence import AUTHOR, GUIDE_PUBLISHER, GUIDE_TITLE, license_metadata

PACKAGE_NAME = "collab-atlas"
RELEASE_NAME = re.compile(r"^collab-atlas-\d{4}\.\d{2}\.\d{2}-[0-9a-f]{8}$")


def releases_dir():
    return Path(settings.OPENDATA_DIR)


def table_schema(table):
    schema = {
        "fields": [column.field_descriptor() for column in table.columns],
        "primaryKey": list(table.primary_key),
        "missingValues": [""],
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(fields), "reference": {"resource": resource, "fields": list(target)}}
            for fields, resource, target in table.foreign_keys
        ]
    return schema


def write_table(table, path, root):
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(table.field_names())
        records = table.rows()
        if hasattr(records, "iterator"):
            records = records.iterator(chunk_size=500)
        for record in records:
            writer.writerow(
                defused_row([column.csv_value(record, root) for column in table.columns])
            )


def file_sha256(path):
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def descriptor(version, created, content_hash, resources, root):
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "Collab Atlas: collaboration between civic tech and governments",
        "description": (
            "Case studies of collaboration between civic tech organisations and governments, "
            "with the organisations involved and their roles, the guide's models of "
            "collaboration and their recommendations, motivations, lessons learnt and "
            "sources. Only published cases are included."
        ),
        "version": version,
        "created": created,
        "homepage": root + reverse("opendata:data"),
        "licenses": [license_metadata()],
        "contributors": [{"title": AUTHOR, "role": "author", "path": root + reverse("home")}],
        "sources": [
            {"title": f"{GUIDE_TITLE} ({GUIDE_PUBLISHER})"},
            {"title": "Collab Atlas", "path": root + reverse("home")},
        ],
        "keywords": ["civic tech", "open government", "collaboration", "case studies"],
        "content_hash": f"sha256:{content_hash}",
        "resources": resources,
    }


def build_release(output_dir=None, root=None, force=False):
    """Write a release into ``output_dir``; returns (release metadata, created?).

    With nothing changed since the latest release, returns that release unless ``force``.
    """
    output = Path(output_dir or releases_dir())
    output.mkdir(parents=True, exist_ok=True)
    root = root or settings.SITE_URL or "http://localhost:8000"
    now = timezone.now()
    staging = output / f".staging-{now:%Y%m%d%H%M%S%f}"
    staging.mkdir()
    try:
        content = hashlib.sha256()
        resources = []
        for table in TABLES:
            path = staging / f"{table.name}.csv"
            write_table(table, path, root)
            digest = file_sha256(path)
            content.update(f"{table.name}:{digest}\n".encode())
            resources.append(
                {
                    "name": table.name,
                    "path": path.name,
                    "profile": "tabular-data-resource",
                    "title": str(table.title),
                    "description": str(table.description),
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "bytes": path.stat().st_size,
                    "hash": f"sha256:{digest}",
                    "schema": table_schema(table),
                }
            )
        content_hash = content.hexdigest()
        latest = latest_release(output)
        if latest and latest["content_hash"] == content_hash and not force:
            return latest, False

        version = f"{now:%Y.%m.%d}"
        name = f"{PACKAGE_NAME}-{version}-{content_hash[:8]}"
        package = descriptor(version, now.isoformat(), content_hash, resources, root)
        (staging / "datapackage.json").write_text(
            json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        folder = output / name
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
        archive = output / f"{name}.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
            for path in sorted(folder.iterdir()):
                bundle.write(path, arcname=f"{name}/{path.name}")
        release = {
            "name": name,
            "version": version,
            "created": now.isoformat(),
            "content_hash": content_hash,
            "archive": archive.name,
            "bytes": archive.stat().st_size,
            "sha256": file_sha256(archive),
            "rows": {table.name: _count_rows(folder / f"{table.name}.csv") for table in TABLES},
        }
        (output / f"{name}.json").write_text(json.dumps(release, indent=2) + "\n")
        return release, True
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def _count_rows(path):
    with path.open(encoding="utf-8", newline="") as file:
        return sum(1 for _row in csv.reader(file)) - 1


def list_releases(directory=None):
    """Releases in the folder, newest first, read from the small file beside each zip."""
    folder = Path(directory or releases_dir())
    if not folder.is_dir():
        return []
    releases = []
    for path in folder.glob(f"{PACKAGE_NAME}-*.json"):
        if not RELEASE_NAME.match(path.stem):
            continue
        try:
            release = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if (folder / release.get("archive", "")).is_file():
            releases.append(release)
    return sorted(releases, key=lambda release: release["created"], reverse=True)


def latest_release(directory=None):
    releases = list_releases(directory)
    return releases[0] if releases else None


def release_archive(name):
    """The zip of a release by its file name, or None; never a path outside the folder."""
    if not name.endswith(".zip") or not RELEASE_NAME.match(name[: -len(".zip")]):
        return None
    path = releases_dir() / name
    return path if path.is_file() else None
