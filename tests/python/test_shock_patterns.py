"""Target patterns of the bundled comparison's shock: what losing a quarter of the expert tier does,
measured against each arm's own no-shock twin (docs/compare.md, "What the shock shows").

The whole quick-start comparison runs once (scenarios/compare/*.toml, its 12 replicates, about half
a minute); every value is already a paired difference between a shock arm and its twin over the
same replicates (common random numbers).

Issue 14 asked the shock to show one-on-one losing more served demand and orphaning more learners
than pods and constellations. Before the learning rules of issue 15 it did (served learners lost
17.75 against 0, knowledge lost a year on 4.3% against 2.7% and 2.4%, each paired interval
excluding 0), except that pods orphaned more learners. With experience and learning by teaching
(docs/model.md §7.3) hundreds of practitioners become experts and mentor by reciprocity, the five
seniors who leave are a small part of the organisation's expertise, and no arm loses places beyond
noise: the direction is not asserted any more, and whether it holds is an assumption-dependent
answer for sensitivity analysis (issue 16). What stays true in every model version is asserted:
the shock is seen, and pod members keep their pod. docs/compare.md states the figures.
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


def test_pods_keep_every_learner_placed(comparison):
    """Members of a pod whose visiting expert left stay in their pod: exactly none is unserved 13
    weeks on, in every replicate. (A constellation learner whose guides were all seniors can be
    left without one until the next check-in: a few are.)"""
    s = comparison.summaries
    values = s[(s["metric"] == "shock1/vs_twin/served_learners_lost_13w")
               & (s["scenario"] == "peer_pod_shock")]["value"]
    assert len(values) == 12 and (values == 0).all()


def test_the_shock_removes_knowledge_in_every_arm(comparison):
    """A quarter of the experts leaving costs every model some of the tier-at-risk knowledge a
    year on, with a 95% interval over replicates that excludes 0: the shock is seen (issue 14: it
    used to remove 2 people of 2,100)."""
    s = comparison.summaries
    lost = s[s["metric"] == "shock1/vs_twin/knowledge_lost_52w"]
    arms = lost["scenario"].unique()
    assert len(arms) == 5
    for arm in arms:
        values = lost[lost["scenario"] == arm]["value"].to_numpy()
        mean = float(np.mean(values))
        half = float(t_quantile_975(len(values) - 1) * np.std(values, ddof=1)
                     / np.sqrt(len(values)))
        assert mean - half > 0, f"{arm}: knowledge lost {mean:.4g} +- {half:.4g}"
