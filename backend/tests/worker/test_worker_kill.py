"""A worker killed with SIGKILL mid-document: nothing half-indexed shows, the job still ends."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from processes import start, stop, wait_for

from chatgepeto.services.container import Services
from chatgepeto.storage.types import DocumentStatus

LEASE_S = 4
# Enough paragraphs for several embedding batches, so the kill lands between two of them.
PARAGRAPH = (
    "A fotossíntese converte a energia da luz em energia química armazenada na glicose. "
    "Nos cloroplastos, a clorofila absorve a luz vermelha e azul e reflete a verde, por isso "
    "as folhas parecem verdes. A água é quebrada na fase clara e libera oxigênio, enquanto "
    "o ciclo de Calvin fixa o gás carbônico no estroma usando ATP e NADPH. "
)
DOCUMENT = "\n\n".join(f"## Seção {i}\n\n{PARAGRAPH * 2}" for i in range(20))


@pytest.mark.slow
def test_sigkill_mid_job_leaves_nothing_half_indexed_and_the_job_ends(
    services: Services, tmp_path: Path
) -> None:
    store = services.store
    document = services.library.upload("aula.md", DOCUMENT.encode(), None).document
    log = tmp_path / "worker.log"
    first = start(["worker"], services.settings, log, job_lease_s=LEASE_S, worker_poll_s=0.2)

    def started() -> bool:
        current = store.documents.get_document(document.id)
        return current.status is DocumentStatus.PROCESSING and current.progress > 0

    try:
        wait_for(started, 180, "the worker to embed its first batch")
    finally:
        stop(first, signal.SIGKILL)
    killed_at = time.monotonic()
    interrupted = store.documents.get_document(document.id)
    assert interrupted.status is DocumentStatus.PROCESSING and interrupted.chunk_count == 0
    assert (
        store.passages.count_chunks() == 0
    )  # the chunks are written in one transaction, or not at all

    second = start(["worker"], services.settings, log, job_lease_s=LEASE_S, worker_poll_s=0.2)
    try:
        final = wait_for(
            lambda: (
                (d := store.documents.get_document(document.id)).status
                in (DocumentStatus.READY, DocumentStatus.FAILED)
                and d
            ),
            LEASE_S + 240,
            "the job to end ready or failed",
        )
    finally:
        stop(second)
    assert final.status is DocumentStatus.READY, log.read_text()[-2000:]
    assert final.chunk_count == store.passages.count_chunks() > 0
    assert time.monotonic() - killed_at < LEASE_S + 240
