"""Where uploads are stored: a name the server chooses. Migrations refer to these by this module."""

from django.db import models

from core.uploads import server_chosen_name


def _document_path(instance: models.Model, filename: str) -> str:
    return server_chosen_name("pine/documents", filename)


def _report_path(instance: models.Model, filename: str) -> str:
    return server_chosen_name("pine/reports", filename)
