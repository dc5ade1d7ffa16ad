"""A small course written for the tests, and helpers that index it and draft its study items
through the worker."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from chatgepeto.services.container import Services
from chatgepeto.services.indexer import Indexer
from chatgepeto.worker.loop import run_once, run_study_once

BIOLOGY_MD = """# Fotossíntese

A fotossíntese é o processo pelo qual as plantas convertem luz solar, água e gás carbônico em
glicose e oxigênio. Ela ocorre nos cloroplastos, organelas que contêm clorofila.

## Fases

A fase clara acontece nas membranas dos tilacoides e produz ATP e NADPH. A fase escura, também
chamada ciclo de Calvin, ocorre no estroma e fixa o carbono.
"""

HISTORY_MD = """# Independência

A independência do Brasil foi proclamada em 7 de setembro de 1822 por Dom Pedro I, às margens do
riacho Ipiranga, em São Paulo.

# Império

Dom Pedro I abdicou do trono em 1831, deixando o filho de cinco anos como herdeiro.
"""


BOUNDARY = "chatgepeto-test-boundary"


def multipart(name: str, data: bytes, collection: str | None = None) -> bytes:
    """A multipart/form-data body built by hand (werkzeug's builder leaks big temp files)."""
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + b"\r\n"
    ]
    if collection:
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="collection"\r\n\r\n'
            f"{collection}\r\n".encode()
        )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def create_course(client: FlaskClient, name: str, visibility: str = "aberto", **kwargs: Any) -> str:
    """POST a new course (open to anyone unless told) and return its (random) id."""
    response = client.post(
        "/api/collections", json={"name": name, "visibility": visibility}, **kwargs
    )
    assert response.status_code == 201, response.json
    return str(response.json["id"])


def upload(client: FlaskClient, name: str, data: bytes, collection: str | None = None) -> Any:
    """POST a file as multipart."""
    return client.post(
        "/api/documents",
        data=multipart(name, data, collection),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )


def index_all(services: Services) -> int:
    """Run the worker's own code until the queue is empty."""
    indexer = Indexer(services.store.documents, services.store.jobs, services.embedder)
    count = 0
    while run_once(services.store.jobs, indexer, 60):
        count += 1
    return count


def run_study_jobs(services: Services) -> int:
    """Run the worker's own code on queued study jobs until none is left."""
    count = 0
    while run_study_once(services.study_runner, 60):
        count += 1
    return count
