"""Replies of the protocol stand-in LLM (generation/fake_llm_server.py) to a study prompt:
items written from the passages the prompt fenced, as a model following the rules would."""

from __future__ import annotations

import json
import re
from typing import Any

from generation.fake_llm_server import Action, completion

_PASSAGE = re.compile(r'<passage id="(\d+)"[^>]*>\n(.*?)\n</passage>', re.S)
_WORD = re.compile(r"[^\W\d_]{7,}")


def passages_of(request_body: dict[str, Any]) -> dict[int, str]:
    """The fenced passages of a study prompt, by number."""
    user = request_body["messages"][-1]["content"]
    return {int(n): text for n, text in _PASSAGE.findall(user)}


def sound_items(passages: dict[int, str]) -> list[dict[str, Any]]:
    """One short-answer item a passage: its answer is a word of the passage, its question
    names two others (so no two questions repeat each other)."""
    items = []
    for number, text in passages.items():
        words = list(dict.fromkeys(w.lower() for w in _WORD.findall(text)))
        question = f"No trecho, o que liga {words[1]} a {words[2]}?"
        items.append(
            {"kind": "short_answer", "question": question, "answer": words[0], "passage": number}
        )
    return items


# What a careless model writes: an answer its passage does not hold, a passage not in the
# prompt, and an item off the schema.
NOT_IN_PASSAGE = {
    "kind": "short_answer",
    "question": "Qual planeta distante o trecho menciona?",
    "answer": "Netuno",
    "passage": 1,
}
OUT_OF_RANGE = {
    "kind": "short_answer",
    "question": "Qual satélite natural o trecho descreve?",
    "answer": "Lua",
    "passage": 99,
}


def answering(*extra: dict[str, Any]) -> Action:
    """Answer the prompt with sound items of its passages, and `extra` after them."""

    def act(h: Any) -> None:
        body = h.server.requests[-1].body
        items = sound_items(passages_of(body)) + list(extra)
        text = json.dumps({"items": items}, ensure_ascii=False)
        h.send_json(200, completion(text), {})

    return act
