"""Checks on the names people choose, which the service repeats to others, in emails too."""

import re
import unicodedata

from django.core.exceptions import ValidationError

# A web or email address in any of its forms: a scheme ("https:/"), "www.", name@host, or a
# domain name ("evil.example", "St.Helens" too: a space after the full stop is needed).
ADDRESS = re.compile(
    r"[a-z][a-z0-9+.-]*:/|www\.|[^\s@]+@[^\s@]+|(?<![\w-])[\w-]+(?:\.[\w-]+)*\.[a-z]{2,63}(?![\w-])",
    re.IGNORECASE,
)
# Full stops that mail programs may read as one in a domain name; NFKC folds the full-width one.
IDEOGRAPHIC_FULL_STOPS = str.maketrans({"\u3002": ".", "\uff61": "."})


def validate_no_address(value: str) -> None:
    """Refuse a name holding a web or email address, so the service never sends someone's link.

    Someone could otherwise name an organisation "Your account is suspended: verify at
    https://evil.example" and have the service email that to anyone they invite.
    """
    folded = unicodedata.normalize("NFKC", value).translate(IDEOGRAPHIC_FULL_STOPS)
    if ADDRESS.search(folded):
        raise ValidationError(
            "Enter a name without a web address or email address in it.", code="address"
        )
