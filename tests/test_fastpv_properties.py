"""The fast evaluator (engines.fastpv) against the year-by-year stream (core.stream), on random
parameters and on random extra components; and the registration check that keeps fastpv exact."""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import model.core.stream as stream_mod
import model.engines.fastpv as fastpv_mod
from model.core.components import COMPONENTS, Component, Share
from model.core.parameters import load_assumptions
from model.core.timing import Timing
from model.engines.fastpv import Evaluator, evaluate
from reference import stream_outputs

A = load_assumptions()
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
IDS = [pid for pid, s in A.specs.items() if s.kind != "switch" and not pid.startswith(("analysis.", "context."))]


@st.composite
def parameter_sets(draw):
    p = dict(A.values)
    for pid, spec in A.specs.items():
        u = spec.uncertainty
        if u is not None:
            lo, hi = u.low, u.high
            p[pid] = float(draw(st.integers(int(math.ceil(lo)), int(hi)))) if spec.kind == "count" else \
                draw(st.floats(lo, hi, allow_nan=False))
        elif spec.kind == "switch":
            p[pid] = float(draw(st.booleans()))
    p["policy.reapproval_years"] = float(draw(st.integers(1, 12)))
    p["policy.first_approval_year"] = float(draw(st.integers(1, 12)))
    p["policy.baseline_reapproval_years"] = float(draw(st.integers(1, 12)))
    p["policy.baseline_first_year"] = float(draw(st.integers(1, 12)))
    p["agencies.baseline_policies"] = float(draw(st.integers(0, 20)))
    p["coaching.internal_program_agencies"] = min(p["coaching.internal_program_agencies"], p["agencies.count"])
    return p


@pytest.mark.slow
@SETTINGS
@given(p=parameter_sets(), years=st.integers(1, 15))
def test_fast_path_equals_stream_on_random_parameters(p, years):
    a = A.with_overrides({k: v for k, v in p.items() if v != A.values[k]}, "test")
    ev = Evaluator.build(a, years)
    got = evaluate(ev, dict(a.values))
    want = stream_outputs(dict(a.values), years, ev.rates)
    for key, v in want.items():
        assert math.isclose(float(got[key]), v, rel_tol=1e-9, abs_tol=1e-6), key


@st.composite
def random_components(draw):
    """1 to 3 extra components: c0 x p[x] + (linear only) c1 x p[y] x share, on a random timing."""
    out = []
    for i in range(draw(st.integers(1, 3))):
        x, y = draw(st.sampled_from(IDS)), draw(st.sampled_from(IDS))
        c0, c1 = draw(st.floats(-5, 5)), draw(st.floats(-5, 5))
        share = draw(st.sampled_from(list(Share)))
        timing = draw(st.sampled_from(list(Timing)))
        if share is Share.LINEAR:
            def f(p, ext, x=x, y=y, c0=c0, c1=c1):
                return c0 * np.asarray(p[x], dtype=float) + c1 * np.asarray(p[y], dtype=float) * ext
        else:
            def f(p, ext, x=x, c0=c0):
                return c0 * np.asarray(p[x], dtype=float)
        out.append(Component(f"random_{i}", f, timing, "complete", "random", share))
    return out


@pytest.mark.slow
@SETTINGS
@given(extra=random_components(), p=parameter_sets())
def test_fast_path_equals_stream_with_random_components(monkeypatch, extra, p):
    registry = (*COMPONENTS, *extra)
    with monkeypatch.context() as m:
        m.setattr(stream_mod, "COMPONENTS", registry)
        m.setattr(fastpv_mod, "COMPONENTS", registry)
        ev = Evaluator.build(A, 10)
        got = evaluate(ev, p)
        want = stream_outputs(p, 10, ev.rates)
    for key, v in want.items():
        assert math.isclose(float(got[key]), v, rel_tol=1e-9, abs_tol=1e-6), key


def test_a_component_that_breaks_its_share_declaration_is_refused():
    """sqrt(share) declared linear would make the mixed mode silently wrong in fastpv: refused."""
    with pytest.raises(ValueError, match="declared share=linear"):
        Component("bad", lambda p, ext: np.sqrt(ext) * 100.0, Timing.ANNUAL, "complete", "bad", Share.LINEAR)
    with pytest.raises(ValueError, match="declared share=none"):
        Component("bad", lambda p, ext: ext * 100.0, Timing.ANNUAL, "complete", "bad", Share.NONE)
    with pytest.raises(TypeError, match="timing must be a Timing"):
        Component("bad", lambda p, ext: 1.0, "anual", "complete", "bad")
