"""Engines: Monte Carlo, sampling, the fast evaluator and sensitivity analysis, built on the core. Import no output, CLI or UI."""
