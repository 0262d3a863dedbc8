"""Search kept current by PostgreSQL itself, and matched inside words.

Triggers maintain each case's ``search_vector`` and ``search_text``: a row trigger on
the case recomputes both from the case, its lessons and its organisations whenever the
case is written, and statement triggers on lessons, involvements and organisations
touch the cases they belong to. Saves, ``loaddata``, bulk inserts and raw SQL are all
covered, so no rebuild step is needed. ``search_text`` is the folded, lower-case title,
summary and organisation names, with a trigram index so that a word matches inside
another ("panstwo" in "epanstwo") and near-misses can be suggested.

Other databases search without these, so the SQL runs on PostgreSQL only.
"""


from django.conf import settings
from django.db import migrations, models


FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
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
    """,
    """
    CREATE TRIGGER initiative_search BEFORE INSERT OR UPDATE ON cases_initiative
        FOR EACH ROW EXECUTE FUNCTION atlas_initiative_search()
    """,
    # Rows of lessons and involvements name their case; touching it reruns the trigger above.
    """
    CREATE OR REPLACE FUNCTION atlas_touch_cases() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            UPDATE cases_initiative SET search_vector = NULL
             WHERE id IN (SELECT initiative_id FROM old_rows);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            UPDATE cases_initiative SET search_vector = NULL
             WHERE id IN (SELECT initiative_id FROM new_rows);
        END IF;
        RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION atlas_touch_cases_of_organisations() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE cases_initiative SET search_vector = NULL
         WHERE id IN (SELECT v.initiative_id FROM cases_involvement AS v
                       WHERE v.actor_id IN (SELECT n.id FROM new_rows AS n
                                              JOIN old_rows AS o ON o.id = n.id
                                             WHERE n.name IS DISTINCT FROM o.name
                                                OR n.aliases IS DISTINCT FROM o.aliases));
        RETURN NULL;
    END $$
    """,
    *[
        f"""
        CREATE TRIGGER {table}_{event.lower()}_search AFTER {event} ON cases_{table}
            REFERENCING {transitions} FOR EACH STATEMENT EXECUTE FUNCTION atlas_touch_cases()
        """
        for table in ("lesson", "involvement")
        for event, transitions in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        )
    ],
    """
    CREATE TRIGGER actor_update_search AFTER UPDATE ON cases_actor
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION atlas_touch_cases_of_organisations()
    """,
    # Words matched inside others, and near-misses for "did you mean".
    """
    CREATE INDEX IF NOT EXISTS initiative_search_text_trgm
        ON cases_initiative USING gin (search_text gin_trgm_ops)
    """,
    # The list's default order (newest first), so that even its last page is read off
    # an index instead of sorting every published case.
    """
    CREATE INDEX IF NOT EXISTS initiative_newest_idx ON cases_initiative
        (published_at DESC NULLS LAST, title, id) WHERE state = 'published'
    """,
    # Every existing case gets its vector and text now.
    "UPDATE cases_initiative SET search_vector = NULL",
]
BACKWARD = [
    "DROP INDEX IF EXISTS initiative_newest_idx",
    "DROP INDEX IF EXISTS initiative_search_text_trgm",
    "DROP TRIGGER IF EXISTS actor_update_search ON cases_actor",
    *[
        f"DROP TRIGGER IF EXISTS {table}_{event}_search ON cases_{table}"
        for table in ("lesson", "involvement")
        for event in ("insert", "update", "delete")
    ],
    "DROP TRIGGER IF EXISTS initiative_search ON cases_initiative",
    "DROP FUNCTION IF EXISTS atlas_touch_cases_of_organisations()",
    "DROP FUNCTION IF EXISTS atlas_touch_cases()",
    "DROP FUNCTION IF EXISTS atlas_initiative_search()",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0003_search_vector_index'),
        ('models_of_collab', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalinitiative',
            name='search_text',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='initiative',
            name='search_text',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]
