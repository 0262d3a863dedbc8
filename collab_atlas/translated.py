"""Content in every configured language: a column per language beside the original.

A translatable field keeps its original text, written in the site's default language,
in its own column (``title``); each other configured language gets a column beside it
(``title_pl``, ``title_es``), added by ``TranslatedFields`` in the model's body. Reading
``case.title_i18n`` gives the text in the active language, or the original when the
translation is missing or only whitespace, marked as such (``Text.fallback``, with the
language it is written in) so that a page can say so and set ``lang`` on it.

Why columns rather than a translations table (django-parler) or a library that swaps
the field's meaning per request (django-modeltranslation):

- a list page reads every language of a case in the row it already reads: no join and
  no extra query, so the pinned query counts and the list's budgets stay as they are;
- the search trigger (``cases/0014``) reads the translations from the same row, so a
  word in any language finds the case without another index or table;
- the columns are plain fields declared before the model is prepared, so the change
  history (django-simple-history), the review of shared records, the admin's forms and
  the exports see them as any other field; django-modeltranslation adds its fields
  after the history model is built, and the two do not work together.

Adding a language adds its columns: ``makemigrations`` writes the migration.
"""

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import get_language


def default_language():
    return settings.LANGUAGE_CODE


def translation_languages():
    """(code, name) of every configured language but the default: one column each."""
    return [(code, name) for code, name in settings.LANGUAGES if code != default_language()]


def suffix(code):
    return code.replace("-", "_").lower()


def column(name, code):
    """The column holding ``name`` in language ``code`` (the original for the default)."""
    return name if code == default_language() else f"{name}_{suffix(code)}"


def active_language():
    """The configured language being spoken, the default when none is."""
    codes = [code for code, _name in settings.LANGUAGES]
    active = (get_language() or default_language()).lower()
    if active in codes:
        return active
    base = active.split("-")[0]
    return base if base in codes else default_language()


def present(value):
    return bool(value and str(value).strip())


class Text(str):
    """A text in a known language; ``fallback`` when it stands in for a missing
    translation into the active language."""

    def __new__(cls, value="", language=None, fallback=False):
        text = super().__new__(cls, value or "")
        text.language = language
        text.fallback = fallback
        return text


def choose(original, translated, language):
    """The text to show in ``language``: the translation, else the original, marked."""
    if present(translated):
        return Text(translated, language)
    return Text(original, default_language(), fallback=present(original))


def translate(instance, name, language=None):
    language = language or active_language()
    if language == default_language():
        return Text(getattr(instance, name), language)
    return choose(getattr(instance, name), getattr(instance, column(name, language)), language)


def columns(name, language=None):
    """The columns to read for ``name`` in ``language``: the original, then the
    translation (for ``values_list``); pass the values to ``pick``."""
    language = language or active_language()
    if language == default_language():
        return [name]
    return [name, column(name, language)]


def pick(values, language=None):
    """The text shown for values read through ``columns()``."""
    language = language or active_language()
    if len(values) == 1:
        return Text(values[0], language)
    return choose(values[0], values[1], language)


def lang_attribute(text):
    """`` lang="en"`` for a text shown in a language other than the page's, else ""."""
    if getattr(text, "fallback", False):
        return mark_safe(f' lang="{text.language}"')
    return ""


class TranslatedText:
    """``obj.<name>_i18n``: the field in the active language (see ``translate``)."""

    def __init__(self, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return translate(instance, self.name)


class TranslatedFields:
    """Put in a model's body after the fields it names: adds a column per other
    configured language for each, and ``<name>_i18n`` to read it.

    The columns copy the original field's type and length, are optional (a translation
    may be missing) and never unique (two missing translations are both empty).
    """

    def __init__(self, *names):
        self.names = names

    def contribute_to_class(self, cls, name):
        cls.translated_fields = self.names
        for field_name in self.names:
            original = cls._meta.get_field(field_name)
            _name, _path, args, kwargs = original.deconstruct()
            for code, language_name in translation_languages():
                options = {
                    **kwargs,
                    "verbose_name": format_lazy("{} ({})", original.verbose_name, language_name),
                    "blank": True,
                    "default": "",
                    "help_text": "",
                }
                options.pop("unique", None)
                options.pop("db_index", None)
                cls.add_to_class(column(field_name, code), original.__class__(*args, **options))
            setattr(cls, f"{field_name}_i18n", TranslatedText(field_name))


def translation_columns(model, names=None):
    """Every translation column of ``model`` (of the fields ``names``, default all)."""
    return [
        column(name, code)
        for name in (names or getattr(model, "translated_fields", ()))
        for code, _language_name in translation_languages()
    ]


def untranslated(instance, language=None):
    """The translatable fields of ``instance`` shown in the original language because
    their translation into ``language`` is missing."""
    language = language or active_language()
    if language == default_language():
        return []
    return [
        name
        for name in getattr(instance, "translated_fields", ())
        if present(getattr(instance, name))
        and not present(getattr(instance, column(name, language)))
    ]


def interleaved(items, names, translation, name_of=lambda item: item.name):
    """``items`` in order, each one whose name is in ``names`` followed by
    ``translation(item, column, code, language_name)`` for every other configured
    language: how the exports, the file format and the API place ``title_pl`` after
    ``title``."""
    for item in items:
        yield item
        if name_of(item) in names:
            for code, language_name in translation_languages():
                yield translation(item, column(name_of(item), code), code, language_name)


def translations_of(*names):
    """The translation columns of the fields ``names``, for a form's ``fields``."""
    return [column(name, code) for name in names for code, _name in translation_languages()]


def side_by_side(*names):
    """Admin ``fields`` entries: each field on one line with its translations."""
    return [(name, *translations_of(name)) for name in names]
