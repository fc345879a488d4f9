"""Reference values for lib/stats, computed with numpy, scipy and mpmath.

The vitest suites read stats-reference.json (committed next to this script), so the
tests never run Python. Regenerate after changing the cases:

    python3 tests/reference/stats-reference.py > tests/reference/stats-reference.json

Every float32 input is written as the float64 of its float32 value, so JSON round-trips
it exactly and Math.fround(x) === x on the TypeScript side.
"""

import json
import sys

import mpmath
import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20250114)


def f32(values):
    return [float(v) for v in np.asarray(values, dtype=np.float32)]


def num(x):
    x = float(x)
    return x if np.isfinite(x) else None


# rankdata(method="average"): ties (values rounded to a coarse grid), -0 / +0, a constant.
rankdata_cases = []
for values in [
    np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0, 5.0]),
    np.array([0.0, -0.0, 1.5, -1.5, 0.0, -0.0, 2.5]),
    np.full(6, 0.25),
    np.round(rng.normal(size=400) * 4) / 4,
    rng.normal(size=300) * 1e-3,
]:
    x = np.asarray(values, dtype=np.float32)
    rankdata_cases.append(
        {"scores": f32(x), "ranks": [float(r) for r in stats.rankdata(x, method="average")]}
    )

# Correlation: 6 rows x 500 documents, two rows built to correlate, one with many ties,
# one with a large offset (tests centering).
n_docs = 500
base = rng.normal(size=n_docs)
rows = np.stack(
    [
        base,
        base + 0.5 * rng.normal(size=n_docs),
        rng.normal(size=n_docs),
        np.round(base * 2) / 2,
        -base + rng.standard_t(3, size=n_docs),
        1000.0 + 0.01 * rng.normal(size=n_docs),
    ]
).astype(np.float32)
rows64 = rows.astype(np.float64)
correlation = {
    "rows": [f32(r) for r in rows],
    "pearson": [[num(v) for v in r] for r in np.corrcoef(rows64)],
    "spearman": [[num(v) for v in r] for r in stats.spearmanr(rows64, axis=1).statistic],
}

# Welch t-tests: unequal sizes and spreads, small and large df, a zero-variance side.
welch_cases = []
for a, b in [
    (rng.normal(-0.36, 0.05, size=20), rng.normal(-0.33, 0.04, size=40)),
    (rng.normal(0, 1, size=3), rng.normal(0.5, 3, size=7)),
    (rng.normal(0, 1, size=2), rng.normal(2, 1, size=2)),
    (rng.normal(0, 1, size=400), rng.normal(0.1, 1.2, size=300)),
    (rng.normal(0, 1, size=30), rng.normal(8, 1, size=30)),
    (np.array([1.0, 1.0, 1.0]), np.array([0.5, 1.5, 2.5, 0.0])),
]:
    result = stats.ttest_ind(a, b, equal_var=False)
    welch_cases.append(
        {
            "a": [float(v) for v in a],
            "b": [float(v) for v in b],
            "t": num(result.statistic),
            "df": num(result.df),
            "p": num(result.pvalue),
        }
    )

# Two-sided Student t tail probabilities over a grid, including far tails. Computed with
# mpmath at 40 digits rather than scipy: scipy's t.sf is off by 3e-11 at df = 1, t = 1e-6.
# Welch df beyond 1e5 would take 1e5 queries a group; the grid stops there.
mpmath.mp.dps = 40
t_grid = []
for df in [0.5, 1, 1.5, 2, 3.7, 5, 10, 29.3, 100, 1000, 1e4, 1e5]:
    for t in [0, 1e-6, 0.1, 0.7, 1, 2, 3.5, 8, 20, 100]:
        if stats.t.sf(t, df) < 1e-300:
            p = 0.0  # below the float64 range; mpmath cannot bound it either
        else:
            nu = mpmath.mpf(df)
            t2 = mpmath.mpf(t) ** 2
            x = nu / (nu + t2)
            p = float(mpmath.betainc(nu / 2, mpmath.mpf(1) / 2, 0, x, regularized=True))
        t_grid.append({"t": t, "df": df, "p": p})

# Power-law fits: linregress of ln(score) on ln(rank), ranks 1..min(500, n).
power_cases = []
for n, alpha, noise in [(800, -0.36, 0.05), (120, -0.33, 0.2), (3, -1.0, 0.1), (500, -0.5, 0.0)]:
    ranks = np.arange(1, n + 1)
    scores = np.exp(2.0 + alpha * np.log(ranks) + noise * rng.normal(size=n))
    magnitudes = np.sort(scores)[::-1]
    m = min(500, n)
    fit = stats.linregress(np.log(np.arange(1, m + 1)), np.log(magnitudes[:m]))
    power_cases.append(
        {
            "magnitudes": [float(v) for v in magnitudes],
            "alpha": float(fit.slope),
            "intercept": float(fit.intercept),
            "stderr": float(fit.stderr),
            "n": m,
        }
    )

json.dump(
    {
        "generator": "tests/reference/stats-reference.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "mpmath": mpmath.__version__},
        "rankdata": rankdata_cases,
        "correlation": correlation,
        "welch": welch_cases,
        "tTwoSided": t_grid,
        "powerLaw": power_cases,
    },
    sys.stdout,
    indent=None,
    separators=(",", ":"),
)
sys.stdout.write("\n")
