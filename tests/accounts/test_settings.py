"""The settings turn staff two-factor authentication off only for the DEBUG demo."""

from tests.manage_process import STRONG_KEY, run_manage

PRINT_SETTING = "from django.conf import settings; print(settings.STAFF_MFA_REQUIRED)"


def test_debug_turns_staff_two_factor_authentication_off():
    result = run_manage("shell", "-c", PRINT_SETTING, DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_production_settings_require_staff_two_factor_authentication():
    result = run_manage(
        "shell",
        "-c",
        PRINT_SETTING,
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="evidence.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"
