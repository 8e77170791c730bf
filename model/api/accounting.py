"""The A-4 accounting of a ``Scenario`` (mixed into it): present values, the accounting statement (its cells from
``engines.bounds.a4_cells``, one evaluator and one uncertainty spec), the evidence shares, the E.O. 14192 reference
figure, the complete accounting against the published scope, the omitted costs and the context figures. USD of
``analysis.dollar_year``; engines are imported only when a method runs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from model.api import checks as check
from model.api._common import Framing, Level, choice, choices
from model.core.vocabulary import FRAMINGS, LEVELS, MODES

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from model.outputs.present.layouts import PubTable

_years = check.years  # a horizon in whole years from 1 to 50 (None: the default), else ModelInputError


class AccountingMethods:
    """The accounting figures of a scenario; ``self._a`` is its ``Assumptions``."""

    def present_values(self, years: int | None = None, *, extra_rates: Sequence[float] = (),
                       framing: str | Sequence[str] | None = None, coaching: str | Sequence[str] | None = None,
                       level: str | Sequence[str] | None = None) -> "pd.DataFrame":
        """Present value, annualized value and perpetual present value of the total, USD, at the A-4
        rates (3%, 7%) plus ``extra_rates``, over ``years`` (default 10), by framing, coaching and level."""
        from model.core.results import accounting_table
        return accounting_table(self._a, years=_years(years), rates=self._rates(extra_rates),
                                framings=choices("framing", framing, FRAMINGS),
                                modes=choices("coaching", coaching, MODES), levels=choices("level", level, LEVELS))

    def accounting(self, method: str = "montecarlo", *, draws: int | None = None, seed: int | None = None,
                   years: int | None = None, extra_rates: Sequence[float] = (),
                   framing: str | Sequence[str] | None = None, coaching: str | Sequence[str] | None = None,
                   level: str | Sequence[str] | None = None) -> "pd.DataFrame":
        """The OMB Circular A-4 accounting statement (costs): one row per framing, coaching, level, measure
        (annualized, present value) and rate, with primary, low, high (USD), dollar year, period and
        source. Low/high: ``method="montecarlo"``, P5/P95 of ``draws`` Latin hypercube draws (default
        ``analysis.accounting_draws``, 20,000) from ``seed`` (default ``analysis.seed``); or ``"ranges"``,
        the lowest and highest figure with the uncertain parameters at the ends of their ranges, the scenario's
        own distributions included (``engines.ranges.extremes``). Primary, low and high come from one evaluator."""
        from model.core.accounting import accounting_statement
        from model.engines.bounds import a4_cells, method_note
        a, rates, years = self._a, self._rates(extra_rates), _years(years)
        method = check.text("method", method, optional=False)
        draws = int(a["analysis.accounting_draws"]) if draws is None else check.whole("draws", draws, 2)
        seed = int(a["analysis.seed"]) if seed is None else check.whole("seed", seed, 0)
        framings = choices("framing", framing, FRAMINGS)
        modes, levels = choices("coaching", coaching, MODES), choices("level", level, LEVELS)
        cells = a4_cells(a, method, draws, seed, years, rates, framings, modes, levels)
        return accounting_statement(a, cells, method_note(a, method, draws, seed), years)

    def evidence(self, years: int | None = None) -> "pd.DataFrame":
        """How much of each headline figure rests on what: one row per framing, coaching mode, level, measure
        (``year1``, ``present value``, ``annualized``), discount rate (NaN for year 1) and evidence grade, with the
        USD resting on that grade and its share of the figure's gross dollars (``model.core.grading``)."""
        from model.core.grading import evidence_table
        return evidence_table(self._a, years=_years(years))

    def eo14192(self, years: int | None = None) -> "pd.DataFrame":
        """E.O. 14192 reference figure: the exact present value at 7% of the cost stream continued for
        ever, beside the ``years``-year annualized value, USD (a reference figure for the NPRM's de minimis statement)."""
        from model.core.accounting import eo14192_view
        return eo14192_view(self._a, years=_years(years))

    def statement(self, framing: str = "incremental", method: str = "montecarlo", *,
                  years: int | None = None) -> "PubTable":
        """The A-4 accounting statement in OMB's layout for one framing, as every document shows it: costs
        annualized at each rate and coaching mode ($ millions a year, government-wide; primary, low, high),
        unquantified costs, benefits, transfers and effects as the NPRM states them. ``.frame()`` gives it as
        display text; ``.rows`` the raw values (USD). Low/high as in ``accounting``."""
        from model.engines.bounds import method_note
        from model.outputs.present.layouts import a4_statement
        from model.outputs.provenance import provenance
        choice("framing", framing, FRAMINGS)
        check.text("method", method, optional=False)
        _years(years)
        a = self._a
        n = self.horizon(years)
        prov = provenance(a, n)
        prov["accounting_low_high"] = method_note(a, method)
        from model.core.statement import reading_note
        from model.core.alternatives import load_alternatives
        from model.outputs.present.alternatives_layout import alternatives_line
        import pandas as pd
        alts = pd.DataFrame([{"name": x.name, "kind": x.kind} for x in load_alternatives(a)])
        return a4_statement(self.accounting(method, years=years, framing=framing), self.omitted_costs(years),
                            prov, framing, reading=reading_note(a), alternatives=alternatives_line(alts))

    def complete_vs_published(self, years: int | None = None) -> "pd.DataFrame":
        """The NPRM's published scope beside the complete accounting (``scenarios/complete.toml`` on top of
        this scenario): year-1 cost and PV at each A-4 rate, per coaching mode and level, USD."""
        from model.core.accounting import complete_vs_published
        from model.core.standard import complete_of
        return complete_vs_published(self._a, complete_of(self._a), years=_years(years))

    def omitted_components(self, level: Level = "government") -> "pd.DataFrame":
        """Year-1 cost of each component, published scope vs complete accounting, per coaching mode, USD."""
        from model.core.accounting import omitted_components
        from model.core.standard import complete_of
        return omitted_components(self._a, complete_of(self._a), level=choice("level", level, LEVELS))

    def omitted_costs(self, years: int | None = None) -> "pd.DataFrame":
        """What the NPRM omits: each requirement of the rule text its cost section does not price, with its
        quote, the incremental year-1 cost and PV at 7% (USD, government-wide) at this scenario's values
        and at the ends of its range, or "unquantified" with the reason; internal and external coaching."""
        from model.core.standard import complete_of
        from model.engines.omitted_ranges import omitted_costs
        return omitted_costs(complete_of(self._a), years=_years(years))

    def context(self, framing: Framing = "as_published") -> dict[str, "pd.DataFrame"]:
        """``thresholds``: government-wide year-1 cost against E.O. 12866 3(f)(1) and UMRA (USD, margin,
        share); ``break_even``: external SES hires a year the program must avoid to pay for itself."""
        from model.core.context import context_figures
        return context_figures(self._a, choice("framing", framing, FRAMINGS))

    def _rates(self, extra_rates: Sequence[float] = ()) -> list[float]:
        """The A-4 discount rates (analysis.discount_rate_low, _high) and any extra, sorted, unique."""
        return sorted({self._a["analysis.discount_rate_low"], self._a["analysis.discount_rate_high"],
                       *check.rates(extra_rates)})
