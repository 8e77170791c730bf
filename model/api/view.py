"""What a reader sees: labels, colours, money and value text, and tables laid out as the documents lay them out.

The Streamlit app draws every word and table through these functions, so that a screen, an export and the
command line write a figure the same way. Money is USD of ``analysis.dollar_year`` (2025); a ``scenario``
argument is a ``model.Scenario``. Nothing here computes a figure: each function formats what a ``Scenario``
method returned.

    >>> from model import view
    >>> view.money(417_301.4), view.MODE_LABELS["external"], view.figure_title("year1.as_published.external.agency")
    ('$417,301', 'External coaching', 'Year-1 cost: External coaching, per agency (as published)')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from model.core.components import COMPONENT_NAMES, TOTAL
from model.core.vocabulary import INCREMENTAL, YEAR1
from model.outputs.present.labels import COMPONENT_LABELS, FRAMING_LABELS, FRAMING_SHORT, LEVEL_LABELS, MODE_LABELS
from model.outputs.present.palette import COMPONENT_COLORS, END_COLORS, MODE_COLORS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from model.api.scenario import Scenario
    from model.outputs.present.layouts import PubTable

__all__ = ["COMPONENT_COLORS", "COMPONENT_LABELS", "COMPONENT_ORDER", "END_COLORS", "FRAMING_LABELS",
           "FRAMING_SHORT", "INCREMENTAL", "LEVEL_LABELS", "MODE_COLORS", "MODE_LABELS", "TOTAL", "YEAR1",
           "crash_log", "display", "eo14192_convention", "eo14192_exclusion", "evidence_caption", "evidence_table",
           "figure_title", "inconsistencies_table", "media_type", "money", "omitted_table", "parameter_label",
           "provenance_lines", "publication_text", "quantities", "quantity_label", "reconciliation_table",
           "value_text"]

COMPONENT_ORDER = {name: i for i, name in enumerate(COMPONENT_NAMES)}  # a component's place in every table


def money(value: float) -> str:
    """USD to the dollar with thousands separators (``-$1,200``), as every table writes it."""
    from model.outputs.present.formats import Kind, cell_text
    return cell_text(float(value), Kind.USD)


def value_text(value: float, unit: str) -> str:
    """A parameter value in its unit as a table shows it (``$1,000`` for USD/hour, ``50%`` for a share)."""
    from model.outputs.present.layouts import value_text as text
    return text(value, unit)


def publication_text(text: str) -> str:
    """``text`` with every internal id (``coaching.external_rate``, ``as_published``) replaced by its label."""
    from model.outputs.present.prose import publication_text as clean
    return clean(text)


def parameter_label(scenario: "Scenario", pid: str, short: bool = False) -> str:
    """A parameter's description from its assumption file, without internal ids; ``short``: up to the first
    parenthesis, semicolon or full stop (an axis label)."""
    from model.outputs.present.labels import parameter_label as label
    return label(scenario.assumptions, pid, short=short)


def quantities(scenario: "Scenario") -> tuple[str, ...]:
    """The output quantities a simulation or a tornado can summarize: year-1 total (``year1_total``) and the
    present value at each A-4 rate (``pv_3``, ``pv_7``), USD."""
    from model.engines.fastpv import quantities as names
    return tuple(names(scenario.assumptions))


def quantity_label(quantity: str) -> str:
    """A quantity's label: ``pv_7`` -> ``Present value at 7%``."""
    from model.core.quantities import label
    return label(quantity)


def figure_title(figure: str) -> str:
    """A year-1 or A-4 figure id (``Scenario.explain``) as a reader's label: ``year1.as_published.external.agency``
    -> ``Year-1 cost: External coaching, per agency (as published)``."""
    kind, framing, mode, last = figure.split(".", 3)
    if kind == "year1":
        return f"Year-1 cost: {MODE_LABELS[mode]}, {LEVEL_LABELS[last]} ({FRAMING_SHORT[framing].lower()})"
    return f"Annualized at {last}%: {MODE_LABELS[mode]}, government-wide ({FRAMING_SHORT[framing].lower()})"


def evidence_caption(evidence: "pd.DataFrame", framing: str) -> str:
    """What the year-1 figures rest on, one clause per coaching mode (per agency; the shares are the same
    government-wide), from ``Scenario.evidence()``: '... internal coaching: 40% stated in the NPRM ...'."""
    from model.core.evidence import GRADE_LABELS
    from model.core.vocabulary import MODES
    ev = evidence[(evidence.framing == framing) & (evidence.level == "agency") & (evidence.measure == "year1")
                  & (evidence.share_of_gross > 0)]
    parts = []
    for mode in MODES:
        rows = ev[ev.coaching == mode]
        shares = ", ".join(f"{r.share_of_gross:.0%} {GRADE_LABELS[str(r.grade)]}" for r in rows.itertuples())
        parts.append(f"{MODE_LABELS[mode].lower()}: {shares}")
    return ("What these year-1 figures rest on (share of each figure's gross dollars, by the weakest evidence among "
            "the values each cost reads): " + "; ".join(parts) + ".")


def display(df: "pd.DataFrame", scenario: "Scenario | None" = None, table: str = "") -> "pd.DataFrame":
    """``df`` as display text: ids as labels (a ``parameter`` column by its description when ``scenario`` is
    given), money as USD to the dollar, rates and shares in percent, human column headers."""
    from model.outputs.present.formats import Kind
    from model.outputs.present.frames import display as shown
    return shown(df, table, Kind.USD, None if scenario is None else scenario.assumptions)


def _provenance(scenario: "Scenario") -> dict[str, Any]:
    from model.outputs.provenance import provenance
    return provenance(scenario.assumptions, scenario.horizon())


def evidence_table(scenario: "Scenario", framing: str) -> "PubTable":
    """How much of each headline figure rests on what, for one framing, as the documents show it."""
    from model.outputs.present.layouts import evidence_table_pub
    return evidence_table_pub(scenario.evidence(), _provenance(scenario), (framing,))


def omitted_table(scenario: "Scenario") -> "PubTable":
    """What the NPRM omits (``Scenario.omitted_costs()``: USD, government-wide), as the documents show it."""
    from model.outputs.present.layouts import omitted_table_pub
    return omitted_table_pub(scenario.omitted_costs(), _provenance(scenario))


def reconciliation_table(figures: "pd.DataFrame") -> "PubTable":
    """Every published figure beside the model's value (``Reconciliation.figures``), as the documents show it."""
    from model.outputs.present.layouts import reconciliation_table_pub
    return reconciliation_table_pub(figures)


def inconsistencies_table() -> "PubTable":
    """The readings of the NPRM's text that need reconciling (the verified ones), as the documents show them."""
    from model.core.reconcile import inconsistency_table
    from model.outputs.present.layouts import inconsistencies_pub
    inc = inconsistency_table()
    return inconsistencies_pub(inc[inc.verified])


def eo14192_exclusion() -> str:
    """The NPRM's own reason for not treating the rule as an E.O. 14192 regulatory action (its words)."""
    from model.core.accounting import EO14192_EXCLUSION
    return EO14192_EXCLUSION


def eo14192_convention(scenario: "Scenario") -> str:
    """How ``Scenario.eo14192()`` computes the perpetual present value (at the higher A-4 rate), with its dollar
    and base years."""
    from model.core.accounting import eo14192_convention as convention
    return convention(scenario.assumptions, scenario["analysis.discount_rate_high"])


def provenance_lines(provenance: dict[str, Any]) -> list[str]:
    """An export's provenance (``ExportReport.provenance``) as the sentences its documents print."""
    from model.outputs.provenance import provenance_lines as lines
    return lines(provenance)


def media_type(fmt: str) -> str:
    """The media (MIME) type of an export format in ``EXPORT_FORMATS``."""
    from model.outputs.export import MEDIA_TYPES
    return MEDIA_TYPES[fmt]


def crash_log(exc: BaseException) -> str:
    """Write the traceback of an unexpected error to a new file in the temp folder; returns its path (a front end
    shows one line naming it, never the traceback)."""
    from model.core.errors import write_crash_log
    return write_crash_log(exc)
