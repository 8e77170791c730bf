"""The workbook's Charts sheet: the government-wide cost stream and, when drawn, the distribution, as native
Excel charts one above the other on the first printed page, their data below them."""

from __future__ import annotations

from model.outputs.present import layouts
from model.outputs.present.formats import Kind, excel_format
from model.outputs.present.labels import FRAMING_SHORT, column_label
from model.outputs.present.pubtable import PubTable
from model.outputs.provenance import basis_line
from model.outputs.report import Report
from model.outputs.xlsx_sheet import print_setup, pub_table, sheet_cell

CHART_ROWS = 16          # rows per chart: both charts on the first printed page, their data below
CHART_CM = (22.0, 7.0)   # chart width, height


def charts_sheet(ws, report: Report) -> None:
    """The government-wide stream (a line chart) and, when drawn, the distribution (a bar chart), one above
    the other on the first printed page, their data below them."""
    from openpyxl.chart import LineChart, Reference
    from openpyxl.styles import Font
    from openpyxl.worksheet.pagebreak import Break

    stream = layouts.stream_table(report)
    years = PubTable(stream.key, stream.title, stream.columns, stream.rows[:-1], "Costs as they fall in each year, "
                     "undiscounted.")
    dist = report.tables.get("Distribution")
    drawn = dist is not None and "note" not in dist.columns
    title = ws.cell(1, 1, sheet_cell(f"Charts: {basis_line(report.provenance)}; the charts' axes in $ millions "
                                     f"and shares of draws"))
    title.font = Font(bold=True, size=12)
    data_row = CHART_ROWS * (2 if drawn else 1) + 2  # below the title row and the charts
    row = pub_table(ws, years, data_row, [24] * max(len(years.columns), 7))
    n = len(years.rows)
    chart = LineChart()
    chart.title = stream.title
    chart.y_axis.title = "$ millions"
    chart.y_axis.number_format = excel_format(Kind.MUSD)
    chart.x_axis.title = "Year"
    chart.add_data(Reference(ws, min_col=2, max_col=len(years.columns), min_row=data_row + 1,
                             max_row=data_row + 1 + n), titles_from_data=True)
    for series in chart.series:
        series.smooth = False  # a stepped stream stays stepped
    chart.set_categories(Reference(ws, min_col=1, min_row=data_row + 2, max_row=data_row + 1 + n))
    chart.width, chart.height = CHART_CM
    ws.add_chart(chart, "A2")
    print_setup(ws, None)
    ws.row_breaks.append(Break(id=data_row - 1))
    if not drawn:
        return
    wide = dist.pivot_table(index="bin_low", columns=["framing", "coaching"], values="share", sort=False)
    ws.cell(row, 1, sheet_cell(f"Distribution of the {column_label(dist.quantity.iloc[0]).lower()}, government-wide: "
                               "share of draws by bin (bin start, $ millions)"))
    ws.cell(row + 1, 1, "From")
    for j, (f, m) in enumerate(wide.columns, start=2):
        ws.cell(row + 1, j, f"{FRAMING_SHORT[f]}, {m}")
    for i, (lo, vals) in enumerate(wide.iterrows(), start=row + 2):
        ws.cell(i, 1, float(lo)).number_format = excel_format(Kind.MUSD)
        for j, v in enumerate(vals, start=2):
            ws.cell(i, j, float(v)).number_format = excel_format(Kind.PERCENT)
    hist = LineChart()  # one line per framing and coaching mode: six bar series side by side would not read
    hist.title = f"Distribution of the {column_label(dist.quantity.iloc[0]).lower()}, government-wide (share of draws)"
    hist.y_axis.number_format = excel_format(Kind.PERCENT)
    hist.x_axis.title = "$ millions (bin start)"
    hist.add_data(Reference(ws, min_col=2, max_col=1 + wide.shape[1], min_row=row + 1, max_row=row + 1 + len(wide)),
                  titles_from_data=True)
    for series in hist.series:
        series.smooth = False
    hist.set_categories(Reference(ws, min_col=1, min_row=row + 2, max_row=row + 1 + len(wide)))
    hist.width, hist.height = CHART_CM
    ws.add_chart(hist, f"A{CHART_ROWS + 2}")
