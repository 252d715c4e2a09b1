#!/usr/bin/env bash
# make check-wheel: install thidua as a wheel (not editable) into a fresh venv and run it from a
# folder outside the checkout: --help, db upgrade (migrations), plan import and extract (pattern
# files, the packaged default units file), and the review page's templates and static files.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
PORT="${CHECK_WHEEL_PORT:-8765}"
trap 'kill "${SERVER:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q -c "$ROOT/requirements.lock" "$ROOT"
BIN="$WORK/venv/bin"
cd "$WORK"
export THIDUA_DATA_DIR="$WORK/data" THIDUA_SECRET_KEY=check-wheel
unset THIDUA_UNITS_FILE THIDUA_DATABASE_URL THIDUA_INBOX THIDUA_ORIGINALS
"$BIN/python" - <<'PY'
import thidua.core.settings as s
assert "site-packages" in str(s.DEFAULT_UNITS_FILE) and s.Settings.from_env().units_file.is_file()
PY
"$BIN/thidua" --help >/dev/null
"$BIN/thidua" db upgrade
"$BIN/thidua" plan import "$ROOT/sample_docs/plan/ke_hoach_cum_thi_dua_2022.docx"
"$BIN/thidua" extract --json "$ROOT/sample_docs/reports/hoa_an_6m_2022.docx" > extract.json
"$BIN/python" -c "import json; d = json.load(open('extract.json')); assert d, 'no findings'"
"$BIN/thidua" review --port "$PORT" > review.log 2>&1 &
SERVER=$!
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/login" > login.html && break; sleep 0.5; done
grep -q "<form" login.html
curl -sf "http://127.0.0.1:$PORT/static/review.css" > /dev/null
echo "check-wheel: OK (installed wheel runs outside the checkout)"
