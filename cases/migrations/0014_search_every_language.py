"""Search finds a case by a word of any language version.

The search trigger of ``cases/0004`` also reads the translation columns of the case and
of its lessons (``title_pl``, ``text_es``…), with the same weights as their originals.
It finds them by name in the row, so a language added later is searched without
another migration. PostgreSQL only, like the trigger it replaces.
"""

from django.db import migrations

# A translation column is the field's name and a language code (``title_pl``,
# ``title_pt_br``); no other column of these tables has that shape. All of a case's are
# read in one pass over its row as JSON: rewriting every vector takes about a quarter
# longer than without translations (a function call per field took twice as long).
SEARCH = """
CREATE OR REPLACE FUNCTION atlas_initiative_search() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    lessons text;
    organisations text;
    t_title text;
    t_summary text;
    t_answers text;
BEGIN
    SELECT string_agg(concat_ws(' ', l.text, (
               SELECT string_agg(value, ' ') FROM jsonb_each_text(to_jsonb(l))
                WHERE key ~ '^text_[a-z]{2}(_[a-z]{2,4})?$' AND value <> '')), ' ')
      INTO lessons
      FROM cases_lesson AS l WHERE l.initiative_id = NEW.id;
    SELECT string_agg(concat_ws(' ', a.name, a.aliases), ' ') INTO organisations
      FROM cases_involvement AS v JOIN cases_actor AS a ON a.id = v.actor_id
     WHERE v.initiative_id = NEW.id;
    -- Every translation column at once: the field's name and a language code.
    SELECT string_agg(value, ' ') FILTER (WHERE field = 'title'),
           string_agg(value, ' ') FILTER (WHERE field = 'summary'),
           string_agg(value, ' ') FILTER (WHERE field IN ('aim', 'description', 'initiation', 'funding'))
      INTO t_title, t_summary, t_answers
      FROM (SELECT substring(key FROM '^(title|summary|aim|description|initiation|funding)_[a-z]{2}(?:_[a-z]{2,4})?$') AS field, value
              FROM jsonb_each_text(to_jsonb(NEW)) WHERE value <> '') AS translations
     WHERE field IS NOT NULL;
    NEW.search_vector :=
        setweight(to_tsvector('simple', atlas_unaccent(concat_ws(' ', NEW.title, t_title))), 'A')
     || setweight(to_tsvector('simple', atlas_unaccent(concat_ws(' ', NEW.summary, t_summary))), 'B')
     || setweight(to_tsvector('simple', atlas_unaccent(concat_ws(' ',
            NEW.aim, NEW.description, NEW.initiation, NEW.funding, t_answers))), 'C')
     || setweight(to_tsvector('simple', atlas_unaccent(
            concat_ws(' ', lessons, organisations))), 'D');
    NEW.search_text := lower(atlas_unaccent(
        concat_ws(' ', NEW.title, NEW.summary, t_title, t_summary, organisations)));
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
            run(SEARCH),
            run(SEARCH_BEFORE),
        ),
    ]
