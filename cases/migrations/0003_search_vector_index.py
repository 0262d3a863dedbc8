"""Full-text search on PostgreSQL: unaccent, an immutable wrapper, a GIN index.

Other databases search without stored vectors, so this migration does nothing there.
"""

from django.db import migrations

from cases.search import update_vectors

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # unaccent() is only STABLE; the wrapper names its dictionary so it can be IMMUTABLE.
    """
    CREATE OR REPLACE FUNCTION atlas_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
    """,
    # Serves every full-text query of the case list (search_vector @@ to_tsquery(...)).
    "CREATE INDEX IF NOT EXISTS initiative_search_gin ON cases_initiative USING gin (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS initiative_search_gin",
    "DROP FUNCTION IF EXISTS atlas_unaccent(text)",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)
        if statements is FORWARD:
            # Cases saved before this migration get their vectors now.
            update_vectors(using=schema_editor.connection.alias)

    return operation


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_editor_groups")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
