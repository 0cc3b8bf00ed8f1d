#!/usr/bin/env bash
# Regenerates the numbers quoted in the prose of docs/*.md and README.md — each written between
# `<!--fig RUN SCENARIO METRIC[:FIELD] FORMAT-->` and `<!--/fig-->` — from runs of this build
# (analysis/mentorsim_analysis/doc_figures.py lists the runs and formats).
#
#   docs/regenerate-figures.sh [MENTORSIM]           # default: build/release/mentorsim
#   docs/regenerate-figures.sh --check [MENTORSIM]   # exit 1 if a quoted number is stale (a test)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=regenerate
if [ "${1:-}" = "--check" ]; then mode=check; shift; fi
bin=${1:-build/release/mentorsim}
[ -x "$bin" ] || { echo "no $bin: build first (cmake --build --preset release)" >&2; exit 2; }
python=${MENTORSIM_PYTHON:-/usr/bin/python3}
PYTHONPATH="$PWD/analysis${PYTHONPATH:+:$PYTHONPATH}" exec "$python" -m mentorsim_analysis.doc_figures \
  "$mode" "$(realpath "$bin")" --source-dir "$PWD"
