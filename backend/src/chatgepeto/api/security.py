"""Security headers on every response, and CORS only for the origins configured."""

from __future__ import annotations

from flask import Flask, Response, request

from chatgepeto.settings import Settings

# JSON and SSE are never rendered: nothing may load, run, frame or submit from them.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# An uploaded original shown inline. HTML (and anything that could pass for it) opens
# sandboxed in a unique origin, so a script in a teacher's upload never runs as the app.
# PDFs get no sandbox: browsers refuse to show a PDF in a sandboxed document.
FILE_CSP = (
    "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'"
)
PDF_CSP = "frame-ancestors 'self'"
_FILE_ENDPOINT = "documents.document_file"

_CORS_METHODS = "GET, POST, PATCH, DELETE, OPTIONS"
_CORS_HEADERS = "Authorization, Content-Type, Accept, X-Client-Id"
_PREFLIGHT_MAX_AGE_S = "600"
_HSTS = "max-age=31536000; includeSubDomains"


def install_security(app: Flask, settings: Settings) -> None:
    """Add the headers after every request; CORS stays closed unless CORS_ORIGINS lists some."""
    allowed = set(settings.cors_origins)
    production = settings.environment == "production"

    @app.after_request
    def _headers(response: Response) -> Response:
        headers = response.headers
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "no-referrer"
        if request.endpoint == _FILE_ENDPOINT:
            headers["X-Frame-Options"] = "SAMEORIGIN"
            headers["Content-Security-Policy"] = (
                PDF_CSP if response.mimetype == "application/pdf" else FILE_CSP
            )
        else:
            headers["X-Frame-Options"] = "DENY"
            headers["Content-Security-Policy"] = API_CSP
        if production:  # served through HTTPS behind the load balancer
            headers["Strict-Transport-Security"] = _HSTS
        _cors(response, allowed)
        return response


def _cors(response: Response, allowed: set[str]) -> None:
    if not allowed:
        return
    headers = response.headers
    headers.add("Vary", "Origin")  # caches must not hand one origin's answer to another
    origin = request.headers.get("Origin")
    if origin not in allowed:
        return
    headers["Access-Control-Allow-Origin"] = origin
    headers["Access-Control-Allow-Credentials"] = "true"  # the client cookie and the token
    if request.method == "OPTIONS":
        headers["Access-Control-Allow-Methods"] = _CORS_METHODS
        headers["Access-Control-Allow-Headers"] = _CORS_HEADERS
        headers["Access-Control-Max-Age"] = _PREFLIGHT_MAX_AGE_S
