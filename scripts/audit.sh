#!/usr/bin/env bash
# Dependency audit: pip-audit over the backend's environment and `npm audit --omit=dev` over
# the web app's lockfile. Exits 1 when an advisory rated high or critical is found.
#
# An advisory service that cannot be reached (offline, or a registry mirror without the audit
# endpoint) is reported as such, loudly, and does not fail the run: unless
# AUDIT_REQUIRE_SERVICE=1, for a runner that must never pass an audit it could not do.
# A Python advisory whose rating cannot be looked up counts as high: known, unrated, failing.
#
# Environment: PY (the backend's python, default .venv/bin/python), AUDIT_REQUIRE_SERVICE.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PY:-$ROOT/.venv/bin/python}"
REQUIRE="${AUDIT_REQUIRE_SERVICE:-0}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

failed=0
unreached=()

say() { printf 'audit: %s\n' "$*"; }
unreachable() {
  unreached+=("$1")
  say "NOT AUDITED: $1: $2"
  # GitHub shows this on the run's summary page, so a skipped audit is not missed.
  [[ -n "${GITHUB_ACTIONS:-}" ]] && echo "::warning title=Dependency audit skipped::$1: $2"
  return 0
}

python_audit() {
  if ! "$PY" -m pip_audit --version >/dev/null 2>&1; then
    unreachable "python" "pip-audit is not installed in $PY (run 'make setup')"
    return
  fi
  say "pip-audit over $("$PY" -c 'import sys; print(sys.prefix)')"
  # Exit 1 means "vulnerabilities found" as well as "could not ask": the JSON tells them apart.
  "$PY" -m pip_audit --skip-editable --progress-spinner off --desc off -f json \
    -o "$WORK/pip.json" 2>"$WORK/pip.err"
  if ! "$PY" -c 'import json,sys; json.load(open(sys.argv[1]))["dependencies"]' "$WORK/pip.json" 2>/dev/null; then
    unreachable "python" "the advisory service (PyPI) did not answer: $(tail -n 1 "$WORK/pip.err")"
    return
  fi
  "$PY" - "$WORK/pip.json" <<'PYTHON'
"""Rate each advisory pip-audit found with GitHub's rating (through OSV).

Exit 0 clean, 1 high or critical (or unrated) found, 3 nothing could be audited.
"""
import json
import sys
import urllib.error
import urllib.request


def rating(ids):
    """GitHub's rating of the first rated alias (GHSA first); None if none; raise if offline."""
    for vuln_id in sorted(ids, key=lambda i: not i.startswith("GHSA-")):
        try:
            with urllib.request.urlopen(f"https://api.osv.dev/v1/vulns/{vuln_id}", timeout=15) as r:
                record = json.load(r)
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                continue
            raise
        found = (record.get("database_specific") or {}).get("severity")
        if found:
            return found.upper()
    return None


report = json.load(open(sys.argv[1]))["dependencies"]
skipped = [d for d in report if "skip_reason" in d]
audited = [d for d in report if "skip_reason" not in d]
# A mirror without PyPI's JSON API makes pip-audit skip every package and still print
# "No known vulnerabilities found": that is no audit at all.
if not audited:
    print(f"audit: python: all {len(skipped)} packages skipped: {skipped[0]['skip_reason'] if skipped else 'none listed'}")
    sys.exit(3)
if skipped:
    names = ", ".join(d["name"] for d in skipped)
    print(f"audit: python: NOT audited ({len(skipped)}, not on the advisory service): {names}")
found = [(d["name"], d["version"], v) for d in audited for v in d.get("vulns", [])]
failing = False
for name, version, vuln in found:
    try:
        rated = rating([vuln["id"], *vuln.get("aliases", [])]) or "UNRATED (counted as HIGH)"
    except OSError as exc:
        rated = f"UNKNOWN, rating service unreachable ({exc}); counted as HIGH"
    failing |= not rated.startswith(("LOW", "MODERATE", "MEDIUM"))
    fix = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
    print(f"audit: python: {name} {version}: {vuln['id']} {rated} (fixed in: {fix})")
print(f"audit: python: {len(audited)} packages audited, {len(found)} advisories")
sys.exit(1 if failing else 0)
PYTHON
  case $? in
    0) ;;
    3) unreachable "python" "the advisory service (PyPI's JSON API) answered for no package" ;;
    *) failed=1 ;;
  esac
}

npm_audit() {
  local app="$ROOT/frontend"
  if [[ ! -f "$app/package-lock.json" ]]; then
    unreachable "npm" "frontend/package-lock.json is missing"
    return
  fi
  if ! command -v npm >/dev/null; then
    unreachable "npm" "npm is not installed"
    return
  fi
  say "npm audit --omit=dev over frontend/package-lock.json"
  (cd "$app" && npm audit --omit=dev --json >"$WORK/npm.json" 2>"$WORK/npm.err")
  python3 - "$WORK/npm.json" "$WORK/npm.err" <<'PYTHON'
"""Exit 0 clean, 1 high or critical found, 3 the audit endpoint did not answer."""
import json
import sys

try:
    report = json.load(open(sys.argv[1]))
except ValueError:
    report = {}
counts = (report.get("metadata") or {}).get("vulnerabilities")
if report.get("error") or counts is None:
    reason = report.get("message") or open(sys.argv[2]).read().strip().splitlines()[-1:] or "?"
    print(f"audit: npm: {reason}")
    sys.exit(3)
for name, item in sorted((report.get("vulnerabilities") or {}).items()):
    print(f"audit: npm: {name}: {item.get('severity')} ({item.get('range', '')})")
print("audit: npm: " + ", ".join(f"{level} {counts.get(level, 0)}"
                                 for level in ("critical", "high", "moderate", "low")))
sys.exit(1 if counts.get("critical", 0) + counts.get("high", 0) else 0)
PYTHON
  case $? in
    0) ;;
    3) unreachable "npm" "the registry's audit endpoint did not answer (offline, or a mirror without it)" ;;
    *) failed=1 ;;
  esac
}

python_audit
npm_audit

if ((failed)); then
  say "FAILED: high or critical advisories above; upgrade to a fixed version."
  exit 1
fi
if ((${#unreached[@]})); then
  say "passed what could be checked; NOT audited: ${unreached[*]} (see above)."
  [[ "$REQUIRE" == 1 ]] && exit 2
  exit 0
fi
say "no high or critical advisories."
