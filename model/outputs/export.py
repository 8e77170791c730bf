"""Comment-response exports: one in-memory report, written as XLSX, CSV, Markdown, Word or JSON.

The public face of the exports; the work is done in the modules named here:

- ``report``: ``build_report`` evaluates the model once and returns a :class:`Report` (named tables from
  ``tables`` and ``uncertainty_tables``, provenance, captions, the scenario file);
- ``files``: ``export_bytes(report, fmt)`` turns it into the bytes of one format (the app offers these
  bytes in download buttons); ``write_export(report, path)`` writes them atomically (temp file + rename),
  the format picked by the suffix;
- one writer per format: ``to_xlsx``, ``to_csv`` (and its reader ``read_csv_export``), ``to_markdown``,
  ``to_docx`` (both the comment appendix of ``present.appendix``), ``to_json``;
- ``scenario_file``: the ``.toml`` scenario file, and ``read_workbook_scenario``, which reads an exported
  workbook's Assumptions sheet back as a scenario, so a reviewer's edited workbook re-runs in the model;
- ``present``: the presentation layer (labels, units, rounding, publication tables, the appendix);
- ``cells``: the workbook's number kinds and formula-injection safety (a text cell a spreadsheet would
  run as a formula gets a leading single quote in CSV and XLSX; numbers stay numbers).
"""

from __future__ import annotations


from model.outputs.cells import FORMULA_TRIGGERS, column_kind, neutralize, unneutralize
from model.outputs.files import (FORMATS, MEDIA_TYPES, SCENARIO_FORMAT, WRITERS, check_writable, export_bytes,
                                 export_format, write_export)
from model.outputs.provenance import provenance_lines
from model.outputs.report import SHEETS, Report, build_report
from model.outputs.scenario_file import read_workbook_scenario, to_scenario_toml
from model.outputs.to_csv import read_csv_export, to_csv
from model.outputs.to_docx import to_docx
from model.outputs.to_json import to_json
from model.outputs.to_markdown import to_markdown
from model.outputs.to_xlsx import to_xlsx
from model.outputs.uncertainty_tables import check_monte_carlo_options

__all__ = [
    "FORMATS", "FORMULA_TRIGGERS", "MEDIA_TYPES", "SCENARIO_FORMAT", "SHEETS", "WRITERS", "Report",
    "build_report", "check_monte_carlo_options", "check_writable", "column_kind", "export_bytes",
    "export_format", "neutralize", "provenance_lines", "read_csv_export", "read_workbook_scenario",
    "to_csv", "to_docx", "to_json", "to_markdown", "to_scenario_toml", "to_xlsx",
    "unneutralize", "write_export",
]
