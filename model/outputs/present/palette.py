"""One palette, keyed by what a colour stands for (coaching mode, component, low/high end), so that a
colour means the same on every chart, page and export. Colour-blind-safe (Okabe-Ito)."""

from __future__ import annotations

from model.core.components import COMPONENT_NAMES, TOTAL

MODE_COLORS = {"internal": "#0072B2", "external": "#D55E00", "mixed": "#009E73"}
END_COLORS = {"low": "#56B4E9", "high": "#E69F00"}  # tornado: the input at the low / high end of its range
_CYCLE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
          "#999999", "#882255", "#44AA99", "#117733", "#332288", "#AA4499", "#88CCEE", "#DDCC77",
          "#661100", "#6699CC", "#888888", "#AA4466")
COMPONENT_COLORS = {name: _CYCLE[i % len(_CYCLE)] for i, name in enumerate(COMPONENT_NAMES)} | {TOTAL: "#000000"}
