"""OpenAPI 3.1 generated from the URL map, the view docstrings and the body models."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask

_ERROR = {
    "type": "object",
    "required": ["error", "code"],
    "properties": {"error": {"type": "string"}, "code": {"type": "string"}},
}


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
    for status, description in (meta.get("responses") or {200: "OK"}).items():
        schema = _ERROR if int(status) >= 400 else {"type": "object"}
        operation["responses"][str(status)] = {
            "description": description,
            "content": {"application/json": {"schema": schema}},
        }
    if meta.get("body") is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": meta["body"].model_json_schema()}},
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


def build_openapi(app: Flask) -> dict[str, Any]:
    """Describe every /api route of `app`."""
    paths: dict[str, dict[str, Any]] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith("/api/"):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        view = app.view_functions[rule.endpoint]
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(view, list(rule.arguments))
    return {
        "openapi": "3.1.0",
        "info": {"title": "ChatGepeto API", "version": "0.1.0"},
        "paths": paths,
    }
