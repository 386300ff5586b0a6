"""The admin carries the service's name and favicon, not the framework's."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_admin_index_is_branded_as_the_service_with_its_favicon(client, pine_manager):
    client.force_login(pine_manager)
    page = client.get("/admin/").content.decode()
    title = "Manage the evidence store, PINE and the Movement | Evidence Store and PINE admin"
    assert f"<title>{title}</title>" in page
    assert '<a href="/admin/">Evidence Store and PINE admin</a>' in page
    assert "<h1>Manage the evidence store, PINE and the Movement</h1>" in page
    assert re.search(r'rel="icon" href="/static/images/favicon[.\w]*\.svg"', page)
    assert "Django" not in page


def test_admin_sign_in_page_is_branded_too(client):
    page = client.get("/admin/login/", follow=True).content.decode()
    assert "Evidence Store and PINE" in page and "Django administration" not in page
