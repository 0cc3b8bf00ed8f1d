"""Print the provenance and the runs table of a mentorsim result file (`run` or `compare`), or
the provenance and points of a sweep (its directory or index.h5).

Usage: python3 -m mentorsim_analysis.summary FILE.h5|SWEEP_DIR
       (mentorsim-summary FILE.h5|SWEEP_DIR where the package is installed)
"""

from __future__ import annotations

import os
import sys

import pandas as pd

from .compare import load_compare
from .formats import file_kind
from .loader import provenance, runs
from .sweep import load_sweep


def main(argv=None) -> int:
    """Print the summary of the one path in ``argv`` (default: the command line). Returns the
    exit status: 0 printed, 1 a path that is not mentorsim output (message on stderr), 2 usage."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = args[0]
    try:
        kind = file_kind(path)
        if kind == "sweep":
            sweep = load_sweep(path)
            info, table = sweep.provenance, sweep.points
        elif kind == "compare":
            comparison = load_compare(path, series=[])
            info, table = comparison.provenance, comparison.runs
        elif kind == "run":
            info = provenance(path)
            table = runs(path)
        else:
            raise ValueError(f"{path}: one part of a sweep: give the sweep's directory (or its "
                             "index.h5) instead")
    except (OSError, ValueError, KeyError) as e:
        message = str(e)  # the messages of file_kind and the readers start with the path
        print(message if message.startswith(str(path)) else f"{path}: {message}", file=sys.stderr)
        return 1
    for key in ("version", "git_commit", "created_utc", "command_line", "threads"):
        print(f"{key}: {info.get(key, '')}")
    print()
    with pd.option_context("display.width", 120, "display.max_columns", None):
        print(table.to_string(index=False))
    return 0


def cli() -> int:
    """``python3 -m mentorsim_analysis.summary`` and the ``mentorsim-summary`` script: the exit
    status of :func:`main`; output piped into ``head`` and closed early is not an error."""
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:  # as the Python documentation advises (signal.rst, "Note on SIGPIPE")
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 0
    return status


if __name__ == "__main__":
    sys.exit(cli())
