"""Human labels for every id a table can show: framings, coaching modes, levels, components, output
quantities, parameters and data columns. No publication table shows an internal id."""

from __future__ import annotations

from typing import Mapping

from model.core.vocabulary import ANNUALIZED_PREFIX, PV_PREFIX, YEAR1
from model.core.evidence import GRADE_LABELS
from model.core.components import COMPONENTS, TOTAL
from model.core.quantities import label as quantity_label

FRAMING_LABELS = {"as_published": "As published (the NPRM's framing)",
                  "incremental": "Incremental (the rule minus the current rule and current practice)"}
FRAMING_SHORT = {"as_published": "As published", "incremental": "Incremental"}
MODE_LABELS = {"internal": "Internal coaching", "external": "External coaching", "mixed": "Mixed coaching"}
MODE_SHORT = {"internal": "Internal", "external": "External", "mixed": "Mixed"}
LEVEL_LABELS = {"agency": "per agency", "government": "government-wide"}
COMPONENT_LABELS = {c.name: c.label for c in COMPONENTS} | {TOTAL: "Total"}
MEASURE_LABELS = {"annualized": "Annualized", "present value": "Present value"}

COLUMN_LABELS = {
    "scenario": "Scenario", "framing": "Framing", "coaching": "Coaching", "level": "Level",
    "component": "Component", "year": "Analysis year", "calendar_year": "Year", "usd": "Cost",
    "years": "Horizon (years)", "year1": "Year 1", "description": "Description",
    "measure": "Measure", "grade": "Grade (id)", "grade_label": "Evidence", "evidence": "Evidence",
    "share_of_gross": "Share of the figure's gross dollars", "discount_rate": "Discount rate", "primary": "Primary",
    "low": "Low", "high": "High",
    "dollar_year": "Dollar year", "discounted_to_start_of": "Discounted to start of", "period": "Period covered",
    "source": "Source", "requirement": "Requirement", "section": "Section", "quote": "NPRM text",
    "status": "Status", "reason": "Reason", "pv": "Present value", "pv_low": "PV low", "pv_high": "PV high",
    "id": "Id", "value": "Value", "differs": "Differs from NPRM", "set": "Set by user", "unit": "Unit",
    "kind": "Kind", "source_doc": "Source", "quote_or_reasoning": "Quote or reasoning", "note": "Note",
    "distribution": "Distribution", "file": "Assumption file", "label": "Label", "group": "Group",
    "timing": "Timing", "published": "Published", "rounding": "Rounding", "model": "Model",
    "model_rounded": "Model, rounded as published", "reading_b": "Reading B",
    "reading_b_rounded": "Reading B, rounded", "reading_b_matches": "Reading B matches",
    "named_fees_only": "Named fees only", "expect": "Expected", "quantity": "Quantity", "mean": "Mean",
    "sd": "Std. dev.", "se": "Std. error", "p5": "P5", "p10": "P10", "p50": "P50 (median)", "p90": "P90",
    "p95": "P95", "min": "Minimum", "max": "Maximum", "parameter": "Parameter", "output_low": "Output at low",
    "output_high": "Output at high", "base": "Output at value in force", "swing": "Swing",
    "S1": "First-order index (S1)", "S1_conf": "S1 95% half-width", "ST": "Total index (ST)",
    "ST_conf": "ST 95% half-width", "base_sample": "Base sample", "seed": "Seed", "field": "Field",
    "as_published": "As published", "complete": "Complete", "difference": "Difference",
    "perpetual_present_value": "Perpetual present value", "annualized": "Annualized", "threshold": "Threshold",
    "probability": "Probability of exceeding", "category": "Category", "item": "Item",
    "check": "Check", "finding": "Finding", "bin_low": "From", "bin_high": "To", "count": "Draws",
    "share": "Share of draws", "inputs": "Inputs", "recomputed": "Recomputed", "input": "Input",
    "rho": "Spearman rho", "alternative": "Alternative (file)", "name": "Alternative",
    "difference_year1": "Change in year-1 cost from the proposal",
    "difference_annualized": "Change in annualized cost from the proposal",
    "threshold_margin": "Margin to the E.O. 12866 section 3(f)(1) threshold",
} | {f"share_{g}": f"Share of the annualized cost {words}" for g, words in GRADE_LABELS.items()}


def column_label(col: str) -> str:
    """A data column's human header: 'pv_7' -> 'Present value at 7%', 'internal_government' -> 'Internal
    coaching, government-wide'; an unknown column keeps its name."""
    for suffix, words in (("_low", "low"), ("_high", "high")):
        if col.startswith((PV_PREFIX, ANNUALIZED_PREFIX)) and col.endswith(suffix):
            return f"{quantity_label(col.removesuffix(suffix))}, {words}"
    if col == YEAR1 or col.startswith((PV_PREFIX, ANNUALIZED_PREFIX)):
        return quantity_label(col)
    if col in COLUMN_LABELS:
        return COLUMN_LABELS[col]
    mode, _, level = col.partition("_")
    if mode in MODE_LABELS and level in LEVEL_LABELS:
        return f"{MODE_LABELS[mode]}, {LEVEL_LABELS[level]}"
    return col


def value_label(col: str, value: object) -> object:
    """An id cell as its label (framing, coaching, level, component, quantity); other values unchanged."""
    table: Mapping[str, str] | None = {"framing": FRAMING_SHORT, "coaching": MODE_SHORT, "level": LEVEL_LABELS,
                                       "component": COMPONENT_LABELS, "measure": MEASURE_LABELS}.get(col)
    if table is not None and isinstance(value, str):
        return table.get(value, value)
    if col == "quantity" and isinstance(value, str):
        return quantity_label(value)
    return value


def parameter_label(a, pid: str, short: bool = False, clean: bool = True) -> str:
    """A parameter's description (its assumption file's), for tables and charts; ``short``: up to the first
    parenthesis, semicolon or full stop (a chart's axis label); ``clean``: no internal id in it."""
    text = a.specs[pid].description if pid in a.specs else pid
    if clean:
        from model.outputs.present.prose import publication_text
        text = publication_text(text)
    if short:
        for stop in (" (", "; ", ". "):
            cut = text.find(stop)
            if cut > 15:
                text = text[:cut]
    return text.rstrip(".")


def setting_label(a, pid: str) -> str:
    """What a parameter is, as a sentence names it: its description up to the first full stop or semicolon; a switch's
    '1 = count ...' as 'Count ...'."""
    text = parameter_label(a, pid).split(". ")[0].split("; ")[0].rstrip(".")
    if pid in a.specs and a.specs[pid].kind == "switch" and "1 = " in text:
        text = text.split("1 = ", 1)[1]
    return text[:1].upper() + text[1:]


def setting_value(a, pid: str, value: float) -> str:
    """A parameter's value as a reader reads it: '$1,500/h', '10 h', '25'; a switch 'yes' or 'no'."""
    from model.core.symbolic import number_text
    spec = a.specs.get(pid) if hasattr(a.specs, "get") else None
    if spec is not None and spec.kind == "switch":
        return "yes" if value else "no"
    return number_text(value, spec.unit if spec is not None else "")
