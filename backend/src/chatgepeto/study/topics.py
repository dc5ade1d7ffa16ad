"""Which words carry a document's topic: rare in the course, repeated in the document.

BM25's IDF alone ranks any word used once ("realização", "abertura") as rare as the
document's subject; a cloze on such a word tests the sentence's wording, not the course.
A term the document comes back to ("créditos", "Siscad") and the course seldom uses is what
the document teaches.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from chatgepeto.generation.terms import analyse
from chatgepeto.generation.tutor.lesson import Rarity
from chatgepeto.study.gender import Gender, gender_of, genders
from chatgepeto.study.items import Source

# A word found in more than this share of the course's chunks carries no topic.
MAX_TERM_SHARE = 0.15
# A document mentions its topic more than once.
MIN_DOCUMENT_MENTIONS = 2
# A common noun worth a blank on its own is a key term: the document comes back to it at
# least three times and at most 5% of the course's chunks hold it. Judged faquad items: the
# noun blanks teachers rejected ("uma _____ significativa", "o _____ não é muito diferente")
# were words met twice, or everywhere; the usable ones ("recontagem", "enquadramento") not.
KEY_TERM_MENTIONS = 3
KEY_TERM_SHARE = 0.05
# A name in more than this share of the chunks is the course's own subject ("UFMS" in a
# university's rules): a blank on it is filled from the title page.
SUBJECT_SHARE = 0.10
_WORD = re.compile(r"[^\W\d_][\w-]*")


@dataclass(frozen=True)
class Topics:
    """The course's statistics, each document's term counts and its nouns' genders."""

    rarity: Rarity
    mentions: Mapping[str, Counter[str]] = field(default_factory=dict)
    genders: Mapping[str, Gender] = field(default_factory=dict)
    # Words the course writes in lower case somewhere: "Programas" capitalised for emphasis
    # is the common noun "programas", not a name.
    lowercase: frozenset[str] = frozenset()

    @classmethod
    def of(cls, passages: Iterable[Source], rarity: Rarity) -> Topics:
        """Term counts per document over these passages (a passage repeated by the
        chunker's overlap counts once per chunk, which is how often a reader meets it)."""
        mentions: dict[str, Counter[str]] = {}
        texts = []
        lowercase: set[str] = set()
        for p in passages:
            mentions.setdefault(p.document_id, Counter()).update(analyse(p.passage_text))
            texts.append(p.passage_text)
            lowercase.update(w for w in _WORD.findall(p.passage_text) if w.islower())
        return cls(rarity, mentions, genders(texts), frozenset(lowercase))

    def common_noun(self, word: str) -> bool:
        """A capitalised word the course also writes in lower case."""
        return " " not in word.strip() and word.lower() in self.lowercase

    def gender(self, word: str) -> Gender:
        """The noun's gender as the course writes it, else as its ending suggests."""
        return gender_of(word, self.genders)

    def rare(self, term: str) -> bool:
        """Found in at most MAX_TERM_SHARE of the course's chunks (and always in tiny ones)."""
        df = self.rarity.frequencies.get(term, 0)
        return df <= max(2, MAX_TERM_SHARE * self.rarity.chunks)

    def topical(self, term: str, document_id: str) -> bool:
        """Rare in the course and mentioned at least twice in the document."""
        counts = self.mentions.get(document_id)
        mentioned = counts[term] if counts is not None else MIN_DOCUMENT_MENTIONS
        return self.rare(term) and mentioned >= MIN_DOCUMENT_MENTIONS

    def key_term(self, term: str, document_id: str) -> bool:
        """Repeated in its document (KEY_TERM_MENTIONS) and rare in the course (KEY_TERM_SHARE)."""
        counts = self.mentions.get(document_id)
        mentioned = counts[term] if counts is not None else KEY_TERM_MENTIONS
        df = self.rarity.frequencies.get(term, 0)
        return mentioned >= KEY_TERM_MENTIONS and df <= max(2, KEY_TERM_SHARE * self.rarity.chunks)

    def subject(self, terms: Iterable[str]) -> bool:
        """Every term in more than SUBJECT_SHARE of the course's chunks (and more than two:
        in a tiny course every word is in a large share)."""
        bar = max(2, SUBJECT_SHARE * self.rarity.chunks)
        found = [self.rarity.frequencies.get(t, 0) for t in terms]
        return bool(found) and min(found) > bar

    def weight(self, terms: Iterable[str]) -> float:
        """The span's IDF: its rarest term's."""
        return max((self.rarity.idf(t) for t in terms), default=0.0)
