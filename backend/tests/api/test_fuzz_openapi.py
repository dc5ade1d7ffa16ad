"""schemathesis over /api/openapi.json, in process: valid and invalid requests, no 5xx."""

from __future__ import annotations

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import Case, GenerationMode

from chatgepeto.api import create_app
from chatgepeto.services.container import Services

from .course import BIOLOGY_MD, index_all

# Per operation and per mode: 19 operations x 2 modes take ~20 s of CPU.
EXAMPLES = 15
_LEAKS = ("Traceback", "/work/", '.py"', "site-packages")


@pytest.fixture
def app(services: Services) -> Flask:
    services.library.upload("biologia.md", BIOLOGY_MD.encode(), None)
    index_all(services)
    # Limits high enough that the fuzzer explores the handlers, not the 429 path.
    roomy = services.settings.model_copy(
        update={
            "chat_rate_limit": "10000/minute",
            "upload_rate_limit": "10000/minute",
            "address_rate_limit": "10000/minute",
            "max_upload_mb": 1,
        }
    )
    return create_app(roomy, services)


def _check(case: Case) -> None:
    response = case.call()
    where = f"{case.method} {case.formatted_path}: {case.as_curl_command()}"
    assert response.status_code < 500, f"{where} -> {response.status_code} {response.text[:300]}"
    assert not any(leak in response.text for leak in _LEAKS), where
    if response.status_code >= 400:
        assert response.headers.get("content-type", [""])[0].startswith("application/json"), where


@pytest.mark.slow
def test_no_generated_request_gets_a_server_error(app: Flask) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            run = hypothesis_settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )(given(case=operation.as_strategy(generation_mode=mode))(_check))
            try:
                run()
            except Unsatisfiable:
                # Nothing to get wrong (no parameters, no body): the positive run covers it.
                assert mode is GenerationMode.NEGATIVE, operation.label
