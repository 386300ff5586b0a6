"""The settings turn staff two-factor authentication off only for the DEBUG demo."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k2Jd8s0-Vb1mZq9Xw3Ly7Pt4Rc6Nf5Hg2Ua8Ke1Io0Sd9Fj3Gl7Hz6Xc4Vb5Nm1Qw"
PRINT_SETTING = "from django.conf import settings; print(settings.STAFF_MFA_REQUIRED)"


def _run_django(*args: str, **env: str) -> subprocess.CompletedProcess:
    """manage.py in a fresh process, so the settings module is read again with `env`."""
    ignored = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in ignored}
    environment.update(env)
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_debug_turns_staff_two_factor_authentication_off():
    result = _run_django("shell", "-c", PRINT_SETTING, DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_production_settings_require_staff_two_factor_authentication():
    result = _run_django(
        "shell",
        "-c",
        PRINT_SETTING,
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="evidence.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"
