"""Evidence grades: how well each parameter, and so each figure, is supported.

Every parameter's entry carries ``evidence``, one of (strongest first):

- ``stated``: the value, in some printed form ("$161,486", "200 percent", "eight"), appears in its quote from the NPRM
  or the current rule;
- ``rule_text``: read from the regulatory text, proposed or current (section 412.xxx and quote);
- ``derived``: arithmetic on other parameters and on numbers printed in its quote (``formula``), which the loader
  recomputes; its grade in a figure is 'derived' or the weakest of what it is computed from, if weaker;
- ``external``: a source outside the two texts (title, date and where in it);
- ``assumption``: the analyst's choice, with its reasoning and a range.

A component's grade is the weakest among the quantity parameters its formula reads, found by running the registry's
own formula on symbolic values (``core.symbolic.Term`` records the parameters it reads). Switches only select which
terms count (the reading of the NPRM, the complete accounting) and carry no quantity, so they do not grade a
component. A figure's shares by grade are the shares of its components' absolute dollars (gross, so that a saving
counts as evidence too), USD and fractions.
"""

from __future__ import annotations

import ast
import math
import re
from typing import Mapping

import pandas as pd

from model.core.specs import GRADES, ParameterSpec

GRADE_LABELS = {"stated": "stated in the NPRM or the current rule", "rule_text": "read from the rule text",
                "derived": "derived from stated values", "external": "from an external source",
                "assumption": "analyst assumptions"}
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "first": 1, "second": 2, "third": 3,
         "triennial": 3}
STRUCTURAL = (0, 1)  # numbers a formula may use without a quote (x - 1, 1 / x)


def _number_forms(v: float) -> set[str]:
    """Printed forms of a number: 161486 -> {'161,486', '161486'}; 154.76 -> {'154.76'}; 1e8 -> '100 million'."""
    forms = {f"{v:g}"}
    if float(v).is_integer():
        forms |= {f"{v:,.0f}", f"{v:.0f}"}
    else:
        forms |= {f"{v:,.2f}", f"{v:.2f}", f"{v:,.2f}".rstrip("0").rstrip(".")}
    if v >= 1e6:
        forms.add(f"{v / 1e6:g} million")
    return forms


def printed_in(value: float, unit: str, quote: str | None) -> bool:
    """True if ``value`` appears in ``quote`` in a printed form: digits (with or without thousands commas), a
    percentage of a multiple or share ("200 percent" for 2.0), millions, or a number word ("eight", "twelve")."""
    if not quote:
        return False
    text = quote.lower()
    v = float(value)
    forms = _number_forms(v)
    if unit.startswith(("multiple", "share")):
        forms |= {f"{v * 100:g} percent", f"{v * 100:g}%"}
    for form in forms:
        if re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", text):
            return True
    return any(n == v and re.search(rf"\b{w}\b", text) for w, n in WORDS.items())


# ------------------------------------------------------------------ derived values
_OPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
        ast.Div: lambda a, b: a / b}
_ID = re.compile(r"[a-z_]+\.[a-z0-9_]+")


def _ids_in(formula: str) -> list[str]:
    return _ID.findall(formula)


def evaluate_formula(formula: str, values: Mapping[str, float]) -> tuple[float, list[float]]:
    """Evaluate a derived value's formula: parameter ids, numbers, + - * /, parentheses and ``round(x)`` or
    ``round(x, digits)``. Returns the value and the numbers the formula uses (other than 0, 1 and the digits of a
    round), which must be printed in the quote. Raises ValueError naming what is not allowed."""
    names = {pid: f"_p{i}" for i, pid in enumerate(dict.fromkeys(_ids_in(formula)))}
    source = formula
    for pid, name in names.items():
        source = re.sub(rf"(?<![\w.]){re.escape(pid)}(?![\w])", name, source)
    env = {name: float(values[pid]) for pid, name in names.items() if pid in values}
    unknown = [pid for pid in names if pid not in values]
    if unknown:
        raise ValueError(f"formula {formula!r}: unknown parameter {unknown[0]}")
    literals: list[float] = []

    def ev(node):
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            if node.value not in STRUCTURAL:
                literals.append(float(node.value))
            return float(node.value)
        if isinstance(node, ast.Name) and node.id in env:
            return env[node.id]
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -ev(node.operand)
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "round"
                and 1 <= len(node.args) <= 2 and not node.keywords):
            digits = node.args[1].value if len(node.args) == 2 and isinstance(node.args[1], ast.Constant) else 0
            return float(round(ev(node.args[0]), int(digits)))
        raise ValueError(f"formula {formula!r}: only parameter ids, numbers, + - * /, parentheses and round() "
                         "are allowed")

    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError:
        raise ValueError(f"formula {formula!r}: not an arithmetic expression") from None
    return ev(tree), literals


def check_derived(spec: ParameterSpec, values: Mapping[str, float]) -> None:
    """Raise ValueError unless a derived value equals its formula recomputed from ``values`` (to the precision
    the value is written with) and every number the formula uses is printed in its quote."""
    got, literals = evaluate_formula(spec.formula or "", values)
    if not math.isclose(got, spec.value, rel_tol=1e-9, abs_tol=1e-9):
        raise ValueError(f"derived value {spec.value:g} but its formula {spec.formula} gives {got:.10g}")
    for x in literals:
        if not printed_in(x, "", spec.quote):
            raise ValueError(f"formula {spec.formula}: the number {x:g} is not printed in its quote")


# ------------------------------------------------------------------ grades of parameters and components
def weakest(grades) -> str:
    """The weakest of some grades ('stated' when there are none)."""
    return max(grades, key=GRADES.index, default=GRADES[0])


def effective_grade(specs: Mapping[str, ParameterSpec], pid: str, _seen: frozenset = frozenset()) -> str:
    """A parameter's grade in a figure: its own, or for a derived value the weaker of 'derived' and the parameters
    its formula uses (numbers printed in its quote count as stated): arithmetic never makes a value stronger than
    what it is computed from, nor as strong as a value printed in the text."""
    s = specs[pid]
    if s.evidence != "derived" or pid in _seen:
        return s.evidence
    inputs = [x for x in _ids_in(s.formula or "") if x in specs]
    return weakest([s.evidence, *(effective_grade(specs, x, _seen | {pid}) for x in inputs)])


def grade_of_ids(specs: Mapping[str, ParameterSpec], ids) -> str:
    """The grade of a formula that reads the parameters ``ids``: the weakest among its quantities (switches
    select terms and carry no quantity)."""
    return weakest(effective_grade(specs, pid) for pid in ids if pid in specs and specs[pid].kind != "switch")


def shares_by_grade(contributions: Mapping[str, float], grades: Mapping[str, str]) -> dict[str, tuple[float, float]]:
    """Grade -> (signed USD, share of the gross) for components' contributions (name -> USD) and their grades
    (name -> grade). Every grade is present, in GRADES order; shares add to 1 unless every contribution is 0."""
    usd = {g: 0.0 for g in GRADES}
    gross = {g: 0.0 for g in GRADES}
    for name, v in contributions.items():
        usd[grades[name]] += float(v)
        gross[grades[name]] += abs(float(v))
    total = sum(gross.values())
    return {g: (usd[g], gross[g] / total if total else 0.0) for g in GRADES}


def grade_sentence(shares: Mapping[str, tuple[float, float]]) -> str:
    """One sentence: 'Of the gross dollars in this figure, 61% rest on stated values, 39% on analyst
    assumptions.' (grades with a share shown in GRADES order; a share under 0.5% but above 0 is '<1%')."""
    parts = []
    for g in GRADES:
        share = shares[g][1]
        if share <= 0:
            continue
        pct = "<1%" if share < 0.005 else f"{share:.0%}"
        parts.append(f"{pct} {GRADE_PHRASES[g]}")
    if not parts:
        return "This figure is zero: no evidence to grade."
    return "Of the gross dollars in this figure, " + ", ".join(parts) + "."


GRADE_PHRASES = {"stated": "rest on values stated in the NPRM or the current rule",
                 "rule_text": "on values read from the rule text", "derived": "on values derived from stated ones",
                 "external": "on external sources", "assumption": "on analyst assumptions"}


def shares_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows of (keys..., grade, usd, share) as a tidy table with the grades in order."""
    t = pd.DataFrame(rows)
    if not t.empty:
        t["grade"] = pd.Categorical(t["grade"], GRADES, ordered=True)
    return t
