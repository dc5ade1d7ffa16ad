#!/usr/bin/env bash
# Load the files beside this script into the collection "exemplo", once: only when the store holds
# no documents, and never again after that (a marker in the data folder remembers).
# Usage: scripts/sample-course/load.sh APP_URL   (CHATGEPETO_SAMPLE_COURSE=0 skips it)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
APP_URL="${1:?usage: load.sh APP_URL}"
DATA_DIR="${CHATGEPETO_DATA_DIR:-$ROOT/data}"
MARKER="$DATA_DIR/.sample-course-loaded"
COURSE=exemplo

case "${CHATGEPETO_SAMPLE_COURSE:-1}" in 0 | false | False | no | off) exit 0 ;; esac
[[ -f "$MARKER" ]] && exit 0

auth=()
if [[ -n "${ADMIN_TOKEN:-}" ]]; then auth=(-H "Authorization: Bearer $ADMIN_TOKEN"); fi

listing="$(curl -fsS "${auth[@]}" "$APP_URL/api/documents")"
if ! grep -q '"documents": *\[ *\]' <<<"$listing"; then
  touch "$MARKER" # A store that already has material never gets the sample.
  exit 0
fi

echo "run: loading the sample course into \"$COURSE\""
# Open to anyone (aberto): a local demo needs no join link. Its id is the name and a suffix.
created="$(curl -sS -w '\n%{http_code}' "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"name\": \"$COURSE\", \"visibility\": \"aberto\"}" "$APP_URL/api/collections")"
status="${created##*$'\n'}"
if [[ "$status" != 201 ]]; then
  echo "run: creating the course \"$COURSE\" answered HTTP $status" >&2
  exit 1
fi
course_id="$(sed -n 's/.*"id": *"\([^"]*\)".*/\1/p' <<<"${created%$'\n'*}")"
for file in "$ROOT"/scripts/sample-course/*; do
  [[ "$file" == *.md || "$file" == *.pdf ]] || continue
  curl -fsS -o /dev/null "${auth[@]}" -F "file=@$file" -F "collection=$course_id" "$APP_URL/api/documents"
  echo "run:   + $(basename "$file")"
done
touch "$MARKER"
