"""Evidence editors also manage further-resource files."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [f"{action}_resourcefile" for action in ["add", "change", "delete", "view"]]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("evidence_store")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Evidence editors")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="evidence_store", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Evidence editors"):
        group.permissions.remove(*group.permissions.filter(codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [("evidence_store", "0005_resource_files")]

    operations = [migrations.RunPython(grant, revoke)]
