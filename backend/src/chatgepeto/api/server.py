"""Runs the app under gunicorn with threads, so many answer streams are held at once."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from chatgepeto.settings import Settings


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any], settings: Settings) -> None:
        self._options = options
        self._settings = settings
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from chatgepeto.api import create_app

        return create_app(self._settings)


def run_gunicorn(settings: Settings, host: str, port: int, workers: int) -> None:
    """Serve until interrupted."""
    options = {
        "bind": f"{host}:{port}",
        "workers": max(1, workers),
        "worker_class": "gthread",
        "threads": 32,
        "timeout": 120,
        "graceful_timeout": 10,
        "accesslog": None,
        "loglevel": settings.log_level.lower(),
    }
    _Gunicorn(options, settings).run()
