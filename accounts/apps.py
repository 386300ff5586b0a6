"""App configuration for accounts."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and organisations"

    def ready(self) -> None:
        from django.contrib import admin

        from accounts.views.sign_in import admin_login

        # The admin has no sign-in of its own: it uses the same throttled, two-factor-aware one.
        admin.site.login = admin_login
