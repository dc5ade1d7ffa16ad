"""The source viewer's door to storage: a cited passage with its page's text and offsets."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chatgepeto.errors import NotFound
from chatgepeto.ingest.page_text import BLOCK_SEPARATOR, find_passage
from chatgepeto.ingest.types import PageText
from chatgepeto.storage.roles import Documents, Passages
from chatgepeto.storage.types import ChunkRecord, Document

_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


class SourceKind(StrEnum):
    """How the viewer shows a document: the PDF itself, or its extracted text."""

    PDF = "pdf"
    SLIDES = "slides"
    TEXT = "text"

    @classmethod
    def of(cls, document: Document) -> SourceKind:
        """The kind of a document, from its detected type (then its file name)."""
        name = document.filename.lower()
        if document.content_type == "application/pdf" or name.endswith(".pdf"):
            return cls.PDF
        if document.content_type == _PPTX or name.endswith(".pptx"):
            return cls.SLIDES
        return cls.TEXT


@dataclass(frozen=True)
class Source:
    """A passage in its page: the page's text, the passage's [start, end) in it, and whether
    the page was stored at indexing (False: rebuilt from the page's passages, which a
    re-index replaces with the full page)."""

    chunk: ChunkRecord
    document: Document
    kind: SourceKind
    page: PageText
    span: tuple[int, int] | None
    stored: bool


def _rebuilt(texts: list[str]) -> str:
    """A page from its passages, the sentences two neighbours share written once."""
    out = ""
    for text in texts:
        # The chunker carries whole sentences over, so an overlap ends at a space of `text`.
        cuts = [k for k in range(len(text) // 2, 0, -1) if text[k] == " "]
        shared = next((k for k in cuts if out.endswith(text[:k])), 0)
        if shared:
            out += text[shared:]
        else:
            out += (BLOCK_SEPARATOR if out else "") + text
    return out


class Sources:
    """The source panel's service: a cited passage with its page's text and offsets."""

    def __init__(self, passages: Passages, documents: Documents) -> None:
        self._passages = passages
        self._documents = documents

    def source(self, chunk_id: str) -> Source:
        """The cited passage `chunk_id` with its page; NotFound when the passage or its
        document is gone. Offsets recorded at indexing win; otherwise the passage is sought."""
        passages = self._passages
        chunk = passages.get_chunk(chunk_id)
        document = self._documents.get_document(chunk.document_id) if chunk else None
        if chunk is None or document is None:
            raise NotFound(
                "Trecho não encontrado (o documento pode ter sido excluído).", "not_found:chunk"
            )
        page = passages.get_page_text(document.id, chunk.page)
        stored = page is not None
        if page is None:
            texts = passages.page_chunk_texts(document.id, chunk.page)
            page = PageText(chunk.page, _rebuilt(texts))
        span = (passages.chunk_offsets(chunk_id) if stored else None) or find_passage(
            page.text, chunk.text
        )
        return Source(chunk, document, SourceKind.of(document), page, span, stored)
