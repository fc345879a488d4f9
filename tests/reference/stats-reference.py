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

# Evaluation (issue 9): two methods' scores for one query over the same documents (with
# ties), their agreement; a ranking against ground truth; BM25 of a small corpus. Drawn
# from a generator of their own, so the cases above keep their values.
eval_rng = np.random.default_rng(20261215)
n_eval = 300
x = eval_rng.standard_t(3, size=n_eval)
y = 0.6 * x + 0.8 * eval_rng.normal(size=n_eval)
x = np.round(x * 8) / 8  # ties
x32 = np.asarray(x, dtype=np.float32)
y32 = np.asarray(y, dtype=np.float32)
x64 = x32.astype(np.float64)
y64 = y32.astype(np.float64)


def top_set(v, k):
    # Rank 1 = highest score, ties in document order (a stable sort of -v).
    return set(np.argsort(-v, kind="stable")[:k].tolist())


eval_ks = [10, 30, 100]
order = np.argsort(-x64, kind="stable")
relevant = sorted(set(eval_rng.choice(n_eval, size=7, replace=False).tolist()) | {int(order[4])})
rank_of = {int(d): r + 1 for r, d in enumerate(order)}
relevant_ranks = sorted(rank_of[d] for d in relevant)
retrieval = [
    {
        "k": k,
        "recall": sum(1 for r in relevant_ranks if r <= k) / len(relevant),
        "precision": sum(1 for r in relevant_ranks if r <= k) / k,
    }
    for k in eval_ks
]


def bm25_tokens(text):
    import re
    import unicodedata

    return re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKC", text).lower())


bm25_documents = [
    "Canberra is the capital of Australia; Sydney is its largest city.",
    "The capital city of France is Paris.",
    "Mount Everest is 8,849 metres (29,032 ft) tall.",
    "Ｔｈｅ slope of y = 3x + 2 is 3, the intercept 2.",
    "",
    "Australia's capital, Canberra, was chosen in 1908 as a compromise between Sydney and Melbourne.",
    "ﬁve plus ﬁve is ten; ten minus three is seven.",
    "Paris, Paris, Paris: the capital of fashion.",
]
bm25_queries = [
    "What is the capital of Australia? The capital of Australia is Canberra.",
    "What is the slope of y = 3x + 2? The slope is 3.",
    "Paris is the capital of which country? France.",
]
k1, b = 1.2, 0.75
doc_tokens = [bm25_tokens(t) for t in bm25_documents]
lengths = np.array([len(t) for t in doc_tokens], dtype=np.float64)
avgdl = lengths.mean()
N = len(doc_tokens)
bm25_scores = []
for query in bm25_queries:
    scores = np.zeros(N)
    for term in bm25_tokens(query):  # every query token, repeats included
        tf = np.array([t.count(term) for t in doc_tokens], dtype=np.float64)
        n = int((tf > 0).sum())
        idf = np.log(1 + (N - n + 0.5) / (n + 0.5))
        scores += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths / avgdl))
    bm25_scores.append([float(v) for v in scores])

evaluation = {
    "x": f32(x32),
    "y": f32(y32),
    "pearson": float(stats.pearsonr(x64, y64).statistic),
    "spearman": float(stats.spearmanr(x64, y64).statistic),
    "ks": eval_ks,
    "jaccard": [len(top_set(x64, k) & top_set(y64, k)) / len(top_set(x64, k) | top_set(y64, k)) for k in eval_ks],
    "relevant": relevant,
    "retrieval": retrieval,
    "reciprocalRank": 1 / relevant_ranks[0],
    "bm25": {"documents": bm25_documents, "queries": bm25_queries, "scores": bm25_scores},
}

json.dump(
    {
        "generator": "tests/reference/stats-reference.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "mpmath": mpmath.__version__},
        "rankdata": rankdata_cases,
        "correlation": correlation,
        "welch": welch_cases,
        "tTwoSided": t_grid,
        "powerLaw": power_cases,
        "evaluation": evaluation,
    },
    sys.stdout,
    indent=None,
    separators=(",", ":"),
)
sys.stdout.write("\n")
