"""What generation hands to the API: answers, their citations and stream events."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Protocol

# Detected in retrieval (fusion depends on it); answers and messages follow it too.
from chatgepeto.language.detect import Language as Language

AnswerMode = Literal["llm", "extractive", "refused"]


def is_grounded(mode: str | None, citations: list[Any]) -> bool:
    """Whether an answer rests on the material: a generated one needs a valid citation.

    Extractive answers are sentences of the material and refusals claim nothing.
    """
    return mode != "llm" or bool(citations)


# Portuguese first: most students write it; the English half helps everyone else.
EMPTY_QUESTION = "Escreva uma pergunta. (Please write a question.)"


@dataclass(frozen=True)
class Citation:
    """One source behind an `[n]` marker: the passage's document, page and a readable snippet."""

    document_id: str
    title: str
    page: int | None
    snippet: str
    chunk_id: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape the API sends."""
        return asdict(self)


@dataclass(frozen=True)
class Answer:
    """An answer whose `[n]` markers point at `citations[n - 1]`.

    `confidence` is the extractive answerer's support for its best sentence (0..1), so the
    caller can fold it into the refusal decision; it is None when nothing measured it.
    """

    text: str
    citations: list[Citation] = field(default_factory=list)
    mode: AnswerMode = "llm"
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape the API sends."""
        return {
            "text": self.text,
            "citations": [c.to_dict() for c in self.citations],
            "mode": self.mode,
            "confidence": self.confidence,
            "grounded": self.grounded,
        }

    @property
    def grounded(self) -> bool:
        """False for a generated answer without one valid citation."""
        return is_grounded(self.mode, self.citations)


@dataclass(frozen=True)
class TokenEvent:
    """A piece of answer text as it streams in."""

    text: str


class ChatModel(Protocol):
    """Anything that turns chat messages into text, streamed or whole."""

    def stream(self, messages: Sequence[dict[str, str]]) -> Iterator[str]:
        """Yield the answer's text deltas as they arrive."""
        ...

    def complete(self, messages: Sequence[dict[str, str]]) -> str:
        """Return the whole answer text."""
        ...
