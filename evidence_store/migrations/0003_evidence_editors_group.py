"""The Evidence editors staff group, with exactly the permissions it needs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Evidence editors"
PERMISSIONS = [
    f"{action}_{model}"
    for model in ["intervention", "outcomerating", "study", "topic", "outcome", "agegroup"]
    for action in ["add", "change", "delete", "view"]
] + [
    "publish_intervention",
    "view_historicalintervention",
    "view_historicaloutcomerating",
    "view_historicalstudy",
]


def create_group(apps, schema_editor):
    # Permissions are normally made after migrations; make them now so the group can have them.
    app_config = apps.get_app_config("evidence_store")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="evidence_store", codename__in=PERMISSIONS
        )
    )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("evidence_store", "0002_search_vector_trigger"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
