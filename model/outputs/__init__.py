"""Outputs: provenance, the report and one writer per file format, built on the core and the engines."""
