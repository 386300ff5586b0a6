"""One log for every staff export of a PINE list: application exports, and now project exports.

RenameModel renames the content type but not the permissions, so they are renamed here, and the
programme managers keep seeing the log.
"""

from django.db import migrations, models

OLD, NEW = "applicationexport", "export"
GROUPS = {"PINE programme managers": ["view_export"]}


def rename_permissions(apps, schema_editor, old=OLD, new=NEW):
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(
        content_type__app_label="pine", codename__endswith=f"_{old}"
    ):
        permission.codename = permission.codename.removesuffix(old) + new
        permission.name = permission.name.replace("application export", "export")
        permission.save(update_fields=["codename", "name"])


def rename_permissions_back(apps, schema_editor):
    rename_permissions(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("pine", "0004_stage_templates_and_project_permissions"),
    ]

    operations = [
        migrations.RenameModel("ApplicationExport", "Export"),
        migrations.AddField(
            model_name="export",
            name="kind",
            field=models.CharField(
                choices=[("applications", "Applications"), ("projects", "Projects")],
                default="applications",
                max_length=20,
            ),
        ),
        migrations.RunPython(rename_permissions, rename_permissions_back),
    ]
