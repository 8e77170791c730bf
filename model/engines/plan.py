"""The sampling plan: which parameters are drawn, from what distributions, with which rank
correlations; the values held fixed; and a chunk's parameters from its uniform design rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import numpy as np

from model.core.parameters import Assumptions
from model.core.errors import ModelInputError
from model.core.rules import check_rules, enforce_rules
from model.engines.correlation import correlation_matrix
from model.engines.distributions import from_uncertainty, parse_dist
from model.engines.inverse_cdf import Distribution


@dataclass(frozen=True)
class Plan:
    """The drawn parameters (in catalog order), their distributions and target rank correlation."""

    ids: tuple[str, ...]
    dists: tuple[Distribution, ...]
    corr: np.ndarray | None  # Spearman rank-correlation matrix over ``corr_ids`` (None: independent)
    corr_ids: tuple[str, ...] = ()

    def correlations(self) -> dict[str, float]:
        """The rank correlations imposed, for the record: ``"a ~ b"`` -> rho (non-zero pairs only)."""
        if self.corr is None:
            return {}
        ids = self.corr_ids
        return {f"{ids[i]} ~ {ids[j]}": float(self.corr[i, j])
                for i in range(len(ids)) for j in range(i + 1, len(ids)) if self.corr[i, j] != 0}

    def specs(self) -> dict[str, str]:
        """The distributions drawn, for the record: id -> spec text (``uniform:200:3000``)."""
        return {pid: d.spec() for pid, d in zip(self.ids, self.dists)}


def sampling_plan(a: Assumptions, dists: Mapping[str, str] | None = None, fixed: bool = False,
                  correlations: Path | str | None = None) -> Plan:
    """Distributions in force: the files' ``uncertainty`` entries (none if ``fixed``), replaced by
    ``dists`` (id -> CLI spec such as ``uniform:200:3000``). Switches and parameters without an
    entry stay at their value. Correlations whose two parameters are both drawn are kept."""
    chosen: dict[str, Distribution] = {}
    if not fixed:
        for pid, spec in a.specs.items():
            if spec.kind == "switch" or pid in a.overrides:
                continue  # a value set by a scenario or --set is held there
            d = from_uncertainty(spec, a.files.get(pid, "assumptions"))
            if d is not None and d.kind != "fixed":
                chosen[pid] = d
    for pid, text in a.dists.items():  # the scenario's own distributions
        chosen[pid] = parse_dist(pid, text, a.specs, "scenario distributions")
    for pid, text in (dists or {}).items():
        chosen[pid] = parse_dist(pid, text, a.specs)
    ids = tuple(pid for pid in a.specs if pid in chosen and chosen[pid].kind != "fixed")
    corr_ids, corr = correlation_matrix(ids, correlations, a.correlations)
    return Plan(ids, tuple(chosen[pid] for pid in ids), corr, corr_ids)


def check_uncertainty(a: Assumptions) -> None:
    """Raise ModelInputError unless the scenario's uncertainty is sound as a whole, as the Monte Carlo will
    use it: its distributions parse (as ``--dist``); a ``fixed:`` value keeps the cross-parameter rules; each
    correlation it sets joins two drawn parameters (not a switch, a run setting or a value held fixed); and
    its correlations joined with the file's (``assumptions/uncertainty/correlations.toml``) make a
    positive-definite matrix over the parameters drawn."""
    plan = sampling_plan(a)  # parses every distribution, and checks the whole matrix over the drawn ids
    fixed_values(a, None)
    drawn = set(plan.ids)
    for pair, rho in a.correlations.items():
        if rho == 0:
            continue  # removing a pair of the file is always allowed
        for pid in (x.strip() for x in pair.split("~")):
            if pid not in drawn:
                raise ModelInputError(f"correlation {pair}: {pid}: expected a parameter drawn by the Monte Carlo "
                                      "(not a switch, a run setting, a value set by the scenario, or one without "
                                      "a distribution); give it a distribution first")


def fixed_values(a: Assumptions, dists: Mapping[str, str] | None) -> dict[str, float]:
    """Parameter values with any ``fixed:V`` distribution applied (the scenario's, then ``dists``), checked
    against the cross-parameter rules (a fixed value is a value, as with --set)."""
    values = dict(a.values)
    changed = False
    for where, given in (("scenario distributions", a.dists), ("--dist", dists or {})):
        for pid, text in given.items():
            d = parse_dist(pid, text, a.specs, where)
            if d.kind == "fixed":
                values[pid] = d.args[0]
                changed = True
    if changed:
        check_rules(values, "--dist" if dists else "scenario distributions")
    return values


def draw_parameters(a: Assumptions, plan: Plan, u: np.ndarray, base: Mapping[str, float] | None = None,
                    clamped: dict | None = None) -> dict:
    """Parameter mapping for a chunk: each drawn id -> array (inverse CDF of its design row; ``u``
    has shape (d, draws)), the rest scalars; then ``enforce_rules`` (whole counts, clamping)."""
    p: dict = dict(a.values if base is None else base)
    for j, (pid, dist) in enumerate(zip(plan.ids, plan.dists)):
        p[pid] = dist.ppf(u[j])
    return enforce_rules(a.kinds(), p, plan.ids, clamped)
