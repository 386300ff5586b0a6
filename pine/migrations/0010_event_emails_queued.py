"""Events no longer mark their emails as pending: the outbox (core.OutboundEmail) holds them.

The field leaves the models now, and its column stays one release more, with a database default,
so that the previous release, which still writes it, keeps working while this one is rolled out.
The release after drops the column.
"""

from django.db import migrations, models

HELP = "Set while the event's emails have not been sent."


def _column_with_a_default(model_name: str) -> migrations.AlterField:
    return migrations.AlterField(
        model_name=model_name,
        name="emails_pending",
        field=models.BooleanField(default=False, db_default=False, help_text=HELP),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("pine", "0009_application_gaps"),
    ]

    operations = [
        _column_with_a_default("event"),
        _column_with_a_default("projectevent"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="event", name="emails_pending"),
                migrations.RemoveField(model_name="projectevent", name="emails_pending"),
            ],
            database_operations=[],
        ),
    ]
