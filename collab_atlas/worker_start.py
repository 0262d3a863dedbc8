"""What a new web worker does before its first request (gunicorn's ``post_worker_init``).

Left to the first requests, each of these made one of them slower than the next: the
first in each language read every URL pattern (about 150 ms), the first rendering of
each page compiled its templates (a model page's first, about 200 ms).
"""

import gc
import logging
from pathlib import Path

from django.conf import settings
from django.template import TemplateSyntaxError, engines
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def prepare():
    read_url_patterns()
    compile_templates()
    # What was read stays for the worker's life: moved out of the collector's way, so
    # that its full collections do not walk every compiled template again.
    gc.collect()
    gc.freeze()


def read_url_patterns():
    """Every URL pattern, for each language: a process reads them at its first reverse()
    in that language."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            reverse("home")


def project_templates():
    """The names of the project's own templates (not those of installed packages)."""
    engine = engines["django"]
    for folder in map(Path, engine.template_dirs):
        if folder.is_relative_to(settings.BASE_DIR) and "site-packages" not in folder.parts:
            for path in sorted(folder.rglob("*.html")):
                yield path.relative_to(folder).as_posix()


def compile_templates():
    engine = engines["django"]
    for name in project_templates():
        try:
            engine.get_template(name)
        except TemplateSyntaxError:
            # Its page shows the error, as it would have; the worker serves the others.
            logger.exception("template %s does not compile", name)
