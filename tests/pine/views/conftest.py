"""Fixtures for the views' tests: a project made as acceptance makes it, and its partner."""

import pytest

from tests.pine.factories import member_of
from tests.pine.views.workspace import make_project


@pytest.fixture
def project():
    return make_project(title="Family Circles")


@pytest.fixture
def partner(project):
    return member_of(project.organisation)
