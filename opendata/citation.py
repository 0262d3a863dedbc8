"""How to cite a case (the version shown) and a dataset release, as text and BibTeX."""

import re

from django.utils import timezone

from .licence import AUTHOR, LICENSE_NAME, PUBLISHER

BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def bibtex_escape(text):
    text = text.replace("\\", r"\textbackslash{}").replace("~", r"\textasciitilde{}")
    return BIBTEX_SPECIAL.sub(r"\\\1", text.replace("^", r"\textasciicircum{}"))


def case_citation(initiative, url, accessed=None):
    """The case as last changed: its version date is ``updated_at`` (else publication)."""
    accessed = accessed or timezone.localdate()
    version = timezone.localdate(initiative.updated_at or initiative.published_at)
    text = (
        f"{AUTHOR}. “{initiative.title}”. {PUBLISHER}, version of {version:%Y-%m-%d}. "
        f"{url} (accessed {accessed:%Y-%m-%d}). {LICENSE_NAME}."
    )
    bibtex = "\n".join(
        [
            f"@misc{{collabatlas-{initiative.slug},",
            f"  author = {{{{{AUTHOR}}}}},",
            f"  title = {{{{{bibtex_escape(initiative.title)}}}}},",
            f"  howpublished = {{{PUBLISHER}}},",
            f"  year = {{{version:%Y}}},",
            f"  month = {{{version:%m}}},",
            f"  date = {{{version:%Y-%m-%d}}},",
            f"  url = {{{url}}},",
            f"  urldate = {{{accessed:%Y-%m-%d}}},",
            f"  note = {{Version of {version:%Y-%m-%d}. Licensed {LICENSE_NAME}}}",
            "}",
        ]
    )
    return {"text": text, "bibtex": bibtex, "version": version, "url": url}


def release_citation(release, url):
    created = release["created"][:10]
    text = (
        f"{AUTHOR} ({created[:4]}). {PUBLISHER} dataset, version {release['version']} "
        f"(content {release['content_hash'][:12]}). {url}. {LICENSE_NAME}."
    )
    bibtex = "\n".join(
        [
            f"@misc{{collabatlas-dataset-{release['version'].replace('.', '-')},",
            f"  author = {{{{{AUTHOR}}}}},",
            f"  title = {{{{{PUBLISHER} dataset}}}},",
            f"  version = {{{release['version']}}},",
            f"  year = {{{created[:4]}}},",
            f"  date = {{{created}}},",
            f"  url = {{{url}}},",
            f"  note = {{Content hash {release['content_hash']}. Licensed {LICENSE_NAME}}}",
            "}",
        ]
    )
    return {"text": text, "bibtex": bibtex}
