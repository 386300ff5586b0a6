"""Dates and times in GOV.UK style."""

from datetime import datetime
from zoneinfo import ZoneInfo

from core.templatetags.govuk_dates import govuk_date, govuk_datetime, govuk_time, govuk_when

LONDON = ZoneInfo("Europe/London")


def test_times_are_written_in_govuk_style():
    assert govuk_datetime(datetime(2027, 5, 22, 17, 30, tzinfo=LONDON)) == "5:30pm on 22 May 2027"
    assert govuk_time(datetime(2027, 5, 22, 10, 0, tzinfo=LONDON)) == "10am"
    assert govuk_time(datetime(2027, 5, 22, 10, 30, tzinfo=LONDON)) == "10:30am"


def test_midday_and_midnight_are_words():
    assert govuk_time(datetime(2027, 5, 22, 12, 0, tzinfo=LONDON)) == "midday"
    assert govuk_datetime(datetime(2027, 1, 3, 0, 0, tzinfo=LONDON)) == "midnight on 3 January 2027"
    assert govuk_time(datetime(2027, 5, 22, 12, 15, tzinfo=LONDON)) == "12:15pm"


def test_an_event_on_one_day_names_the_day_once():
    starts = datetime(2019, 1, 30, 10, 0, tzinfo=LONDON)
    ends = datetime(2019, 1, 30, 16, 0, tzinfo=LONDON)
    assert govuk_date(starts) == "Wednesday 30 January 2019"
    assert govuk_when(starts, ends) == "Wednesday 30 January 2019, 10am to 4pm"


def test_an_event_across_days_names_both():
    starts = datetime(2027, 3, 3, 10, 0, tzinfo=LONDON)
    ends = datetime(2027, 3, 4, 16, 0, tzinfo=LONDON)
    assert govuk_when(starts, ends) == "10am on 3 March 2027 to 4pm on 4 March 2027"


def test_times_are_shown_in_london_time():
    utc_summer = datetime(2027, 7, 1, 9, 0, tzinfo=ZoneInfo("UTC"))
    assert govuk_time(utc_summer) == "10am"
