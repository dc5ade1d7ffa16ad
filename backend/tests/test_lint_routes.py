"""The route lint (lint/routes_reach_no_store.py): routes reach storage only through services."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "lint" / "routes_reach_no_store.py"
_spec = importlib.util.spec_from_file_location("routes_reach_no_store", _PATH)
assert _spec is not None and _spec.loader is not None
lint = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lint)


def test_no_route_touches_a_store() -> None:
    assert lint.check() == []


def test_pending_routes_still_need_their_service() -> None:
    # Once a pending route calls its service, drop it from PENDING.
    for name in lint.PENDING:
        assert lint.violations((lint.ROUTES / name).read_text("utf-8")), name
    if lint.PENDING:  # listed ones are really skipped (none left once every route is clean)
        assert set(lint.check(pending={})) - set(lint.check())


@pytest.mark.parametrize(
    "code",
    [
        "def view():\n    return services().store.list_collections()\n",
        "def view():\n    store = services().library\n    return store\n",
        "def view(s):\n    return s._store.get_chunk('x')\n",
    ],
)
def test_a_route_reaching_storage_is_reported(code: str, tmp_path: Path) -> None:
    assert lint.violations(code, "bad.py")[0].startswith("bad.py:2:")
    (tmp_path / "bad.py").write_text(code)
    assert lint.main(["lint", str(tmp_path)]) == 1


def test_service_calls_pass(tmp_path: Path) -> None:
    code = "def view():\n    return services().library.list_collections()\n"
    assert lint.violations(code) == []
    (tmp_path / "good.py").write_text(code)
    assert lint.main(["lint", str(tmp_path)]) == 0
