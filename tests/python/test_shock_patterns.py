"""Target patterns of the bundled comparison's shock: what losing a quarter of the expert tier does,
measured against each arm's own no-shock twin (docs/compare.md, "What the shock shows").

The whole quick-start comparison runs once (scenarios/compare/*.toml, its 12 replicates, about half
a minute); each pattern is a paired difference between two shock arms over the same replicates
(common random numbers: replicate r of every arm starts from the same people), and it holds when
the 95% interval of that difference excludes 0 in the stated direction.

The patterns are the ones issue 14 asked the shock to show and the model does show. One it asked
for does not hold and is not asserted: pods orphan *more* learners than one-on-one at the shock
(a visiting senior leads the members of up to four pods, about 20 learners, where a one-on-one
mentor leads four to six), although no pod learner loses their place (served_learners_lost is 0).
docs/compare.md states both.
"""

import os
import pathlib
import subprocess

import numpy as np
import pytest

from mentorsim_analysis.compare import load_compare
from mentorsim_analysis.stats import t_quantile_975

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
COMPARE = SOURCE / "scenarios" / "compare"
pytestmark = pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")


@pytest.fixture(scope="module")
def comparison(tmp_path_factory):
    out = tmp_path_factory.mktemp("patterns") / "compare.h5"
    files = [str(p) for p in sorted(COMPARE.glob("*.toml"))]
    result = subprocess.run([BINARY, "compare", *files, "--out", str(out), "--quiet"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return load_compare(out, series="active_practitioners")  # the summaries are what is used


def paired_interval(comparison, metric, arm, other):
    """Mean and 95% interval of (arm - other) over the replicates both report."""
    s = comparison.summaries
    rows = s[s["metric"] == metric]
    a = rows[rows["scenario"] == arm].set_index("replicate")["value"]
    b = rows[rows["scenario"] == other].set_index("replicate")["value"]
    diff = (a - b).dropna().to_numpy()
    assert len(diff) >= 10, f"{metric}: {arm} and {other} share only {len(diff)} replicates"
    mean = float(np.mean(diff))
    half = float(t_quantile_975(len(diff) - 1) * np.std(diff, ddof=1) / np.sqrt(len(diff)))
    return mean, mean - half, mean + half


# (metric, arm that loses more, arms that lose less)
ONE_ON_ONE_LOSES_MORE = [
    ("shock1/vs_twin/served_learners_lost_13w", ["peer_pod_shock", "constellation_shock"]),
    ("shock1/vs_twin/orphaned_learners_0w", ["constellation_shock"]),
    ("shock1/vs_twin/knowledge_lost_52w", ["peer_pod_shock", "constellation_shock"]),
]


@pytest.mark.parametrize("metric,others", ONE_ON_ONE_LOSES_MORE)
def test_one_on_one_loses_more_than_the_distributed_models(comparison, metric, others):
    for other in others:
        mean, low, high = paired_interval(comparison, metric, "one_on_one_shock", other)
        assert low > 0, (f"{metric}: one_on_one_shock - {other} = {mean:.4g} "
                         f"[{low:.4g}, {high:.4g}] does not exclude 0")


def test_pods_keep_every_learner_placed(comparison):
    """Members of a pod whose visiting expert left stay in their pod: exactly none is unserved 13
    weeks on, in every replicate. (A constellation learner whose guides were all seniors can be
    left without one until the next check-in: a few are.)"""
    s = comparison.summaries
    values = s[(s["metric"] == "shock1/vs_twin/served_learners_lost_13w")
               & (s["scenario"] == "peer_pod_shock")]["value"]
    assert len(values) == 12 and (values == 0).all()


def test_the_shock_removes_knowledge_in_every_arm(comparison):
    """A quarter of the experts leaving costs every model some of its expert knowledge a year on:
    the shock is large enough to be seen (issue 14: it used to remove 2 people of 2,100)."""
    s = comparison.summaries
    lost = s[s["metric"] == "shock1/vs_twin/knowledge_lost_52w"].groupby(
        "scenario", observed=True)["value"].mean()
    assert len(lost) == 5
    assert (lost > 0.005).all(), lost.to_dict()
