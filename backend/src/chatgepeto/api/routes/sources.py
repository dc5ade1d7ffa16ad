"""The source viewer: a cited passage inside its page's text, with the passage's offsets."""

from __future__ import annotations

from typing import Literal

from flask import Blueprint, Response, jsonify
from pydantic import BaseModel, Field

from chatgepeto.api.context import services
from chatgepeto.api.validation import documented
from chatgepeto.services.sources import Source, chunk_source

bp = Blueprint("sources", __name__)


class HeadingOut(BaseModel):
    """A heading line of the page: its [start, end) in `text` and its outline level."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    level: int = Field(ge=1)


class SpanOut(BaseModel):
    """Where the passage is in `text`: [start, end) in Unicode code points."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class SourceOut(BaseModel):
    """A cited passage in its page, as GET /api/chunks/<id>/source answers."""

    chunk_id: str
    document_id: str
    title: str
    filename: str
    content_type: str
    kind: Literal["pdf", "slides", "text"]
    page: int | None = Field(description="1-based page or slide; null for a document without")
    page_count: int | None
    heading_path: list[str]
    text: str = Field(description="The page's text (the whole text of a document without pages)")
    headings: list[HeadingOut]
    passage: SpanOut | None = Field(description="null when the passage was not found in text")
    passage_text: str
    stored: bool = Field(description="False: the page was rebuilt from its passages; re-index it")
    file_url: str

    @classmethod
    def of(cls, source: Source) -> SourceOut:
        """The response for one source."""
        chunk, document, page = source.chunk, source.document, source.page
        return cls(
            chunk_id=chunk.id,
            document_id=document.id,
            title=document.title,
            filename=document.filename,
            content_type=document.content_type,
            kind=source.kind.value,
            page=chunk.page,
            page_count=document.pages,
            heading_path=list(chunk.heading_path),
            text=page.text,
            headings=[HeadingOut(start=a, end=b, level=c) for a, b, c in page.headings],
            passage=SpanOut(start=source.span[0], end=source.span[1]) if source.span else None,
            passage_text=chunk.text,
            stored=source.stored,
            file_url=f"/api/documents/{document.id}/file",
        )


@bp.get("/api/chunks/<chunk_id>/source")
@documented(responses={200: "The passage in its page's text", 404: "Unknown passage"})
def chunk_source_view(chunk_id: str) -> Response:
    """A cited passage with its page's text, headings and the passage's offsets in it."""
    source = chunk_source(services().store, chunk_id)
    return jsonify(SourceOut.of(source).model_dump(mode="json"))


chunk_source_view.openapi["response_model"] = SourceOut  # type: ignore[attr-defined]
