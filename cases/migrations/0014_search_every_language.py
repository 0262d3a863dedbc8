"""Search finds a case by a word of any language version.

The search trigger of ``cases/0004`` also reads the translation columns of the case and
of its lessons (``title_pl``, ``text_es``…), with the same weights as their originals.
It finds them by name in the row, so a language added later is searched without
another migration. PostgreSQL only, like the trigger it replaces.
"""

from django.db import migrations

# The columns translating ``fields`` (names joined by |) in the row ``rec``, joined.
# A translation column is the field's name and a language code (``title_pl``,
# ``title_pt_br``); no other column of these tables has that shape.
# PL/pgSQL rather than SQL: its plan is kept between calls, which makes rewriting
# every vector about three times faster.
TRANSLATIONS = r"""
CREATE OR REPLACE FUNCTION atlas_translations(rec jsonb, fields text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    found text;
BEGIN
    SELECT string_agg(value, ' ' ORDER BY key) INTO found FROM jsonb_each_text(rec)
     WHERE key ~ ('^(' || fields || ')_[a-z]{2}(_[a-z]{2,4})?$') AND value <> '';
    RETURN found;
END $$
"""

SEARCH = """
CREATE OR REPLACE FUNCTION atlas_initiative_search() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    lessons text;
    organisations text;
    translations text;
    row_ jsonb := to_jsonb(NEW);
BEGIN
    SELECT string_agg(concat_ws(' ', l.text, atlas_translations(to_jsonb(l), 'text')), ' ')
      INTO lessons
      FROM cases_lesson AS l WHERE l.initiative_id = NEW.id;
    SELECT string_agg(concat_ws(' ', a.name, a.aliases), ' ') INTO organisations
      FROM cases_involvement AS v JOIN cases_actor AS a ON a.id = v.actor_id
     WHERE v.initiative_id = NEW.id;
    translations := atlas_translations(row_, 'title|summary');
    NEW.search_vector :=
        setweight(to_tsvector('simple', atlas_unaccent(
            concat_ws(' ', NEW.title, atlas_translations(row_, 'title')))), 'A')
     || setweight(to_tsvector('simple', atlas_unaccent(
            concat_ws(' ', NEW.summary, atlas_translations(row_, 'summary')))), 'B')
     || setweight(to_tsvector('simple', atlas_unaccent(concat_ws(' ',
            NEW.aim, NEW.description, NEW.initiation, NEW.funding,
            atlas_translations(row_, 'aim|description|initiation|funding')))), 'C')
     || setweight(to_tsvector('simple', atlas_unaccent(
            concat_ws(' ', lessons, organisations))), 'D');
    NEW.search_text := lower(atlas_unaccent(
        concat_ws(' ', NEW.title, NEW.summary, translations, organisations)));
    RETURN NEW;
END $$
"""

# cases/0004's function, for going back.
SEARCH_BEFORE = """
CREATE OR REPLACE FUNCTION atlas_initiative_search() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    lessons text;
    organisations text;
BEGIN
    SELECT string_agg(l.text, ' ') INTO lessons
      FROM cases_lesson AS l WHERE l.initiative_id = NEW.id;
    SELECT string_agg(concat_ws(' ', a.name, a.aliases), ' ') INTO organisations
      FROM cases_involvement AS v JOIN cases_actor AS a ON a.id = v.actor_id
     WHERE v.initiative_id = NEW.id;
    NEW.search_vector :=
        setweight(to_tsvector('simple', atlas_unaccent(coalesce(NEW.title, ''))), 'A')
     || setweight(to_tsvector('simple', atlas_unaccent(coalesce(NEW.summary, ''))), 'B')
     || setweight(to_tsvector('simple', atlas_unaccent(
            concat_ws(' ', NEW.aim, NEW.description, NEW.initiation, NEW.funding))), 'C')
     || setweight(to_tsvector('simple', atlas_unaccent(
            concat_ws(' ', lessons, organisations))), 'D');
    NEW.search_text := lower(atlas_unaccent(concat_ws(' ', NEW.title, NEW.summary, organisations)));
    RETURN NEW;
END $$
"""


def run(*statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("cases", "0013_content_in_every_language")]

    operations = [
        migrations.RunPython(
            # Existing cases have no translations yet: their vectors stay as they are.
            run(TRANSLATIONS, SEARCH),
            run(SEARCH_BEFORE, "DROP FUNCTION IF EXISTS atlas_translations(jsonb, text)"),
        ),
    ]
