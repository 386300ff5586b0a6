"""The staff group for the people who run events: everything about events and places, the
attendee list with access needs included, and the log of its downloads."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Movement event organisers"
CODENAMES = [
    *[f"{verb}_{model}" for verb in ("view", "add", "change") for model in ("event", "eventdocument")],
    "delete_eventdocument",
    "view_registration", "change_registration",
    "view_access_needs", "export_registration",
    "view_attendeeexport",
    "view_eventmessage", "add_eventmessage",
]  # fmt: skip


def add_group(apps, schema_editor):
    # Permissions are normally made after migrations; make them now so the group can have them.
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
    dependencies = [
        ("movement", "0001_events_and_registrations"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_group, remove_group)]
