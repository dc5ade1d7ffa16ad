"""The hostile corpus is built once per session: the 1 GiB bomb takes a second to make."""

from __future__ import annotations

import pytest

from . import corpus


@pytest.fixture(scope="session")
def docx_bombs() -> tuple[bytes, bytes]:
    """(honest, lying): DOCX files whose document.xml inflates to 1 GiB."""
    return corpus.docx_bombs()
