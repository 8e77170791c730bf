"""The formulas get their arithmetic from the parameter mapping's provider (``core.arith``), not by numpy hooks:
the same formula gives floats on a plain mapping and Terms on a symbolic one, and numpy refuses a Term."""

import ast
import pathlib

import numpy as np
import pytest

from model.core import program
from model.core.arith import ops
from model.core.labor import loaded_hourly_cost
from model.core.parameters import load_assumptions
from model.core.regimes import regime_params
from model.core.symbolic import SymbolicValues, Term

A = load_assumptions()
ROOT = pathlib.Path(__file__).resolve().parents[1] / "model" / "core"
NUMPY_MATH = {"maximum", "minimum", "where", "round", "around", "divide", "clip"}


def test_one_formula_two_providers():
    """Added training hours: max(0, 100 - 80) = 20 as a float, and as a Term with its arithmetic."""
    plain = program.added_training_hours(dict(A.values))
    assert not isinstance(plain, Term) and float(plain) == 20
    sym = program.added_training_hours(SymbolicValues({k: Term.leaf(k, v) for k, v in A.values.items()}))
    assert isinstance(sym, Term) and sym.value == 20
    assert sym.text.startswith("max(0, ") and "training.hours_proposed" in sym.text


def test_the_wage_rounding_is_recorded():
    """$161,486 / 2,087 h = $77.3771.. rounded to the cent, $77.38 (labor.round_hourly_wage = 1), x 2 = $154.76:
    the same number from both providers, and the symbolic one shows the rounding."""
    sym = loaded_hourly_cost(SymbolicValues({k: Term.leaf(k, v) for k, v in A.values.items()}))
    assert "round(" in sym.text
    assert sym.value == pytest.approx(154.76, abs=1e-9)
    assert float(loaded_hourly_cost(dict(A.values))) == pytest.approx(154.76, abs=1e-9)


def test_regimes_keep_the_provider():
    q = regime_params(SymbolicValues({k: Term.leaf(k, v) for k, v in A.values.items()}), "rule")
    assert type(q) is SymbolicValues and ops(q) is ops(SymbolicValues())
    assert type(regime_params(dict(A.values), "current")) is dict


def test_numpy_refuses_a_term():
    with pytest.raises(TypeError):
        np.asarray(Term.leaf("coaching.hours", 10), dtype=float)


@pytest.mark.parametrize("name", ["program.py", "labor.py"])
def test_formulas_call_no_numpy_math_directly(name):
    tree = ast.parse((ROOT / name).read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "np":
            assert node.attr not in NUMPY_MATH, f"{name}:{node.lineno} calls np.{node.attr}; use ops(p).{node.attr}"
