"""`mentorsim run --export-network`: GraphML files that networkx reads, with the run's own counts."""

import os
import pathlib
import subprocess

import networkx as nx
import pytest

import mentorsim_analysis as ma

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
pytestmark = pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")
SMALL = ["--set", "population.initial_size=300", "--set", "scenario.weeks=30", "--replicates", "2"]


def run(*args):
    return subprocess.run([BINARY, "run", *map(str, args)], capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """{model: (h5 path, network dir)} for a one-on-one and a constellation run."""
    tmp = tmp_path_factory.mktemp("network")
    out = {}
    for model in ("one_on_one", "constellation"):
        h5 = tmp / f"{model}.h5"
        result = run(SOURCE / "scenarios" / "models" / f"{model}.toml", *SMALL, "--out", h5,
                     "--export-network", "10,last", "--quiet")
        assert result.returncode == 0, result.stderr
        out[model] = (h5, tmp / f"{model}-network")
    return out


def graph(directory, name, replicate, week):
    return nx.read_graphml(directory / f"{name}_r{replicate:04}_w{week:04}.graphml")


def test_node_and_edge_counts_are_the_runs_own(exported):
    for model, (h5, directory) in exported.items():
        files = sorted(p.name for p in directory.iterdir())
        assert files == [f"{model}_r{r:04}_w{w:04}.graphml" for r in (0, 1) for w in (10, 29)]
        weekly = ma.weekly(h5, ["active_practitioners", "active_ties"])
        for replicate in (0, 1):
            for week in (10, 29):
                g = graph(directory, model, replicate, week)
                assert g.is_directed()
                at = weekly[(weekly["replicate"] == replicate) & (weekly["week"] == week)]
                counts = dict(zip(at["series"], at["value"]))
                assert g.number_of_nodes() == counts["active_practitioners"], (model, week)
                assert g.number_of_edges() == counts["active_ties"], (model, week)


def test_attributes_are_typed_and_edges_run_from_developer_to_learner(exported):
    h5, directory = exported["one_on_one"]
    g = graph(directory, "one_on_one", 0, 29)
    _, node = next(iter(g.nodes(data=True)))
    assert node["group"] in ("majority", "minority")
    assert isinstance(node["senior"], bool) and isinstance(node["load_hours"], float)
    assert {"skill_technical", "skill_leadership", "skill_navigation", "mean_skill"} <= set(node)
    edges = list(g.edges(data=True))
    assert edges and all(e["kind"] == "one_on_one" and e["programme"] == "one_on_one"
                         for _, _, e in edges)
    # The developer carries the load: every source of a tie has load, and seniors hold most ties.
    assert all(g.nodes[u]["load_hours"] > 0 for u, _, _ in edges)


def test_gephi_reads_labels_weights_and_which_run_it_is(exported):
    """Gephi takes a node's `label` and an edge's `weight` by name; the graph says its run."""
    _, directory = exported["one_on_one"]
    g = graph(directory, "one_on_one", 1, 10)
    assert g.graph["scenario"] == "one_on_one"
    assert (g.graph["replicate"], g.graph["week"]) == (1, 10)
    assert isinstance(g.graph["seed"], int)
    assert all(data["label"] == f"{node} {data['function']}" for node, data in g.nodes(data=True))
    # weight = contact hours a week: a session's hours over its cadence.
    assert all(e["weight"] == pytest.approx(e["session_hours"] / e["cadence_weeks"])
               for _, _, e in g.edges(data=True))


def test_hub_and_spoke_against_a_web(exported):
    """One-on-one: each learner has one developer, and a few mentors hold many ties. A
    constellation: learners have several developers (seed 000: "forty guides, not ten")."""
    def developers_per_learner(g):
        learners = [v for v in g.nodes if g.in_degree(v) > 0]
        return sum(len(set(g.predecessors(v))) for v in learners) / len(learners)

    hub = graph(exported["one_on_one"][1], "one_on_one", 0, 29)
    web = graph(exported["constellation"][1], "constellation", 0, 29)
    assert developers_per_learner(hub) == 1.0
    assert developers_per_learner(web) > 2.0
    assert max(d for _, d in hub.out_degree()) >= 4  # a mentor with a full caseload
    kinds = {e["kind"] for _, _, e in web.edges(data=True)}
    assert kinds == {"guide"}


def test_bad_weeks_and_existing_files_are_refused(exported, tmp_path):
    scenario = SOURCE / "scenarios" / "models" / "one_on_one.toml"
    result = run(scenario, *SMALL, "--export-network", "30", "--network-dir", tmp_path / "n")
    assert result.returncode == 2
    assert "--export-network: week 30 is outside the run (weeks 0 to 29)" in result.stderr
    result = run(scenario, *SMALL, "--export-network", "ten", "--network-dir", tmp_path / "n")
    assert result.returncode == 2 and "'ten' is not a week" in result.stderr
    assert not (tmp_path / "n").exists()
    _, directory = exported["one_on_one"]
    before = (directory / "one_on_one_r0000_w0010.graphml").read_bytes()
    result = run(scenario, *SMALL, "--export-network", "10", "--network-dir", directory)
    assert result.returncode == 2 and "exists; pass --force to overwrite" in result.stderr
    assert (directory / "one_on_one_r0000_w0010.graphml").read_bytes() == before


def test_the_network_picture_shows_hubs_against_a_web(exported, tmp_path):
    hub_file = exported["one_on_one"][1] / "one_on_one_r0000_w0029.graphml"
    web_file = exported["constellation"][1] / "constellation_r0000_w0029.graphml"
    out = tmp_path / "networks.png"
    fig = ma.network_picture(hub_file, web_file, titles=["one-on-one", "constellation"], out=out)
    assert out.stat().st_size > 10_000
    hub_ax, web_ax = fig.axes
    for ax, path in ((hub_ax, hub_file), (web_ax, web_file)):
        g = nx.read_graphml(path)
        tied = sum(1 for v in g.nodes if g.degree(v) > 0)
        nodes = ax.collections[0]
        assert len(nodes.get_offsets()) == tied  # every practitioner with a tie, no other
        assert f"{g.number_of_edges()} ties" in ax.get_title()
        assert f"{g.number_of_nodes() - tied} without ties" in ax.get_title()
    assert "1.0 developers per learner" in hub_ax.get_title()
    with pytest.raises(ValueError, match="2 titles for 1 files"):
        ma.network_picture(hub_file, titles=["a", "b"])


@pytest.mark.parametrize("name", ["../../escaped", "/tmp/absolute", ".hidden", "a/b"])
def test_a_scenario_name_never_leads_a_file_out_of_the_network_directory(tmp_path, name):
    """The scenario name starts each file's name: '/', a backslash and a leading '.' become '_',
    so the files stay in the directory whatever the name (it once wrote outside it)."""
    directory = tmp_path / "deep" / "n"
    directory.parent.mkdir()
    scenario = SOURCE / "scenarios" / "models" / "one_on_one.toml"
    result = run(scenario, *SMALL, "--set", f"scenario.name={name}", "--export-network", "last",
                 "--network-dir", directory, "--quiet")
    assert result.returncode == 0, result.stderr
    inside = sorted(p.name for p in directory.iterdir())
    assert inside and all(not n.startswith(".") and n.endswith(".graphml") for n in inside)
    everything = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert all(p.startswith("deep/n/") for p in everything), everything
