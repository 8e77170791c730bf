"""Monte Carlo and sensitivity of a ``Scenario`` (mixed into it): the engines are imported only when a
method runs, so ``import model`` never loads scipy or SALib.

Every method takes its seed as an argument (default: the parameter ``analysis.seed``) and keeps no state
between calls: the same scenario, draws and seed give the same numbers. ``dists`` gives a parameter a
distribution other than its assumption file's, as ``{"coaching.external_rate": "uniform:200:3000"}`` or
the CLI's ``["coaching.external_rate=uniform:200:3000"]``; ``fixed=True`` holds every other parameter at
its value. Outputs in USD of ``analysis.dollar_year``; ``quantity`` is ``year1_total``, ``pv_3`` or
``pv_7`` (default: the PV at the higher A-4 rate, ``pv_7``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from model.core.vocabulary import FRAMINGS, LEVELS, MODES
from model.api import checks as check
from model.api._common import choices, tables_html
from model.engines.samplers import DEFAULT_CHUNK

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from model.core.parameters import Assumptions
    from model.engines.montecarlo import SimulationResult

Dists = Mapping[str, str] | Sequence[str] | None
Selection = str | Sequence[str] | None  # one name, a list of names, or None for all


@dataclass(frozen=True)
class Sensitivity:
    """Every sensitivity table of one output (``output``: quantity, coaching, level, framing):
    ``tornado`` (each parameter at its low and high; USD), ``sobol`` (S1, ST and 95% half-widths over
    ``sobol_n`` base samples), ``spearman`` (rank correlation over ``draws`` Monte Carlo draws) and
    ``switching_values`` (where the output crosses ``threshold`` USD), all seeded by ``seed``."""

    output: dict[str, str]
    tornado: "pd.DataFrame"
    sobol: "pd.DataFrame"
    spearman: "pd.DataFrame"
    switching_values: "pd.DataFrame"
    sobol_n: int
    draws: int
    seed: int
    threshold: float

    def _repr_html_(self) -> str:
        title = "Sensitivity of " + " | ".join(self.output.values())
        return tables_html(title, (f"Sobol base samples {self.sobol_n:,}; Spearman draws {self.draws:,}; seed "
                                   f"{self.seed}; threshold {self.threshold:,.0f} USD",),
                           (("Tornado", self.tornado), ("Sobol indices", self.sobol),
                            ("Spearman rank correlation", self.spearman), ("Switching values", self.switching_values)))


def _dists(a: "Assumptions", dists: Dists) -> dict[str, str] | None:
    """``dists`` as {id: spec}; a list of ``ID=KIND:ARGS`` strings is parsed as the CLI's ``--dist``."""
    dists = check.dists(dists)
    if dists is None or isinstance(dists, dict):
        return dists
    from model.engines.distributions import parse_dist_options
    return parse_dist_options(list(dists), a.specs)


class UncertaintyMethods:
    """Monte Carlo and sensitivity methods of ``Scenario`` (``self.assumptions`` is the parameter set)."""

    __slots__ = ()
    assumptions: "Assumptions"

    def _default(self, value: Any, pid: str, name: str = "", lo: int = 0) -> int:
        """``value``, checked as a whole number of at least ``lo`` when ``name`` is given; None: ``pid``'s value."""
        if value is None:
            return int(self.assumptions[pid])
        return check.whole(name, value, lo) if name else value

    def _common(self, quantity: Any, coaching: Any, level: Any, framing: Any, fixed: Any, years: Any) -> None:
        """The arguments every sensitivity method shares, checked before any work."""
        check.text("quantity", quantity)
        for name, value in (("coaching", coaching), ("level", level), ("framing", framing)):
            check.text(name, value, optional=False)
        check.flag("fixed", fixed)
        check.years(years)

    def simulate(self, draws: int | None = None, seed: int | None = None, *, sampler: str = "lhs",
                 dists: Dists = None, fixed: bool = False, years: int | None = None,
                 thresholds: Sequence[float] | None = None, chunk_size: int = DEFAULT_CHUNK,
                 keep_inputs: bool = False, coaching: Selection = None, levels: Selection = None,
                 framings: Selection = None, quantities: Selection = None) -> "SimulationResult":
        """Monte Carlo of every uncertain parameter: ``draws`` (default ``analysis.app_draws``) from ``seed``
        (default ``analysis.seed``) with ``sampler`` (``lhs``, ``mc`` or ``sobol``). The result's ``summary``
        (coaching, level, framing, quantity, mean, sd, se, p5..p95, min, max; USD), ``exceedance`` (of each
        threshold, default $100 million), ``convergence``, ``meta``, and ``outputs(coaching, level, quantity,
        framing)``: one output's draws. Same draws and seed, same numbers, whatever ``chunk_size``.
        ``coaching``, ``levels``, ``framings`` and ``quantities`` (a name or a list; default all) choose the
        outputs summarized: fewer cost less, and the numbers of those asked for do not change."""
        from model.engines.montecarlo import simulate
        from model.engines.fastpv import quantities as quantity_names

        a = self.assumptions
        check.flag("fixed", fixed), check.flag("keep_inputs", keep_inputs)
        years, thresholds = check.years(years), check.amounts("thresholds", thresholds)
        return simulate(a, self._default(draws, "analysis.app_draws", "draws", 2),
                        self._default(seed, "analysis.seed", "seed", 0),
                        sampler=check.text("sampler", sampler, optional=False), dists=_dists(a, dists), fixed=fixed,
                        years=years, thresholds=thresholds, chunk_size=check.whole("chunk_size", chunk_size, 1),
                        keep_inputs=keep_inputs, modes=choices("coaching", coaching, MODES),
                        levels=choices("levels", levels, LEVELS), framings=choices("framings", framings, FRAMINGS),
                        quantities=choices("quantities", quantities, quantity_names(a)))

    def tornado(self, quantity: str | None = None, coaching: str = "internal", level: str = "government",
                framing: str = "as_published", *, dists: Dists = None, fixed: bool = False,
                years: int | None = None) -> "pd.DataFrame":
        """One-way sensitivity: each uncertain parameter at its low and high, the others at their values:
        parameter, low, high, output_low, output_high, base, swing (USD), sorted by swing."""
        from model.engines.sensitivity import tornado
        self._common(quantity, coaching, level, framing, fixed, years)
        a = self.assumptions
        return tornado(a, quantity=quantity, coaching=coaching, level=level, framing=framing,
                       dists=_dists(a, dists), fixed=fixed, years=years)

    def sobol(self, quantity: str | None = None, coaching: str = "internal", level: str = "government",
              framing: str = "as_published", *, n: int | None = None, seed: int | None = None,
              dists: Dists = None, fixed: bool = False, years: int | None = None) -> "pd.DataFrame":
        """Sobol first-order (S1) and total (ST) indices with 95% half-widths (SALib), over ``n`` base
        samples (a power of 2; default ``analysis.sobol_samples``) from ``seed``. Inputs independent."""
        from model.engines.sensitivity import sobol_indices
        self._common(quantity, coaching, level, framing, fixed, years)
        a = self.assumptions
        return sobol_indices(a, quantity, coaching, level, self._default(n, "analysis.sobol_samples", "n", 0),
                             self._default(seed, "analysis.seed", "seed", 0), framing=framing, dists=_dists(a, dists),
                             fixed=fixed, years=years)

    def spearman(self, quantity: str | None = None, coaching: str = "internal", level: str = "government",
                 framing: str = "as_published", *, draws: int | None = None, seed: int | None = None,
                 dists: Dists = None, fixed: bool = False, years: int | None = None) -> "pd.DataFrame":
        """Spearman rank correlation (``rho``) of each drawn input with the output over ``draws`` Monte
        Carlo draws (default ``analysis.app_draws``) from ``seed``, sorted by |rho|."""
        from model.engines.sensitivity import spearman
        self._common(quantity, coaching, level, framing, fixed, years)
        a = self.assumptions
        return spearman(a, quantity=quantity, coaching=coaching, level=level, framing=framing,
                        draws=self._default(draws, "analysis.app_draws", "draws", 2),
                        seed=self._default(seed, "analysis.seed", "seed", 0),
                        dists=_dists(a, dists), fixed=fixed, years=years)

    def switching_values(self, quantity: str | None = None, threshold: float | None = None,
                         coaching: str = "internal", level: str = "government", framing: str = "as_published", *,
                         dists: Dists = None, fixed: bool = False, years: int | None = None) -> "pd.DataFrame":
        """Per uncertain parameter, the value within its range at which the output crosses ``threshold``
        (USD; default ``context.significance_threshold``, $100 million), the others at their values, or
        ``"never"``."""
        from model.engines.sensitivity import switching_values
        self._common(quantity, coaching, level, framing, fixed, years)
        threshold = None if threshold is None else check.amount("threshold", threshold)
        a = self.assumptions
        return switching_values(a, quantity=quantity, threshold=threshold, coaching=coaching, level=level,
                                framing=framing, dists=_dists(a, dists), fixed=fixed, years=years)

    def sensitivity(self, quantity: str | None = None, coaching: str = "internal", level: str = "government",
                    framing: str = "as_published", *, threshold: float | None = None, sobol_n: int | None = None,
                    draws: int | None = None, seed: int | None = None, dists: Dists = None, fixed: bool = False,
                    years: int | None = None) -> Sensitivity:
        """All four sensitivity tables of one output (what ``sescdp sensitivity`` prints): defaults
        ``analysis.sobol_samples`` base samples, ``analysis.app_draws`` draws, seed ``analysis.seed``."""
        from model.core.quantities import pv_high
        self._common(quantity, coaching, level, framing, fixed, years)
        threshold = None if threshold is None else check.amount("threshold", threshold)
        a = self.assumptions
        out = dict(quantity=quantity or pv_high(a.values), coaching=coaching, level=level, framing=framing)
        common: dict[str, Any] = dict(dists=_dists(a, dists), fixed=fixed, years=years)
        n = self._default(sobol_n, "analysis.sobol_samples", "sobol_n", 0)
        draws = self._default(draws, "analysis.app_draws", "draws", 2)
        seed = self._default(seed, "analysis.seed", "seed", 0)
        tor = self.tornado(**out, **common)
        sob = self.sobol(**out, n=n, seed=seed, **common)
        spe = self.spearman(**out, draws=draws, seed=seed, **common)
        sw = self.switching_values(threshold=threshold, **out, **common)
        thr = float(sw.threshold.iloc[0]) if len(sw) else float(
            a["context.significance_threshold"] if threshold is None else threshold)
        return Sensitivity(out, tor, sob, spe, sw, n, draws, seed, thr)
