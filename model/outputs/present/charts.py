"""Charts for documents, as PNG bytes (matplotlib, imported only when a chart is drawn): the distribution
of the present value and the tornado. Colours from ``palette``; labels from ``labels``."""

from __future__ import annotations

import io

import pandas as pd

from model.core.vocabulary import MODES
from model.outputs.present.formats import MILLION
from model.outputs.present.labels import FRAMING_SHORT, MODE_LABELS, parameter_label
from model.outputs.present.palette import END_COLORS, MODE_COLORS

DPI = 150
WIDTH_IN, HEIGHT_IN = 9.0, 4.2


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    import matplotlib.pyplot as plt
    plt.close(fig)
    return buf.getvalue()


def _pyplot():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    plt.rcParams.update({"font.size": 9, "svg.hashsalt": "sescdp"})
    return plt


def histogram_png(dist: pd.DataFrame, quantity_label: str, dollar_year: int) -> bytes:
    """Histogram of the draws (from the Distribution table), one panel per framing, one colour per
    coaching mode; $ millions."""
    plt = _pyplot()
    framings = list(dict.fromkeys(dist.framing))
    fig, axes = plt.subplots(1, len(framings), figsize=(WIDTH_IN, HEIGHT_IN), sharey=True, squeeze=False)
    for ax, f in zip(axes[0], framings):
        for mode in MODES:
            d = dist[(dist.framing == f) & (dist.coaching == mode)]
            if d.empty:
                continue
            ax.stairs(d.share.to_numpy(), list(d.bin_low / MILLION) + [d.bin_high.iloc[-1] / MILLION],
                      color=MODE_COLORS[mode], label=MODE_LABELS[mode], linewidth=1.5)
        ax.set_title(FRAMING_SHORT[f])
        ax.set_xlabel(f"{quantity_label}, $ millions ({dollar_year} dollars)")
        ax.grid(alpha=0.3)
    axes[0][0].set_ylabel("Share of draws")
    axes[0][0].legend(frameon=False)
    return _png(fig)


def tornado_png(tornado: pd.DataFrame, a, mode: str, quantity_label: str, dollar_year: int, top: int) -> bytes:
    """Tornado of one coaching mode: each parameter's output at the low and the high end of its range
    around the value in force, two colours, each bar labelled with the input value; $ millions."""
    plt = _pyplot()
    t = tornado[tornado.coaching == mode].assign(_k=lambda d: -d.swing.abs()).sort_values("_k").head(top)
    t = t.iloc[::-1]
    lines = sum(tick_label(parameter_label(a, p, short=True)).count("\n") + 1 for p in t.parameter)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.3 * lines + 0.2 * len(t) + 1.2))
    base = float(t.base.iloc[0]) / MILLION if len(t) else 0.0
    for i, r in enumerate(t.itertuples(index=False)):
        for end, out, value in (("low", r.output_low, r.low), ("high", r.output_high, r.high)):
            x = float(out) / MILLION
            ax.barh(i, x - base, left=base, color=END_COLORS[end], height=0.6,
                    label=f"input at {end} end" if i == 0 else None)
            ax.annotate(_input_text(value), (x, i), xytext=(3 if x >= base else -3, 0), textcoords="offset points",
                        va="center", ha="left" if x >= base else "right", fontsize=7)
    ax.axvline(base, color="#333333", linewidth=0.8)
    ax.set_yticks(range(len(t)), [tick_label(parameter_label(a, p, short=True)) for p in t.parameter])
    ax.set_xlabel(f"{quantity_label}, $ millions ({dollar_year} dollars); line: value in force")
    ax.set_title(f"{MODE_LABELS[mode]}")
    ax.legend(frameon=False, loc="lower right")
    ax.margins(x=0.15)
    return _png(fig)


LABEL_WIDTH = 40  # characters per line of a tornado label


def tick_label(text: str, width: int = LABEL_WIDTH) -> str:
    """A parameter's label on the tornado's axis, wrapped at word boundaries onto as many lines as it needs, never
    cut."""
    import textwrap
    return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or text


def _input_text(value: float) -> str:
    """An input value as a bar label: 139,395 / 2.4 / 0.5."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"
