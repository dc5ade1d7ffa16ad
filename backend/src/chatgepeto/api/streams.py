"""How many answers one client, and one network address, may have in progress at once.

Each answer holds one of the process' threads until it ends, so the caps are counted in the
process: a client opening streams without end would otherwise take every thread.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Any

from flask import Flask, Response, current_app, request

from chatgepeto.api.client_id import client_id
from chatgepeto.errors import AppError

_EXTENSION = "chatgepeto.streams"


class TooManyStreams(AppError):
    """Past a concurrency cap: 429, asking to wait for an answer to end."""

    status = 429


class StreamCaps:
    """Counts answers in progress per client and per address, refusing past the caps."""

    def __init__(self, per_client: int, per_address: int) -> None:
        if per_client <= 0 or per_address <= 0:
            raise ValueError(f"caps must be > 0, got {per_client} and {per_address}")
        self._caps = {"client": per_client, "address": per_address}
        self._open: Counter[tuple[str, str]] = Counter()
        self._lock = threading.Lock()

    def take(self, client: str, address: str) -> StreamSlot:
        """A slot for one answer; raises TooManyStreams when either cap is reached."""
        keys = (("client", client), ("address", address))
        with self._lock:
            for kind, key in keys:
                if self._open[(kind, key)] >= self._caps[kind]:
                    raise TooManyStreams(_message(kind, self._caps[kind]), "rate_limited:streams")
            for pair in keys:
                self._open[pair] += 1
        return StreamSlot(self, keys)

    def open_count(self, kind: str, key: str) -> int:
        """Answers in progress for this client or address."""
        with self._lock:
            return self._open[(kind, key)]

    def _release(self, keys: tuple[tuple[str, str], ...]) -> None:
        with self._lock:
            for pair in keys:
                self._open[pair] -= 1
                if self._open[pair] <= 0:
                    del self._open[pair]


class StreamSlot:
    """One answer's place; released on leaving the `with` block unless a stream took it."""

    def __init__(self, caps: StreamCaps, keys: tuple[tuple[str, str], ...]) -> None:
        self._caps, self._keys = caps, keys
        self._held, self._handed = True, False

    def release(self) -> None:
        """Give the place back (once)."""
        if self._held:
            self._held = False
            self._caps._release(self._keys)

    def hand_to(self, response: Response) -> None:
        """Keep the place while the streamed `response` runs: until its body ends or the
        server closes it (a client gone before the first byte)."""
        self._handed = True
        response.response = self._holding(response.response)
        response.call_on_close(self.release)

    def _holding(self, body: Iterable[Any]) -> Iterator[Any]:
        try:
            yield from body
        finally:
            self.release()

    def __enter__(self) -> StreamSlot:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if not self._handed or exc is not None:
            self.release()


def _message(kind: str, cap: int) -> str:
    if kind == "client":
        return f"Você já tem {cap} respostas em andamento. Espere uma terminar e pergunte de novo."
    return "Muitas respostas em andamento vindas desta rede agora. Espere alguns segundos."


def install_stream_caps(app: Flask, per_client: int, per_address: int) -> None:
    """Give `app` the caps that `stream_slot` draws on."""
    app.extensions[_EXTENSION] = StreamCaps(per_client, per_address)


def stream_slot() -> StreamSlot:
    """A slot for this request's answer (its client id and address after the proxies)."""
    caps: StreamCaps = current_app.extensions[_EXTENSION]
    return caps.take(client_id(), request.remote_addr or "unknown")
