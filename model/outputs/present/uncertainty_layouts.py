"""The uncertainty tables for publication: the Monte Carlo percentiles, the tornado and the Sobol indices."""

from __future__ import annotations

import pandas as pd

from model.core.quantities import label as quantity_label, pv_name
from model.core.vocabulary import GOVERNMENT, MODES, YEAR1
from model.outputs.present.formats import Kind, cell_text
from model.outputs.present.labels import FRAMING_SHORT, MODE_SHORT, parameter_label
from model.outputs.present.pubtable import Column, PubTable, basis, rates_high_first

TOP_PARAMETERS = 10  # parameters per coaching mode in the document's tornado and Sobol tables (all in the workbook)


def montecarlo_pub(report) -> PubTable | None:
    """P5, P50, P95 and mean of year 1 and PV at the higher rate, government-wide; None when not drawn."""
    mc = report.tables["Monte Carlo summary"]
    if "note" in mc.columns:
        return None
    prov = report.provenance
    dollar_year, _ = basis(prov)
    high = pv_name(rates_high_first(prov)[0])
    mc = mc[(mc.level == GOVERNMENT) & mc.quantity.isin([YEAR1, high])]
    ex = report.tables.get("Exceedance")
    cols = (Column("framing", "Framing"), Column("coaching", "Coaching"), Column("quantity", "Quantity"),
            Column("mean", "Mean", Kind.MUSD), Column("p5", "P5", Kind.MUSD), Column("p50", "P50", Kind.MUSD),
            Column("p95", "P95", Kind.MUSD))
    rows = [(FRAMING_SHORT[r.framing], MODE_SHORT[r.coaching], quantity_label(r.quantity), r.mean, r.p5, r.p50, r.p95)
            for r in mc.itertuples(index=False)]
    note = f"{prov['monte_carlo']['draws']:,} draws, seed {prov['monte_carlo']['seed']}."
    if ex is not None and len(ex):
        cols += (Column("probability", "Chance above threshold", Kind.PERCENT),)
        e = ex.set_index(["framing", "coaching", "quantity"]).probability
        rows = [(*row, float(e.get((r.framing, r.coaching, r.quantity), float("nan"))) if r.quantity == YEAR1 else None)
                for row, r in zip(rows, mc.itertuples(index=False))]
        note += (f" Chance above threshold: of the year-1 cost exceeding {cell_text(float(ex.threshold.iloc[0]), Kind.USD)} "
                 "(E.O. 12866 section 3(f)(1), an annual effect); not computed for present values.")
    return PubTable("montecarlo", f"Uncertainty, government-wide: $ millions, {dollar_year} dollars", cols,
                    tuple(rows), note)


def tornado_pub(report, a) -> PubTable | None:
    """The most influential parameters per coaching mode (one at a time to the ends of their ranges)."""
    t = report.tables["Sensitivity"]
    if "note" in t.columns:
        return None
    dollar_year, _ = basis(report.provenance)
    t = _top(t, "swing")
    cols = (Column("coaching", "Coaching"), Column("parameter", "Parameter"),
            Column("low", "Low input", Kind.NUMBER), Column("high", "High input", Kind.NUMBER),
            Column("output_low", "Output at low", Kind.MUSD), Column("output_high", "Output at high", Kind.MUSD),
            Column("swing", "Swing", Kind.MUSD))
    rows = tuple((MODE_SHORT[r.coaching], parameter_label(a, r.parameter), r.low, r.high, r.output_low,
                  r.output_high, r.swing) for r in t.itertuples(index=False))
    q = quantity_label(t.quantity.iloc[0]).lower() if len(t) else ""
    return PubTable("tornado", f"Sensitivity of the {q}, government-wide (top {TOP_PARAMETERS} per coaching mode): "
                    f"$ millions, {dollar_year} dollars", cols, rows)


def sobol_pub(report, a) -> PubTable | None:
    """Sobol indices of the most influential parameters per coaching mode."""
    t = report.tables["Sobol indices"]
    if "note" in t.columns:
        return None
    t = _top(t, "ST")
    cols = (Column("coaching", "Coaching"), Column("parameter", "Parameter"),
            Column("S1", "First order (S1)", Kind.INDEX), Column("S1_conf", "S1 ±", Kind.INDEX),
            Column("ST", "Total (ST)", Kind.INDEX), Column("ST_conf", "ST ±", Kind.INDEX))
    rows = tuple((MODE_SHORT[r.coaching], parameter_label(a, r.parameter), r.S1, r.S1_conf, r.ST, r.ST_conf)
                 for r in t.itertuples(index=False))
    n = int(t.base_sample.iloc[0]) if len(t) else 0
    return PubTable("sobol", f"Sobol indices (top {TOP_PARAMETERS} per coaching mode)", cols, rows,
                    f"SALib, Saltelli sampling, base sample {n:,}; ± is the 95% confidence half-width.")


def _top(df: pd.DataFrame, key: str) -> pd.DataFrame:
    order = {m: i for i, m in enumerate(MODES)}
    return (df.assign(_m=df["coaching"].map(order), _k=-df[key].abs()).sort_values(["_m", "_k"], kind="stable")
            .groupby("coaching", sort=False).head(TOP_PARAMETERS).drop(columns=["_m", "_k"]))
