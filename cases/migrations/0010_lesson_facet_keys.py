"""Facet keys and running totals for lessons, as migration 0006 made them for cases.

A lesson holds ``kind:lesson``, its case's keys (initiator, themes, countries…) and
its models: the model it is tagged with, or, untagged, every model of its case, as
the lessons list filters them. It holds ``*`` while its case is published. A row
trigger computes the keys from the lesson and its case; a statement trigger on cases
touches the lessons of every case whose keys or state changed.

``cases_lesson_total`` holds, for every key, the number of lessons of published
cases holding it (``*``: all of them), kept by a statement trigger as the cases'
totals are. PostgreSQL only, like 0006.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE cases_lesson ADD COLUMN IF NOT EXISTS facet_keys text[] NOT NULL DEFAULT '{}'",
    "CREATE TABLE IF NOT EXISTS cases_lesson_total (key text PRIMARY KEY, lessons integer NOT NULL)",
    """
    CREATE OR REPLACE FUNCTION atlas_lesson_facet_keys() RETURNS trigger
        LANGUAGE plpgsql AS $$
    DECLARE
        case_keys text[];
        case_state text;
    BEGIN
        SELECT c.facet_keys, c.state INTO case_keys, case_state
          FROM cases_initiative AS c WHERE c.id = NEW.initiative_id;
        IF NEW.collaboration_model_id IS NOT NULL THEN
            case_keys := ARRAY(SELECT k FROM unnest(case_keys) AS k WHERE split_part(k, ':', 1) <> 'model')
                      || ('model:' || NEW.collaboration_model_id);
        END IF;
        NEW.facet_keys := ARRAY['kind:' || NEW.kind] || coalesce(case_keys, '{}')
            || CASE WHEN case_state = 'published' THEN '{*}'::text[] ELSE '{}' END;
        RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER lesson_facet_keys BEFORE INSERT OR UPDATE ON cases_lesson
        FOR EACH ROW EXECUTE FUNCTION atlas_lesson_facet_keys()
    """,
    # A case whose keys or state changed touches its lessons, which take them up again.
    """
    CREATE OR REPLACE FUNCTION atlas_touch_lessons() RETURNS trigger
        LANGUAGE plpgsql AS $$
    DECLARE
        changed bigint[];
    BEGIN
        changed := ARRAY(SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
                          WHERE n.facet_keys IS DISTINCT FROM o.facet_keys
                             OR n.state IS DISTINCT FROM o.state);
        -- Statement triggers fire for statements that change no row too: touching no
        -- lesson must not run the lessons' triggers, which touch cases, and so on.
        IF cardinality(changed) > 0 THEN
            UPDATE cases_lesson SET facet_keys = '{}' WHERE initiative_id = ANY (changed);
        END IF;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER initiative_update_lessons AFTER UPDATE ON cases_initiative
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION atlas_touch_lessons()
    """,
    """
    CREATE OR REPLACE FUNCTION atlas_lesson_totals() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO cases_lesson_total AS t (key, lessons)
            SELECT key, count(*) FROM new_rows, unnest(facet_keys) AS key
             WHERE facet_keys @> '{*}' GROUP BY key ORDER BY key
            ON CONFLICT (key) DO UPDATE SET lessons = t.lessons + EXCLUDED.lessons;
        ELSIF TG_OP = 'DELETE' THEN
            UPDATE cases_lesson_total AS t SET lessons = t.lessons - gone.n
              FROM (SELECT key, count(*) AS n FROM old_rows, unnest(facet_keys) AS key
                     WHERE facet_keys @> '{*}' GROUP BY key ORDER BY key) AS gone
             WHERE t.key = gone.key;
        ELSE
            INSERT INTO cases_lesson_total AS t (key, lessons)
            SELECT key, sum(change) FROM (
                SELECT key, -1 AS change FROM old_rows, unnest(facet_keys) AS key
                 WHERE facet_keys @> '{*}'
                UNION ALL
                SELECT key, 1 FROM new_rows, unnest(facet_keys) AS key
                 WHERE facet_keys @> '{*}'
            ) AS changes
            GROUP BY key HAVING sum(change) <> 0 ORDER BY key
            ON CONFLICT (key) DO UPDATE SET lessons = t.lessons + EXCLUDED.lessons;
        END IF;
        RETURN NULL;
    END $$
    """,
    *[
        f"""
        CREATE TRIGGER lesson_{event.lower()}_totals AFTER {event} ON cases_lesson
            REFERENCING {transitions} FOR EACH STATEMENT EXECUTE FUNCTION atlas_lesson_totals()
        """
        for event, transitions in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        )
    ],
    """
    CREATE OR REPLACE FUNCTION atlas_rebuild_lesson_totals() RETURNS void
        LANGUAGE sql AS $$
        DELETE FROM cases_lesson_total;
        INSERT INTO cases_lesson_total (key, lessons)
        SELECT key, count(*) FROM cases_lesson, unnest(facet_keys) AS key
         WHERE facet_keys @> '{*}' GROUP BY key;
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION atlas_empty_lesson_totals() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE cases_lesson_total;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER lesson_truncate_totals AFTER TRUNCATE ON cases_lesson
        FOR EACH STATEMENT EXECUTE FUNCTION atlas_empty_lesson_totals()
    """,
    """
    CREATE INDEX IF NOT EXISTS lesson_facet_keys_gin ON cases_lesson USING gin (facet_keys)
    """,
    "UPDATE cases_lesson SET facet_keys = '{}'",
    "SELECT atlas_rebuild_lesson_totals()",
]

BACKWARD = [
    "DROP INDEX IF EXISTS lesson_facet_keys_gin",
    "DROP TRIGGER IF EXISTS lesson_truncate_totals ON cases_lesson",
    "DROP FUNCTION IF EXISTS atlas_empty_lesson_totals()",
    "DROP FUNCTION IF EXISTS atlas_rebuild_lesson_totals()",
    *[
        f"DROP TRIGGER IF EXISTS lesson_{event}_totals ON cases_lesson"
        for event in ("insert", "update", "delete")
    ],
    "DROP FUNCTION IF EXISTS atlas_lesson_totals()",
    "DROP TRIGGER IF EXISTS initiative_update_lessons ON cases_initiative",
    "DROP FUNCTION IF EXISTS atlas_touch_lessons()",
    "DROP TRIGGER IF EXISTS lesson_facet_keys ON cases_lesson",
    "DROP FUNCTION IF EXISTS atlas_lesson_facet_keys()",
    "DROP TABLE IF EXISTS cases_lesson_total",
    "ALTER TABLE cases_lesson DROP COLUMN IF EXISTS facet_keys",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_index_published_titles"),
    ]

    operations = [
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]
