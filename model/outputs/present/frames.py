"""A data table as a reader sees it on screen: ids as labels, numbers formatted by their column's kind,
human headers (the app shows this; the documents use ``layouts``)."""

from __future__ import annotations

import pandas as pd

from model.outputs.cells import column_kind
from model.outputs.present.formats import Kind, cell_text
from model.outputs.present.labels import column_label, parameter_label, value_label
from model.outputs.present.prose import publication_text


def display(df: pd.DataFrame, table: str = "", money: Kind = Kind.USD, a=None) -> pd.DataFrame:
    """``df`` as display text: ids as labels (a ``parameter`` column by its description when ``a`` is given),
    numbers formatted by their column's kind (money as ``money``), headers human."""
    out = {}
    for col in df.columns:
        kind = column_kind(table, str(col))
        kind = money if kind in (Kind.USD, Kind.CENTS) and money == Kind.MUSD else kind
        values = []
        for v in df[col]:
            if col == "parameter" and a is not None and isinstance(v, str):
                values.append(parameter_label(a, v, short=True))
            elif isinstance(v, str):
                values.append(publication_text(str(value_label(col, v))))
            else:
                values.append(cell_text(v, kind))
        out[column_label(str(col))] = values
    return pd.DataFrame(out)
