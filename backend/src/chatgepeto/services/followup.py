"""Understanding a follow-up question in the light of the conversation."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chatgepeto.errors import AppError
from chatgepeto.generation.types import ChatModel
from chatgepeto.language.words import ANAPHORA, CONTINUATIONS
from chatgepeto.retrieval.analyzer import Analyzer, fold
from chatgepeto.services.metering import Meter, TokenBudget

_ANAPHORA = frozenset(fold(w) for w in ANAPHORA)


def needs_context(question: str, analyzer: Analyzer) -> bool:
    """True for short or referring questions that lean on the previous turn."""
    words = re.findall(r"\w+", fold(question))
    starts_with_and = bool(words) and words[0] in CONTINUATIONS
    return starts_with_and or bool(_ANAPHORA & set(words)) or len(analyzer.terms(question)) <= 1


def lexical_carry_over(question: str, previous: Sequence[str], analyzer: Analyzer) -> str:
    """The question plus the previous question, when the question needs it (no LLM)."""
    if not previous or not needs_context(question, analyzer):
        return question
    return f"{previous[-1]} {question}"


_REWRITE = (
    "Reescreva a última pergunta do aluno como uma pergunta completa e independente, usando a "
    "conversa para resolver referências (ele, isso, e quando...). Responda só com a pergunta, no "
    "mesmo idioma. / Rewrite the student's last question as a standalone question."
)


def rewrite_with_llm(
    question: str,
    history: Sequence[tuple[str, str]],
    model: ChatModel,
    analyzer: Analyzer,
    budget: TokenBudget | None = None,
    max_tokens: int = 120,
) -> str:
    """A standalone question written by the LLM, for follow-ups only; the lexical carry-over
    when the model fails or runs past its (short) deadline, or a token budget is spent."""
    if not history or not needs_context(question, analyzer):
        return question
    turns = "\n".join(f"Aluno: {q}\nAssistente: {a[:300]}" for q, a in history[-3:])
    messages = [
        {"role": "system", "content": _REWRITE},
        {"role": "user", "content": f"{turns}\nAluno: {question}\n\nPergunta reescrita:"},
    ]
    meter = Meter("rewrite", messages, max_tokens, budget)
    if not meter.reserve():
        return lexical_carry_over(question, [q for q, _ in history], analyzer)
    text = ""
    try:
        text = model.complete(messages)
    except AppError:  # the rewrite is a help, not a requirement
        return lexical_carry_over(question, [q for q, _ in history], analyzer)
    finally:
        meter.finish(len(text))
    rewritten = text.strip().strip('"')
    return rewritten if 0 < len(rewritten) <= 500 else question
