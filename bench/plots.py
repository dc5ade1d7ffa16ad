"""The report's PNG figures (matplotlib, no display), one function per figure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from bench.layout import BENCH

STAGE_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]
METHOD_COLORS = {"hybrid": "#1f77b4", "bm25": "#ff7f0e", "dense": "#2ca02c", "peer": "#7f7f7f"}


def _save(figure: Any, name: str, command: str, top: float = 1.0) -> str:
    figure.text(0.01, 0.005, f"reproduce: {command}", fontsize=7, color="#555555")
    figure.tight_layout(rect=(0, 0.03, 1, top))
    path = BENCH / name
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return Path(name).name


def quality(section: dict[str, Any]) -> str:
    """Recall, MRR and context size of every method on both splits."""
    splits = section["splits"]
    figure, axes = plt.subplots(2, len(splits), figsize=(11, 7))
    metrics = ["answer_recall@1", "answer_recall@4", "answer_recall@5", "mrr@10"]
    for column, (split, result) in enumerate(splits.items()):
        methods = result["methods"]
        width = 0.8 / len(methods)
        for offset, (name, values) in enumerate(methods.items()):
            xs = [i + offset * width for i in range(len(metrics))]
            axes[0][column].bar(
                xs,
                [values[m] for m in metrics],
                width,
                label=section["labels"][name],
                color=METHOD_COLORS[name],
            )
            axes[1][column].bar(
                [offset], [values["context_chars@4"]], 0.35, color=METHOD_COLORS[name]
            )
            axes[1][column].bar(
                [offset + 0.4],
                [values["context_chars@5"]],
                0.35,
                color=METHOD_COLORS[name],
                alpha=0.55,
            )
        axes[0][column].set_xticks([i + 0.3 for i in range(len(metrics))], metrics, fontsize=8)
        axes[0][column].set_ylim(0.5, 1.0)
        axes[0][column].set_title(f"faquad/{split}: answer recall and MRR (higher is better)")
        axes[1][column].set_xticks([i + 0.2 for i in range(len(methods))], list(methods))
        axes[1][column].set_title("context characters at k=4 (solid) and k=5 (light)")
    handles, labels = axes[0][0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="upper center", ncol=len(labels), fontsize=8)
    return _save(figure, "quality.png", section["command"], top=0.95)


def ingestion(section: dict[str, Any]) -> str:
    """Where the pipeline's CPU time goes, against the bare model's for the same tokens."""
    documents = section["documents"]
    figure, axis = plt.subplots(figsize=(10, 3.8))
    parts = ["embed", "parse", "chunk", "count_tokens", "store", "rest"]
    labels = []
    for row, (label, doc) in enumerate(documents.items()):
        m = doc["measured"]
        values = {"embed": m["embed"]["cpu_s"], **doc["cpu_outside_model_s"]}
        left = 0.0
        for part, color in zip(parts, STAGE_COLORS, strict=True):
            axis.barh(row, values[part], left=left, color=color, label=part if row == 0 else None)
            left += values[part]
        ceiling = m["tokens"] / doc["model_raw_tokens_per_cpu_s"]
        axis.plot(
            [ceiling, ceiling],
            [row - 0.45, row + 0.45],
            color="black",
            lw=2,
            label="bare model, same tokens" if row == 0 else None,
        )
        labels.append(f"{label}: {doc['pages']} pages, {m['chunks']} chunks")
    axis.set_yticks(range(len(labels)), labels)
    axis.set_xlabel("CPU seconds (all threads of the indexing process)")
    axis.set_title("Ingestion: pipeline CPU time by stage vs the bare model on the same tokens")
    axis.legend(fontsize=8, ncol=4, loc="upper right")
    return _save(figure, "ingestion.png", section["command"])


def latency(section: dict[str, Any]) -> str:
    """p50/p95 of retrieval against library size, both scopes, PostgreSQL when present."""
    figure, axis = plt.subplots(figsize=(8, 5))
    sizes = [int(s) for s in section["sizes"]]
    for scope, color in (("library", "#1f77b4"), ("course", "#ff7f0e")):
        by_size = section["ms"][scope]
        for quantile, style in (("p50", "-o"), ("p95", "--^")):
            axis.plot(
                sizes,
                [by_size[str(s)]["total"][quantile] for s in sizes],
                style,
                color=color,
                label=f"SQLite {quantile}, {scope} scope",
            )
    embed = [section["ms"]["library"][str(s)]["embed_query"]["p50"] for s in sizes]
    axis.plot(sizes, embed, ":", color="gray", label="query embedding alone (p50)")
    pg = section.get("postgres_scale")
    if pg and pg.get("query_ms", {}).get("hybrid"):
        hybrid = pg["query_ms"]["hybrid"]
        axis.scatter(
            [pg["chunks"]] * 2,
            [hybrid["p50"], hybrid["p95"]],
            marker="s",
            color="purple",
            label=f"PostgreSQL hybrid p50/p95, {pg['chunks']:,} chunks "
            f"(make bench-scale, {(pg.get('date') or '?')[:10]})",
        )
    axis.set_xscale("log")
    axis.set_yscale("log")
    axis.set_xlabel("chunks in the library")
    axis.set_ylabel("ms per query (full retrieve, k=5)")
    axis.set_title("Query latency against library size")
    axis.legend(fontsize=8)
    axis.grid(True, which="both", alpha=0.3)
    return _save(figure, "latency.png", section["command"])


def chat(section: dict[str, Any]) -> str:
    """TTFT and throughput against concurrency, through the backend and straight to the LLM."""
    levels = section["levels"]
    clients = [int(c) for c in levels]
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    for source, color in (("backend", "#1f77b4"), ("direct_llm", "#7f7f7f")):
        for quantile, style in (("p50", "-o"), ("p95", "--^")):
            left.plot(
                clients,
                [levels[str(c)][source]["ttft_ms"][quantile] for c in clients],
                style,
                color=color,
                label=f"{source} TTFT {quantile}",
            )
        right.plot(
            clients,
            [levels[str(c)][source]["streams_per_s"] for c in clients],
            "-o",
            color=color,
            label=source,
        )
    left.set_xlabel("concurrent SSE streams")
    left.set_ylabel("ms to first token")
    left.set_yscale("log")
    left.legend(fontsize=8)
    left.set_title("Time to first token")
    right.set_xlabel("concurrent SSE streams")
    right.set_ylabel("completed streams per second")
    right.legend(fontsize=8)
    right.set_title("Throughput")
    return _save(figure, "chat_load.png", section["command"])
