"""The HDF5 layout of run and comparison files (format version 2, docs/output-format.md): each
scenario's runs as arrays [runs x weeks] with the dimension scales `replicate` and `week`, which
xarray (h5netcdf) reads as named dimensions; the loaders read it and the version-1 layout alike."""

import os
import pathlib
import subprocess

import h5py
import numpy as np
import pytest

import mentorsim_analysis as ma

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
WORKSHOP = SOURCE / "scenarios" / "workshop"
pytestmark = pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("layout")
    run_file, compare_file = tmp / "run.h5", tmp / "compare.h5"
    for args in (["run", WORKSHOP / "02_capacity_and_waiting_list.toml", "-r", "3",
                  "--out", run_file, "--quiet"],
                 ["compare", WORKSHOP / "02_capacity_and_waiting_list.toml",
                  WORKSHOP / "04_key_mentor_leaves.toml", "-r", "3", "--out", compare_file]):
        result = subprocess.run([BINARY, *map(str, args)], capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 0, result.stderr
    return run_file, compare_file


def test_a_run_file_is_one_arm_of_arrays(files):
    run_file, _ = files
    with h5py.File(run_file) as f:
        assert f.attrs["format_version"] == 2
        assert list(f["replicate"][()]) == [0, 1, 2]
        assert list(f["run_id"].asstr()[()]) == ["r0000", "r0001", "r0002"]
        weeks = int(f.attrs["weeks"])
        waiting = f["weekly/waiting_list"]
        assert waiting.shape == (3, weeks)
        assert [d[0].name for d in waiting.dims] == ["/replicate", "/week"]
        assert f["summary/peak_waiting_list"].shape == (3,)
        assert waiting.attrs["units"] and waiting.attrs["better"] in ("higher", "lower", "neither")
        for key in ("host", "compiler", "build_type", "hdf5_version", "rng"):
            assert f.attrs[key], key
        # Few datasets: one per series and summary, not one per run and output.
        count = []
        f.visititems(lambda name, obj: count.append(name) if isinstance(obj, h5py.Dataset) else None)
        assert len(count) < 3 + len(f["weekly"]) * 3 + 200


def test_the_loaders_read_the_arrays_as_they_read_a_group_per_run(files):
    run_file, _ = files
    runs = ma.runs(run_file)
    assert list(runs["run_id"]) == ["r0000", "r0001", "r0002"]
    assert list(runs["replicate"]) == [0, 1, 2]
    weekly = ma.weekly(run_file, ["waiting_list", "participation"])
    with h5py.File(run_file) as f:
        stored = f["weekly/waiting_list"][()]
    rows = weekly[weekly["series"] == "waiting_list"]
    assert np.array_equal(rows.sort_values(["replicate", "week"])["value"].to_numpy(),
                          stored.reshape(-1))
    # run, then series (by name), then week
    first = weekly[weekly["run_id"] == "r0000"]
    assert list(first["series"].unique()) == ["participation", "waiting_list"]
    assert "[scenario]" in ma.resolved_scenario(run_file, "r0002")
    assert ma.zones(run_file, "r0001") == ["technical", "leadership", "navigation"]
    with pytest.raises(KeyError):
        ma.zones(run_file, "r0099")


def test_xarray_reads_named_dimensions(files):
    xr = pytest.importorskip("xarray")
    pytest.importorskip("h5netcdf")
    run_file, compare_file = files
    with xr.open_dataset(run_file, engine="h5netcdf", group="weekly") as ds:
        assert ds["waiting_list"].dims == ("replicate", "week")
        assert ds["waiting_list"].attrs["units"] == "practitioners"
        loaded = ma.weekly(run_file, "waiting_list")
        one = loaded[loaded["replicate"] == 1]["value"].to_numpy()
        assert np.array_equal(ds["waiting_list"].isel(replicate=1).values, one)
    c = ma.load_compare(compare_file)
    for label in c.scenarios:
        with xr.open_dataset(compare_file, engine="h5netcdf",
                             group=f"scenarios/{label}/summary") as ds:
            assert ds["peak_waiting_list"].dims == ("replicate",)
            expected = c.runs[c.runs["scenario"] == label]["peak_waiting_list"].to_numpy()
            assert np.array_equal(ds["peak_waiting_list"].values, expected)


def as_version_1(src, dst):
    """``src`` (version 2) rewritten in the version-1 layout: a group per run under each arm."""
    def arm_to_runs(arm, out):
        for key in ("scenario_source", "resolved_scenario"):
            out.attrs[key] = arm.attrs[key]
        runs = out.create_group("runs")
        for i, run_id in enumerate(arm["run_id"].asstr()[()]):
            g = runs.create_group(run_id)
            for key in ("scenario_name", "scenario_source", "resolved_scenario", "seed", "weeks",
                        "zones"):
                g.attrs[key] = arm.attrs[key]
            g.attrs.create("replicate", int(arm["replicate"][i]), dtype="<u8")
            for kind in ("weekly", "summary"):
                def copy(name, obj, kind=kind, g=g, i=i):
                    if isinstance(obj, h5py.Dataset):
                        d = g.create_dataset(f"{kind}/{name}", data=obj[i])
                        for key, value in obj.attrs.items():
                            if key not in ("DIMENSION_LIST", "REFERENCE_LIST", "CLASS", "NAME"):
                                d.attrs[key] = value
                arm[kind].visititems(copy)

    with h5py.File(src) as f, h5py.File(dst, "w") as out:
        for key, value in f.attrs.items():
            out.attrs[key] = value
        out.attrs.create("format_version", 1, dtype="<i4")
        if "scenarios" in f:
            for label in f["scenarios"]:
                arm_to_runs(f["scenarios"][label], out.create_group(f"scenarios/{label}"))
        else:
            arm_to_runs(f, out)
    return dst


def test_the_previous_layout_reads_the_same(files, tmp_path):
    run_file, compare_file = files
    old_run = as_version_1(run_file, tmp_path / "run-v1.h5")
    old_compare = as_version_1(compare_file, tmp_path / "compare-v1.h5")
    assert ma.provenance(old_run)["format_version"] == 1
    assert ma.runs(old_run).equals(ma.runs(run_file))
    assert ma.weekly(old_run).equals(ma.weekly(run_file))
    assert ma.series_names(old_run) == ma.series_names(run_file)
    assert ma.metric_metadata(old_run).equals(ma.metric_metadata(run_file))
    new, old = ma.load_compare(compare_file), ma.load_compare(old_compare)
    assert new.runs.equals(old.runs)
    assert new.summaries.equals(old.summaries)
    assert new.weekly.equals(old.weekly)
