"""Client ids: issued by the server only, signed, re-issued for unsigned or forged ones."""

from __future__ import annotations

from flask.testing import FlaskClient

from chatgepeto.api import create_app
from chatgepeto.api.client_id import COOKIE, HEADER, ClientIds
from chatgepeto.services.container import Services

from .client_ids import issued_id


def _cookie(response) -> str | None:
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith(f"{COOKIE}="):
            return header.split(";", 1)[0].split("=", 1)[1]
    return None


def _fresh(services: Services) -> FlaskClient:
    return create_app(services.settings, services).test_client()


def test_a_new_client_gets_a_signed_id_in_a_cookie_and_the_header(services: Services) -> None:
    response = _fresh(services).get("/api/conversations")
    issued = response.headers[HEADER]
    assert _cookie(response) == issued and len(issued) <= 64
    assert ClientIds(services.client_id_key).issued_at(issued) is not None
    again = _fresh(services).get("/api/conversations", headers={HEADER: issued})
    assert again.headers[HEADER] == issued and _cookie(again) is None  # kept, not re-issued


def test_todays_unsigned_cookie_is_replaced_by_a_signed_one(services: Services) -> None:
    browser = _fresh(services)
    browser.set_cookie(COOKIE, "client-aaaaaaaaaaaaaaaa")  # what 9a39b72 handed out
    response = browser.get("/api/conversations")
    reissued = _cookie(response)
    assert reissued is not None and reissued != "client-aaaaaaaaaaaaaaaa"
    assert response.headers[HEADER] == reissued
    assert browser.get("/api/conversations").headers[HEADER] == reissued  # the browser keeps it


def test_forged_and_made_up_ids_get_a_fresh_one(services: Services) -> None:
    genuine = issued_id(_fresh(services))[HEADER]
    stamp, nonce, mac = genuine.split(".")
    other_key = ClientIds(b"k" * 32).issue()
    forgeries = [
        "client-aaaaaaaaaaaaaaaa",
        f"{stamp}.{nonce}.{'A' * 22}",  # wrong signature
        f"{int(stamp, 16) - 86400 * 3:08x}.{nonce}.{mac}",  # an older stamp to look established
        f"{stamp}.{'B' * 16}.{mac}",  # someone else's nonce
        other_key,  # signed with another key
        genuine + "x",
    ]
    for forged in forgeries:
        response = _fresh(services).get("/api/conversations", headers={HEADER: forged})
        assert response.headers[HEADER] not in (forged, genuine), forged
        assert _cookie(response) == response.headers[HEADER]


def test_one_key_for_every_process_and_a_configured_key_wins(services: Services) -> None:
    first = issued_id(_fresh(services))
    rebuilt = Services(services.settings, services.store)  # another process on the database
    assert rebuilt.client_id_key == services.client_id_key
    assert (
        create_app(services.settings, rebuilt)
        .test_client()
        .get("/api/conversations", headers=first)
        .headers[HEADER]
        == first[HEADER]
    )
    configured = services.settings.model_copy(update={"client_id_signing_key": "s" * 40})
    own = Services(configured, services.store)
    assert own.client_id_key == b"s" * 40
    response = create_app(configured, own).test_client().get("/api/conversations", headers=first)
    assert response.headers[HEADER] != first[HEADER]  # signed with the stored key, not this one
