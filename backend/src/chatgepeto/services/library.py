"""Collections and documents: what teachers put in, validated before it reaches storage."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass

from chatgepeto.errors import AppError, Conflict, NotFound
from chatgepeto.ingest.detect import detect_content_type
from chatgepeto.retrieval.analyzer import fold
from chatgepeto.services.access import CLASS_ONLY, check_visibility
from chatgepeto.storage.roles import Courses, Documents, JobQueue, Passages
from chatgepeto.storage.types import ChunkRecord, Collection, Document

# One read of an original from the database while it is downloaded.
ORIGINAL_SLICE_BYTES = 512 * 1024

MAX_NAME = 200
# The course every upload without one lands in: it always exists.
DEFAULT_COLLECTION = "default"


def slugify(name: str) -> str:
    """'Cálculo I — 2026' -> 'calculo-i-2026'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:80]


def clean_name(value: object, field: str = "name") -> str:
    """A non-empty, trimmed display name, or a 400 saying what is wrong."""
    if not isinstance(value, str) or not value.strip():
        raise AppError(f"Informe '{field}' como texto não vazio.", f"bad_request:{field}")
    value = " ".join(value.split())
    if len(value) > MAX_NAME:
        raise AppError(
            f"'{field}' pode ter no máximo {MAX_NAME} caracteres.", f"bad_request:{field}"
        )
    return value


def safe_filename(filename: str | None) -> str:
    """The last path component, without control characters ('../../x.pdf' -> 'x.pdf')."""
    name = (filename or "").replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip().lstrip(".")
    return name[:255] or "documento"


@dataclass(frozen=True)
class UploadResult:
    """The stored document and whether these bytes were already in the collection."""

    document: Document
    duplicate: bool


class Library:
    """The teacher's side: courses, their documents and originals, re-indexing."""

    def __init__(
        self,
        courses: Courses,
        documents: Documents,
        passages: Passages,
        jobs: JobQueue,
        max_upload_bytes: int,
    ) -> None:
        self._courses = courses
        self._documents = documents
        self._passages = passages
        self._jobs = jobs
        self._max_upload_bytes = max_upload_bytes

    def require_collection(self, collection_id: str) -> Collection:
        """The collection, or a 404 naming it."""
        found = self._courses.get_collection(collection_id)
        if found is None:
            raise NotFound(f"A coleção '{collection_id}' não existe.", "not_found:collection")
        return found

    def list_collections(self) -> list[Collection]:
        """Every collection with its document count."""
        return self._courses.list_collections()

    def rename_collection(self, collection_id: str, name: str) -> Collection:
        """A new display name for a collection (its id stays); 404 when unknown."""
        return self._courses.rename_collection(collection_id, name)

    def delete_collection(self, collection_id: str) -> None:
        """Delete a collection with its documents; the default one is refused (400)."""
        if collection_id == DEFAULT_COLLECTION:
            raise AppError(
                "A coleção 'default' não pode ser excluída.", "bad_request:default_collection"
            )
        self._courses.delete_collection(collection_id)

    def create_collection(
        self, name: object, owner_id: str | None = None, visibility: str = CLASS_ONLY
    ) -> Collection:
        """A new course: its id is the slug of its name and a random suffix, so two teachers
        may use one name and an id cannot be guessed; `turma` unless told otherwise."""
        display = clean_name(name)
        slug = slugify(display)
        if not slug:
            raise AppError("O nome precisa ter letras ou números.", "bad_request:name")
        check_visibility(visibility)
        course_id = f"{slug[:60].rstrip('-')}-{secrets.token_hex(4)}"
        return self._courses.create_collection(course_id, display, visibility, owner_id)

    def upload(self, filename: str | None, data: bytes, collection_id: str | None) -> UploadResult:
        """Store an original and queue it for indexing (or reuse an identical one)."""
        collection = self.require_collection(collection_id or DEFAULT_COLLECTION)
        if len(data) > self._max_upload_bytes:
            limit = self._max_upload_bytes // (1024 * 1024)
            raise AppError(f"O arquivo passa do limite de {limit} MB.", "too_large", 413)
        if not data:
            raise AppError("O arquivo está vazio.", "empty_document", 422)
        name = safe_filename(filename)
        content_type = detect_content_type(data, name)
        sha = hashlib.sha256(data).hexdigest()
        existing = self._documents.find_document(collection.id, sha)
        if existing is not None:
            return UploadResult(existing, True)
        ready = self._documents.find_ready_copy(sha)
        if ready is not None:
            return UploadResult(self._documents.copy_document(ready.id, collection.id, name), False)
        return UploadResult(
            self._documents.add_document(collection.id, name, content_type, data, sha), False
        )

    def list_documents(self, collection_id: str | None) -> list[Document]:
        """Documents, newest first, of one collection (404 when unknown) or of all."""
        if collection_id is not None:
            self.require_collection(collection_id)
        return self._documents.list_documents(collection_id)

    def rename_document(self, document_id: str, title: str) -> Document:
        """A new title for a document; 404 when unknown."""
        return self._documents.rename_document(document_id, title)

    def delete_document(self, document_id: str) -> None:
        """Delete a document, its passages and its original."""
        self._documents.delete_document(document_id)

    def require_chunk(self, chunk_id: str) -> ChunkRecord:
        """A passage with its document's title, or a 404."""
        chunk = self._passages.get_chunk(chunk_id)
        if chunk is None:
            raise NotFound(
                "Trecho não encontrado (o documento pode ter sido excluído).", "not_found:chunk"
            )
        return chunk

    def require_document(self, document_id: str) -> Document:
        """The document, or a 404."""
        found = self._documents.get_document(document_id)
        if found is None:
            raise NotFound(
                "O documento não existe (talvez tenha sido excluído).", "not_found:document"
            )
        return found

    def original_slices(self, document_id: str, start: int, stop: int) -> Iterator[bytes]:
        """Bytes [start, stop) of a document's original, read from the database one slice at
        a time (never the whole file in memory); ends early if the document goes away."""
        for offset in range(start, stop, ORIGINAL_SLICE_BYTES):
            part = self._documents.read_original(
                document_id, offset, min(ORIGINAL_SLICE_BYTES, stop - offset)
            )
            if not part:
                return
            yield part

    def reindex(self, document_id: str) -> Document:
        """Queue a document to be parsed again from its stored original (404; 409 while it
        is already queued or processing); its passages answer questions meanwhile."""
        return self._jobs.requeue_document(document_id)

    def reindex_many(
        self, document_id: str | None = None, collection_id: str | None = None
    ) -> tuple[list[Document], list[Document]]:
        """Queue one document, one collection's or the whole library's: (queued, skipped
        because already queued or processing)."""
        if document_id is not None:
            return [self.reindex(document_id)], []
        if collection_id is not None:
            self.require_collection(collection_id)
        queued, skipped = [], []
        for document in self._documents.list_documents(collection_id):
            try:
                queued.append(self._jobs.requeue_document(document.id))
            except Conflict:
                skipped.append(document)
            except NotFound:  # deleted meanwhile: nothing left to re-index
                continue
        return queued, skipped
