"""Print the provenance and the runs table of a mentorsim result file (`run` or `compare`), or
the provenance and points of a sweep (its directory or index.h5).

Usage: python3 -m mentorsim_analysis.summary FILE.h5|SWEEP_DIR
"""

from __future__ import annotations

import os
import sys

import pandas as pd

import h5py

from .compare import COMPARE_FORMAT, load_compare
from .loader import provenance, runs
from .sweep import SWEEP_FORMAT, load_sweep


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = args[0]
    try:
        if os.path.isdir(path):
            file_format = SWEEP_FORMAT
        else:
            with h5py.File(path, "r") as f:
                file_format = f.attrs.get("format")
                if isinstance(file_format, bytes):
                    file_format = file_format.decode()
        if file_format == SWEEP_FORMAT:
            sweep = load_sweep(path)
            info, table = sweep.provenance, sweep.points
        elif file_format == COMPARE_FORMAT:
            comparison = load_compare(path, series=[])
            info, table = comparison.provenance, comparison.runs
        else:
            info = provenance(path)
            table = runs(path)
    except (OSError, ValueError, KeyError) as e:
        print(f"{path}: {e}", file=sys.stderr)
        return 1
    for key in ("version", "git_commit", "created_utc", "command_line", "threads"):
        print(f"{key}: {info.get(key, '')}")
    print()
    with pd.option_context("display.width", 120, "display.max_columns", None):
        print(table.to_string(index=False))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        sys.stderr.close()
        sys.exit(0)
