"""The CSV export (the tidy Stream table after ``# `` lines: what it holds, the key to its codes, the
provenance) and its readers."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pandas as pd

from model.core.text import visible, visible_lines
from model.outputs.cells import neutralize, sheet_cell, unneutralize
from model.outputs.present.labels import FRAMING_LABELS, MODE_LABELS, column_label, value_label
from model.outputs.provenance import provenance_lines
from model.outputs.records import to_cents
from model.outputs.report import Report


KEYED_COLUMNS = ("framing", "coaching", "level", "component", "measure", "quantity")  # columns holding codes
KEY_PREFIX = "Key: "
NOT_IN_FILE = {"monte_carlo": {"draws": 0, "seed": 0, "sampler": ""}}  # a stand-in run, to find the line to drop


def column_key_label(col: str, prov: dict) -> str:
    """A column's reader label, with its unit where it has one."""
    label = column_label(col)
    if col == "usd":
        return f"{label}, USD of {prov['dollar_year']}, rounded to the cent, undiscounted"
    if col == "year":
        return f"{label} (1 is {prov['first_calendar_year']})"
    return label


def csv_key(df: pd.DataFrame, prov: dict) -> list[tuple[str, str, str]]:
    """(column, code, label) for every column of ``df`` (code empty) and every code in its coded columns
    (framing, coaching, level, component, measure, quantity), in the order they first appear."""
    key = [(c, "", column_key_label(c, prov)) for c in df.columns]
    for c in (c for c in KEYED_COLUMNS if c in df.columns):
        full = {"framing": FRAMING_LABELS, "coaching": MODE_LABELS}.get(c, {})  # the longer names where there are
        key += [(c, str(v), str(full.get(v, value_label(c, v)))) for v in dict.fromkeys(df[c])]
    return key


def key_line(column: str, code: str, label: str) -> str:
    """One key line: 'Key: framing as_published = As published ...'; a column alone: 'Key: usd = Cost ...'."""
    return f"{KEY_PREFIX}{column}{' ' + code if code else ''} = {label}"


def stream_note(columns) -> str:
    """What the rows hold, naming only columns the file has."""
    groups = [c for c in ("scenario", "framing", "coaching", "level", "year") if c in columns]
    listed = ", ".join(groups[:-1]) + (" and " if len(groups) > 1 else "") + groups[-1] if groups else ""
    return (f"Rows with component = total are the sum of the other components of the same {listed}: "
            "do not add them again." if "component" in columns and listed else "")


def csv_provenance_header(report: Report) -> list[str]:
    """Comment lines for the top of the CSV, each starting with ``# `` and on one line, never quoted, so
    that ``pandas.read_csv(f, comment="#")`` skips them: what the file holds, the key (each column and each
    code in it with its reader label), then the provenance. Lines about results the file does not hold (the
    Monte Carlo run, the A-4 statement's draws) are left out: those are in the workbook."""
    p = report.provenance
    df = report.tables["Stream"]
    lines = [f"Cost stream: USD of {p['dollar_year']}, rounded to the cent, undiscounted, by year. "
             f"{stream_note(df.columns)}",
             "This file holds the cost stream only; the A-4 statement, the uncertainty results and the other "
             "tables are in the workbook (.xlsx).",
             "Key: each column, then each code in the file, with what it means (column code = label)",
             *(key_line(*k) for k in csv_key(df, p))]
    bare = {**p, "accounting_draws": None, "accounting_low_high": None}
    monte_carlo = set(provenance_lines(bare)) ^ set(provenance_lines({**bare, **NOT_IN_FILE}))
    lines += [line for line in provenance_lines(bare) if line not in monte_carlo]
    return ["# " + visible(" ".join(str(line).split())) for line in lines]


def read_csv_key(source: str | Path | bytes) -> dict[tuple[str, str], str]:
    """The key of a CSV export: {(column, code): label}; a column's own label under (column, "")."""
    _, comments = read_csv_export(source)
    key = {}
    for line in comments:
        if line.startswith(KEY_PREFIX) and " = " in line:
            left, label = line[len(KEY_PREFIX):].split(" = ", 1)
            column, _, code = left.partition(" ")
            key[(column, code)] = label
    return key


def to_csv(report: Report) -> bytes:
    """The tidy results table (Stream: one row per scenario, framing, coaching mode, level, component,
    year), after ``# `` comment lines with the key to its codes (read with ``pandas.read_csv(f,
    comment="#")``, :func:`read_csv_export` and :func:`read_csv_key`). Text is always quoted (a '#' or a
    newline in a name stays data); numbers are rounded to the cent."""
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
