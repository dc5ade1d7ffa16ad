"""A synthetic course library with the structure of real embeddings and Portuguese text.

Vectors: a Gaussian mixture of at least 1,000 clusters; each cluster spreads along its own
low-dimensional subspace (real sentence embeddings have a low intrinsic dimension) and all
share a common direction (e5 cosines crowd into a narrow band), so nearest neighbours are
as hard to find as with the model's vectors. Uniform random vectors would say nothing.
Text: pseudo-Portuguese words (Portuguese syllables and suffixes, plus the real stop words),
Zipf-distributed, each cluster with its own topic words, so lexical and dense evidence agree.
Queries come from the same distribution: a fresh point of a cluster, a few of its words.
Everything is derived from one seed and cached under .bench-cache/.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from chatgepeto.retrieval.analyzer import Analyzer

DIM = 384
LOCAL_DIM = 24
CHUNKS_PER_DOCUMENT = 20
ONSETS = [
    "",
    "b",
    "c",
    "d",
    "f",
    "g",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "ch",
    "lh",
    "nh",
    "br",
    "cr",
    "pr",
    "tr",
    "gr",
    "fl",
    "qu",
]
VOWELS = ["a", "e", "i", "o", "u"] * 6 + ["á", "é", "í", "ó", "ã", "õ", "ê", "ô"]
CODAS = ["", "", "", "s", "r", "m", "n", "l"]
# The commonest Portuguese function words (the analyser drops them, as in real text).
FUNCTION_WORDS = [
    "de",
    "a",
    "o",
    "que",
    "e",
    "do",
    "da",
    "em",
    "um",
    "para",
    "é",
    "com",
    "não",
    "uma",
    "os",
    "no",
    "se",
    "na",
    "por",
    "mais",
    "as",
    "dos",
    "como",
    "mas",
    "foi",
    "ao",
    "ele",
    "das",
    "tem",
    "à",
    "seu",
    "sua",
    "ou",
    "ser",
    "quando",
    "muito",
    "há",
    "nos",
    "já",
    "está",
    "também",
    "só",
    "pelo",
    "pela",
    "até",
    "isso",
    "ela",
    "entre",
    "era",
    "depois",
    "sem",
    "mesmo",
    "aos",
    "ter",
    "seus",
    "quem",
    "nas",
    "esse",
    "eles",
    "estão",
    "você",
    "tinha",
    "foram",
    "essa",
    "num",
    "nem",
    "suas",
    "meu",
    "às",
    "minha",
    "têm",
    "numa",
    "pelos",
    "elas",
    "havia",
    "seja",
    "qual",
    "será",
    "nós",
    "lhe",
    "deles",
    "essas",
    "esses",
    "pelas",
    "este",
    "fosse",
    "dele",
    "onde",
    "porque",
    "sobre",
    "cada",
    "outro",
    "outra",
    "podem",
    "pode",
    "assim",
    "então",
]
SUFFIXES = [
    "",
    "",
    "ção",
    "mente",
    "dade",
    "ismo",
    "ar",
    "er",
    "ir",
    "ado",
    "ida",
    "ista",
    "ência",
    "ões",
    "agem",
    "oso",
    "ível",
]


@dataclass
class Corpus:
    """Chunk vectors and words, cluster labels, and queries drawn the same way."""

    vectors: np.ndarray  # (n, DIM) float32, L2-normalised
    words: np.ndarray  # flat word ids of every chunk
    offsets: np.ndarray  # chunk i's words are words[offsets[i]:offsets[i + 1]]
    labels: np.ndarray  # cluster of each chunk
    query_vectors: np.ndarray
    query_words: list[list[int]]
    vocabulary: list[str]

    def text(self, i: int) -> str:
        """Chunk i's text."""
        return " ".join(
            self.vocabulary[w] for w in self.words[self.offsets[i] : self.offsets[i + 1]]
        )


def _vocabulary(rng: np.random.Generator, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        parts = rng.integers(0, 1 << 30, size=(size, 5))
        for row in parts:
            syllables = "".join(
                ONSETS[row[i] % len(ONSETS)]
                + VOWELS[(row[i] >> 5) % len(VOWELS)]
                + CODAS[(row[i] >> 10) % len(CODAS)]
                for i in range(1 + row[4] % 3)
            )
            words.add(syllables + SUFFIXES[(row[4] >> 4) % len(SUFFIXES)])
    return FUNCTION_WORDS + sorted(words - set(FUNCTION_WORDS))[:size]


def _mixture(rng: np.random.Generator, clusters: int, sizes: np.ndarray) -> tuple[np.ndarray, ...]:
    # Norms: shared direction 1.2, cluster centre 0.75, spread within the cluster's
    # subspace 0.45, isotropic noise 0.12: random pairs ~0.65 cosine, same cluster ~0.9.
    common = rng.standard_normal(DIM)
    common *= 1.2 / np.linalg.norm(common)
    centres = rng.standard_normal((clusters, DIM)) * (0.75 / np.sqrt(DIM))
    bases = rng.standard_normal((clusters, LOCAL_DIM, DIM)).astype(np.float32) / np.sqrt(DIM)

    def draw(cluster: int, count: int) -> np.ndarray:
        local = rng.standard_normal((count, LOCAL_DIM)).astype(np.float32) * (
            0.45 / np.sqrt(LOCAL_DIM)
        )
        noise = rng.standard_normal((count, DIM)).astype(np.float32) * (0.12 / np.sqrt(DIM))
        points = common + centres[cluster] + local @ bases[cluster] + noise
        return (points / np.linalg.norm(points, axis=1, keepdims=True)).astype(np.float32)

    vectors = np.vstack([draw(c, int(n)) for c, n in enumerate(sizes)])
    return vectors, draw  # type: ignore[return-value]


def generate(chunks: int, queries: int, seed: int = 7) -> Corpus:
    """A corpus of `chunks` chunks and `queries` queries (deterministic for a seed)."""
    rng = np.random.default_rng(seed)
    clusters = max(1_000, chunks // 500)
    weights = rng.lognormal(0, 0.6, clusters)
    sizes = np.floor(weights / weights.sum() * chunks).astype(int)
    sizes[: chunks - sizes.sum()] += 1
    vectors, draw = _mixture(rng, clusters, sizes)
    labels = np.repeat(np.arange(clusters), sizes)
    order = rng.permutation(chunks)  # documents mix clusters a little, as courses do
    vectors, labels = vectors[order], labels[order]

    vocabulary = _vocabulary(rng, 40_000)
    n_stop = len(FUNCTION_WORDS)
    zipf = 1.0 / np.arange(1, len(vocabulary) + 1) ** 1.05
    zipf /= zipf.sum()
    topics = rng.integers(n_stop + 300, len(vocabulary), size=(clusters, 40))
    lengths = rng.integers(60, 160, size=chunks)
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    general = rng.choice(len(vocabulary), size=int(offsets[-1]), p=zipf)
    topical = topics[np.repeat(labels, lengths), rng.integers(0, 40, size=int(offsets[-1]))]
    words = np.where(rng.random(int(offsets[-1])) < 0.3, topical, general).astype(np.int32)

    query_clusters = rng.choice(clusters, size=queries, p=sizes / sizes.sum())
    query_vectors = np.vstack([draw(int(c), 1) for c in query_clusters])
    stop_ids = list(range(n_stop))
    query_words = [
        [int(rng.choice(stop_ids))] + [int(w) for w in rng.choice(topics[c], rng.integers(2, 6))]
        for c in query_clusters
    ]
    return Corpus(vectors, words, offsets, labels, query_vectors, query_words, vocabulary)


def term_table(corpus: Corpus) -> list[str | None]:
    """The analyser's term for each vocabulary word (None for stop words), computed once."""
    analyzer = Analyzer()
    return [(analyzer.terms(w) or [None])[0] for w in corpus.vocabulary]


def load_or_generate(cache: Path, chunks: int, queries: int) -> Corpus:
    """The corpus from the cache, generating and caching it on first use."""
    path = cache / f"corpus-{chunks}-{queries}.npz"
    if path.exists():
        data = np.load(path, allow_pickle=False)
        offsets = data["query_offsets"]
        flat = data["query_flat"].tolist()
        return Corpus(
            data["vectors"],
            data["words"],
            data["offsets"],
            data["labels"],
            data["query_vectors"],
            [flat[offsets[i] : offsets[i + 1]] for i in range(len(offsets) - 1)],
            data["vocabulary"].tolist(),
        )
    corpus = generate(chunks, queries)
    cache.mkdir(parents=True, exist_ok=True)
    query_offsets = np.concatenate([[0], np.cumsum([len(q) for q in corpus.query_words])])
    np.savez(
        path,
        vectors=corpus.vectors,
        words=corpus.words,
        offsets=corpus.offsets,
        labels=corpus.labels,
        query_vectors=corpus.query_vectors,
        query_flat=np.array([w for q in corpus.query_words for w in q], dtype=np.int32),
        query_offsets=query_offsets,
        vocabulary=np.array(corpus.vocabulary),
    )
    return corpus
