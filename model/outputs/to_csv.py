"""The CSV export (the tidy Stream table after ``# `` provenance lines) and its reader."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pandas as pd

from model.core.text import visible, visible_lines
from model.outputs.cells import neutralize, sheet_cell, unneutralize
from model.outputs.provenance import provenance_lines
from model.outputs.records import to_cents
from model.outputs.report import Report


TOTAL_ROWS_NOTE = ("Rows with component = total are the sum of the other components of the same scenario, framing, "
                   "coaching, level and year: do not add them again.")


def csv_provenance_header(report: Report) -> list[str]:
    """Comment lines for the top of the CSV, each starting with ``# `` and on one line, never quoted, so
    that ``pandas.read_csv(f, comment="#")`` skips them."""
    p = report.provenance
    lines = [f"Cost stream: USD of {p['dollar_year']}, rounded to the cent, undiscounted, by year. {TOTAL_ROWS_NOTE}",
             *provenance_lines(p)]
    return ["# " + visible(" ".join(str(line).split())) for line in lines]


def to_csv(report: Report) -> bytes:
    """The tidy results table (Stream: one row per scenario, framing, coaching mode, level, component,
    year), after ``# `` comment lines (read with ``pandas.read_csv(f, comment="#")`` or
    :func:`read_csv_export`). Text is always quoted (a '#' or a newline in a name stays data); numbers are
    rounded to the cent."""
    buf = io.StringIO()
    buf.writelines(line + "\n" for line in csv_provenance_header(report))
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    df = report.tables["Stream"]
    w.writerow([neutralize(str(c)) for c in df.columns])
    for row in df.itertuples(index=False, name=None):
        w.writerow([_csv_cell(v) for v in row])
    return buf.getvalue().encode("utf-8")


def _csv_cell(v: Any) -> Any:
    v = sheet_cell(visible_lines(v) if isinstance(v, str) else v)  # a control character shown as its escape
    if isinstance(v, float):
        return to_cents(v)
    return "" if v is None else v


def read_csv_export(source: str | Path | bytes) -> tuple[pd.DataFrame, list[str]]:
    """A CSV export read back: (the tidy table, the comment lines without their ``# ``)."""
    text = source.decode("utf-8") if isinstance(source, bytes) else Path(source).read_text(encoding="utf-8")
    prov = [line[2:] for line in text.splitlines() if line.startswith("# ")]
    df = pd.read_csv(io.StringIO(text), comment="#", keep_default_na=False)
    for c in df.columns:
        if not pd.api.types.is_numeric_dtype(df[c]):
            df[c] = df[c].map(unneutralize)
    return df, prov
