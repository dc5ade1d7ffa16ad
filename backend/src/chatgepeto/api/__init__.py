"""The Flask application factory."""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from chatgepeto.api.auth import install_auth
from chatgepeto.api.body_limits import install_body_limits
from chatgepeto.api.client_id import install_client_id
from chatgepeto.api.db_errors import register_db_error_handlers
from chatgepeto.api.errors import register_error_handlers
from chatgepeto.api.limits import install_limits
from chatgepeto.api.request_log import install_request_log
from chatgepeto.api.security import install_security
from chatgepeto.api.session import install_session
from chatgepeto.api.streams import install_stream_caps
from chatgepeto.services.container import Services
from chatgepeto.settings import Settings, load_settings

# Multipart framing around the file; the file itself is checked exactly by the library.
_MULTIPART_SLACK = 1024 * 1024


def create_app(settings: Settings | None = None, services: Services | None = None) -> Flask:
    """Build the app: settings, services (store migrated), blueprints, error handlers."""
    from chatgepeto.api.routes import (
        auth,
        chat,
        classes,
        collections,
        conversations,
        documents,
        health,
        search,
        sources,
        study,
    )

    settings = settings or load_settings()
    services = services or Services.from_settings(settings)
    app = Flask("chatgepeto")
    if settings.trusted_proxy_count:
        # X-Forwarded-For is believed for exactly that many hops (the ALB: 1), never more.
        count = settings.trusted_proxy_count
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]
    app.config["MAX_CONTENT_LENGTH"] = settings.max_upload_bytes + _MULTIPART_SLACK
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions["chatgepeto"] = services
    install_request_log(app)
    # In production the cookie is Secure whenever the request came over https (the ALB's
    # X-Forwarded-Proto, through ProxyFix above).
    install_client_id(app, secure_cookie=settings.environment == "production")
    install_session(app, secure_cookie=settings.environment == "production")
    blueprints = (
        health.bp,
        collections.bp,
        classes.bp,
        documents.bp,
        search.bp,
        chat.bp,
        conversations.bp,
        sources.bp,
        study.bp,
        auth.bp,
    )
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    register_error_handlers(app, settings.max_upload_mb)
    register_db_error_handlers(app)
    install_auth(app, settings)
    install_limits(app, settings)
    install_security(app, settings)
    install_body_limits(
        app,
        settings.max_json_body_kb * 1024,
        settings.max_upload_bytes + _MULTIPART_SLACK,
        settings.max_upload_mb,
    )
    install_stream_caps(app, settings.chat_streams_per_client, settings.chat_streams_per_address)
    app.teardown_request(_close_uploads)
    return app


def _close_uploads(_exc: BaseException | None) -> None:
    """Large uploads spool to temporary files: close them when the request ends."""
    from flask import request

    for storage in request.files.values() if "files" in request.__dict__ else ():
        storage.close()
