"""PINE in Django admin: reference data, applications with their workflow, and reviews."""

from pine.admin import applications, reference, reviews

__all__ = ["applications", "reference", "reviews"]
