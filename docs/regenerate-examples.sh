#!/usr/bin/env bash
# Regenerates the example output quoted in docs/compare.md — the text between the
# `<!-- compare-example:begin -->` and `<!-- compare-example:end -->` markers — from a run of the
# bundled comparison with this build, so the numbers quoted there come from this version.
#
#   docs/regenerate-examples.sh [MENTORSIM]           # default: build/release/mentorsim
#   docs/regenerate-examples.sh --check [MENTORSIM]   # exit 1 if the quoted block is stale (a test)
#
# Every build gives the same numbers (results are bit-identical for any build and thread count).
# The quoted blocks are the header (scenarios and the input each used) and the metrics listed in
# BLOCKS below, in that order.
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
if [ "${1:-}" = "--check" ]; then check=1; shift; fi
bin=${1:-build/release/mentorsim}
[ -x "$bin" ] || { echo "no $bin: build first (cmake --build --preset release)" >&2; exit 2; }
BLOCKS="served_within_13w_share mean_effective_coverage peak_burned_out_load_carrier_share
shock1/vs_twin/served_learners_lost_13w shock1/vs_twin/orphaned_learners_0w
effective_coverage_weeks_per_senior_hour"
table=$("$bin" compare scenarios/compare/*.toml 2>/dev/null)
CHECK=$check BLOCKS="$BLOCKS" TABLE="$table" /usr/bin/python3 - <<'PY'
import os, re
table = os.environ["TABLE"].splitlines()
wanted = os.environ["BLOCKS"].split()
# The header: everything before the first "== Theme ==" heading.
first = next(i for i, l in enumerate(table) if l.startswith("== "))
out = table[:first]
while out and not out[-1].strip():
    out.pop()
for name in wanted:
    start = next(i for i, l in enumerate(table) if l.startswith(name + " ["))
    end = start + 1
    while end < len(table) and table[end].strip() and not table[end].startswith("=="):
        end += 1
    heading = next(l for l in reversed(table[:start]) if l.startswith("== "))
    if heading not in out:
        out += ["", heading]
    out += [""] + table[start:end]
block = "```\n" + "\n".join(out).rstrip() + "\n```\n"
path = "docs/compare.md"
text = open(path).read()
begin, end = "<!-- compare-example:begin -->\n", "<!-- compare-example:end -->"
i, j = text.index(begin) + len(begin), text.index(end)
if os.environ["CHECK"] == "1":
    if text[i:j] != block:
        raise SystemExit(f"{path}: the quoted comparison is stale; regenerate it with "
                         "docs/regenerate-examples.sh")
    print(f"{path}: the quoted comparison is current")
else:
    open(path, "w").write(text[:i] + block + text[j:])
    print(f"{path}: {len(out)} lines of `mentorsim compare scenarios/compare/*.toml`")
PY
