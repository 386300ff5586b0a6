"""A score out of range is refused with words a reviewer can act on, not the framework's."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pine", "0005_export_log_for_projects_too"),
    ]

    operations = [
        migrations.AlterField(
            model_name="reviewscore",
            name="score",
            field=models.PositiveSmallIntegerField(
                help_text="From 1 to 5.",
                validators=[
                    django.core.validators.MinValueValidator(
                        1, message="Score must be between 1 and 5."
                    ),
                    django.core.validators.MaxValueValidator(
                        5, message="Score must be between 1 and 5."
                    ),
                ],
            ),
        ),
    ]
