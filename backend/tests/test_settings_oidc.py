"""The OIDC sign-in settings (issue 16): off unless the issuer, the client id and its secret
are all set; a partial configuration stops the start naming what is missing."""

from __future__ import annotations

import pytest

from chatgepeto.errors import AppError
from chatgepeto.services.oidc import OidcConfig
from chatgepeto.settings import load_settings

TOKEN = "prof-3f9c2a7d1e8b4c6a9f0d2e5b"
SECRET = "oidc-secret-should-never-be-printed"
_OIDC = (
    "OIDC_ISSUER",
    "OIDC_CLIENT_ID",
    "OIDC_CLIENT_SECRET",
    "OIDC_ALLOWED_DOMAINS",
    "OIDC_LABEL",
    "OIDC_REDIRECT_URI",
)


@pytest.fixture(autouse=True)
def _production(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _OIDC:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("ADMIN_TOKEN", TOKEN)


def test_production_with_only_the_admin_token_starts_with_oidc_off() -> None:
    settings = load_settings()
    assert settings.oidc_enabled is False and OidcConfig.from_settings(settings) is None


def test_empty_variables_are_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _OIDC:
        monkeypatch.setenv(name, "")
    assert load_settings().oidc_enabled is False


def test_a_partial_configuration_names_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OIDC_ISSUER", "https://accounts.google.com")
    monkeypatch.setenv("OIDC_CLIENT_ID", "123.apps.googleusercontent.com")
    with pytest.raises(AppError) as refused:
        load_settings()
    assert "falta OIDC_CLIENT_SECRET (" in refused.value.message
    monkeypatch.delenv("OIDC_ISSUER")
    monkeypatch.delenv("OIDC_CLIENT_ID")
    monkeypatch.setenv("OIDC_LABEL", "Google")
    with pytest.raises(AppError) as label_only:
        load_settings()
    assert "falta OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET (" in label_only.value.message


def test_a_complete_configuration_turns_it_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OIDC_ISSUER", "https://login.microsoftonline.com/tenant-id/v2.0/")
    monkeypatch.setenv("OIDC_CLIENT_ID", "app-id")
    monkeypatch.setenv("OIDC_CLIENT_SECRET", SECRET)
    monkeypatch.setenv("OIDC_ALLOWED_DOMAINS", " Escola.edu.br, @outra.ORG ,")
    settings = load_settings()
    assert settings.oidc_enabled and settings.oidc_allowed_domains == ["escola.edu.br", "outra.org"]
    assert SECRET not in repr(settings) and SECRET not in str(settings.model_dump())
    config = OidcConfig.from_settings(settings)
    assert config is not None and config.client_secret == SECRET
    assert config.issuer == "https://login.microsoftonline.com/tenant-id/v2.0"
    assert config.label == "Microsoft"  # OIDC_LABEL unset: named after the issuer
    monkeypatch.setenv("OIDC_LABEL", "Conta da escola")
    labelled = OidcConfig.from_settings(load_settings())
    assert labelled is not None and labelled.label == "Conta da escola"


def test_the_issuer_is_https_but_for_a_local_one_outside_production(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OIDC_CLIENT_ID", "app-id")
    monkeypatch.setenv("OIDC_CLIENT_SECRET", SECRET)
    for issuer in ("http://accounts.google.com", "http://127.0.0.1:9000", "accounts.google.com"):
        monkeypatch.setenv("OIDC_ISSUER", issuer)
        with pytest.raises(AppError) as refused:
            load_settings()
        assert "OIDC_ISSUER" in refused.value.message and SECRET not in refused.value.message
    monkeypatch.setenv("ENVIRONMENT", "test")
    monkeypatch.setenv("OIDC_ISSUER", "http://127.0.0.1:9000")
    assert load_settings().oidc_issuer == "http://127.0.0.1:9000"
