"""Chat under load: a real `chatgepeto serve --workers 2` against a paced local LLM server.

Per level of concurrency (1, 10, 50 streams at once, each thread asking one question after
another), the same number of clients first stream straight from the LLM server (the
baseline: its own time to first token and throughput), then through the backend's
/api/chat SSE. "Backend adds" is the difference of the two at the same concurrency.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

from chatgepeto.evaluation.dataset import load_corpus, load_queries
from chatgepeto.evaluation.metrics import percentile

from bench.layout import ROOT, eval_split
from bench.query_embedding import query_batching
from bench.sse_client import Stream, chat_stream, issued_client_id, llm_stream

LEVELS = {1: 20, 10: 4, 50: 3}  # concurrent streams -> questions each thread asks in turn
TOKENS, INTERVAL_MS = 20, 20.0
COURSE_DOCS = 5
WORKERS = 2
ADMIN_TOKEN = uuid.uuid4().hex  # the teacher credential uploads need


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_llm() -> tuple[subprocess.Popen[str], int]:
    """The paced LLM server in its own process; (process, port)."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bench.llm_server",
            "--tokens",
            str(TOKENS),
            "--interval-ms",
            str(INTERVAL_MS),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    return process, int(process.stdout.readline())


def start_backend(
    data_dir: Path, llm_port: int | None, workers: int = WORKERS, query_cache: bool = True
) -> tuple[subprocess.Popen[bytes], int]:
    """`chatgepeto serve` with the LLM pointed at the paced server (none: extractive answers);
    returned once /api/health answers."""
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"LLM_API_KEY", "GROQ_API_KEY", "DATABASE_URL", "REDIS_URL"}
    }
    # One machine plays every student: the per-address ceilings (meant for a school behind one
    # NAT: requests, and the tokens of new clients) are lifted; per-client limits stay, and
    # every request is a new client with an id the backend issued.
    env.update(
        CHATGEPETO_DATA_DIR=str(data_dir),
        CHATGEPETO_SAMPLE_COURSE="0",
        WORKER_POLL_S="0.2",
        LOG_LEVEL="WARNING",
        ADMIN_TOKEN=ADMIN_TOKEN,
        ADDRESS_RATE_LIMIT="1000000/minute",
        LLM_ADDRESS_DAILY_TOKEN_BUDGET="0",
        LLM_GLOBAL_DAILY_TOKEN_BUDGET="0",
        # and so is the cap on answers in progress per address (64 a process), so a level
        # past it measures the server, not the cap.
        CHAT_STREAMS_PER_ADDRESS="100000",
    )
    if not query_cache:  # the levels measure questions the backend has not seen
        env["QUERY_CACHE_SIZE"] = "0"
    if llm_port is not None:
        env.update(
            LLM_API_KEY="bench-key",
            LLM_BASE_URL=f"http://127.0.0.1:{llm_port}/v1",
            LLM_MODEL="bench",
        )
    binary = Path(sys.executable).with_name("chatgepeto")
    command = [str(binary), "serve", "--host", "127.0.0.1", "--port", str(port)]
    # The child keeps its own copy of the log's descriptor; ours closes at once.
    with open(data_dir / "serve.log", "wb") as log:
        process = subprocess.Popen(
            [*command, "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL, stderr=log
        )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError((data_dir / "serve.log").read_text()[-3000:])
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2):
                return process, port
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("chatgepeto serve did not answer /api/health within 120 s")


def stop(process: subprocess.Popen[Any]) -> None:
    """SIGTERM, then SIGKILL if it lingers."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def upload(port: int, name: str, text: str) -> str:
    """POST /api/documents (multipart) with one text file; the document id."""
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="{name}"\r\nContent-Type: text/plain\r\n\r\n'
    ).encode()
    body += text.encode("utf-8") + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/documents",
        data=body,
        method="POST",
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Authorization": f"Bearer {ADMIN_TOKEN}",
        },
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return str(json.loads(response.read())["id"])


def index_course(port: int) -> tuple[list[str], int]:
    """Upload a few FaQuAD documents, wait for the worker; their questions and chunk count."""
    corpus = load_corpus(eval_split("dev")[0])
    chosen = sorted(corpus, key=lambda d: len(d.text))[len(corpus) // 2 :][:COURSE_DOCS]
    ids = [upload(port, f"{doc.title}.txt", doc.text) for doc in chosen]
    chunks, deadline = 0, time.monotonic() + 900
    for document_id in ids:
        while True:
            url = f"http://127.0.0.1:{port}/api/documents/{document_id}"
            with urllib.request.urlopen(url, timeout=30) as response:
                document = json.loads(response.read())
            if document["status"] in {"ready", "failed"}:
                break
            if time.monotonic() > deadline:
                raise TimeoutError("the course was not indexed within 15 minutes")
            time.sleep(0.3)
        if document["status"] != "ready":
            raise RuntimeError(f"course document failed: {document}")
        chunks += int(document["chunks"])
    wanted = {doc.doc_id for doc in chosen}
    questions = [q.question for q in load_queries(eval_split("dev")[1]) if q.doc_id in wanted]
    random.Random(3).shuffle(questions)
    return questions, chunks


def tree_rss_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants (gunicorn workers, the worker)."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total / 2**20


def tree_cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process and its live descendants."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def embedding_cpu_ms(questions: list[str]) -> float:
    """Median CPU milliseconds (all threads) the configured model spends on one question."""
    from chatgepeto.embeddings.factory import build_embedder
    from chatgepeto.settings import Settings

    embedder = build_embedder(Settings())
    embedder.embed_query("aquecimento")
    spent = []
    for question in questions[:20]:
        started = time.process_time()
        embedder.embed_query(question)
        spent.append((time.process_time() - started) * 1000)
    return round(percentile(spent, 50), 1)


class PeakSampler:
    """Samples the tree's RSS every 100 ms in a thread; `peak` is the highest seen."""

    def __init__(self, pid: int) -> None:
        self._pid, self.peak = pid, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, tree_rss_mib(self._pid))

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def load(clients: int, rounds: int, call: Callable[[int, int], Stream]) -> dict[str, Any]:
    """`clients` threads, released together, each making `rounds` calls one after another."""
    results: list[Stream] = []
    lock, gate = threading.Lock(), threading.Barrier(clients + 1)

    def client(number: int) -> None:
        gate.wait()
        for turn in range(rounds):
            stream = call(number, turn)
            with lock:
                results.append(stream)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    gate.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return summarise(results, time.perf_counter() - started)


def summarise(results: list[Stream], wall_s: float) -> dict[str, Any]:
    """Errors, TTFT percentiles, throughput of one level."""
    good = [r for r in results if r.ok]
    ttft = [r.ttft_s * 1000 for r in good if r.ttft_s is not None]
    errors = [r.error or "unknown" for r in results if not r.ok]
    return {
        "requests": len(results),
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:3],
        "ttft_ms": {"p50": round(percentile(ttft, 50), 1), "p95": round(percentile(ttft, 95), 1)},
        "stream_ms_p50": round(percentile([r.total_s * 1000 for r in good], 50), 1),
        "streams_per_s": round(len(good) / wall_s, 2),
        "tokens_per_s": round(sum(r.tokens for r in good) / wall_s, 1),
        "modes": {m: sum(1 for r in good if r.mode == m) for m in {r.mode for r in good if r.mode}},
        "wall_s": round(wall_s, 2),
    }


def answered(port: int, questions: list[str], wanted: int) -> list[str]:
    """Questions the backend answers with the LLM (not refused), asked four at a time; this
    also warms both gunicorn workers (each loads its embedder on first use)."""
    kept: list[str] = []
    for start in range(0, len(questions), 4):
        batch = questions[start : start + 4]
        streams: list[Stream] = [Stream(False)] * len(batch)

        def ask(i: int, question: str, into: list[Stream] = streams) -> None:
            into[i] = chat_stream(port, question, issued_client_id(port))

        threads = [threading.Thread(target=ask, args=(i, q)) for i, q in enumerate(batch)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        kept += [q for q, s in zip(batch, streams, strict=True) if s.ok and s.mode == "llm"]
        if len(kept) >= wanted:
            break
    return kept


def measure_levels(
    port: int,
    llm_port: int,
    pid: int,
    llm_pid: int,
    questions: list[str],
    plan: dict[int, int] | None = None,
) -> dict[str, Any]:
    """Direct-to-LLM then through the backend, at every level; CPU per stream of each."""
    levels = {}
    for clients, rounds in (plan or LEVELS).items():
        cpu = tree_cpu_s(llm_pid)
        direct = load(clients, rounds, lambda n, t: llm_stream(llm_port))
        direct["cpu_ms_per_stream"] = round((tree_cpu_s(llm_pid) - cpu) * 1000 / clients / rounds)

        ids = [issued_client_id(port) for _ in range(clients * rounds)]  # before the clock

        def ask(n: int, t: int, c: int = clients, ids: list[str] = ids) -> Stream:
            return chat_stream(port, questions[(n + t * c) % len(questions)], ids[n + t * c])

        cpu = tree_cpu_s(pid)
        with PeakSampler(pid) as sampler:
            backend = load(clients, rounds, ask)
        backend["cpu_ms_per_stream"] = round((tree_cpu_s(pid) - cpu) * 1000 / clients / rounds)
        backend["rss_peak_mib"] = round(sampler.peak, 1)
        backend["adds_ttft_ms"] = {
            q: round(backend["ttft_ms"][q] - direct["ttft_ms"][q], 1) for q in ("p50", "p95")
        }
        levels[str(clients)] = {"direct_llm": direct, "backend": backend}
    return levels


def llm_stats(llm_port: int) -> dict[str, int]:
    """The paced LLM server's count of calls and prompt characters so far."""
    with urllib.request.urlopen(f"http://127.0.0.1:{llm_port}/stats", timeout=10) as response:
        return dict(json.loads(response.read()))


def prompt_size(before: dict[str, int], after: dict[str, int]) -> dict[str, Any]:
    """Prompt characters and estimated tokens per LLM call (the product's own estimate)."""
    from chatgepeto.services.metering import tokens

    calls = after["calls"] - before["calls"]
    chars = (after["prompt_chars"] - before["prompt_chars"]) / max(1, calls)
    return {"calls": calls, "chars_per_call": round(chars), "tokens_per_call": tokens(int(chars))}


def cached_level(folder: Path, llm_port: int, llm_pid: int, questions: list[str]) -> dict[str, Any]:
    """The cache's effect on its own: a serve with the question cache on, over the same
    database, asked the warm-up's questions again at the top level (every one seen)."""
    backend, port = start_backend(folder, llm_port)
    try:
        answered(port, questions + questions, len(questions) * 2)  # both workers see them
        clients = max(LEVELS)
        rounds = LEVELS[clients]
        return measure_levels(port, llm_port, backend.pid, llm_pid, questions, {clients: rounds})
    finally:
        stop(backend)


def run(log: Any) -> dict[str, Any]:
    """The chat-under-load section of the report."""
    llm, llm_port = start_llm()
    with tempfile.TemporaryDirectory(prefix="bench-chat-") as folder:
        backend, port = None, 0
        try:
            backend, port = start_backend(Path(folder), llm_port, query_cache=False)
            rss_started = tree_rss_mib(backend.pid)
            log("chat: indexing a small course through the API")
            questions, chunks = index_course(port)
            log("chat: warming up, keeping questions the course answers")
            before = llm_stats(llm_port)
            questions = answered(port, questions, 60)
            prompts = prompt_size(before, llm_stats(llm_port))
            time.sleep(2)
            rss_idle = tree_rss_mib(backend.pid)
            log(f"chat: {len(questions)} questions; levels {list(LEVELS)}, question cache off")
            levels = measure_levels(port, llm_port, backend.pid, llm.pid, questions)
            stop(backend)
            backend = None
            log("chat: the question cache on, the same questions again")
            cached = cached_level(Path(folder), llm_port, llm.pid, questions)
        finally:
            if backend is not None:
                stop(backend)
            stop(llm)
    log("chat: question embedding, one at a time against micro-batched")
    batching = query_batching([q.question for q in load_queries(eval_split("dev")[1])])
    return {
        "gunicorn_workers": WORKERS,
        "threads_per_worker": 32,
        "llm": {"tokens": TOKENS, "interval_ms": INTERVAL_MS},
        "course_chunks": chunks,
        "questions": len(questions),
        "query_embedding_cpu_ms": embedding_cpu_ms(questions),
        "rss_mib": {"started": round(rss_started, 1), "idle_warm": round(rss_idle, 1)},
        "levels": levels,
        "question_cache": "off in levels (QUERY_CACHE_SIZE=0)",
        "llm_prompt": prompts,
        "levels_cached": cached,
        "query_batching": batching,
    }
