"""The CSV export (the tidy Stream table after ``# `` provenance lines) and its reader."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from model.outputs.cells import neutralize, sheet_cell, unneutralize
from model.outputs.provenance import provenance_lines
from model.outputs.report import Report


def csv_provenance_header(prov: Mapping[str, Any]) -> list[str]:
    """Provenance lines for the top of the CSV, each starting with ``# ``."""
    return [f"# {line}" for line in provenance_lines(prov)]


def to_csv(report: Report) -> bytes:
    """The tidy results table (Stream: one row per scenario, framing, coaching mode, level, component,
    year), after ``# ``-prefixed provenance lines (read with :func:`read_csv_export`)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    header = csv_provenance_header(report.provenance)
    for line in header:
        w.writerow([line])
    df = report.tables["Stream"]
    w.writerow([neutralize(str(c)) for c in df.columns])
    for row in df.itertuples(index=False, name=None):
        w.writerow([_csv_cell(v) for v in row])
    return buf.getvalue().encode("utf-8")


def _csv_cell(v: Any) -> Any:
    v = sheet_cell(v)
    if isinstance(v, float):
        return repr(v)  # shortest round-trip text: the cents survive
    return "" if v is None else v


def read_csv_export(source: str | Path | bytes) -> tuple[pd.DataFrame, list[str]]:
    """A CSV export read back: (the tidy table, the provenance lines without their ``# ``)."""
    text = source.decode("utf-8") if isinstance(source, bytes) else Path(source).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    prov = []
    for line in lines:
        cell = next(csv.reader([line]))[0] if line.strip() else ""
        if not cell.startswith("# "):
            break
        prov.append(cell[2:])
    df = pd.read_csv(io.StringIO("".join(lines[len(prov):])), keep_default_na=False)
    for c in df.columns:
        if not pd.api.types.is_numeric_dtype(df[c]):
            df[c] = df[c].map(unneutralize)
    return df, prov
