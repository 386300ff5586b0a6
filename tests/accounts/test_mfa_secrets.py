"""Two-factor secrets are stored encrypted, and survive a secret-key rotation."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt, encrypt

from tests.accounts.factories import UserFactory
from tests.accounts.journeys import sign_in_with_two_factor

pytestmark = pytest.mark.django_db
BASE32_SECRET = re.compile(r"[A-Z2-7]{16,}=*")


def test_authenticator_secret_is_not_stored_in_the_clear(client):
    staff = UserFactory(is_staff=True)
    stored = Authenticator.objects.get(user=staff, type=Authenticator.Type.TOTP).data["secret"]
    assert not BASE32_SECRET.fullmatch(stored)
    assert BASE32_SECRET.fullmatch(decrypt(stored))
    sign_in_with_two_factor(client, staff)  # the encrypted secret still gives working codes


def test_secrets_still_decrypt_after_the_secret_key_is_rotated(settings):
    token = encrypt("JBSWY3DPEHPK3PXP")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-" + "k7" * 20
    assert decrypt(token) == "JBSWY3DPEHPK3PXP"
    assert encrypt("x") != token
