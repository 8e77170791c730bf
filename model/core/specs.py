"""The schema of one parameter in an assumption file (pydantic): value, unit, kind, citation or
reasoning, date, bounds and uncertainty; and the admissibility check every value goes through."""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

ANALYST = "analyst assumption"
DERIVED = "derived"
# The two source texts (sources/): a value graded stated or rule_text cites one of them.
SOURCE_TEXTS = ("NPRM FR Doc. 2025-23289", "5 CFR 412")
# Evidence grades, strongest first (see ``core.evidence``).
GRADES = ("stated", "rule_text", "derived", "external", "assumption")
DISTRIBUTIONS = ("fixed", "uniform", "triangular", "pert", "normal", "lognormal", "discrete")


class Uncertainty(BaseModel):
    """Uncertainty of one parameter: a range and the distribution the Monte Carlo draws from."""

    model_config = ConfigDict(extra="forbid")
    low: float
    high: float
    distribution: Literal[DISTRIBUTIONS]  # type: ignore[valid-type]
    mode: float | None = None
    sd: float | None = None
    values: list[float] | None = None
    weights: list[float] | None = None

    @model_validator(mode="after")
    def _check(self) -> "Uncertainty":
        if self.low > self.high:
            raise ValueError(f"uncertainty low {self.low:g} > high {self.high:g}")
        if self.mode is not None and not self.low <= self.mode <= self.high:
            raise ValueError(f"uncertainty mode {self.mode:g} outside [{self.low:g}, {self.high:g}]")
        if self.sd is not None and self.sd < 0:
            raise ValueError(f"uncertainty sd {self.sd:g} is negative")
        if self.distribution == "normal" and (self.sd is None or self.sd <= 0):
            raise ValueError("a normal distribution needs a positive sd")
        if self.distribution == "lognormal" and not 0 < self.low < self.high:
            raise ValueError("a lognormal needs 0 < low (its 5th percentile) < high (its 95th percentile)")
        if self.distribution == "discrete":
            if not self.values or not self.weights or len(self.values) != len(self.weights):
                raise ValueError("a discrete distribution needs values and weights of equal length")
            if any(w < 0 for w in self.weights) or not math.isclose(sum(self.weights), 1.0, abs_tol=1e-9):
                raise ValueError("discrete weights must be non-negative and sum to 1")
        return self


class ParameterSpec(BaseModel):
    """One parameter as written in an assumption file, validated."""

    model_config = ConfigDict(extra="forbid")
    id: str
    value: float
    unit: str = Field(min_length=1)
    kind: Literal["count", "quantity", "switch"]
    description: str = Field(min_length=1)
    source: str = Field(min_length=1)
    evidence: Literal[GRADES]  # type: ignore[valid-type]
    formula: str | None = None
    section: str | None = None
    quote: str | None = None
    reasoning: str | None = None
    date: str = Field(min_length=1)
    note: str | None = None
    min: float | None = None
    max: float | None = None
    uncertainty: Uncertainty | None = None
    applies_when: str | None = None  # a switch id: the value matters (and is drawn) only while that switch is 1

    @model_validator(mode="after")
    def _check(self) -> "ParameterSpec":
        check_value(self, self.value)
        check_grade(self)
        if self.uncertainty is not None and self.uncertainty.distribution != "discrete":
            u = self.uncertainty
            if not u.low <= self.value <= u.high:
                raise ValueError(f"value {self.value:g} outside its uncertainty range [{u.low:g}, {u.high:g}]")
        return self


# Assumptions that need no range: run settings (horizon, seed, draws) and accounting choices (which reading of
# the NPRM, which costs count), which scenarios switch rather than the Monte Carlo draws.
NO_RANGE = ("analysis.", "accounting.")


def check_grade(spec: "ParameterSpec") -> None:
    """Raise ValueError unless the entry meets its evidence grade's rule (``core.evidence`` documents them):
    the label follows the grade, so an analyst assumption is never labelled with a source text."""
    from model.core.evidence import printed_in  # noqa: PLC0415 (evidence imports this module)
    cites_text = spec.source.startswith(SOURCE_TEXTS)
    g = spec.evidence
    if g == "assumption":
        if spec.source != ANALYST or not spec.reasoning:
            raise ValueError(f"evidence 'assumption' needs source = {ANALYST!r} and 'reasoning'")
        if spec.uncertainty is None and spec.kind != "switch" and not spec.id.startswith(NO_RANGE):
            raise ValueError("evidence 'assumption' needs an uncertainty range (low, high)")
        return
    if spec.source == ANALYST:
        raise ValueError(f"source {ANALYST!r} needs evidence = 'assumption', got {g!r}")
    if g == "derived":
        if spec.source != DERIVED or not spec.formula:
            raise ValueError(f"evidence 'derived' needs source = {DERIVED!r} and a 'formula' the loader recomputes")
        return
    if spec.formula:
        raise ValueError(f"a 'formula' is for evidence 'derived', not {g!r}")
    if g == "external":
        if cites_text or not spec.section:
            raise ValueError("evidence 'external' needs a source outside the two texts (title) and 'section' (where)")
        return
    if not (cites_text and spec.section and spec.quote):
        raise ValueError(f"evidence {g!r} needs a source starting with one of {list(SOURCE_TEXTS)}, "
                         "with 'section' and 'quote'")
    if g == "rule_text" and "412" not in spec.section:
        raise ValueError("evidence 'rule_text' needs 'section' naming the rule's section (412.xxx)")
    if spec.kind != "switch" and not printed_in(spec.value, spec.unit, spec.quote):
        raise ValueError(f"evidence {g!r}: the value {spec.value:g} does not appear in its quote in any printed form")


def check_value(spec: ParameterSpec, value: float) -> None:
    """Raise ValueError if ``value`` is not admissible for ``spec`` (kind, sign, min, max)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a finite number, got {value!r}")
    try:
        finite = math.isfinite(value)
    except OverflowError:  # an integer too large for a float
        finite = False
    if not finite:
        shown = value if not isinstance(value, int) else f"a {len(str(abs(value)))}-digit integer"
        raise ValueError(f"expected a finite number, got {shown}")
    if spec.kind == "switch" and value not in (0, 1):
        raise ValueError(f"expected 0 or 1 (a switch), got {value:g}")
    if spec.kind == "count" and (value < 0 or value != int(value)):
        raise ValueError(f"expected a non-negative whole number ({spec.unit}), got {value:g}")
    if value < 0 and (spec.min is None or spec.min >= 0):
        raise ValueError(f"expected a non-negative value ({spec.unit}), got {value:g}")
    if spec.min is not None and value < spec.min:
        raise ValueError(f"expected at least {spec.min:g} ({spec.unit}), got {value:g}")
    if spec.max is not None and value > spec.max:
        raise ValueError(f"expected at most {spec.max:g} ({spec.unit}), got {value:g}")
