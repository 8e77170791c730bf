"""Altair chart builders (presentation only; the data come from ``model`` tables)."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from model import view

COMPONENT_COLORS = view.COMPONENT_COLORS
COMPONENT_LABELS = view.COMPONENT_LABELS
END_COLORS = view.END_COLORS
MODE_COLORS = view.MODE_COLORS
MODE_LABELS = view.MODE_LABELS

USD_AXIS = alt.Axis(format="$,.0f")
ROW_STEP = 24  # pixels per parameter row in the tornado and Sobol charts
SOBOL_TITLE = "Sobol index (bars) with 95% confidence interval (whiskers)"


COMPONENT_SCALE = alt.Scale(domain=[COMPONENT_LABELS[c] for c in COMPONENT_COLORS],
                            range=list(COMPONENT_COLORS.values()))  # a component keeps its colour everywhere
MODE_SCALE = alt.Scale(domain=[MODE_LABELS[m] for m in MODE_COLORS], range=list(MODE_COLORS.values()))


def stacked_components(df: pd.DataFrame) -> alt.Chart:
    """Stacked bars: x coaching mode, y USD, colour component (columns coaching, label, usd)."""
    df = df.assign(mode=df["coaching"].map(MODE_LABELS))
    return alt.Chart(df).mark_bar().encode(
        x=alt.X("mode:N", title="Coaching", sort=[MODE_LABELS[m] for m in MODE_COLORS], axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sum(usd):Q", title="Year-1 cost ($)", axis=USD_AXIS),
        color=alt.Color("label:N", title="Component", scale=COMPONENT_SCALE,
                        legend=alt.Legend(labelLimit=360, orient="right", values=list(dict.fromkeys(df["label"])))),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("mode:N", title="Coaching"), alt.Tooltip("label:N", title="Component"),
                 alt.Tooltip("usd:Q", title="Cost", format="$,.0f")],
    ).properties(height=380)


def stream_lines(df: pd.DataFrame) -> alt.Chart:
    """Total cost by year, one line per coaching mode (columns year, calendar_year, coaching, usd)."""
    df = df.assign(mode=df["coaching"].map(MODE_LABELS))
    return alt.Chart(df).mark_line(point=True).encode(
        x=alt.X("calendar_year:O", title="Year"),
        y=alt.Y("usd:Q", title="Total cost ($)", axis=USD_AXIS),
        color=alt.Color("mode:N", title="Coaching", scale=MODE_SCALE),
        tooltip=[alt.Tooltip("calendar_year:O", title="Year"), alt.Tooltip("mode:N", title="Coaching"),
                 alt.Tooltip("usd:Q", title="Cost", format="$,.0f")],
    ).properties(height=320)


def _marks(percentiles: dict[str, float], threshold: float | None, domain: tuple[float, float]) -> alt.LayerChart:
    """Dashed rules at the percentiles (and the threshold, red, when inside ``domain``), labels staggered."""
    rows = [{"label": k, "x": v, "kind": "percentile"} for k, v in percentiles.items()]
    if threshold is not None and domain[0] <= threshold <= domain[1]:
        rows.append({"label": "threshold", "x": threshold, "kind": "threshold"})
    layers = []
    for i, row in enumerate(rows):
        one = alt.Chart(pd.DataFrame([row]))
        colour = "#d62728" if row["kind"] == "threshold" else "#444444"
        layers.append(one.mark_rule(strokeDash=[4, 3], color=colour).encode(
            x="x:Q", tooltip=["label", alt.Tooltip("x:Q", format="$,.0f")]))
        layers.append(one.mark_text(align="left", dx=3, baseline="top", color=colour).encode(
            x="x:Q", y=alt.value(2 + 13 * i), text="label:N"))
    return alt.layer(*layers)


def _domain(values: np.ndarray) -> tuple[float, float]:
    return float(np.min(values)), float(np.max(values))


def histogram(values: np.ndarray, percentiles: dict[str, float], threshold: float | None,
              bins: int = 60) -> alt.LayerChart:
    """Histogram of draws with percentile and threshold rules (bins computed by numpy)."""
    counts, edges = np.histogram(values, bins=bins)
    df = pd.DataFrame({"start": edges[:-1], "end": edges[1:], "share": counts / max(len(values), 1)})
    bars = alt.Chart(df).mark_bar(opacity=0.8).encode(
        x=alt.X("start:Q", title="USD", axis=USD_AXIS, bin="binned", scale=alt.Scale(domain=_domain(values))),
        x2="end:Q",
        y=alt.Y("share:Q", title="Share of draws", axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("start:Q", format="$,.0f"), alt.Tooltip("end:Q", format="$,.0f"),
                 alt.Tooltip("share:Q", format=".2%")])
    return alt.layer(bars, _marks(percentiles, threshold, _domain(values))).properties(height=300)


def cdf(values: np.ndarray, percentiles: dict[str, float], threshold: float | None,
        points: int = 400) -> alt.LayerChart:
    """Empirical CDF (at ``points`` quantiles) with percentile and threshold rules."""
    q = np.linspace(0, 1, points)
    df = pd.DataFrame({"usd": np.quantile(values, q), "p": q})
    line = alt.Chart(df).mark_line().encode(
        x=alt.X("usd:Q", title="USD", axis=USD_AXIS, scale=alt.Scale(domain=_domain(values))),
        y=alt.Y("p:Q", title="P(output \u2264 x)", axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("usd:Q", format="$,.0f"), alt.Tooltip("p:Q", format=".1%")])
    return alt.layer(line, _marks(percentiles, threshold, _domain(values))).properties(height=300)


def tornado(df: pd.DataFrame, base: float) -> alt.LayerChart:
    """Each parameter's output at the low and at the high end of its range, from ``base`` (the value in
    force), two colours, each bar labelled with the input value it stands for (columns name, low, high,
    output_low, output_high, swing; ``name`` the parameter's description and unit)."""
    order = list(df.sort_values("swing", ascending=False)["name"])
    rows = []
    for r in df.itertuples(index=False):
        for end, out, value in (("low", r.output_low, r.low), ("high", r.output_high, r.high)):
            rows.append({"name": r.name, "end": f"input at {end} end", "x": base, "x2": out,
                         "input": f"{value:,.6g}", "side": "right" if out >= base else "left"})
    long = pd.DataFrame(rows)
    colour = alt.Color("end:N", title=None, scale=alt.Scale(domain=["input at low end", "input at high end"],
                                                            range=[END_COLORS["low"], END_COLORS["high"]]))
    y = alt.Y("name:N", sort=order, title=None, axis=alt.Axis(labelLimit=360))
    bars = alt.Chart(long).mark_bar().encode(
        y=y, x=alt.X("x:Q", title="Output ($); line: value in force", axis=USD_AXIS), x2="x2:Q", color=colour,
        tooltip=[alt.Tooltip("name:N", title="Parameter"), alt.Tooltip("input:N", title="Input"),
                 alt.Tooltip("x2:Q", title="Output", format="$,.0f")])
    right = alt.Chart(long[long.side == "right"]).mark_text(align="left", dx=3, fontSize=10).encode(
        y=y, x="x2:Q", text="input:N")
    left = alt.Chart(long[long.side == "left"]).mark_text(align="right", dx=-3, fontSize=10).encode(
        y=y, x="x2:Q", text="input:N")
    rule = alt.Chart(pd.DataFrame({"x": [base]})).mark_rule(color="black").encode(x="x:Q")
    return alt.layer(bars, left, right, rule).properties(height=alt.Step(ROW_STEP))





def sobol_bars(df: pd.DataFrame) -> alt.LayerChart:
    """First-order (S1) and total (ST) Sobol indices with 95% confidence intervals as error bars
    (columns parameter, index, value, conf)."""
    df = df.assign(lo=df["value"] - df["conf"], hi=df["value"] + df["conf"])
    order = list(df[df["index"] == "ST"].sort_values("value", ascending=False)["parameter"])
    base = alt.Chart(df).encode(y=alt.Y("parameter:N", sort=order, title=None, axis=alt.Axis(labelLimit=360)),
                                yOffset=alt.YOffset("index:N"), color=alt.Color("index:N", title="Index"))
    bars = base.mark_bar().encode(x=alt.X("value:Q", title=SOBOL_TITLE),
                                  tooltip=["parameter", "index", alt.Tooltip("value:Q", format=".3f"),
                                           alt.Tooltip("conf:Q", format=".3f")])
    errs = base.mark_errorbar(ticks=True).encode(x=alt.X("lo:Q", title=SOBOL_TITLE),
                                                 x2="hi:Q", color=alt.value("black"))
    return alt.layer(bars, errs).properties(height=alt.Step(ROW_STEP // 2))


def scenario_bars(df: pd.DataFrame) -> alt.Chart:
    """Year-1 cost, government-wide, one row per scenario (each name its own row), bars by coaching mode."""
    return alt.Chart(df).mark_bar().encode(
        y=alt.Y("scenario:N", title=None, sort=list(dict.fromkeys(df["scenario"])), axis=alt.Axis(labelLimit=360)),
        yOffset=alt.YOffset("mode:N"),
        x=alt.X("year1:Q", title="Year-1 cost, government-wide ($)", axis=USD_AXIS),
        color=alt.Color("mode:N", title="Coaching", scale=MODE_SCALE),
        tooltip=[alt.Tooltip("scenario:N", title="Scenario"), alt.Tooltip("mode:N", title="Coaching"),
                 alt.Tooltip("year1:Q", title="Year-1 cost", format="$,.0f")])


def alternatives_bars(df: pd.DataFrame) -> alt.LayerChart:
    """Annualized cost by alternative (bars, one row each, the proposal first) with the A-4 low-to-high range as a
    black rule with ticks (columns name, annualized, low, high and their ``*_text``)."""
    y = alt.Y("name:N", title=None, sort=list(df["name"]), axis=alt.Axis(labelLimit=360))
    tips = [alt.Tooltip("name:N", title="Alternative"), alt.Tooltip("annualized_text:N", title="Annualized"),
            alt.Tooltip("low_text:N", title="A-4 low"), alt.Tooltip("high_text:N", title="A-4 high")]
    bars = alt.Chart(df).mark_bar(color=END_COLORS["low"]).encode(
        y=y, x=alt.X("annualized:Q", title="Annualized cost ($); line: A-4 low to high", axis=USD_AXIS),
        tooltip=tips)
    rules = alt.Chart(df).mark_errorbar(ticks=True, color="black").encode(
        y=y, x=alt.X("low:Q", title="Annualized cost ($); line: A-4 low to high"), x2="high:Q", tooltip=tips)
    return alt.layer(bars, rules).properties(height=alt.Step(ROW_STEP * 2))
