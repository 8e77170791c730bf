"""Context figures: margins to the E.O. 12866 section 3(f)(1) and UMRA thresholds, and the
break-even count of external SES hires the program must avoid to pay for itself (the offset the
preamble argues in C. Costs: "they could offset SES recruitment and hiring costs")."""

from __future__ import annotations

from typing import Sequence

import pandas as pd

from model.core.vocabulary import MODES
from model.core.components import TOTAL
from model.core.parameters import Assumptions
from model.core.results import accounting_table, cost_table


def threshold_margins(a: Assumptions, framing: str = "as_published", modes: Sequence[str] = MODES) -> pd.DataFrame:
    """Government-wide year-1 cost against the E.O. 12866 threshold (UMRA's covers non-Federal spending only:
    ``umra_note``): margin (threshold - cost) and share, USD/year."""
    y1 = cost_table(a, years=1, framings=(framing,), modes=modes, levels=("government",))
    y1 = y1[y1.component == TOTAL]
    rows = []
    for name, pid in (("E.O. 12866 section 3(f)(1)", "context.significance_threshold"),):
        for _, r in y1.iterrows():
            rows.append({"threshold": name, "coaching": r.coaching, "framing": framing, "year1_cost": r.usd,
                         "threshold_usd": a[pid], "margin": a[pid] - r.usd, "share_of_threshold": r.usd / a[pid]})
    return pd.DataFrame(rows)


def umra_note(a: Assumptions) -> str:
    """Why no margin to the UMRA threshold is shown (the threshold's value from context.umra_threshold)."""
    return (f"UMRA section 202 (threshold about ${a['context.umra_threshold'] / 1e6:,.0f} million a year) is not "
            "compared: it counts spending by State, local and tribal governments and the private sector, and this "
            "rule's costs fall on Federal agencies (NPRM, Regulatory Compliance, E. Unfunded Mandates Reform Act "
            "of 1995).")


def break_even_hires(a: Assumptions, framing: str = "as_published", modes: Sequence[str] = MODES,
                     years: int | None = None) -> pd.DataFrame:
    """External SES hires a year the program must avoid to pay for itself: annualized cost at each
    accounting rate / context.recruitment_cost_per_hire (hires/year), per mode and level."""
    acc = accounting_table(a, years=years, framings=(framing,), modes=modes)
    cost = a["context.recruitment_cost_per_hire"]
    out = acc[["coaching", "level", "discount_rate", "annualized"]].copy()
    out["recruitment_cost_per_hire"] = cost
    out["break_even_hires_per_year"] = out["annualized"] / cost
    out.insert(0, "framing", framing)
    return out.reset_index(drop=True)


def context_figures(a: Assumptions, framing: str = "as_published") -> dict[str, pd.DataFrame]:
    """Both context tables, keyed ``thresholds`` and ``break_even``."""
    return {"thresholds": threshold_margins(a, framing), "break_even": break_even_hires(a, framing)}
