"""PINE in Django admin: reference data, applications with their workflow, reviews and projects."""

from pine.admin import applications, projects, reference, reviews

__all__ = ["applications", "projects", "reference", "reviews"]
