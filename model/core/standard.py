"""The scenario files the core's comparisons need, loaded once at the edge (CLI, app, report) and
passed in: the complete accounting, and the readings of the NPRM's $152,000 for the reconciliation."""

from __future__ import annotations

from model.core.parameters import Assumptions, apply_scenario, load_scenario

COMPLETE = "complete"
READING_B = "reading_b"
NAMED_ONLY = "named_fees_only"


def complete_of(a: Assumptions) -> Assumptions:
    """``a`` plus the complete accounting's overrides (scenarios/complete.toml)."""
    return a.with_overrides(load_scenario(COMPLETE, a).overrides, f"scenarios/{COMPLETE}.toml",
                            scenario=f"{a.scenario} + complete accounting")


def readings_of(a: Assumptions) -> dict[str, Assumptions]:
    """Reading A (``a`` itself), Reading B and the named fees only, over ``a``."""
    return {"A": a, "B": apply_scenario(a, load_scenario(READING_B, a)),
            "named": apply_scenario(a, load_scenario(NAMED_ONLY, a))}
