"""A cheap Portuguese-or-English guess for a question, so answers and messages match it."""

from __future__ import annotations

import re
from typing import Literal

Language = Literal["pt", "en"]

# Only words that are frequent in one language and rare in the other: shared spellings such as
# "a", "as", "do", "no", "me" and "se" would vote for both and are left out.
_PT_MARKERS_WORDS = """
    o os um uma uns umas de da das dos em na nas nos ao aos pela pelo pelas pelos para pra
    que qual quais quem quando onde como porque por porquê é são foi foram ser está estão
    e ou mas não sim também muito mais isso isto essa esse esta este entre sobre sem com
    ele ela eles elas eu você vocês seu sua seus suas meu minha qualquer cada tem têm há
    explique explica defina descreva diga fale quero queria gostaria saber significa aula
    """
_PT_MARKERS = frozenset(_PT_MARKERS_WORDS.split())
_EN_MARKERS_WORDS = """
    the an of in on at by for with from and or but not is are was were be been being does
    did what which who whom whose when where why how this that these those it its i you he
    she we they my your our their his her them us can could would should will shall might
    must have has had about into than then there also please explain describe define tell
    mean means difference between main example examples lecture chapter course
    """
_EN_MARKERS = frozenset(_EN_MARKERS_WORDS.split())
# Letters English never uses: one of them is strong evidence of Portuguese.
_PT_LETTERS = re.compile(r"[ãõçáéíóúâêôà]")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def detect_language(text: str) -> Language:
    """Guess "pt" or "en" from marker words and diacritics; Portuguese when unsure."""
    words = [w.lower() for w in _WORD.findall(text)]
    pt = sum(w in _PT_MARKERS for w in words)
    en = sum(w in _EN_MARKERS for w in words)
    pt += 2 * sum(bool(_PT_LETTERS.search(w)) for w in words)
    # English contractions ("what's", "don't") and "-ing" forms rarely occur in Portuguese.
    en += sum("'" in w or (len(w) > 5 and w.endswith("ing")) for w in words)
    return "en" if en > pt else "pt"
