"""The bundled organisation, value by value (docs/model.md §6).

Every value a file of scenarios/compare sets away from its declared default (`mentorsim schema
--format json`) must have a row in docs/model.md's table between the bundled-values markers, and
every row must give a source or say *assumed*. So a value the headline depends on cannot enter the
bundled comparison unexplained.
"""

import fnmatch
import json
import os
import pathlib
import re
import subprocess
import tomllib

import pytest

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
pytestmark = pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")

BEGIN, END = "<!-- bundled-values:begin -->", "<!-- bundled-values:end -->"
# A source: a seed passage (§), a publication year, the brief, or a derivation from other values.
SOURCED = re.compile(r"\*assumed\*|§|\b(19|20)\d\d\b|\bbrief\b|\bseeds?\b|ecosystems:|derived")


def defaults():
    """Declared defaults: 'table.key' and 'programme.<kind>.key'."""
    schema = json.loads(subprocess.run([BINARY, "schema", "--format", "json"], check=True,
                                       capture_output=True, text=True).stdout)
    out = {f"{t['name']}.{p['key']}": p["default"] for t in schema["tables"] for p in t["params"]}
    common = {p["key"]: p["default"] for p in schema["programme"]["common"]["params"]}
    for kind in schema["programme"]["kinds"]:
        out.update({f"programme.{kind['name']}.{k}": v for k, v in common.items()})
        out.update({f"programme.{kind['name']}.{p['key']}": p["default"] for p in kind["params"]})
    return out


def set_away_from_default(declared):
    """Every 'table.key' or 'programme.<kind>.key' a compare file sets to another value than its
    default (the scenario's own name, text and run settings, programme names and shocks aside)."""
    found = {}
    for path in sorted((SOURCE / "scenarios" / "compare").glob("*.toml")):
        data = tomllib.loads(path.read_text())
        for table, values in data.items():
            if table in ("scenario", "shock"):
                continue
            entries = values if table == "programme" else [values]
            for entry in entries:
                prefix = f"programme.{entry['kind']}" if table == "programme" else table
                for key, value in entry.items():
                    if table == "programme" and key in ("kind", "name"):
                        continue
                    name = f"{prefix}.{key}"
                    assert name in declared, f"{path.name}: {name} is not a declared parameter"
                    if value != declared[name]:
                        found.setdefault(name, path.name)
    return found


def rows():
    """The table's rows: (the key patterns of the first cell, the source cell). A bare name after
    a dotted one in the same cell shares its prefix (`programme.peer_pod.functions`, `expand_week`)."""
    text = (SOURCE / "docs" / "model.md").read_text()
    assert BEGIN in text and END in text, "docs/model.md has no bundled-values table"
    out = []
    for line in text[text.index(BEGIN):text.index(END)].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        patterns, prefix = [], ""
        for name in re.findall(r"`([^`]+)`", cells[0]):
            if "." in name:
                prefix = name.rsplit(".", 1)[0]
                patterns.append(name)
            else:
                patterns.append(f"{prefix}.{name}")
        out.append((patterns, cells[2]))
    return out


def test_every_value_set_away_from_its_default_is_explained():
    table = rows()
    assert len(table) >= 10
    unexplained = [f"{name} ({where})" for name, where in set_away_from_default(defaults()).items()
                   if not any(fnmatch.fnmatchcase(name, p) for patterns, _ in table for p in patterns)]
    assert not unexplained, ("values of scenarios/compare away from their defaults with no row in "
                             "docs/model.md's bundled-values table: " + ", ".join(unexplained))


def test_every_row_names_a_source_or_says_assumed():
    for patterns, source in rows():
        assert SOURCED.search(source), f"row {patterns}: no source and not marked *assumed*"


def test_every_row_names_a_declared_parameter():
    declared = defaults()
    for patterns, _ in rows():
        for p in patterns:
            assert any(fnmatch.fnmatchcase(name, p) for name in declared), \
                f"row {p}: no such parameter (mentorsim schema)"
