"""The third-party modules the package needs, and the Debian package of each: one place that says
what to install when one is missing.

Imported by the package's ``__init__`` before anything else, and using only the standard library,
so that ``python3 -m mentorsim_analysis.report`` (what ``mentorsim report`` runs) and ``python3
-m mentorsim_analysis.summary`` without numpy, h5py, pandas, scipy or matplotlib print one line
naming the package to install and exit with status 2, instead of a traceback from deep inside an
import. A program that imports the package as a library still gets the ImportError, with the same
hint added.
"""

from __future__ import annotations

import importlib
import sys
from typing import Optional

# module -> Debian package (.ci/install-deps installs them all)
DEBIAN = {
    "numpy": "python3-numpy",
    "h5py": "python3-h5py",
    "pandas": "python3-pandas",
    "scipy": "python3-scipy",
    "matplotlib": "python3-matplotlib",
    "networkx": "python3-networkx",
}
# What each command line of the package imports, in the order they are imported (numpy first: the
# others import it, so a missing numpy is named as itself, not as a broken h5py).
COMMANDS = {
    "report": ("numpy", "h5py", "pandas", "scipy", "matplotlib"),
    "summary": ("numpy", "h5py", "pandas"),
}
PROGRAMS = {"report": "mentorsim report", "summary": "mentorsim-summary"}
EXIT_MISSING = 2  # as for any other bad setup the command reports before doing anything


def hint(module: str, error: BaseException) -> str:
    """One line: which module could not be imported, why, and which Debian package to install."""
    package = DEBIAN.get(module, f"python3-{module}")
    why = str(error) or type(error).__name__
    return (f"the Python module {module} cannot be imported ({why}): install the Debian package "
            f"{package} (`sudo apt-get install {package}`, or run .ci/install-deps)")


def first_missing(modules) -> Optional[tuple]:
    """(module, error) of the first of ``modules`` that cannot be imported, or None."""
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError as error:  # ModuleNotFoundError, or a module that fails to load
            return module, error
    return None


def _command() -> Optional[str]:
    """The command this process runs, when started as ``python3 -m mentorsim_analysis.<command>``
    for one of COMMANDS (``sys.orig_argv``: the arguments before ``-m`` replaced them)."""
    argv = list(getattr(sys, "orig_argv", []))
    for k, arg in enumerate(argv[:-1]):
        if arg == "-m":
            module = argv[k + 1]
            prefix = __package__ + "."
            if module.startswith(prefix) and module[len(prefix):] in COMMANDS:
                return module[len(prefix):]
            return None
    return None


def check_command_line() -> None:
    """When this process is one of the package's command lines: exit with status 2 and one line
    on stderr if a module it needs cannot be imported. Otherwise (a library import) do nothing."""
    command = _command()
    if command is None:
        return
    missing = first_missing(COMMANDS[command])
    if missing is not None:
        other = ("; MENTORSIM_PYTHON names another Python 3 to run it with" if command == "report"
                 else "")
        print(f"{PROGRAMS[command]}: {hint(*missing)}{other}", file=sys.stderr)
        raise SystemExit(EXIT_MISSING)
