"""The scenario files the core's comparisons need, loaded once at the edge (CLI, app, report) and
passed in: the complete accounting, and the readings of the NPRM's $152,000 for the reconciliation."""

from __future__ import annotations

from model.core.parameters import Assumptions, apply_scenario, load_scenario

COMPLETE = "complete"


def complete_of(a: Assumptions) -> Assumptions:
    """``a`` plus the complete accounting's overrides (scenarios/complete.toml)."""
    return a.with_overrides(load_scenario(COMPLETE, a).overrides, f"scenarios/{COMPLETE}.toml",
                            scenario=f"{a.scenario} + complete accounting")


def readings_of(a: Assumptions) -> dict[str, Assumptions]:
    """The parameter sets the reconciliation compares: ``in_force`` (``a`` itself), ``named`` (the fees the
    text names and prices, ``[search].named_fees`` of readings.toml, every other switch off) and every named reading of ``assumptions/published/readings.toml`` by its id (``mentor``, ``a``,
    ``b``, ...), each its scenario file applied over ``a``."""
    from model.core.readings import load_readings_spec, reading_overrides
    spec = load_readings_spec()
    named = a.with_overrides(reading_overrides(spec, spec.search.named_fees), "published/readings.toml",
                             scenario=f"{a.scenario}, named fees only")
    out = {"in_force": a, "named": named}
    for n in spec.name:
        out[n.id] = apply_scenario(a, load_scenario(n.scenario, a))
    return out
