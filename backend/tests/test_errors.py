"""The error catalogue: every code the code raises is declared, with the status it answers."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from chatgepeto.api.db_errors import UNAVAILABLE
from chatgepeto.errors import CATALOGUE, STATUS_OF_TYPE, AppError, NotFound, error_body, status_for
from chatgepeto.generation import llm_faults

SOURCE = Path(__file__).resolve().parents[1] / "src" / "chatgepeto"
FRONTEND_ERRORS = Path(__file__).resolve().parents[2] / "frontend" / "lib" / "errors.ts"
_ERROR_TYPES = {"AppError", "NotFound", "Conflict", "IngestError", "Unauthorized", "TooManyStreams"}


def _raised_codes() -> list[tuple[str, str, int | None]]:
    """(where, code, explicit status) of every error built with a literal code."""
    found = []
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id not in _ERROR_TYPES:
                continue
            args = {i: a for i, a in enumerate(node.args)} | {k.arg: k.value for k in node.keywords}
            code, status = args.get(1, args.get("code")), args.get(2, args.get("status"))
            where = f"{path.relative_to(SOURCE)}:{node.lineno}"
            if isinstance(code, ast.Constant):
                explicit = status.value if isinstance(status, ast.Constant) else None
                found.append((where, code.value, explicit))
            elif isinstance(code, ast.JoinedStr):  # f"bad_request:{field}": its type is known
                head = code.values[0]
                assert isinstance(head, ast.Constant), where
                assert head.value.split(":")[0] in STATUS_OF_TYPE, where
    return found


def test_every_literal_code_is_catalogued_with_its_status() -> None:
    raised = _raised_codes()
    assert len(raised) > 30
    undeclared = [(where, code) for where, code, _ in raised if code not in CATALOGUE]
    assert undeclared == []
    wrong = [(w, c, s) for w, c, s in raised if s is not None and s != CATALOGUE[c].status]
    assert wrong == []


def test_codes_are_type_or_type_surface_and_the_status_comes_from_the_type() -> None:
    for code, entry in CATALOGUE.items():
        assert re.fullmatch(r"[a-z_]+(:[a-z_]+)?", code), code
        assert entry.type in STATUS_OF_TYPE, code
        if ":" in code:
            assert entry.type == code.split(":")[0], code
    # The two upstream statuses clients retry on are the only ones that differ from their type.
    overrides = {c for c, e in CATALOGUE.items() if e.status != STATUS_OF_TYPE[e.type]}
    assert overrides == {"upstream:llm_rate_limited", "upstream:llm_timeout"}


def test_the_other_modules_codes_are_declared_too() -> None:
    for code in (llm_faults.RATE_LIMITED, llm_faults.LLM_ERROR, llm_faults.TIMEOUT):
        assert llm_faults.app_error(code).status == status_for(code)
    assert llm_faults.STREAM_CUT in CATALOGUE
    assert status_for(UNAVAILABLE[1]) == 503


def test_an_error_takes_its_status_from_the_catalogue() -> None:
    assert AppError("x", "not_found:document").status == 404
    assert AppError("x", "upstream:llm_timeout").status == 504
    assert AppError("x", "too_large").status == 413
    assert NotFound("x", "not_found:chunk").status == 404
    assert AppError("x", "bad_request:made_up").status == 400  # the class's default
    assert status_for("not_found:made_up") == 404 and status_for("teapot") == 500
    assert AppError("Sem isso.", "not_found:chunk").to_dict() == error_body(
        "Sem isso.", "not_found:chunk"
    )
    assert error_body("m", "c") == {"error": "m", "code": "c"}


def test_the_web_app_has_a_sentence_for_every_family_in_both_languages() -> None:
    # The web app's types enforce this too (lib/errors.ts): this side fails without node.
    text = FRONTEND_ERRORS.read_text("utf-8")
    tables = re.findall(r"const (?:ptBR|en): Sentences = \{(.*?)\n\};", text, re.S)
    assert len(tables) == 2
    for table in tables:
        keys = set(re.findall(r'^\s+"?([a-z_:]+)"?:', table, re.M))
        missing = [c for c in CATALOGUE if c not in keys and c.split(":")[0] not in keys]
        assert missing == []
