"""PINE's template filters."""

from datetime import datetime
from zoneinfo import ZoneInfo

from pine.templatetags.pine import applicant_label, govuk_datetime


def test_times_are_written_in_govuk_style():
    london = ZoneInfo("Europe/London")
    assert govuk_datetime(datetime(2027, 5, 22, 17, 30, tzinfo=london)) == "5:30pm on 22 May 2027"
    assert govuk_datetime(datetime(2027, 1, 3, 0, 0, tzinfo=london)) == "12am on 3 January 2027"


def test_applicant_label_of_a_transition():
    assert applicant_label("decline") == "Application not accepted"
    assert applicant_label("no-such-thing") == ""
