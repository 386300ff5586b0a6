"""App configuration for PINE."""

from django.apps import AppConfig


class PineConfig(AppConfig):
    name = "pine"
    verbose_name = "PINE: Practice In Need of Evidence"
