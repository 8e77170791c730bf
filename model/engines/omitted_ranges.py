"""The ranges of the omitted costs (``core.omitted``): each priced requirement's incremental present value at the
higher A-4 rate, government-wide, at its lowest and highest over the uncertainty spec's ranges
(``plan.uncertainty_spec``, so a scenario's distributions move them as they move the Monte Carlo) of the
parameters the requirement itself reads: not those that move the NPRM's own estimate (the salary, the agency
count, the coaching rate), which are that estimate's uncertainty, not the requirement's.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from model.core.discount import present_value
from model.core.omitted import omitted_table, reads, unpriced_components
from model.core.parameters import Assumptions
from model.core.quantities import pv_name
from model.core.results import horizon
from model.core.stream import framed_stream, to_level
from model.core.vocabulary import AS_PUBLISHED, GOVERNMENT, INCREMENTAL, PRICED_MODES
from model.engines.fastpv import Evaluator, evaluate
from model.engines.plan import UncertaintySpec, uncertainty_spec
from model.engines.ranges import extremes, points


def moves_nprm_estimate(nprm: Assumptions, spec: UncertaintySpec, years: int, rate: float) -> set[str]:
    """The spec's parameters whose range ends move the NPRM's own estimate (as published, primary switches,
    present value at ``rate``, either priced coaching mode): one kernel call over both ends of every range."""
    ids, (lo, hi) = list(spec.ids), spec.ends()
    if not ids:
        return set()
    base = np.array([float(nprm.values[pid]) for pid in ids])
    grid = np.repeat(base[None, :], 2 * len(ids), axis=0)
    grid[2 * np.arange(len(ids)), np.arange(len(ids))] = lo
    grid[2 * np.arange(len(ids)) + 1, np.arange(len(ids))] = hi
    q = pv_name(rate)
    out = evaluate(Evaluator.build(nprm, years, [rate]), points(nprm, ids, grid), PRICED_MODES, (GOVERNMENT,),
                   (AS_PUBLISHED,), (q,))
    moved = np.zeros(len(ids), dtype=bool)
    for mode in PRICED_MODES:
        v = np.broadcast_to(out[(AS_PUBLISHED, mode, GOVERNMENT, q)], (2 * len(ids),))
        moved |= ~np.isclose(v[0::2], v[1::2], rtol=1e-12, atol=1e-6)
    return {pid for pid, m in zip(ids, moved) if m}


def component_pv(c, mode: str, years: int, rate: float):
    """The figure the range is of: component ``c``'s incremental government-wide PV at ``rate``, USD."""
    return lambda p: present_value(to_level(p, framed_stream(p, mode, INCREMENTAL, years)[c.name], GOVERNMENT), rate)


def omitted_ranges(complete: Assumptions, modes: Sequence[str] = PRICED_MODES,
                   years: int | None = None) -> dict[tuple[str, str], tuple[float, float]]:
    """(mode, component) -> (lowest, highest) PV of each omitted requirement, USD (``ranges.extremes``)."""
    n, rate = horizon(complete, years), complete["analysis.discount_rate_high"]
    spec = uncertainty_spec(complete)
    nprm = complete.primary()
    shared = moves_nprm_estimate(nprm, spec, n, rate)
    out = {}
    for mode in modes:
        for c in unpriced_components(nprm, complete):
            used = reads(complete, c, mode)
            own = [pid for pid in spec.ids if pid in used and pid not in shared]
            lo, hi = spec.ends(own)
            out[(mode, c.name)] = extremes(complete, component_pv(c, mode, n, rate), own, lo, hi)
    return out


def omitted_costs(complete: Assumptions, modes: Sequence[str] = PRICED_MODES, years: int | None = None) -> pd.DataFrame:
    """``core.omitted.omitted_table`` with each priced requirement's range (``omitted_ranges``)."""
    return omitted_table(complete, modes, years, ranges=omitted_ranges(complete, modes, years))
