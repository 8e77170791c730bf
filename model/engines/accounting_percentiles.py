"""Monte Carlo percentiles for the A-4 accounting statement's low and high columns."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from model.core.parameters import Assumptions
from model.core.quantities import annualized_name
from model.core.vocabulary import FRAMINGS, LEVELS, MODES, YEAR1
from model.engines.fastpv import quantities
from model.engines.simulate import simulate


def accounting_percentiles(a: Assumptions, draws: int, seed: int | np.random.Generator,
                           years: int | None = None, sampler: str = "lhs",
                           rates: Sequence[float] | None = None, year1: bool = True,
                           framings: Sequence[str] = FRAMINGS, modes: Sequence[str] = MODES,
                           levels: Sequence[str] = LEVELS) -> pd.DataFrame:
    """P5, P50 and P95 (USD) of year-1 cost, present value and annualized value at each discount rate
    (default the accounting rates), by coaching mode, level and framing, for the A-4 accounting
    statement's low/high columns. Columns: coaching, level, framing, quantity (year1_total, pv_3,
    annualized_3, ...), measure (year 1, present value, annualized), discount_rate (NaN for year 1),
    p5, p50, p95. Annualized percentiles are the PV percentiles / the annuity factor (monotone).
    Only what is asked is computed: the year-1 rows when ``year1``, and the ``framings``, ``modes`` and
    ``levels`` given (the A-4 statement shows no year-1 figure)."""
    pvs = quantities(a, rates)[1:]
    res = simulate(a, draws, seed, sampler=sampler, years=years, rates=rates, framings=framings, modes=modes,
                   levels=levels, quantities=((YEAR1,) if year1 else ()) + pvs)
    ev = res._evaluator
    t = res.summary[["coaching", "level", "framing", "quantity", "p5", "p50", "p95"]]
    parts = [t[t.quantity == YEAR1].assign(measure="year 1", discount_rate=np.nan)] if year1 else []
    for r, q in zip(ev.rates, ev.quantity_names[1:]):
        pv = t[t.quantity == q]
        parts.append(pv.assign(measure="present value", discount_rate=r))
        ann = pv.assign(measure="annualized", discount_rate=r, quantity=annualized_name(r))
        ann[["p5", "p50", "p95"]] = ann[["p5", "p50", "p95"]] / ev.annual[q]
        parts.append(ann)
    cols = ["coaching", "level", "framing", "quantity", "measure", "discount_rate", "p5", "p50", "p95"]
    return pd.concat(parts, ignore_index=True)[cols]
