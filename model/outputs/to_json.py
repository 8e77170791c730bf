"""The JSON export: the same document as ``sescdp run --format json`` (over the export's horizon), then the
provenance, the scenario file and every table as records. Strict JSON: a value with no finite number is
``null`` with ``<key>_null_reason`` beside it (``records``)."""

from __future__ import annotations

import json

from model.outputs.records import run_document, strict_record, strict_records
from model.outputs.report import Report


def to_json(report: Report) -> bytes:
    """Everything, for scripts (UTF-8, strict JSON)."""
    years = report.provenance["horizon_years"]
    doc = run_document(report.assumptions, years) if report.assumptions is not None else {}
    doc.update({"provenance": strict_record(report.provenance), "scenario_file": report.scenario_file,
                "tables": {name: strict_records(df, name) for name, df in report.tables.items()}})
    return json.dumps(doc, indent=1, allow_nan=False, ensure_ascii=False).encode("utf-8")
