"""The JSON export: provenance, the scenario file and every table as records."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pandas as pd

from model.outputs.report import Report


def _json_value(v: Any) -> Any:
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None  # JSON has no NaN or infinity; null (see provenance note)
    if v is pd.NA:
        return None
    return v


def to_json(report: Report) -> bytes:
    """Everything, for scripts: provenance, the scenario file, and every table as records.
    Non-finite numbers (a perpetual PV at a 0% rate; an empty range) are null."""
    doc = {"provenance": report.provenance, "scenario_file": report.scenario_file,
           "tables": {name: [{str(k): _json_value(v) for k, v in zip(df.columns, row)}
                             for row in df.itertuples(index=False, name=None)]
                      for name, df in report.tables.items()}}
    return json.dumps(doc, indent=1, allow_nan=False).encode("utf-8")
