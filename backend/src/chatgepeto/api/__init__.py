"""The Flask application factory."""

from __future__ import annotations

from flask import Flask

from chatgepeto.api.errors import register_error_handlers
from chatgepeto.services.container import Services
from chatgepeto.settings import Settings

# Multipart framing around the file; the file itself is checked exactly by the library.
_MULTIPART_SLACK = 1024 * 1024


def create_app(settings: Settings | None = None, services: Services | None = None) -> Flask:
    """Build the app: settings, services (store migrated), blueprints, error handlers."""
    from chatgepeto.api.routes import collections, documents, health, search

    settings = settings or Settings()
    services = services or Services.from_settings(settings)
    app = Flask("chatgepeto")
    app.config["MAX_CONTENT_LENGTH"] = settings.max_upload_bytes + _MULTIPART_SLACK
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions["chatgepeto"] = services
    for blueprint in (health.bp, collections.bp, documents.bp, search.bp):
        app.register_blueprint(blueprint)
    register_error_handlers(app, settings.max_upload_mb)
    return app
