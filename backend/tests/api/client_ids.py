"""Client ids as the server issues them: tests never make up their own."""

from __future__ import annotations

import time

from flask.testing import FlaskClient

from chatgepeto.api.client_id import HEADER, ClientIds
from chatgepeto.services.container import Services


def issued_id(client: FlaskClient) -> dict[str, str]:
    """Headers of a new API client: the id the server sends back on a first request (from a
    client of its own, so no cookie of `client`'s is sent)."""
    return {HEADER: client.application.test_client().get("/api/health").headers[HEADER]}


def established_id(services: Services, days: float = 2.0) -> dict[str, str]:
    """Headers of a client whose id the server (its key) issued `days` ago: past its first
    day, it spends a budget of its own instead of its address' allowance."""
    ids = ClientIds(services.client_id_key)
    return {HEADER: ids.issue(time.time() - days * 86400)}
