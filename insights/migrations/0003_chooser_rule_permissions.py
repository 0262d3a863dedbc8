"""Let Editors and Reviewers tune the chooser's rules.

An editor's change to a rule waits for a reviewer like any change to a shared record;
removing a rule is for Reviewers.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editors": ["view_chooserrule", "add_chooserrule", "change_chooserrule"],
    "Reviewers": [
        "view_chooserrule",
        "add_chooserrule",
        "change_chooserrule",
        "delete_chooserrule",
    ],
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="insights", codename__in=codenames)


def grant(apps, schema_editor):
    app_config = apps.get_app_config("insights")
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
        ("insights", "0002_seed_rules"),
        ("cases", "0002_editor_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
