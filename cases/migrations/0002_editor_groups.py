"""Create the Editors and Reviewers groups with exactly the permissions they need.

Editors write and curate the catalogue; Reviewers can also publish. Neither can
manage users or groups.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITABLE = {
    "cases": ["initiative", "actor", "theme", "involvement", "lesson", "source", "initiativelink"],
    "models_of_collab": ["collaborationmodel", "recommendation", "motivation"],
}
# Rows an editor removes from a case's inlines; whole cases are unpublished, not deleted.
DELETABLE = {
    "cases": ["involvement", "lesson", "source", "initiativelink", "theme"],
    "models_of_collab": ["recommendation"],
}
HISTORY = {
    "cases": ["historicalinitiative", "historicalactor", "historicalinvolvement",
              "historicallesson", "historicalsource", "historicalinitiativelink"],
    "models_of_collab": ["historicalcollaborationmodel", "historicalrecommendation",
                         "historicalmotivation"],
}


def editor_codenames():
    codenames = set()
    for app_label, models in EDITABLE.items():
        for model in models:
            codenames |= {(app_label, f"{action}_{model}") for action in ("view", "add", "change")}
    for app_label, models in DELETABLE.items():
        codenames |= {(app_label, f"delete_{model}") for model in models}
    for app_label, models in HISTORY.items():
        codenames |= {(app_label, f"view_{model}") for model in models}
    return codenames


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(codenames):
        found = []
        for app_label, codename in sorted(codenames):
            found.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        return found

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(permissions(editor_codenames()))
    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    reviewers.permissions.set(
        permissions(editor_codenames() | {("cases", "publish_initiative")})
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Reviewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("models_of_collab", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
