"""Compression in the application: text is gzipped when the browser asks, files go as they are."""

import gzip

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from evidence_store.models import ResourceFile
from tests.evidence_store.factories import (
    InterventionFactory,
    OutcomeFactory,
    rated_interventions,
)

pytestmark = pytest.mark.django_db

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def test_a_page_is_gzipped_when_the_browser_asks(client):
    rated_interventions(3, [OutcomeFactory(), OutcomeFactory()])
    plain = client.get("/evidence/")
    compressed = client.get("/evidence/", headers=GZIP)
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    html = gzip.decompress(compressed.content).decode()
    assert html.startswith("<!DOCTYPE html>") and "</html>" in html
    assert len(compressed.content) < len(plain.content) / 3
    assert int(compressed["Content-Length"]) == len(compressed.content)


def test_a_page_is_sent_plain_when_the_browser_does_not_ask(client):
    response = client.get("/evidence/")
    assert not response.has_header("Content-Encoding")
    assert "Accept-Encoding" in response["Vary"], "a cache keeps the two apart"
    assert response.content.decode().startswith("<!DOCTYPE html>")


def test_an_export_still_streams_compressed_and_unpacks_to_the_same_file(client):
    rated_interventions(3, [OutcomeFactory(), OutcomeFactory()])
    plain = client.get("/evidence/export/interventions.csv")
    compressed = client.get("/evidence/export/interventions.csv", headers=GZIP)
    assert plain.streaming and compressed.streaming
    assert compressed["Content-Encoding"] == "gzip"
    assert not compressed.has_header("Content-Length")
    expected = b"".join(plain.streaming_content)
    assert gzip.decompress(b"".join(compressed.streaming_content)) == expected
    assert expected.count(b"\n") == 4


def test_an_uploaded_pdf_is_downloaded_as_it_is(client):
    pdf = b"%PDF-1.7\n" + b"1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20 + b"%%EOF\n"
    resource = ResourceFile.objects.create(
        intervention=InterventionFactory(),
        title="Practice guide",
        file=SimpleUploadedFile("guide.pdf", pdf),
        original_name="guide.pdf",
        content_type="application/pdf",
        size=len(pdf),
    )
    response = client.get(resource.get_absolute_url(), headers=GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert response["Content-Length"] == str(len(pdf))
    assert b"".join(response.streaming_content) == pdf
