"""Lint: a route under api/routes never reaches storage; it calls a service.

import-linter sees imports, not attribute access: `services().store.delete_document(...)` needs
no import of `chatgepeto.storage`. This walks each route module's syntax tree and reports every
`.store` attribute and every `store` name. Run by `make lint` and by tests/test_lint_routes.py.

    python backend/lint/routes_reach_no_store.py [ROUTES_DIR]
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROUTES = Path(__file__).resolve().parents[1] / "src" / "chatgepeto" / "api" / "routes"
# Routes written before this check, each to move behind its service; the test fails once one is
# clean and still listed, so the list only shrinks.
PENDING: dict[str, str] = {}


def violations(source: str, filename: str = "<route>") -> list[str]:
    """`file:line: ...` for every place the module's code touches a store."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Attribute) and node.attr in {"store", "_store"}:
            found.append(f"{filename}:{node.lineno}: .{node.attr} (call a service instead)")
        elif isinstance(node, ast.Name) and node.id == "store":
            found.append(f"{filename}:{node.lineno}: store (call a service instead)")
    return found


def check(routes: Path = ROUTES, pending: dict[str, str] | None = None) -> list[str]:
    """Every violation in the route modules under `routes`, but for the pending ones."""
    skip = PENDING if pending is None else pending
    return [
        line
        for path in sorted(routes.glob("*.py"))
        if path.name not in skip
        for line in violations(path.read_text("utf-8"), str(path))
    ]


def main(argv: list[str]) -> int:
    """Print the violations; 1 when there are any."""
    found = check(Path(argv[1]) if len(argv) > 1 else ROUTES)
    for line in found:
        print(line)
    if found:
        print(
            f"{len(found)} route(s) reach storage: move the call into services/ (CONTRIBUTING.md)"
        )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
