"""The patterns that hold a post for a moderator: they catch the personal details a post must
not hold, and let ordinary writing about practice through."""

import pytest

from movement.personal_patterns import personal_details_in


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Her DOB is on file", "a date of birth"),
        ("born on 3 March 2015", "a date of birth"),
        ("seen on 03/03/2015 with mum", "a date of birth"),
        ("4th July 2016", "a date of birth"),
        ("They moved to 12 High Street last week", "an address"),
        ("at 3a Church Lane", "an address"),
        ("near B1 1BB", "a postcode"),
        ("in SW1A1AA", "a postcode"),
        ("her mobile is 07700 900123", "a phone number"),
        ("call 0121 496 0000", "a phone number"),
        ("+44 7700 900 123", "a phone number"),
        ("write to jo.bloggs@council.example.org", "an email address"),
        ("case no 123456", "a case or reference number"),
        ("Ref: CP/12345", "a case or reference number"),
        ("child id 8812345", "a case or reference number"),
    ],
)
def test_personal_details_are_found(text, found):
    assert found in personal_details_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "We tried family group conferences with 12 families over 3 months in 2019.",
        "About 40% of the 120 children, aged 5 to 11, said they felt listened to.",
        "Signs of Safety mapping at the first visit, twice a week for 6 weeks.",
        "Two of the 30 young people returned home within the year.",
        "We used the Family Star Plus at the start and after 12 weeks.",
    ],
)
def test_ordinary_writing_about_practice_is_let_through(text):
    assert personal_details_in(text) == []


def test_each_kind_is_named_once_in_a_fixed_order():
    text = "Call 07700 900123 or email a@b.example; DOB 01/02/2015; call 07700 900124"
    assert personal_details_in(text, "") == [
        "a date of birth",
        "a phone number",
        "an email address",
    ]
