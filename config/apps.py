"""App configuration for the project-wide wiring (its management commands)."""

from django.apps import AppConfig


class ProjectConfig(AppConfig):
    name = "config"
    verbose_name = "Project"
