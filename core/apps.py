"""App configuration for the shared building blocks (their template tags)."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared building blocks"
