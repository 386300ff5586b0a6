"""The staff group for the practice network's moderators: they read what is held, approve or
refuse it, hide what is reported, and see every moderation step."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Movement moderators"
CODENAMES = [
    "moderate_practicetest",
    *[f"view_{model}" for model in ("practicetest", "practiceupdate", "finding", "reply", "trial",
                                     "moderationstep", "member")],
]  # fmt: skip


def add_group(apps, schema_editor):
    app_config = apps.get_app_config("movement")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="movement", codename__in=CODENAMES)
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("movement", "0003_practice_network")]

    operations = [migrations.RunPython(add_group, remove_group)]
