"""Access to the services built by the application factory."""

from __future__ import annotations

from flask import current_app

from chatgepeto.services.container import Services


def services() -> Services:
    """The Services object of the running app."""
    found: Services = current_app.extensions["chatgepeto"]
    return found
