"""Rank correlations between drawn parameters: the correlation file
(``assumptions/uncertainty/correlations.toml``), its checks, and Iman-Conover, which reorders a
uniform design's columns so their rank correlation approaches the target (marginals untouched).
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from model.core.errors import ModelInputError
from model.core.parameters import assumptions_dir

CORRELATION_FILE = Path("uncertainty") / "correlations.toml"


def correlation_path() -> Path:
    """The rank-correlation file: ``assumptions/uncertainty/correlations.toml``."""
    return assumptions_dir() / CORRELATION_FILE


def load_correlations(path: Path | str | None = None) -> list[dict]:
    """Validated ``[[correlation]]`` entries {a, b, rho, source, ...}; raises ModelInputError."""
    from model.core.catalog import PARAMETER_IDS

    path = Path(path) if path is not None else correlation_path()
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text())
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ModelInputError(f"{path}: not valid TOML: {exc}") from None
    entries = data.get("correlation", [])
    if set(data) - {"correlation"} or not isinstance(entries, list):
        raise ModelInputError(f"{path}: expected only [[correlation]] tables (a, b, rho, source, reasoning)")
    seen = set()
    for i, e in enumerate(entries, 1):
        where = f"{path}: correlation {i}"
        if not isinstance(e, dict) or not {"a", "b", "rho", "source"} <= set(e):
            raise ModelInputError(f"{where}: expected fields a, b, rho and source")
        for key in ("a", "b"):
            if e[key] not in PARAMETER_IDS:
                raise ModelInputError(f"{where}: {e[key]}: unknown parameter id")
        rho = e["rho"]
        if isinstance(rho, bool) or not isinstance(rho, (int, float)) or not -1 < rho < 1:
            raise ModelInputError(f"{where}: {e['a']} ~ {e['b']}: expected rho strictly between -1 and 1, got {rho!r}")
        if e["a"] == e["b"] or frozenset((e["a"], e["b"])) in seen:
            raise ModelInputError(f"{where}: {e['a']} ~ {e['b']}: a parameter with itself, or a pair given twice")
        if e["source"] == "analyst assumption" and not e.get("reasoning"):
            raise ModelInputError(f"{where}: an analyst assumption needs 'reasoning'")
        seen.add(frozenset((e["a"], e["b"])))
    return entries


def correlation_matrix(ids: Sequence[str], path: Path | str | None = None,
                       extra: Mapping[str, float] | None = None) -> tuple[tuple[str, ...], np.ndarray | None]:
    """The rank-correlation matrix over the drawn parameters that appear in a correlation entry (the file's,
    with ``extra`` "a ~ b" -> rho replacing or adding pairs; rho 0 drops one); raises ModelInputError if it
    is not positive definite."""
    pairs = {frozenset((e["a"], e["b"])): e for e in load_correlations(path)}
    for pair, rho in (extra or {}).items():
        a, _, b = (x.strip() for x in pair.partition("~"))
        pairs[frozenset((a, b))] = {"a": a, "b": b, "rho": float(rho)}
    entries = [e for e in pairs.values() if e["a"] in ids and e["b"] in ids and e["rho"] != 0]
    if not entries:
        return (), None
    cids = tuple(pid for pid in ids if any(pid in (e["a"], e["b"]) for e in entries))
    c = np.eye(len(cids))
    for e in entries:
        i, j = cids.index(e["a"]), cids.index(e["b"])
        c[i, j] = c[j, i] = e["rho"]
    check_positive_definite(c, f"{path or correlation_path()}" + (" with the scenario's correlations" if extra else ""))
    return cids, c


def check_positive_definite(c: np.ndarray, where: str) -> None:
    """Raise ModelInputError unless ``c`` (and the normal-score matrix Iman-Conover targets) is
    positive definite."""
    for m in (c, spearman_to_pearson(c)):
        try:
            np.linalg.cholesky(m)
        except np.linalg.LinAlgError:
            raise ModelInputError(f"{where}: the rank-correlation matrix is not positive definite "
                                  f"(smallest eigenvalue {np.linalg.eigvalsh(m).min():.3g}); "
                                  "loosen the correlations") from None


def spearman_to_pearson(rho_s: np.ndarray) -> np.ndarray:
    """Pearson correlation of normal scores giving Spearman correlation rho_s: 2 sin(pi rho_s / 6)."""
    out = 2 * np.sin(np.pi * np.asarray(rho_s) / 6)
    np.fill_diagonal(out, 1.0)
    return out


def iman_conover_ranks(n: int, rank_corr: np.ndarray, rng: np.random.Generator) -> np.ndarray | None:
    """Iman-Conover (Iman and Conover 1982, van der Waerden scores) for n draws of k parameters whose
    target Spearman matrix is ``rank_corr`` (k, k): the rank (0..n-1) each draw takes in each parameter,
    shape (k, n); None when n < k + 2 (too few draws to impose anything). Ranks are computed once per
    block; a sampler then gives draw i of parameter j the ``ranks[j, i]``-th smallest of its values
    (Latin hypercube: the stratum), so the marginals are untouched."""
    k = len(rank_corr)
    if n < k + 2:
        return None
    scores = _scores(n)
    perms = [rng.permutation(n) for _ in range(k)]
    s = np.stack([scores[perm] for perm in perms])  # (k, n): each row the scores in random order
    # einsum rather than BLAS: a threaded BLAS on a short, wide product is slow on a busy machine
    c = s - s.mean(axis=1, keepdims=True)
    cov = np.einsum("ij,kj->ik", c, c)
    e = cov / np.sqrt(np.outer(np.diag(cov), np.diag(cov)))
    target = np.linalg.cholesky(spearman_to_pearson(rank_corr))
    try:
        chol_e = np.linalg.cholesky(e)
    except np.linalg.LinAlgError:
        # A block of a few draws (under about 2k + 10) can draw score orders that coincide or mirror each other:
        # nothing can be imposed on it, so it is left uncorrelated (its strata stay random).
        return None
    m = np.tril(target @ np.linalg.inv(chol_e))  # lower triangular (exactly, after tril)
    ranks = np.empty((k, n), dtype=np.intp)
    # Row 0 of m @ s is m[0, 0] x s[0] with m[0, 0] > 0: its ranks are those of s[0], i.e. its permutation
    # (the scores increase), so no sort is needed for it.
    ranks[0] = perms[0]
    t = np.einsum("ij,jk->ik", m[1:], s)
    for j in range(1, k):  # a loop over parameters, not draws
        ranks[j, np.argsort(t[j - 1])] = np.arange(n)
    return ranks


@functools.lru_cache(maxsize=8)
def _scores(n: int) -> np.ndarray:
    """Van der Waerden scores of n draws: the standard normal quantiles of i / (n + 1), i = 1..n."""
    from scipy.special import ndtri  # scipy.special only, not scipy.stats: cheaper to import

    return ndtri(np.arange(1, n + 1) / (n + 1))
