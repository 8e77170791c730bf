"""The presentation layer: labels, units, rounding and the publication tables, used by every document
export (Markdown, Word, the workbook's publication sheets), the CLI's tables and the app, so that a
table reads the same everywhere. Data exports (CSV, JSON) keep ids and raw values (to the cent)."""
