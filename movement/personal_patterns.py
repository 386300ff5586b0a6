"""Patterns that suggest a post identifies someone: a date of birth, a full address or a
postcode, a phone number, an email address, or a case or reference number.

They are deliberately broad: a post that matches waits for a moderator, who lets it through if
it identifies nobody. Each pattern is named in words, to tell the author why their post waits.
"""

import re

MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
STREETS = (
    "street|st|road|rd|avenue|ave|lane|ln|close|drive|dr|way|crescent|court|place|grove|"
    "gardens|terrace|square|hill|park|walk|mews|row|green|rise|view"
)

PATTERNS: list[tuple[str, re.Pattern]] = [
    (
        "a date of birth",
        re.compile(
            r"\b(?:d\.?o\.?b\.?|date of birth|born on|born in)\b"
            r"|\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)?\d{2}\b"
            rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\.?,?\s+(?:19|20)\d{{2}}\b",
            re.IGNORECASE,
        ),
    ),
    (
        "a postcode",
        re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE),
    ),
    (
        "an address",
        re.compile(
            rf"\b\d{{1,4}}[a-z]?,?\s+(?:[A-Z][a-z'-]+\s+){{1,3}}(?:{STREETS})\b", re.IGNORECASE
        ),
    ),
    (
        "a phone number",
        re.compile(r"(?:\+44\s?\(?0?\)?|\b0)(?:[\s-]?\d){9,10}\b"),
    ),
    (
        "an email address",
        re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),
    ),
    (
        "a case or reference number",
        re.compile(
            r"\b(?:case|ref(?:erence)?|file|client|child|nhs|ni)\s*(?:no\.?|number|num|#|id)?"
            r"\s*[:#]?\s*[A-Z]{0,4}[/-]?\d{4,}\b"
            r"|\b[A-Z]{1,4}[/-]?\d{5,}\b",
            re.IGNORECASE,
        ),
    ),
]


def personal_details_in(*texts: str) -> list[str]:
    """The kinds of personal detail the texts seem to hold, in words, in a fixed order."""
    joined = "\n".join(text for text in texts if text)
    return [name for name, pattern in PATTERNS if pattern.search(joined)]
