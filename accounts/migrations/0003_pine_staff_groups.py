"""The PINE staff groups, with exactly the accounts permissions they need.

PINE reviewers see who applied and from which organisation. PINE programme managers also
change organisations, to verify them. The PINE app adds its own permissions to these groups in
its migrations. Evidence editors are created by evidence_store's migration 0003.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "PINE reviewers": ["view_user", "view_organisation", "view_membership"],
    "PINE programme managers": [
        "view_user",
        "view_organisation",
        "change_organisation",
        "view_membership",
        "view_invitation",
    ],
}


def create_groups(apps, schema_editor):
    # Permissions are normally made after migrations; make them now so the groups can have them.
    app_config = apps.get_app_config("accounts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="accounts", codename__in=codenames)
        )


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_organisations_and_profiles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
