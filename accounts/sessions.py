"""Sessions in the database, whose keys must look like the keys Django makes."""

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

KEY_CHARACTERS = frozenset(VALID_KEY_CHARS)
# Django makes 32 characters; the table's column holds 40.
KEY_LENGTHS = range(8, 41)


class SessionStore(DatabaseSessionStore):
    """A session cookie holding anything else (a NUL, say, which PostgreSQL refuses in text) is
    no session at all: the person is treated as signed out and gets a new session, never a 500.
    """

    def _validate_session_key(self, key: str | None) -> bool:
        return bool(key) and len(key) in KEY_LENGTHS and KEY_CHARACTERS.issuperset(key)
