"""mentorsim_analysis.file_kind: the one detector of the kind of a mentorsim output, on small files
written here (conftest.py's layout) and, when $MENTORSIM_BINARY is set, on the CLI's run file."""

import pathlib
import re

import h5py
import pytest

import mentorsim_analysis as ma
from conftest import WEEKS, write_run
from mentorsim_analysis import formats
from mentorsim_analysis import summary as summary_cli


def write_file(path, fmt, version=1):
    """An HDF5 file with the root attributes of mentorsim's provenance (format, format_version)."""
    with h5py.File(path, "w") as f:
        if fmt is not None:
            f.attrs["format"] = fmt
        if version is not None:
            f.attrs.create("format_version", version, dtype="<i4")
        f.attrs["git_commit"] = "0123456789ab"
    return path


def write_compare(path):
    """A comparison file of one scenario (the layout of docs/output-format.md)."""
    write_file(path, "mentorsim-compare")
    with h5py.File(path, "a") as f:
        f.attrs["baseline"] = "synthetic"
        f.attrs.create("scenarios", ["synthetic"], dtype=h5py.string_dtype())
        group = f.create_group("scenarios/synthetic")
        group.attrs["scenario_source"] = "synthetic.toml"
        group.attrs["resolved_scenario"] = '[scenario]\nname = "synthetic"\n'
        write_run(group.create_group("runs"), "r0000", 0, WEEKS, 11)
    return path


def write_sweep(directory):
    """A sweep directory: its index.h5 and one part (attributes only: enough for file_kind)."""
    (directory / "parts").mkdir(parents=True)
    write_file(directory / "index.h5", "mentorsim-sweep")
    write_file(directory / "parts" / "r000000.h5", "mentorsim-sweep-part")
    (directory / "plan.toml").write_text("")
    return directory


# --- one test per kind ---------------------------------------------------------------------------

def test_a_run_file(synthetic_h5):
    assert ma.file_kind(synthetic_h5) == "run"
    assert ma.file_kind(str(synthetic_h5)) == "run"  # a str or a path


def test_a_comparison_file(tmp_path):
    path = write_compare(tmp_path / "compare.h5")
    assert ma.file_kind(path) == "compare"
    assert ma.load_compare(path).scenarios == ["synthetic"]  # and its reader takes it


def test_a_sweep_directory_and_its_index(tmp_path):
    sweep = write_sweep(tmp_path / "sweep")
    assert ma.file_kind(sweep) == "sweep"
    assert ma.file_kind(str(sweep)) == "sweep"
    assert ma.file_kind(sweep / "index.h5") == "sweep"


def test_a_part_of_a_sweep(tmp_path):
    sweep = write_sweep(tmp_path / "sweep")
    assert ma.file_kind(sweep / "parts" / "r000000.h5") == "sweep-part"


def test_the_cli_run_file(cli_h5):
    assert ma.file_kind(cli_h5) == "run"


def test_every_format_has_a_kind_a_name_and_a_reader():
    assert formats.KINDS == {"mentorsim-run": "run", "mentorsim-compare": "compare",
                             "mentorsim-sweep": "sweep", "mentorsim-sweep-part": "sweep-part"}
    assert set(formats.NAMES) == set(formats.READERS) == set(formats.KINDS.values())
    assert (ma.FORMAT, ma.COMPARE_FORMAT, ma.SWEEP_FORMAT, ma.SWEEP_PART_FORMAT) == tuple(
        formats.KINDS)
    assert "file_kind" in ma.__all__ and ma.file_kind is formats.file_kind


# --- what is not mentorsim output ----------------------------------------------------------------

def test_nothing_there(tmp_path):
    absent = tmp_path / "absent.h5"
    with pytest.raises(FileNotFoundError, match=re.escape(f"{absent}: no such file")):
        ma.file_kind(absent)


def test_not_hdf5(tmp_path):
    text = tmp_path / "notes.h5"
    text.write_text("not hdf5")
    with pytest.raises(ValueError, match=re.escape(f"{text}: not an HDF5 file")):
        ma.file_kind(text)


@pytest.mark.parametrize("fmt", [None, "something-else", "mentorsim-runs"])
def test_not_a_mentorsim_format(tmp_path, fmt):
    path = write_file(tmp_path / "other.h5", fmt)
    with pytest.raises(ValueError, match=re.escape(
            f"{path}: not a mentorsim file (format attribute {fmt!r}; mentorsim writes "
            "mentorsim-run, mentorsim-compare, mentorsim-sweep, mentorsim-sweep-part)")):
        ma.file_kind(path)


@pytest.mark.parametrize("version", [99, 0, None])
def test_unsupported_format_version(tmp_path, version):
    path = write_file(tmp_path / "newer.h5", "mentorsim-compare", version)
    with pytest.raises(ValueError, match=re.escape(
            f"{path}: format_version {version!r} is not supported")):
        ma.file_kind(path)


def test_directories_that_are_not_sweeps(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ValueError, match=re.escape(
            f"{empty}: is a directory without index.h5, not a mentorsim sweep directory") + "$"):
        ma.file_kind(empty)
    started = tmp_path / "started"  # a sweep's shards before `mentorsim merge`
    started.mkdir()
    (started / "plan.toml").write_text("")
    with pytest.raises(ValueError, match="sweep directory yet: build the index with "
                                         f"`mentorsim merge {re.escape(str(started))}`"):
        ma.file_kind(started)
    odd = tmp_path / "odd"
    odd.mkdir()
    write_file(odd / "index.h5", "mentorsim-run")
    with pytest.raises(ValueError, match=re.escape(
            f"{odd}: is a directory whose index.h5 is not a sweep index but a result file")):
        ma.file_kind(odd)


# --- the readers and commands use it -------------------------------------------------------------

def test_readers_name_the_reader_a_file_wants(tmp_path, synthetic_h5):
    sweep = write_sweep(tmp_path / "sweep")
    part = sweep / "parts" / "r000000.h5"
    with pytest.raises(ValueError, match="not a mentorsim result file.*one part of a sweep"):
        ma.runs(part)
    with pytest.raises(ValueError, match="not a mentorsim comparison file.*run file: read it with "
                                         r"runs\(\) and weekly\(\)"):
        ma.load_compare(synthetic_h5)
    with pytest.raises(ValueError, match="is a directory.*sweep directory: read it with "
                                         "load_sweep"):
        ma.provenance(sweep)
    newer = write_file(tmp_path / "newer.h5", "mentorsim-run", 3)
    with pytest.raises(ValueError, match="format_version 3 is not supported"):
        ma.open_results(newer)
    with pytest.raises(ValueError, match="not an HDF5 file"):
        ma.runs(pathlib.Path(__file__))


def test_the_summary_command_dispatches_on_the_kind(tmp_path, synthetic_h5, capsys):
    assert summary_cli.main([str(write_compare(tmp_path / "compare.h5"))]) == 0
    assert "synthetic" in capsys.readouterr().out
    part = write_sweep(tmp_path / "sweep") / "parts" / "r000000.h5"
    assert summary_cli.main([str(part)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{part}: one part of a sweep") and err.count(str(part)) == 1
    assert summary_cli.main([str(tmp_path / "absent.h5")]) == 1
    assert "absent.h5: no such file" in capsys.readouterr().err


def test_the_report_refuses_what_it_cannot_draw(tmp_path):
    pytest.importorskip("matplotlib")
    from mentorsim_analysis import report

    sweep = write_sweep(tmp_path / "sweep")
    for path, message in [(sweep / "parts" / "r000000.h5", "one part of a sweep"),
                          (write_file(tmp_path / "x.h5", "other"), "not a mentorsim file"),
                          (tmp_path / "absent", "no such file"),
                          (sweep / "plan.toml", "not an HDF5 file")]:
        with pytest.raises(report.BadInput, match=message):
            report.report_kind(path)
    assert report.report_kind(sweep) == "sweep"
    assert report.main([str(tmp_path / "absent"), "--out", str(tmp_path / "r")]) == 2


def test_figures_refuse_a_sweep_by_its_kind(tmp_path):
    pytest.importorskip("matplotlib")
    from mentorsim_analysis import figures

    sweep = write_sweep(tmp_path / "sweep")
    with pytest.raises(ValueError, match="is a directory .a sweep., not a run or comparison"):
        figures.coverage_and_waiting_list(sweep)
    with pytest.raises(ValueError, match="is a part of a sweep, not a run or comparison"):
        figures.coverage_and_waiting_list(sweep / "parts" / "r000000.h5")
