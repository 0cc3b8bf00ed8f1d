"""Statistics shared by the figures and the report: the Student-t quantile of the 95% intervals.

Every interval the package draws or prints is mean ± t(0.975, n − 1) · sd / √n over n
replicates (figures.replicate_band, report.interval), as ``mentorsim`` computes its own.

>>> from mentorsim_analysis.stats import t_quantile_975
>>> t_quantile_975(2)                      # 3 replicates: ≈ 4.3027
>>> t_quantile_975([1, 4, 30, 1000])       # an array of the same shape
"""

from __future__ import annotations

import numpy as np
from scipy import stats


def t_quantile_975(df):
    """The 0.975 quantile of Student's t with ``df`` degrees of freedom (a number or an array,
    which need not be whole), from :data:`scipy.stats.t`; NaN for df < 1 or NaN, and the normal
    quantile 1.959963984540054 for df = ∞. Returns a float for a scalar ``df``, else an array of
    its shape.

    ``mentorsim`` itself (sim/output/summary_format.cpp) uses a table for df ≤ 30 and the
    Cornish–Fisher expansion beyond; the two agree to 1e-9 relative for df ≤ 30 (scipy's own
    accuracy) and to 1.3e-8 beyond (the expansion's error, largest at df = 31)."""
    v = np.asarray(df, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        out = np.where(v >= 1, stats.t.ppf(0.975, np.where(v >= 1, v, 1.0)), np.nan)
    return float(out) if out.ndim == 0 else out
