#!/usr/bin/env bash
# Regenerates the robustness table quoted in docs/sensitivity.md — the text between the
# `<!-- uncertainty-example:begin -->` and `<!-- uncertainty-example:end -->` markers — from the
# bundled uncertainty study with this build: the five bundled models under the 64 draws of
# scenarios/uncertainty/assumed.toml (1,280 runs; a few minutes on 2 cores).
#
#   docs/regenerate-uncertainty.sh [MENTORSIM]           # default: build/release/mentorsim
#   docs/regenerate-uncertainty.sh --check [MENTORSIM]   # exit 1 if the quoted block is stale
#
# The check is a long test (ctest --preset long); results are bit-identical for any build and
# thread count. The quoted block is the preamble and the metrics listed in METRICS below.
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
if [ "${1:-}" = "--check" ]; then check=1; shift; fi
bin=${1:-build/release/mentorsim}
[ -x "$bin" ] || { echo "no $bin: build first (cmake --build --preset release)" >&2; exit 2; }
METRICS="served_within_13w_share mean_effective_coverage peak_burned_out_load_carrier_share
isolation_events_total final_competent_share effective_coverage_weeks_per_senior_hour"
table=$("$bin" compare scenarios/compare/00_one_on_one.toml scenarios/compare/10_group_cohort.toml \
  scenarios/compare/20_peer_pod.toml scenarios/compare/30_constellation.toml \
  scenarios/compare/40_ecosystem.toml --uncertain scenarios/uncertainty/assumed.toml \
  --metrics "$(echo $METRICS | tr ' ' ',')" -f text 2>/dev/null)
CHECK=$check TABLE="$table" /usr/bin/python3 - <<'PY'
import os
lines = os.environ["TABLE"].splitlines()
start = next(i for i, l in enumerate(lines) if l.startswith("Which differences survive"))
block = "```\n" + "\n".join(lines[start:]).rstrip() + "\n```\n"
path = "docs/sensitivity.md"
text = open(path).read()
begin, end = "<!-- uncertainty-example:begin -->\n", "<!-- uncertainty-example:end -->"
i, j = text.index(begin) + len(begin), text.index(end)
if os.environ["CHECK"] == "1":
    if text[i:j] != block:
        raise SystemExit(f"{path}: the quoted robustness table is stale; regenerate it with "
                         "docs/regenerate-uncertainty.sh")
    print(f"{path}: the quoted robustness table is current")
else:
    open(path, "w").write(text[:i] + block + text[j:])
    print(f"{path}: {block.count(chr(10)) - 2} lines of the bundled uncertainty study")
PY
