"""An uploaded original as an HTTP response: whole or one byte range, streamed in slices,
with a strong ETag (the file's SHA-256) so browsers revalidate instead of downloading again."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import quote

from flask import Response, request

from chatgepeto.storage.types import Document

# Private: a course's files are not for shared caches; an hour, then revalidated by ETag.
CACHE_CONTROL = "private, max-age=3600"


def original_response(document: Document, read: Callable[[int, int], Iterator[bytes]]) -> Response:
    """200 with the whole file, 206 with the one range asked for, 304 when the browser's
    copy is current, 416 for a range past the end; `read(start, stop)` yields the bytes."""
    size, etag = document.size_bytes, document.sha256
    if request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        bounds = _range(size, etag)
        if bounds is None:
            response = Response(status=416)
            response.headers["Content-Range"] = f"bytes */{size}"
        else:
            start, stop, partial = bounds
            response = Response(
                read(start, stop),
                206 if partial else 200,
                mimetype=document.content_type,
                direct_passthrough=True,
            )
            response.headers["Content-Length"] = str(stop - start)
            if partial:
                response.headers["Content-Range"] = f"bytes {start}-{stop - 1}/{size}"
    safe = document.filename.replace('"', "")
    response.headers["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(safe)}"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Accept-Ranges"] = "bytes"
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.set_etag(etag)
    return response


def _range(size: int, etag: str) -> tuple[int, int, bool] | None:
    """(start, stop, partial) to send, or None when the one range asked for is past the end.
    No Range, a malformed one, several ranges or an If-Range for another version: all of it."""
    asked = request.range
    if asked is None or size == 0 or asked.units != "bytes" or len(asked.ranges) != 1:
        return 0, size, False
    if "If-Range" in request.headers and request.if_range.etag != etag:
        return 0, size, False
    bounds = asked.range_for_length(size)
    if bounds is None:
        return None
    return bounds[0], bounds[1], bounds != (0, size)
