"""The report: every export table evaluated once, with provenance, captions and the scenario file.

``build_report`` evaluates the model once and returns a :class:`Report` (named tables + provenance);
the writers (to_xlsx, to_csv, to_markdown, to_docx, to_json, scenario_file) turn it into bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import pandas as pd

from model.core.accounting import eo14192_note
from model.core.parameters import Assumptions, scenario_toml
from model.core.quantities import label as quantity_label, pv_high
from model.core.reconcile import inconsistency_table, reconciliation_table
from model.core.results import cost_table, horizon
from model.core.grading import evidence_table
from model.core.standard import complete_of, readings_of
from model.core.alternatives import load_alternatives
from model.engines.alternatives import alternatives_table
from model.engines.omitted_ranges import omitted_costs
from model.engines.bounds import RANGES_NOTE, accounting_record, montecarlo_note
from model.outputs.provenance import basis_line, provenance
from model.outputs.tables import (accounting_draws_seed, accounting_sheet, assumptions_table, components_table,
                                  provenance_table, scenarios_sheet, summary_table)
from model.outputs.uncertainty_tables import (check_monte_carlo_options, monte_carlo_sheets,
                                              not_run_table)

SHEETS = ("Summary", "Assumptions", "Components", "Stream", "Accounting", "Alternatives", "Evidence", "Omitted costs", "Reconciliation",
          "Inconsistencies", "Scenarios", "Monte Carlo summary", "Exceedance", "Distribution", "Sensitivity",
          "Sobol indices", "Provenance")
DRAWN_SHEETS = ("Monte Carlo summary", "Exceedance", "Distribution", "Sensitivity", "Sobol indices")


@dataclass
class Report:
    """Everything an export holds: ``tables`` (sheet name -> DataFrame, in sheet order), ``provenance``
    and ``scenario_file`` (the scenario in force as TOML, the format of assumptions/scenarios)."""

    tables: dict[str, pd.DataFrame]
    provenance: dict[str, Any]
    scenario_file: str = ""
    notes: dict[str, str] = field(default_factory=dict)  # sheet name -> one-line caption
    assumptions: Assumptions | None = None  # the parameter set the tables were computed from


def build_report(a: Assumptions, scenarios: Sequence[str] | None = None, years: int | None = None,
                 draws: int | None = None, seed: int | None = None, sobol_n: int | None = None,
                 description: str | None = None, date: str | None = None, sampler: str = "lhs",
                 accounting_method: str | None = None) -> Report:
    """Evaluate the model for the parameter set ``a`` and gather every export table.

    ``scenarios``: scenario names or files for the Scenarios sheet, beside the scenario in force
    (default: every file in assumptions/scenarios). ``years``: horizon (default analysis.horizon_years).
    ``draws`` and ``seed``: Monte Carlo and sensitivity (both or neither), drawn with ``sampler``
    (model.montecarlo: mc, lhs or sobol); ``sobol_n``: SALib base sample of the Sobol indices (0: none;
    default from ``draws``, at most analysis.sobol_samples). ``accounting_method``: low/high of the A-4 statement:
    ``montecarlo`` (the default, as A-4 asks where a distribution exists: P5/P95 of analysis.accounting_draws
    draws from analysis.seed, the same draws as the app's and ``sescdp accounting``'s, whatever ``draws``)
    or ``ranges`` (the assumption ranges). ``description``: of the scenario in force (kept in the Scenarios sheet and the scenario
    file). USD of analysis.dollar_year.
    """
    check_monte_carlo_options(draws, seed)
    if accounting_method is None:
        accounting_method = "montecarlo"
    n = horizon(a, years)
    description = description or ("the NPRM primary assumptions" if not a.overrides
                                  else f"{len(a.overrides)} value(s) set, {len(a.differing())} differing from the NPRM primary")
    acc_draws, acc_seed = accounting_draws_seed(a)
    tables: dict[str, pd.DataFrame] = {
        "Summary": summary_table(a, n),
        "Assumptions": assumptions_table(a),
        "Components": components_table(a),
        "Stream": cost_table(a, years=n),
        "Accounting": accounting_sheet(a, n, accounting_method),
        "Omitted costs": omitted_costs(complete_of(a), years=n),
        "Alternatives": alternatives_table(a, load_alternatives(a), accounting_method, years=n),
        "Evidence": evidence_table(a, years=n),
        "Reconciliation": reconciliation_table(readings_of(a.primary())),
        "Inconsistencies": inconsistency_table(),
        "Scenarios": scenarios_sheet(a, scenarios, n, description),
    }
    used_sampler, meta = None, {}
    if draws is not None:
        drawn, meta = monte_carlo_sheets(a, n, int(draws), int(seed), sobol_n, sampler)
        used_sampler = meta.get("sampler", sampler)
        tables.update(drawn)
    else:
        tables.update({name: not_run_table() for name in DRAWN_SHEETS})
    tables = {name: tables[name] for name in SHEETS if name in tables}
    prov = provenance(a, n, draws, seed, used_sampler, date)
    if accounting_method == "montecarlo":
        prov["accounting_low_high"] = montecarlo_note(acc_draws, acc_seed)
        prov["accounting_draws"] = accounting_record(a, acc_draws, acc_seed)
    else:
        prov["accounting_low_high"] = RANGES_NOTE
        prov["accounting_draws"] = None
    if draws is not None:
        prov["monte_carlo"]["distributions"] = dict(meta.get("dists", {}))  # id -> distribution actually drawn
        prov["monte_carlo"]["correlations"] = dict(meta.get("correlations", {}))  # "a ~ b" -> rank correlation
    prov["scenario_description"] = description
    tables["Provenance"] = provenance_table(prov)
    high_label = quantity_label(pv_high(a.values)).lower()
    notes = {
        "Summary": f"Total cost: year 1, and present and annualized values; per agency and government-wide; "
                   f"{basis_line(prov)}.",
        "Assumptions": "Every parameter: value used, NPRM primary, citation and uncertainty. Edit 'value' and "
                       "run the workbook as a scenario (sescdp run --scenario THIS.xlsx).",
        "Components": "Year-1 cost of each component, as published, USD.",
        "Stream": f"Cost by framing, coaching mode, level, component and analysis year 1-{n} (with its calendar year), "
                  f"USD of {prov['dollar_year']}.",
        "Accounting": f"OMB Circular A-4 accounting statement (costs), {basis_line(prov)}. "
                      + _source_note(tables["Accounting"]) + " " + eo14192_note(a, n),
        "Omitted costs": f"What the NPRM omits: each requirement of the rule text its cost section does not price, "
                         f"with its quote; incremental year-1 cost and {high_label} over {n} years, "
                         "government-wide, at the values in force and the lowest and highest over every combination of "
                         "the ends of the ranges of the values the requirement's cost reads; its evidence grade; "
                         f"or 'unquantified' with the reason. {basis_line(prov)}.",
        "Alternatives": "The regulatory alternatives (assumptions/alternatives): for each, the incremental year-1 cost, "
                        "present value and annualized cost, government-wide, per coaching mode and rate, with the A-4 "
                        "low and high of the annualized cost, the change from the proposal, the margin to the E.O. 12866 "
                        "section 3(f)(1) threshold and the share of the annualized cost on each evidence grade. "
                        + _source_note(tables["Accounting"]),
        "Evidence": "How much of each headline figure rests on what: for each framing, coaching mode, level, measure "
                    "(year 1, present value, annualized) and discount rate, the dollars resting on each evidence "
                    "grade and their share of the figure's gross dollars. A cost component takes the weakest grade "
                    "among the values its formula reads (switches, which only select terms, aside): stated in the "
                    "NPRM or the current rule, read from the rule text, derived from stated values, from an external "
                    "source, or an analyst assumption.",
        "Reconciliation": "Every cost figure the NPRM prints beside the model's value (NPRM primary assumptions).",
        "Inconsistencies": "Inconsistencies in the NPRM's text, each with its quote and the arithmetic that shows it.",
        "Exceedance": "Probability that the year-1 cost, government-wide, exceeds the threshold "
                      "of E.O. 12866 section 3(f)(1) (an annual effect).",
        "Distribution": f"Histogram of the {high_label}, government-wide: the draws' count and share in each bin, USD.",
        "Scenarios": "Scenarios side by side; the first is the scenario of this export.",
        "Monte Carlo summary": "Distribution of results over the Monte Carlo draws, USD.",
        "Sensitivity": f"Tornado: the {high_label}, government-wide, with each uncertain parameter at "
                       "the low and high ends of its range, one at a time, the others at their values in force.",
        "Sobol indices": f"Sobol indices of the {high_label}, government-wide: S1 first order, ST total "
                         "(SALib, Saltelli's sampling scheme; each with its 95% confidence half-width).",
        "Provenance": "How to trace and re-run these results.",
    }
    return Report(tables, prov, scenario_toml(a, a.scenario, description), notes, a)


def _source_note(acc: pd.DataFrame) -> str:
    """The accounting statement's own source line (method of low/high), when it has one."""
    return f"Source: {acc['source'].iloc[0]}." if "source" in acc.columns and len(acc) else ""
