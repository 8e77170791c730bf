"""The scenario round trip: the scenario in force written as a scenario file (``.toml``), and an
exported (possibly edited) workbook's Assumptions sheet read back as a scenario."""

from __future__ import annotations

import io
from pathlib import Path

from model.core.errors import ModelInputError
from model.core.parameters import (MODES, Assumptions, Scenario, ScenarioMeta, check_consistency, coerce_value,
                                   load_assumptions)
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
                           name: str | None = None) -> Scenario:
    """The Assumptions sheet of an exported (possibly edited) workbook as a scenario: every value that
    differs from the NPRM primary becomes an override, validated like a scenario file. The name is
    ``name``, else the workbook's provenance scenario, else the file name."""
    from openpyxl import load_workbook

    base = base or load_assumptions()
    origin = "uploaded workbook" if isinstance(source, (bytes, bytearray)) else str(source)
    try:
        wb = load_workbook(io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source,
                           read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a file that is not a workbook
        raise ModelInputError(f"{origin}: not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        if "Assumptions" not in wb.sheetnames:
            raise ModelInputError(f"{origin}: no 'Assumptions' sheet; expected a workbook written by sescdp export")
        rows = list(wb["Assumptions"].iter_rows(values_only=True))
        saved = _workbook_provenance(wb)
        scenario_name = name or saved.get("scenario") or Path(origin).stem
    finally:
        wb.close()
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
    meta = ScenarioMeta(name=scenario_name or "from workbook",
                        description=saved.get("scenario_description") or f"read back from {origin}")
    return Scenario(meta.name, meta.description, overrides, MODES, {}, origin)


IDS_ROW = 3  # the hidden row of column ids in an exported workbook's data sheets (1-based)
SEARCH_ROWS = 6  # a sheet's column ids are looked for in its first rows (row 1 in older workbooks)


def ids_row(rows: list[tuple]) -> int | None:
    """Index (0-based) of the row of column ids ('id' and 'value', or 'field' and 'value') in a data sheet."""
    for i, row in enumerate(rows[:SEARCH_ROWS]):
        cells = {unneutralize(c) for c in row if isinstance(c, str)}
        if "value" in cells and ({"id", "field"} & cells):
            return i
    return None


def _workbook_provenance(wb) -> dict[str, str]:
    """The text fields of an exported workbook's Provenance sheet (field -> value, quotes undone)."""
    if "Provenance" not in wb.sheetnames:
        return {}
    out = {}
    rows = list(wb["Provenance"].iter_rows(values_only=True))
    at = ids_row(rows)
    for row in rows[(at or 0) + 1:]:
        if row and len(row) > 1 and isinstance(row[0], str) and isinstance(row[1], str) and row[1].strip():
            out[row[0]] = unneutralize(row[1])
    return out
