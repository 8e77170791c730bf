"""The uncertainty spec (SALib's ``ProblemSpec`` is the model): which parameters are uncertain, their
distributions and range ends, and their rank correlations, built once (``uncertainty_spec``) from the assumption
files plus a scenario's ``[distributions]`` and ``[correlations]`` (and any ``--dist``). It is the only input
every engine takes about uncertainty: the Monte Carlo draws from it, and the tornado, the switching values, the
"ranges" A-4 low/high and the omitted-cost ranges read its range ends (``ends``). Also: the values held fixed,
and a chunk's parameters from its uniform design rows.
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
class UncertaintySpec:
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

    def ends(self, ids=None) -> tuple[np.ndarray, np.ndarray]:
        """Range ends of the parameters ``ids`` (default every drawn one), in the parameters' units: the
        distribution's ``low``/``high`` (its bounds; P5/P95 for a normal or lognormal), as the tornado uses."""
        at = {pid: d for pid, d in zip(self.ids, self.dists)}
        ids = self.ids if ids is None else ids
        return (np.array([at[pid].low for pid in ids], dtype=float), np.array([at[pid].high for pid in ids], dtype=float))

    def specs(self) -> dict[str, str]:
        """The distributions drawn, for the record: id -> spec text (``uniform:200:3000``)."""
        return {pid: d.spec() for pid, d in zip(self.ids, self.dists)}


def uncertainty_spec(a: Assumptions, dists: Mapping[str, str] | None = None, fixed: bool = False,
                  correlations: Path | str | None = None) -> UncertaintySpec:
    """Distributions in force: the files' ``uncertainty`` entries (none if ``fixed``), replaced by
    ``dists`` (id -> CLI spec such as ``uniform:200:3000``). Switches and parameters without an
    entry stay at their value. Correlations whose two parameters are both drawn are kept."""
    chosen: dict[str, Distribution] = {}
    if not fixed:
        for pid, spec in a.specs.items():
            if spec.kind == "switch" or pid in a.overrides:
                continue  # a value set by a scenario or --set is held there
            if spec.applies_when and a.values[spec.applies_when] == 0:
                continue  # its switch is off: the value changes no figure, so it is not drawn
            d = from_uncertainty(spec, a.files.get(pid, "assumptions"))
            if d is not None and d.kind != "fixed":
                chosen[pid] = d
    for pid, text in a.dists.items():  # the scenario's own distributions
        chosen[pid] = parse_dist(pid, text, a.specs, "scenario distributions")
    for pid, text in (dists or {}).items():
        chosen[pid] = parse_dist(pid, text, a.specs)
    ids = tuple(pid for pid in a.specs if pid in chosen and chosen[pid].kind != "fixed")
    corr_ids, corr = correlation_matrix(ids, correlations, a.correlations)
    return UncertaintySpec(ids, tuple(chosen[pid] for pid in ids), corr, corr_ids)


def check_uncertainty(a: Assumptions) -> None:
    """Raise ModelInputError unless the scenario's uncertainty is sound as a whole, as the Monte Carlo will
    use it: its distributions parse (as ``--dist``); a ``fixed:`` value keeps the cross-parameter rules; each
    correlation it sets joins two drawn parameters (not a switch, a run setting or a value held fixed); and
    its correlations joined with the file's (``assumptions/uncertainty/correlations.toml``) make a
    positive-definite matrix over the parameters drawn."""
    plan = uncertainty_spec(a)  # parses every distribution, and checks the whole matrix over the drawn ids
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


def draw_parameters(a: Assumptions, plan: UncertaintySpec, u: np.ndarray, base: Mapping[str, float] | None = None,
                    clamped: dict | None = None) -> dict:
    """Parameter mapping for a chunk: each drawn id -> array (inverse CDF of its design row; ``u``
    has shape (d, draws)), the rest scalars; then ``enforce_rules`` (whole counts, clamping)."""
    p: dict = dict(a.values if base is None else base)
    for j, (pid, dist) in enumerate(zip(plan.ids, plan.dists)):
        p[pid] = dist.ppf(u[j])
    return enforce_rules(a.kinds(), p, plan.ids, clamped)
