"""mentorsim_analysis.stats: the Student-t quantile of every 95% interval, from scipy."""

import math
import os
import subprocess
import sys

import numpy as np
import pytest

import mentorsim_analysis as ma
from mentorsim_analysis import stats

# t(0.975, df) to 1e-15 (the table of sim/output/summary_format.cpp for df ≤ 30), and the normal
# quantile, the limit for df → ∞.
KNOWN = {1: 12.706204736174698, 2: 4.302652729749464, 5: 2.570581835636316,
         10: 2.228138851986275, 30: 2.0422724563012373}
Z975 = 1.959963984540054


@pytest.mark.parametrize("df", sorted(KNOWN))
def test_known_values(df):
    # scipy 1.10 (Debian 12) computes t.ppf to about 1e-9 relative for small df (2e-11 at df = 1).
    assert stats.t_quantile_975(df) == pytest.approx(KNOWN[df], rel=1e-9)


def test_large_df_tends_to_the_normal_quantile():
    assert stats.t_quantile_975(1e15) == pytest.approx(Z975, rel=1e-12)
    assert stats.t_quantile_975(math.inf) == pytest.approx(Z975, rel=1e-15)
    assert stats.t_quantile_975(1000) == pytest.approx(1.9623390808264074, rel=1e-9)


def test_nan_below_one_degree_of_freedom():
    for df in (0, 0.5, -1, math.nan, -math.inf):
        assert math.isnan(stats.t_quantile_975(df)), df


def test_arrays_keep_their_shape_and_scalars_are_floats():
    out = stats.t_quantile_975(np.array([[1, 30], [0, 1e15]]))
    assert isinstance(out, np.ndarray) and out.shape == (2, 2)
    assert out[0] == pytest.approx([KNOWN[1], KNOWN[30]], rel=1e-9)
    assert math.isnan(out[1, 0]) and out[1, 1] == pytest.approx(Z975)
    assert stats.t_quantile_975([2, 5]) == pytest.approx([KNOWN[2], KNOWN[5]], rel=1e-9)
    assert type(stats.t_quantile_975(np.int64(2))) is float
    assert stats.t_quantile_975([]).shape == (0,)


def test_one_function_for_the_figures_the_report_and_the_package():
    pytest.importorskip("matplotlib")
    from mentorsim_analysis import figures, report

    assert figures.t_quantile_975 is stats.t_quantile_975
    assert report.t_quantile_975 is stats.t_quantile_975
    assert ma.t_quantile_975 is stats.t_quantile_975
    assert "t_quantile_975" in ma.__all__
    # report.interval: mean ± t(0.975, 2) · sd / √3, not clipped (a negative value)
    n, mean, low, high = report.interval([-1.0, 2.0, 5.0], "mean")
    half = stats.t_quantile_975(2) * 3.0 / math.sqrt(3)
    assert (n, mean) == (3, 2.0) and (low, high) == pytest.approx((2.0 - half, 2.0 + half))


def test_the_reports_intervals_clip_as_the_declared_aggregate_says():
    pytest.importorskip("matplotlib")
    from mentorsim_analysis import report

    values = [0.1, 0.5, 0.95]  # the plain interval crosses both 0 and 1
    _, mean, low, high = report.interval(values, None)
    assert low < 0 and high > 1  # a paired difference: not clipped, as the CLI's
    assert report.interval(values, "mean")[2:] == (0.0, high)
    assert report.interval(values, "share mean")[2:] == (0.0, 1.0)
    assert report.interval([0.1, 0.5, 1.5], "share mean")[3] > 1  # a value above 1: no clip


def test_the_package_loads_scipy_on_first_use_only():
    code = ("import sys, mentorsim_analysis as ma; assert 'scipy' not in sys.modules; "
            "t = ma.t_quantile_975(4); assert 'scipy' in sys.modules; "
            "assert 'matplotlib' not in sys.modules; print(t)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=os.environ, timeout=120)
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) == pytest.approx(2.7764451051977987, rel=1e-9)
