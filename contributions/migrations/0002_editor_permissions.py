"""Let Editors and Reviewers moderate suggestions: read them, act on them, delete spam.

Nobody adds a suggestion in the admin: they come from the public form.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_suggestion", "change_suggestion", "delete_suggestion"]
GROUPS = ["Editors", "Reviewers"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("contributions")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="contributions", codename__in=CODENAMES
    )
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="contributions", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0001_initial"),
        ("cases", "0002_editor_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
