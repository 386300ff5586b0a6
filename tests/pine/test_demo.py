"""PINE's demo data: partners accepted, Warrington and Barking and Dagenham applications, reviews."""

import io

import pytest
from django.core.management.color import no_style

from accounts import demo as accounts_demo
from pine import demo
from pine.models import Application, Call, Review
from pine.workflow import Status

pytestmark = pytest.mark.django_db


def _load(settings, debug: bool) -> None:
    settings.DEBUG = debug
    for loader in (accounts_demo.load, demo.load):
        loader(stdout=io.StringIO(), style=no_style())


def test_demo_data_loads_twice_without_duplicates(settings):
    _load(settings, debug=True)
    _load(settings, debug=True)
    assert Application.objects.filter(status=Status.ACCEPTED, year=2019).count() == 8
    warrington = Application.objects.filter(organisation__slug="warrington", year__gt=2019)
    assert sorted(warrington.values_list("status", flat=True)) == ["draft", "submitted"]
    assert (
        Application.objects.get(organisation__slug="barking-and-dagenham", year__gt=2019).status
        == "draft"
    )
    assert Call.objects.open().count() == 1
    submitted = warrington.get(status=Status.SUBMITTED)
    assert Review.objects.get(application=submitted).scores.count() == 6


def test_without_debug_there_is_no_demo_reviewer_and_no_review(settings):
    _load(settings, debug=False)
    assert Application.objects.count() == 11
    assert not Review.objects.exists()
