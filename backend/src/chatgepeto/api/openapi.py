"""OpenAPI 3.1 generated from the URL map, the view docstrings and the body and response models.

Every 2xx names the response model its route declares (`documented(response=...)`); every
4xx/5xx is the `Error` body, whose `code` is the catalogue's `ErrorCode` enum. The
description is committed as `backend/openapi.json` (a test keeps it current) and the web
app's types are generated from it (`frontend/lib/api-types.gen.ts`).
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from flask import Flask
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from chatgepeto.api.schemas import error_code_schema, error_schema
from chatgepeto.api.validation import FILE

_REF = "#/components/schemas/{model}"
_ERROR_REF = {"$ref": "#/components/schemas/Error"}
_NO_BODY = {204, 302, 304}  # a redirect's body is not read
# What a route that declares no response model gets; tests/api/test_openapi_contract.py
# fails on it, so a new route cannot ship without a schema.
UNDECLARED: dict[str, Any] = {"type": "object"}


def _success(
    status: int, description: str, model: Any, events: dict[str, Any] | None = None
) -> dict[str, Any]:
    if status in _NO_BODY:
        return {"description": description}
    content: dict[str, Any]
    if model == FILE:
        content = {"*/*": {"schema": {"type": "string", "format": "binary"}}}
    elif isinstance(model, type) and issubclass(model, BaseModel):
        content = {"application/json": {"schema": {"$ref": _REF.format(model=model.__name__)}}}
    else:
        content = {"application/json": {"schema": UNDECLARED}}
    if events and status == 200:
        content["text/event-stream"] = _event_stream(events)
    return {"description": description, "content": content}


def _event_stream(events: dict[str, Any]) -> dict[str, Any]:
    # OpenAPI 3.1 cannot type the frames of a stream: the body is text, and `x-sse-events`
    # names each event's JSON payload (what generation/sse.py writes on one `data:` line).
    names = " | ".join(events)
    return {
        "schema": {
            "type": "string",
            "description": f"Frames `event: <{names}>` + `data: <JSON>`, after a `: ok` comment",
        },
        "x-sse-events": {
            name: _ERROR_REF if model is None else {"$ref": _REF.format(model=model.__name__)}
            for name, model in events.items()
        },
    }


def query_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    """A query model's fields as `in: query` parameters (an optional field's null dropped:
    a query parameter is left out, never sent as null)."""
    schema = model.model_json_schema()
    required = set(schema.get("required", []))
    parameters = []
    for name, field in schema.get("properties", {}).items():
        options = [o for o in field.get("anyOf", []) if o != {"type": "null"}]
        described = {k: v for k, v in field.items() if k not in {"anyOf", "title", "default"}}
        described |= options[0] if len(options) == 1 else {}
        if "default" in field and field["default"] is not None:
            described["default"] = field["default"]
        parameter = {"name": name, "in": "query", "required": name in required}
        parameters.append(parameter | {"schema": described})
    return parameters


def _operation(view: Any, path_params: list[str]) -> dict[str, Any]:
    meta = getattr(view, "openapi", {}) or {}
    doc = (view.__doc__ or "").strip()
    operation: dict[str, Any] = {
        "operationId": view.__name__,
        "summary": doc.splitlines()[0] if doc else view.__name__,
        "parameters": [
            {"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
            for p in path_params
        ],
        "responses": {},
    }
    if meta.get("query") is not None:
        operation["parameters"] += query_parameters(meta["query"])
    for status, description in (meta.get("responses") or {200: "OK"}).items():
        operation["responses"][str(status)] = (
            {"description": description, "content": {"application/json": {"schema": _ERROR_REF}}}
            if int(status) >= 400
            else _success(int(status), description, meta.get("response_model"), meta.get("events"))
        )
    if meta.get("body") is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": _REF.format(model=meta["body"].__name__)}}
            },
        }
    if meta.get("multipart"):
        properties = {
            name: ({"type": "string", "format": "binary"} if name == "file" else {"type": "string"})
            | {"description": text}
            for name, text in meta["multipart"].items()
        }
        operation["requestBody"] = {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {"type": "object", "properties": properties, "required": ["file"]}
                }
            },
        }
    return operation


def _models(views: list[Any]) -> dict[str, Any]:
    """The JSON Schemas of every body and response model, with the models they nest."""
    models: dict[str, type[BaseModel]] = {}
    for view in views:
        meta = getattr(view, "openapi", {}) or {}
        candidates = [
            (meta.get("body"), "validation"),
            (meta.get("response_model"), "serialization"),
        ]
        candidates += [(model, "serialization") for model in (meta.get("events") or {}).values()]
        for model, mode in candidates:
            if isinstance(model, type) and issubclass(model, BaseModel):
                models.setdefault(f"{model.__name__}:{mode}", model)
    pairs = [(model, key.split(":")[1]) for key, model in sorted(models.items())]
    _, top = models_json_schema(pairs, ref_template=_REF)  # type: ignore[arg-type]
    schemas: dict[str, Any] = top.get("$defs", {})
    schemas["Error"] = error_schema()
    schemas["ErrorCode"] = error_code_schema()
    return dict(sorted(schemas.items()))


def build_openapi(app: Flask) -> dict[str, Any]:
    """Describe every /api route of `app`."""
    paths: dict[str, dict[str, Any]] = {}
    views: list[Any] = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith("/api/"):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        view = app.view_functions[rule.endpoint]
        views.append(view)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(view, list(rule.arguments))
    return {
        "openapi": "3.1.0",
        "info": {"title": "ChatGepeto API", "version": "0.1.0"},
        "paths": paths,
        "components": {"schemas": _models(views)},
    }


def describe_api() -> dict[str, Any]:
    """The OpenAPI of an app on a throwaway SQLite store (the description needs no data)."""
    import tempfile
    from pathlib import Path

    from chatgepeto.api import create_app
    from chatgepeto.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            data_dir=Path(tmp),
            database_url=f"sqlite:///{Path(tmp) / 'openapi.db'}",
            environment="test",
            llm_api_key=None,
            sample_course=False,
        )
        app = create_app(settings)
        spec = build_openapi(app)
        close = getattr(app.extensions["chatgepeto"].store, "close", None)
        if close is not None:
            close()
        return spec


def render(spec: dict[str, Any]) -> str:
    """The committed text of `backend/openapi.json`: stable, UTF-8, one trailing newline."""
    return json.dumps(spec, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # python -m chatgepeto.api.openapi > backend/openapi.json
    sys.stdout.write(render(describe_api()))
