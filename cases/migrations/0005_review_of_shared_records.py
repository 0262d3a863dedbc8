"""Let Editors follow their changes to shared records, and Reviewers approve them.

Editors see the changes waiting for review (``view_revision``); Reviewers also approve
or reject them and change shared records directly (``publish_revision``).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editors": ["view_revision"],
    "Reviewers": ["view_revision", "publish_revision"],
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="collab_atlas", codename__in=codenames)


def grant(apps, schema_editor):
    app_config = apps.get_app_config("collab_atlas")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*_permissions(apps, GRANTS[group.name]))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_search_in_the_database"),
        ("collab_atlas", "0001_revision"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
