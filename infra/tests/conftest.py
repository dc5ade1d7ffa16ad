"""Shared fixtures: the repository paths and the Terraform parsed with python-hcl2.

python-hcl2 and checkov's fork (bc-python-hcl2) both install a top-level package named
`hcl2`, so run.sh installs python-hcl2 into its own folder (infra/.venv/python-hcl2) and it
is put first on sys.path here; a version check makes a mix-up fail loudly.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

INFRA = Path(__file__).resolve().parents[1]
REPO = INFRA.parent
TERRAFORM = INFRA / "terraform"
MODULES = TERRAFORM / "modules"
PROD = TERRAFORM / "envs" / "prod"

sys.path.insert(0, str(INFRA / ".venv" / "python-hcl2"))

import hcl2  # noqa: E402
from hcl2.utils import SerializationOptions  # noqa: E402

if not hcl2.__version__.startswith("8."):
    raise ImportError(f"python-hcl2 8.x expected, got hcl2 {hcl2.__version__} from {hcl2.__file__}")

_OPTIONS = SerializationOptions(strip_string_quotes=True, with_comments=False)


def load_hcl(path: Path) -> dict[str, Any]:
    """Parse one .tf file into python-hcl2's dict form, with string quotes removed."""
    with path.open(encoding="utf-8") as handle:
        return hcl2.load(handle, serialization_options=_OPTIONS)


@dataclass
class Module:
    """Everything declared in one Terraform folder."""

    path: Path
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    def blocks(self, kind: str) -> list[dict[str, Any]]:
        return [block for doc in self.files.values() for block in doc.get(kind, [])]

    def typed(self, kind: str) -> dict[str, dict[str, Any]]:
        """resource/data blocks as {"type.name": body}."""
        found: dict[str, dict[str, Any]] = {}
        for block in self.blocks(kind):
            for rtype, named in block.items():
                for name, body in named.items():
                    found[f"{rtype}.{name}"] = body
        return found

    @property
    def resources(self) -> dict[str, dict[str, Any]]:
        return self.typed("resource")

    @property
    def data(self) -> dict[str, dict[str, Any]]:
        return self.typed("data")

    @property
    def locals(self) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for block in self.blocks("locals"):
            merged.update({k: v for k, v in block.items() if not k.startswith("__")})
        return merged

    def named(self, kind: str) -> dict[str, dict[str, Any]]:
        """variable/output/module blocks as {name: body}."""
        return {name: body for block in self.blocks(kind) for name, body in block.items()}

    def of_type(self, rtype: str) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in self.resources.items() if k.split(".")[0] == rtype}


def load_module(path: Path) -> Module:
    module = Module(path)
    for tf in sorted(path.glob("*.tf")):
        module.files[tf.name] = load_hcl(tf)
    return module


@pytest.fixture(scope="session")
def modules() -> dict[str, Module]:
    return {p.name: load_module(p) for p in sorted(MODULES.iterdir()) if p.is_dir()}


@pytest.fixture(scope="session")
def prod() -> Module:
    return load_module(PROD)


@pytest.fixture(scope="session")
def all_resources(modules: dict[str, Module], prod: Module) -> dict[str, dict[str, Any]]:
    """Every resource of every module and the root, keyed "folder:type.name"."""
    found: dict[str, dict[str, Any]] = {}
    for mod in [*modules.values(), prod]:
        for key, body in mod.resources.items():
            found[f"{mod.path.name}:{key}"] = body
    return found


def refs(expression: Any, kind: str) -> list[str]:
    """Names referenced as `<kind>.<name>` inside an HCL expression string."""
    return re.findall(rf"\b{kind}\.([A-Za-z_][A-Za-z0-9_]*)", str(expression))


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
