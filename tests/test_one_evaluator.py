"""One evaluator for totals: the kernel the Monte Carlo uses (``engines.fastpv``) gives every A-4 primary, and it
equals the year-by-year stream (``core.stream``, the test oracle) over the whole parameter box: both ends of every
range (one parameter at a time), the all-low and all-high corners, every switch on and off, and random interior
points, for every framing, coaching mode, level and quantity. Nothing is rounded inside the kernel."""

import numpy as np
import pytest

from model.core.discount import present_value
from model.core.errors import ModelInputError
from model.core.parameters import load_assumptions
from model.core.standard import complete_of
from model.core.stream import framed_stream, to_level
from model.core.timing import SCHEDULE_IDS
from model.core.vocabulary import FRAMINGS, LEVELS, MODES
from model.engines.bounds import a4_cells
from model.engines.fastpv import Evaluator, evaluate
from model.engines.plan import uncertainty_spec
from model.engines.ranges import points

YEARS, RATES = 10, (0.03, 0.07)


def box(a, rng, interior=300):
    """Points over the box: every uncertain parameter at each end with the rest at their values; the all-low and
    all-high corners; each switch flipped; ``interior`` uniform points with switches at random. Returns the
    parameter mapping (arrays) after the draw rules (whole counts, clamps)."""
    spec = uncertainty_spec(a)
    ids, (lo, hi) = list(spec.ids), spec.ends()
    switches = [pid for pid, s in a.specs.items() if s.kind == "switch"]
    base = np.array([float(a.values[pid]) for pid in ids])
    rows = []
    for j in range(len(ids)):
        for end in (lo[j], hi[j]):
            r = base.copy()
            r[j] = end
            rows.append(r)
    rows += [lo, hi]
    u = rng.random((interior, len(ids)))
    rows += list(lo + u * (hi - lo))
    grid = np.array(rows)
    p = points(a, ids, grid)
    m = len(grid)
    sw = np.array([[float(a.values[s])] * m for s in switches])
    flips = min(len(switches), m)
    sw[np.arange(flips), np.arange(flips)] = 1 - sw[np.arange(flips), np.arange(flips)]  # each switch flipped once
    sw[:, -interior:] = rng.integers(0, 2, (len(switches), interior))
    for s, v in zip(switches, sw):
        p[s] = v
    p["policy.reapproval_years"] = rng.integers(1, 13, m).astype(float)  # the schedules too, whole years
    p["policy.baseline_reapproval_years"] = rng.integers(1, 13, m).astype(float)
    p["policy.first_approval_year"] = rng.integers(1, 12, m).astype(float)
    p["policy.baseline_first_year"] = rng.integers(1, 12, m).astype(float)
    return p, m


@pytest.mark.parametrize("which", ["nprm", "complete"])
def test_kernel_equals_the_stream_over_the_box(which):
    a = load_assumptions()
    a = a if which == "nprm" else complete_of(a)
    p, m = box(a, np.random.default_rng(11))
    ev = Evaluator.build(a, YEARS, RATES)
    fast = evaluate(ev, p)
    for framing in FRAMINGS:
        for mode in MODES:
            total = framed_stream(p, mode, framing, YEARS)["total"]
            for level in LEVELS:
                s = to_level(p, total, level)
                want = {"year1_total": s[..., 0], **{f"pv_{r * 100:g}": present_value(s, r) for r in RATES}}
                for q, v in want.items():
                    got = np.broadcast_to(fast[(framing, mode, level, q)], (m,))
                    np.testing.assert_allclose(got, v, rtol=1e-11, atol=1e-6, err_msg=str((framing, mode, level, q)))


def test_a4_primary_is_one_draw_of_the_kernel_and_equals_the_stream():
    a = complete_of(load_assumptions())
    cells = a4_cells(a, "ranges", framings=("incremental",), modes=("external",), levels=("government",))
    pv = cells[(cells.measure == "present value") & np.isclose(cells.discount_rate, 0.07)].primary.iloc[0]
    s = to_level(dict(a.values), framed_stream(dict(a.values), "external", "incremental", 10)["total"], "government")
    assert pv == pytest.approx(float(present_value(s, 0.07)), rel=1e-12)


@pytest.mark.parametrize("pid,value", [("policy.reapproval_years", 2.5), ("policy.first_approval_year", 0.0),
                                       ("policy.baseline_reapproval_years", np.nan)])
def test_the_kernel_rounds_nothing(pid, value):
    """A schedule value that is not whole years from 1 is refused, never rounded or clamped to one that is."""
    a = load_assumptions()
    assert pid in SCHEDULE_IDS
    p = dict(a.values)
    p[pid] = value
    with pytest.raises(ModelInputError, match="whole years from 1"):
        evaluate(Evaluator.build(a, YEARS, RATES), p)
