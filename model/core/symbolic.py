"""Symbolic values for explaining a figure: a ``Term`` is a number together with the arithmetic that produced
it. The model's own formulas (``program``, ``labor``) run on Terms unchanged, so the breakdown of a figure is
the computation itself, never a description written beside it.

A leaf is a parameter (``Term.leaf``: its value, unit and id); ``+ - * /`` and the symbolic provider's
``maximum``/``minimum``, ``round`` and ``where`` (``SymbolicOps``, reached through ``core.arith.ops``) give Terms whose ``text`` reads like the formula with the values
in force, e.g. ``25 [cohort.participants] × 10 h [coaching.hours] × $1,000/h [coaching.external_rate]``.
Multiplying by 1 or adding 0 is dropped; multiplying by 0 gives 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.core.arith import Values

ATOM, PRODUCT, SUM = 3, 2, 1  # precedence of a Term's text: a sum inside a product takes parentheses
TIMES, DIVIDE, PLUS, MINUS = " × ", " / ", " + ", " − "


def number_text(value: float, unit: str = "") -> str:
    """A value with its unit as the explanation prints it: '$1,000/h', '10 h', '25', '0.2'."""
    v = float(value)
    body = f"{v:,.0f}" if abs(v - round(v)) < 1e-9 else f"{v:,.4f}".rstrip("0").rstrip(".")
    unit = (unit or "").strip()
    if unit.startswith("USD"):
        per = unit[3:].strip().lstrip("/").strip().removeprefix("per ").strip()
        short = {"hour": "h", "participant-hour": "participant-h"}.get(per, per)
        return f"${body}" + (f"/{short}" if short else "")
    if unit.startswith("hours"):
        return f"{body} h"
    if unit.startswith("workdays"):
        return f"{body} workdays"
    if unit == "months":
        return f"{body} months"
    return body


@dataclass(frozen=True)
class Term:
    """A number (``value``) and how it was computed (``text``)."""

    value: float
    text: str
    prec: int = ATOM
    const: bool = False  # a bare number in a formula (1 - share), not a parameter
    ids: frozenset = frozenset()  # the parameters this value was computed from (``core.evidence`` grades them)
    symbolic = True      # marks a value the model's formulas pass through unconverted

    @classmethod
    def leaf(cls, pid: str, value: float, unit: str = "", note: str = "") -> "Term":
        """A parameter: '10 h [coaching.hours]' (``note`` adds a qualifier inside the brackets)."""
        return cls(float(value), f"{number_text(value, unit)} [{pid}{', ' + note if note else ''}]", ids=frozenset({pid}))

    @classmethod
    def number(cls, value: float) -> "Term":
        return cls(float(value), number_text(value), ATOM, True)

    # ---------------------------------------------------------------- arithmetic
    def _wrap(self, prec: int) -> str:
        return f"({self.text})" if self.prec < prec else self.text

    @staticmethod
    def of(x) -> "Term":
        if isinstance(x, Term):
            return x
        arr = np.asarray(x, dtype=float)
        if arr.ndim:
            raise TypeError("a Term combines with scalars only")
        return Term.number(float(arr))

    def __add__(self, other):
        o = Term.of(other)
        if self.const and o.const:
            return Term.number(self.value + o.value)
        if o.const and o.value == 0:
            return self
        if self.const and self.value == 0:
            return o
        return Term(self.value + o.value, f"{self.text}{PLUS}{o.text}", SUM, ids=self.ids | o.ids)

    __radd__ = __add__

    def __sub__(self, other):
        o = Term.of(other)
        if self.const and o.const:
            return Term.number(self.value - o.value)
        if o.const and o.value == 0:
            return self
        return Term(self.value - o.value, f"{self.text}{MINUS}{o._wrap(PRODUCT)}", SUM, ids=self.ids | o.ids)

    def __rsub__(self, other):
        return Term.of(other) - self

    def __mul__(self, other):
        o = Term.of(other)
        if self.const and o.const:
            return Term.number(self.value * o.value)
        for a, b in ((self, o), (o, self)):
            if a.const and a.value == 1:
                return b
            if a.const and a.value == 0:
                return Term.number(0.0)
        return Term(self.value * o.value, f"{self._wrap(PRODUCT)}{TIMES}{o._wrap(PRODUCT)}", PRODUCT,
                    ids=self.ids | o.ids)

    __rmul__ = __mul__

    def __truediv__(self, other):
        o = Term.of(other)
        if o.const and o.value == 1:
            return self
        return Term(self.value / o.value if o.value else float("nan"),
                    f"{self._wrap(PRODUCT)}{DIVIDE}{o._wrap(ATOM)}", PRODUCT, ids=self.ids | o.ids)

    def __rtruediv__(self, other):
        return Term.of(other) / self

    def __neg__(self):
        return Term(-self.value, f"−{self._wrap(ATOM)}", PRODUCT, ids=self.ids)

    def __float__(self) -> float:
        # Converting would silently drop the arithmetic (np.asarray(term, dtype=float) in a formula that does
        # not pass Terms through): refuse, so the explanation falls back to a breakdown that keeps it.
        raise TypeError("a Term is not converted to a float; use .value")

    def __gt__(self, other):
        return self.value > float(Term.of(other).value)

    def __lt__(self, other):
        return self.value < float(Term.of(other).value)

    def __ge__(self, other):
        return self.value >= float(Term.of(other).value)

    def __le__(self, other):
        return self.value <= float(Term.of(other).value)


def _extreme(name: str, pick):
    def apply(a, b):
        ta, tb = Term.of(a), Term.of(b)
        return Term(pick(ta.value, tb.value), f"{name}({ta.text}, {tb.text})", ids=ta.ids | tb.ids)
    return apply


def is_symbolic(value) -> bool:
    """True for a ``Term``."""
    return isinstance(value, Term)


class SymbolicOps:
    """The arithmetic provider for Terms (``core.arith``): max, min, a choice and a rounding that record
    themselves in the text; a guarded ratio that is a plain division (a Term of a zero count reads as nan)."""

    @staticmethod
    def value(v) -> Term:
        return Term.of(v)

    maximum = staticmethod(_extreme("max", max))
    minimum = staticmethod(_extreme("min", min))

    @staticmethod
    def where(cond, a, b) -> Term:
        return Term.of(a) if bool(Term.of(cond).value if isinstance(cond, Term) else cond) else Term.of(b)

    @staticmethod
    def round(x, decimals: int) -> Term:
        t = Term.of(x)
        return Term(round(t.value, decimals), f"round({t.text}, {decimals})", ids=t.ids)

    @staticmethod
    def ratio(num, den) -> Term:
        return Term.of(num) / den


class SymbolicValues(Values):
    """Every parameter a ``Term``: the model's formulas run on it unchanged and return Terms."""

    ops = SymbolicOps()
