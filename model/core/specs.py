"""The schema of one parameter in an assumption file (pydantic): value, unit, kind, citation or
reasoning, date, bounds and uncertainty; and the admissibility check every value goes through."""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

ANALYST = "analyst assumption"
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
    section: str | None = None
    quote: str | None = None
    reasoning: str | None = None
    date: str = Field(min_length=1)
    note: str | None = None
    min: float | None = None
    max: float | None = None
    uncertainty: Uncertainty | None = None

    @model_validator(mode="after")
    def _check(self) -> "ParameterSpec":
        if self.source == ANALYST:
            if not self.reasoning:
                raise ValueError("an analyst assumption needs 'reasoning'")
        elif not (self.section and self.quote):
            raise ValueError(f"a cited source needs 'section' and 'quote' (source is {self.source!r})")
        check_value(self, self.value)
        if self.uncertainty is not None and self.uncertainty.distribution != "discrete":
            u = self.uncertainty
            if not u.low <= self.value <= u.high:
                raise ValueError(f"value {self.value:g} outside its uncertainty range [{u.low:g}, {u.high:g}]")
        return self


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
    if value < 0:
        raise ValueError(f"expected a non-negative value ({spec.unit}), got {value:g}")
    if spec.min is not None and value < spec.min:
        raise ValueError(f"expected at least {spec.min:g} ({spec.unit}), got {value:g}")
    if spec.max is not None and value > spec.max:
        raise ValueError(f"expected at most {spec.max:g} ({spec.unit}), got {value:g}")
