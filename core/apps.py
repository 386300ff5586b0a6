"""App configuration for the shared building blocks (their template tags), and the admin's
name, wording and searches: staff should know which service they are in, not which framework it is built
on. The admin's own ready() runs first and registers every app's admin before this one runs."""

from django.apps import AppConfig

ADMIN_NAME = "Evidence Store and PINE admin"


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared building blocks"

    def ready(self) -> None:
        from django.contrib import admin

        from core.admin_search import bound_searches
        from core.admin_wording import use_plain_wording

        admin.site.site_header = ADMIN_NAME
        admin.site.site_title = ADMIN_NAME
        admin.site.index_title = "Manage the evidence store, PINE and the Movement"
        use_plain_wording(admin.site)
        bound_searches(admin.site)
