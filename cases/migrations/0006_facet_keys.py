"""Facet keys and running totals, kept by PostgreSQL, so that facets cost one pass.

Each case carries ``facet_keys``, an array naming every facet value it has:
``collaboration:direct``, ``initiator:civic``, ``country:PL``, ``model:3``,
``motivation:2``, ``theme:7``, ``actor:41`` (related rows by id, so renaming a slug
changes nothing). A row trigger computes it whenever the case is written; statement
triggers on the link tables touch the cases whose links changed. A GIN index finds
the cases holding a key.

``cases_facet_total`` holds, for every key, the number of *published* cases holding
it; ``*`` for all published cases; and ``model:3&initiator:civic`` for those holding
both, for each model or motivation key paired with a form or initiator key (the
splits of the model and motivation pages). A statement trigger adds and subtracts
what each write changed, in key order so that concurrent writers cannot deadlock.
The unfiltered catalogue's counts (the home page, the plain list) are read from it
without touching the cases.

The column and the table are not Django fields or models: only the SQL in
``cases.facet_keys`` reads them, and other databases count the slower way, so this
runs on PostgreSQL only.
"""

from django.db import migrations

LINKS = [
    # (table, column of the related row, key prefix)
    ("cases_initiative_collaboration_models", "collaborationmodel_id", "model"),
    ("cases_initiative_motivations", "motivation_id", "motivation"),
    ("cases_initiative_themes", "theme_id", "theme"),
    ("cases_involvement", "actor_id", "actor"),
]

LINKED_KEYS = " || ".join(
    f"ARRAY(SELECT DISTINCT '{prefix}:' || l.{column} FROM {table} AS l"
    f" WHERE l.initiative_id = NEW.id)"
    for table, column, prefix in LINKS
)

FORWARD = [
    "ALTER TABLE cases_initiative ADD COLUMN IF NOT EXISTS facet_keys text[] NOT NULL DEFAULT '{}'",
    """
    CREATE TABLE IF NOT EXISTS cases_facet_total (
        key text PRIMARY KEY,
        cases integer NOT NULL
    )
    """,
    # The keys a published case adds to the totals: its own, ``*`` and the pairs.
    """
    CREATE OR REPLACE FUNCTION atlas_counted_keys(keys text[]) RETURNS text[]
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT keys || '{*}'::text[] || ARRAY(
            SELECT first || '&' || second
              FROM unnest(keys) AS first, unnest(keys) AS second
             WHERE split_part(first, ':', 1) IN ('model', 'motivation')
               AND split_part(second, ':', 1) IN ('collaboration', 'initiator'))
    $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION atlas_initiative_facet_keys() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        NEW.facet_keys :=
            array_remove(ARRAY[
                'collaboration:' || nullif(NEW.collaboration, ''),
                'initiator:' || nullif(NEW.initiator_kind, '')
            ], NULL)
         || ARRAY(SELECT DISTINCT 'country:' || upper(trim(code))
                    FROM unnest(string_to_array(NEW.countries, ',')) AS code
                   WHERE trim(code) <> '')
         || {LINKED_KEYS};
        RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER initiative_facet_keys BEFORE INSERT OR UPDATE ON cases_initiative
        FOR EACH ROW EXECUTE FUNCTION atlas_initiative_facet_keys()
    """,
    # A link row names its case; touching the case reruns the trigger above.
    """
    CREATE OR REPLACE FUNCTION atlas_touch_facets() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            UPDATE cases_initiative SET facet_keys = '{}'
             WHERE id IN (SELECT initiative_id FROM old_rows);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            UPDATE cases_initiative SET facet_keys = '{}'
             WHERE id IN (SELECT initiative_id FROM new_rows);
        END IF;
        RETURN NULL;
    END $$
    """,
    *[
        f"""
        CREATE TRIGGER {table.removeprefix("cases_")}_{event.lower()}_facets AFTER {event}
            ON {table} REFERENCING {transitions}
            FOR EACH STATEMENT EXECUTE FUNCTION atlas_touch_facets()
        """
        for table, _column, _prefix in LINKS
        for event, transitions in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        )
    ],
    """
    CREATE OR REPLACE FUNCTION atlas_facet_totals() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO cases_facet_total AS t (key, cases)
            SELECT key, count(*) FROM new_rows, unnest(atlas_counted_keys(facet_keys)) AS key
             WHERE state = 'published' GROUP BY key ORDER BY key
            ON CONFLICT (key) DO UPDATE SET cases = t.cases + EXCLUDED.cases;
        ELSIF TG_OP = 'DELETE' THEN
            UPDATE cases_facet_total AS t SET cases = t.cases - gone.n
              FROM (SELECT key, count(*) AS n
                      FROM old_rows, unnest(atlas_counted_keys(facet_keys)) AS key
                     WHERE state = 'published' GROUP BY key ORDER BY key) AS gone
             WHERE t.key = gone.key;
        ELSE
            INSERT INTO cases_facet_total AS t (key, cases)
            SELECT key, sum(change) FROM (
                SELECT key, -1 AS change
                  FROM old_rows, unnest(atlas_counted_keys(facet_keys)) AS key
                 WHERE state = 'published'
                UNION ALL
                SELECT key, 1
                  FROM new_rows, unnest(atlas_counted_keys(facet_keys)) AS key
                 WHERE state = 'published'
            ) AS changes
            GROUP BY key HAVING sum(change) <> 0 ORDER BY key
            ON CONFLICT (key) DO UPDATE SET cases = t.cases + EXCLUDED.cases;
        END IF;
        RETURN NULL;
    END $$
    """,
    *[
        f"""
        CREATE TRIGGER initiative_{event.lower()}_totals AFTER {event} ON cases_initiative
            REFERENCING {transitions} FOR EACH STATEMENT EXECUTE FUNCTION atlas_facet_totals()
        """
        for event, transitions in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        )
    ],
    # The totals counted afresh: the first fill, and a repair tool.
    """
    CREATE OR REPLACE FUNCTION atlas_rebuild_facet_totals() RETURNS void
        LANGUAGE sql AS $$
        DELETE FROM cases_facet_total;
        INSERT INTO cases_facet_total (key, cases)
        SELECT key, count(*)
          FROM cases_initiative, unnest(atlas_counted_keys(facet_keys)) AS key
         WHERE state = 'published' GROUP BY key;
    $$
    """,
    # Emptying the cases (as the test runner does between tests) empties the totals.
    """
    CREATE OR REPLACE FUNCTION atlas_empty_facet_totals() RETURNS trigger
        LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE cases_facet_total;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER initiative_truncate_totals AFTER TRUNCATE ON cases_initiative
        FOR EACH STATEMENT EXECUTE FUNCTION atlas_empty_facet_totals()
    """,
    # Which cases hold a key: the model and motivation pages, and filtered counts.
    """
    CREATE INDEX IF NOT EXISTS initiative_facet_keys_gin ON cases_initiative
        USING gin (facet_keys) WHERE state = 'published'
    """,
    # Every existing case gets its keys now, and the totals start from them.
    "UPDATE cases_initiative SET facet_keys = '{}'",
    "SELECT atlas_rebuild_facet_totals()",
]

BACKWARD = [
    "DROP INDEX IF EXISTS initiative_facet_keys_gin",
    *[
        f"DROP TRIGGER IF EXISTS initiative_{event}_totals ON cases_initiative"
        for event in ("insert", "update", "delete")
    ],
    "DROP TRIGGER IF EXISTS initiative_truncate_totals ON cases_initiative",
    "DROP FUNCTION IF EXISTS atlas_empty_facet_totals()",
    "DROP FUNCTION IF EXISTS atlas_facet_totals()",
    "DROP FUNCTION IF EXISTS atlas_rebuild_facet_totals()",
    "DROP FUNCTION IF EXISTS atlas_counted_keys(text[])",
    *[
        f"DROP TRIGGER IF EXISTS {table.removeprefix('cases_')}_{event}_facets ON {table}"
        for table, _column, _prefix in LINKS
        for event in ("insert", "update", "delete")
    ],
    "DROP FUNCTION IF EXISTS atlas_touch_facets()",
    "DROP TRIGGER IF EXISTS initiative_facet_keys ON cases_initiative",
    "DROP FUNCTION IF EXISTS atlas_initiative_facet_keys()",
    "DROP TABLE IF EXISTS cases_facet_total",
    "ALTER TABLE cases_initiative DROP COLUMN IF EXISTS facet_keys",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_review_of_shared_records"),
    ]

    operations = [
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]
