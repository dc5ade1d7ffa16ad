"""Originals served in slices read from the database, with Range, ETag and Cache-Control,
on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import random

import pytest
from flask.testing import FlaskClient

from chatgepeto.api import create_app
from chatgepeto.services.container import Services
from chatgepeto.services.library import ORIGINAL_SLICE_BYTES

from .course import upload

# ~1.3 MB of varied text: three database slices, every byte position distinguishable.
_WORDS = ["fotossíntese", "cloroplasto", "estroma", "ciclo", "Calvin", "luz", "água", "ATP"]
EDGE = ORIGINAL_SLICE_BYTES
TEXT = " ".join(random.Random(13).choice(_WORDS) for _ in range(150_000)).encode()


@pytest.fixture
def stored(services: Services) -> tuple[FlaskClient, str, Services]:
    client = create_app(services.settings, services).test_client()
    document = upload(client, "aula.txt", TEXT).json
    return client, f"/api/documents/{document['id']}/file", services


def test_the_whole_file_comes_in_slices_with_its_etag(stored) -> None:
    client, url, _ = stored
    response = client.get(url)
    assert response.status_code == 200 and response.data == TEXT
    assert response.headers["ETag"] == f'"{hashlib.sha256(TEXT).hexdigest()}"'
    assert response.headers["Cache-Control"] == "private, max-age=3600"
    assert response.headers["Accept-Ranges"] == "bytes"
    assert response.headers["Content-Length"] == str(len(TEXT))
    assert response.headers["Content-Disposition"] == "inline; filename*=UTF-8''aula.txt"
    parts = [len(p) for p in client.get(url).iter_encoded()]
    assert len(parts) == 3 and max(parts) == ORIGINAL_SLICE_BYTES and sum(parts) == len(TEXT)


@pytest.mark.parametrize(
    ("header", "start", "stop"),
    [
        ("bytes=100-199", 100, 200),
        ("bytes=-10", len(TEXT) - 10, len(TEXT)),
        (f"bytes={EDGE - 5}-{EDGE + 4}", EDGE - 5, EDGE + 5),  # across two slices
        (f"bytes={len(TEXT) - 3}-", len(TEXT) - 3, len(TEXT)),
    ],
)
def test_one_byte_range_is_206_with_its_content_range(stored, header, start, stop) -> None:
    client, url, _ = stored
    response = client.get(url, headers={"Range": header})
    assert response.status_code == 206 and response.data == TEXT[start:stop]
    assert response.headers["Content-Range"] == f"bytes {start}-{stop - 1}/{len(TEXT)}"
    assert response.headers["Content-Length"] == str(stop - start)


def test_revalidation_ranges_past_the_end_and_other_versions(stored) -> None:
    client, url, _ = stored
    etag = client.get(url).headers["ETag"]
    current = client.get(url, headers={"If-None-Match": etag})
    assert current.status_code == 304 and current.data == b""
    past = client.get(url, headers={"Range": f"bytes={len(TEXT)}-"})
    assert past.status_code == 416 and past.headers["Content-Range"] == f"bytes */{len(TEXT)}"
    other = client.get(url, headers={"Range": "bytes=0-9", "If-Range": '"another-version"'})
    assert other.status_code == 200 and other.data == TEXT
    same = client.get(url, headers={"Range": "bytes=0-9", "If-Range": etag})
    assert same.status_code == 206 and same.data == TEXT[:10]
    several = client.get(url, headers={"Range": "bytes=0-9,20-29"})
    assert several.status_code == 200 and several.data == TEXT
    malformed = client.get(url, headers={"Range": "bytes=abc"})
    assert malformed.status_code == 200 and malformed.data == TEXT
    assert client.get("/api/documents/nao-existe/file").json["code"] == "not_found:document"


def test_the_store_reads_one_slice_of_the_blob(stored) -> None:
    _, url, services = stored
    document_id = url.split("/")[3]
    store = services.store
    assert store.documents.read_original(document_id, 0, 5) == TEXT[:5]
    assert store.documents.read_original(document_id, 700_000, 1000) == TEXT[700_000:701_000]
    assert store.documents.read_original(document_id, len(TEXT) - 2, 100) == TEXT[-2:]
    assert store.documents.read_original(document_id, len(TEXT), 100) == b""
    assert store.documents.read_original("nao-existe", 0, 100) is None
    with pytest.raises(ValueError, match="offset >= 0"):
        store.documents.read_original(document_id, -1, 10)
