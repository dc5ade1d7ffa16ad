"""Parsing in a fresh child interpreter, under an address-space and a wall-time limit.

A hostile file (a PDF whose streams inflate to gigabytes, a page that renders to billions of
pixels) then costs one child process, never the worker: the child is killed at its limits
and the document fails with a reason. The child is spawned, not forked, so its address space
holds the parsers alone and not the worker's embedding model and thread pools.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import os
import pickle
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import chatgepeto
from chatgepeto.errors import IngestError
from chatgepeto.ingest.parse import IngestLimits, assess_quality, parse_document
from chatgepeto.ingest.types import Block, ParsedDocument

logger = logging.getLogger(__name__)

# What the child may hand back: the parse's own data types and nothing else.
_RESULT_TYPES = {(cls.__module__, cls.__qualname__) for cls in (Block, ParsedDocument)}
# Environment the child keeps: what Python, the locale and tesseract need, no secret.
_CHILD_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "LD_LIBRARY_PATH")
_CHILD_ENV_PREFIXES = ("TESS", "OMP_")  # TESSDATA_PREFIX, OMP_THREAD_LIMIT
# A crashed allocation: PDFium and glibc abort (or fault) when an allocation fails.
_MEMORY_SIGNALS = {signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS, signal.SIGKILL, signal.SIGTRAP}


@dataclass(frozen=True)
class SandboxLimits:
    """What one parse may use: address space (MB) and wall-clock seconds."""

    memory_mb: int = 1024
    time_limit_s: float = 900.0

    def __post_init__(self) -> None:
        if self.memory_mb < 64 or self.time_limit_s <= 0:
            raise ValueError(
                f"memory_mb must be >= 64 and time_limit_s > 0, got {self.memory_mb} "
                f"and {self.time_limit_s}"
            )


def memory_error(limit_mb: int) -> IngestError:
    """The child passed its memory limit (or died the way a failed allocation dies)."""
    return IngestError(
        f"O arquivo usou memória demais ao ser lido (mais de {limit_mb} MB) e a leitura foi "
        "interrompida. Ele pode estar corrompido ou ter sido montado para travar leitores: "
        "abra-o no programa em que foi criado, exporte de novo (por exemplo, “Salvar como "
        f"PDF”) ou divida-o em partes e envie. / Reading the file used over {limit_mb} MB.",
        code="ingest:memory",
    )


def parse_timeout_error(limit_s: float) -> IngestError:
    """The child passed its wall-time limit."""
    shown = f"{limit_s / 60:.0f} min" if limit_s >= 120 else f"{limit_s:.0f} s"
    return IngestError(
        f"A leitura deste arquivo passou do limite de {shown} e foi interrompida. Ele pode "
        "estar corrompido ou ser grande demais: divida-o em partes menores (um PDF com texto, "
        f"sem páginas digitalizadas, é bem mais rápido) e envie de novo. / Parsing took over "
        f"{shown}.",
        code="ingest:parse_timeout",
    )


def _crash_error() -> IngestError:
    return IngestError(
        "O leitor deste arquivo parou de forma inesperada. Verifique se ele abre normalmente, "
        "salve-o de novo no programa em que foi criado e envie outra vez. "
        "/ The parser stopped unexpectedly.",
        code="ingest:parse_crashed",
    )


class _ResultUnpickler(pickle.Unpickler):
    """Rebuilds only the parse's data types: the child read a hostile file."""

    def find_class(self, module: str, name: str) -> type:
        if (module, name) not in _RESULT_TYPES:
            raise pickle.UnpicklingError(f"unexpected type in a parse result: {module}.{name}")
        return super().find_class(module, name)


def _child_env() -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key in _CHILD_ENV or key.startswith(_CHILD_ENV_PREFIXES)
    }
    source = str(Path(chatgepeto.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (source, os.environ.get("PYTHONPATH")) if p)
    return env


def _end(child: subprocess.Popen[bytes]) -> None:
    """Kill the child's process group (a tesseract it started included)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)
    child.wait()


def parse_isolated(
    data: bytes,
    filename: str,
    limits: IngestLimits | None = None,
    sandbox: SandboxLimits | None = None,
) -> ParsedDocument:
    """`parse_document` in a child interpreter (the quality check here, on its text): its
    limits passed become an IngestError."""
    sandbox = sandbox or SandboxLimits()
    payload = pickle.dumps((data, filename, limits, sandbox), protocol=pickle.HIGHEST_PROTOCOL)
    command = [sys.executable, "-m", __name__]
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=_child_env(),
        start_new_session=True,
    ) as child:  # fmt: skip
        try:
            out, _ = child.communicate(payload, timeout=sandbox.time_limit_s)
        except subprocess.TimeoutExpired:
            raise parse_timeout_error(sandbox.time_limit_s) from None
        finally:
            _end(child)  # also on the worker's own time limit (JobTimeout) mid-wait
    return assess_quality(_result(child.returncode, out, sandbox))


def _result(returncode: int, out: bytes, sandbox: SandboxLimits) -> ParsedDocument:
    if returncode == -signal.SIGXCPU:
        raise parse_timeout_error(sandbox.time_limit_s)
    if returncode < 0 and -returncode in _MEMORY_SIGNALS:
        logger.warning("the parse child died of signal %s", -returncode)
        raise memory_error(sandbox.memory_mb)
    try:
        result = _ResultUnpickler(io.BytesIO(out)).load() if returncode == 0 else None
    except Exception:
        logger.warning("unreadable answer from the parse child", exc_info=True)
        result = None
    if not isinstance(result, tuple) or not result:
        logger.warning("the parse child exited %s without an answer", returncode)
        raise _crash_error()
    if result[0] == "ok" and isinstance(result[1], ParsedDocument):
        return result[1]
    if result[0] == "error":
        raise IngestError(str(result[1]), code=str(result[2]))
    if result[0] == "memory":
        raise memory_error(sandbox.memory_mb)
    raise _crash_error()


def _limit(sandbox: SandboxLimits) -> None:
    """Cap this process: address space, and CPU seconds in case the worker died."""
    memory = sandbox.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = math.ceil(sandbox.time_limit_s) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))


def _child() -> int:
    """The child's side: read the request on stdin, answer on stdout, nothing else."""
    answer = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a library that prints must not corrupt the answer
    logging.basicConfig(level=logging.WARNING, format="parse child: %(levelname)s %(message)s")
    data, filename, limits, sandbox = pickle.load(sys.stdin.buffer)  # from the worker
    _limit(sandbox)
    result: tuple[object, ...]
    try:
        result = ("ok", parse_document(data, filename, limits, assess=False))
    except IngestError as exc:
        result = ("error", exc.message, exc.code)
    except MemoryError:
        result = ("memory",)
    del data
    pickle.dump(result, answer, protocol=pickle.HIGHEST_PROTOCOL)
    answer.close()
    return 0


if __name__ == "__main__":
    sys.exit(_child())
