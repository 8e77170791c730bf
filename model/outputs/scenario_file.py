"""The scenario round trip: the scenario in force written as a scenario file (``.toml``), and an
exported (possibly edited) workbook's Assumptions sheet read back as a scenario."""

from __future__ import annotations

import io
from pathlib import Path

from model.core.vocabulary import MODES
from model.core.errors import ModelInputError
from model.core.parameters import (Assumptions, ScenarioFile, ScenarioMeta, check_consistency, scenario_meta, coerce_value, load_assumptions)
from model.outputs.cells import unneutralize
from model.outputs.present.labels import column_label
from model.outputs.provenance import provenance_lines
from model.outputs.report import Report


def to_scenario_toml(report: Report) -> bytes:
    """The scenario in force as a scenario file (the format of assumptions/scenarios), with a provenance
    comment; ``sescdp run --scenario FILE`` reproduces the export's figures from it."""
    head = "".join(f"# {line}\n" for line in provenance_lines(report.provenance)
                   if not line.startswith(("Values differing", "Scenario:")))
    return (head + report.scenario_file).encode("utf-8")


def read_workbook_scenario(source: str | Path | bytes, base: Assumptions | None = None,
                           name: str | None = None) -> ScenarioFile:
    """The Assumptions sheet of an exported (possibly edited) workbook as a scenario: every value that
    differs from the NPRM primary becomes an override, validated like a scenario file. The name is
    ``name``, else the workbook's provenance scenario, else the file name."""
    from openpyxl import load_workbook

    base = base or load_assumptions()
    origin = "uploaded workbook" if isinstance(source, (bytes, bytearray)) else str(source)
    data = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source
    try:
        check_archive(data, origin)  # before openpyxl reads a byte of it
        try:
            wb = load_workbook(data, read_only=True, data_only=True)
        except ModelInputError:
            raise
        except MemoryError:
            raise
        except Exception as exc:  # openpyxl raises several types for a file that is not a workbook
            raise ModelInputError(f"{origin}: not a readable .xlsx workbook ({type(exc).__name__})") from None
        try:
            if "Assumptions" not in wb.sheetnames:
                raise ModelInputError(f"{origin}: no 'Assumptions' sheet; expected a workbook written by sescdp export")
            rows = bounded_rows(wb["Assumptions"], f"{origin}: Assumptions sheet")
            saved = _workbook_provenance(wb, origin)
            scenario_name = name or saved.get("scenario") or Path(origin).stem
        finally:
            wb.close()
    except MemoryError:
        raise ModelInputError(f"{origin}: the workbook needs more memory than is available to read; expected an "
                              "exported workbook (a few MB)") from None
    if not rows:
        raise ModelInputError(f"{origin}: Assumptions sheet is empty")
    at = ids_row(rows)
    if at is None:
        raise ModelInputError(f"{origin}: Assumptions sheet: expected a row of column ids with 'id' and 'value' "
                              f"(row {IDS_ROW} of an exported workbook)")
    header = [unneutralize(h) for h in rows[at]]
    i_id, i_val = header.index("id"), header.index("value")
    primary = base.primary_values()
    values: dict[str, float] = {}
    first = at + 1
    if first < len(rows) and i_id < len(rows[first]) and rows[first][i_id] == column_label("id"):
        first += 1  # the human header row below the ids
    for r, row in enumerate(rows[first:], start=first + 1):
        pid = unneutralize(row[i_id]) if i_id < len(row) else None
        if pid is None or str(pid).strip() == "":
            continue
        pid = str(pid).strip()
        if pid in values:
            raise ModelInputError(f"{origin}: Assumptions sheet row {r}: {pid}: appears twice")
        raw = row[i_val] if i_val < len(row) else None
        if raw is None:
            raise ModelInputError(f"{origin}: Assumptions sheet row {r}: {pid}: expected a number, got an empty cell")
        values[pid] = coerce_value(base.specs, pid, unneutralize(raw), f"{origin}: Assumptions sheet row {r}")
    merged = {**primary, **values}
    check_consistency(merged, f"{origin}: Assumptions sheet")
    overrides = {pid: v for pid, v in values.items() if v != primary[pid]}
    meta = scenario_meta(f"{origin}: Provenance sheet", name=scenario_name or "from workbook",
                         description=saved.get("scenario_description") or f"read back from {origin}")
    return ScenarioFile(meta.name, meta.description, overrides, MODES, {}, origin)


# Bounds on a workbook read back (an export is about 2 MB unpacked, its Assumptions sheet under 100 rows by
# 20 columns): a crafted archive (a "zip bomb", shared strings expanding to GBs, a sheet claiming 16,384 columns)
# is refused from the zip's directory and the sheet's declared dimension before openpyxl builds anything.
MAX_WORKBOOK_UNPACKED_BYTES = 50_000_000  # the archive's total uncompressed size, and so any one member's
MAX_WORKBOOK_MEMBERS = 1_000              # files in the archive (an export has about 60)
MAX_SHEET_ROWS = 10_000                   # rows of a sheet read back (Assumptions, Provenance)
MAX_SHEET_COLUMNS = 200                   # columns of a sheet read back


def check_archive(data, origin: str) -> None:
    """Raise ModelInputError unless ``data`` (a path or a binary file) is a zip archive whose directory lists
    at most MAX_WORKBOOK_MEMBERS files totalling at most MAX_WORKBOOK_UNPACKED_BYTES uncompressed. Python's
    zipfile stops a member at its declared size, so the declared sizes bound what openpyxl can unpack."""
    import zipfile

    limit = f"{MAX_WORKBOOK_UNPACKED_BYTES / 1e6:g} MB"
    try:
        with zipfile.ZipFile(data) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ModelInputError(f"{origin}: not a readable .xlsx workbook ({type(exc).__name__})") from None
    finally:
        if hasattr(data, "seek"):
            data.seek(0)
    if len(infos) > MAX_WORKBOOK_MEMBERS:
        raise ModelInputError(f"{origin}: the archive holds {len(infos):,} files; expected at most "
                              f"{MAX_WORKBOOK_MEMBERS:,} (an exported workbook)")
    big = max(infos, key=lambda i: i.file_size, default=None)
    if big is not None and big.file_size > MAX_WORKBOOK_UNPACKED_BYTES:
        raise ModelInputError(f"{origin}: {big.filename[:80]} unpacks to {big.file_size / 1e6:,.0f} MB; expected "
                              f"at most {limit} (an exported workbook)")
    total = sum(i.file_size for i in infos)
    if total > MAX_WORKBOOK_UNPACKED_BYTES:
        raise ModelInputError(f"{origin}: the archive unpacks to {total / 1e6:,.0f} MB; expected at most {limit} "
                              "(an exported workbook)")


def bounded_rows(ws, where: str) -> list[tuple]:
    """The rows of a read-only worksheet as values, refused (ModelInputError) when its declared dimension or
    its content exceeds MAX_SHEET_ROWS rows or MAX_SHEET_COLUMNS columns; never more than that is built."""
    expected = f"expected at most {MAX_SHEET_ROWS:,} rows and {MAX_SHEET_COLUMNS:,} columns"
    try:
        rows_declared, cols_declared = ws.max_row, ws.max_column
    except (ValueError, TypeError):
        rows_declared = cols_declared = None  # an unreadable dimension: the read below is bounded anyway
    if (rows_declared or 0) > MAX_SHEET_ROWS or (cols_declared or 0) > MAX_SHEET_COLUMNS:
        raise ModelInputError(f"{where}: declares {rows_declared or 0:,} rows by {cols_declared or 0:,} columns; "
                              + expected)
    rows = []
    for row in ws.iter_rows(min_row=1, max_row=MAX_SHEET_ROWS + 1, max_col=MAX_SHEET_COLUMNS, values_only=True):
        rows.append(row)
        if len(rows) > MAX_SHEET_ROWS:
            raise ModelInputError(f"{where}: more than {MAX_SHEET_ROWS:,} rows; " + expected)
    while rows and all(c is None for c in rows[-1]):
        rows.pop()  # the padding of the fixed width: a sheet ends at its last value
    return rows


IDS_ROW = 3  # the hidden row of column ids in an exported workbook's data sheets (1-based)
SEARCH_ROWS = 6  # a sheet's column ids are looked for in its first rows (row 1 in older workbooks)


def ids_row(rows: list[tuple]) -> int | None:
    """Index (0-based) of the row of column ids ('id' and 'value', or 'field' and 'value') in a data sheet."""
    for i, row in enumerate(rows[:SEARCH_ROWS]):
        cells = {unneutralize(c) for c in row if isinstance(c, str)}
        if "value" in cells and ({"id", "field"} & cells):
            return i
    return None


def _workbook_provenance(wb, origin: str = "workbook") -> dict[str, str]:
    """The text fields of an exported workbook's Provenance sheet (field -> value, quotes undone)."""
    if "Provenance" not in wb.sheetnames:
        return {}
    out = {}
    rows = bounded_rows(wb["Provenance"], f"{origin}: Provenance sheet")
    at = ids_row(rows)
    for row in rows[(at or 0) + 1:]:
        if row and len(row) > 1 and isinstance(row[0], str) and isinstance(row[1], str) and row[1].strip():
            out[row[0]] = unneutralize(row[1])
    return out
