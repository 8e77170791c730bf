"""SESCDP cost model: OPM's proposed 5 CFR part 412 rule (FR Doc. 2025-23289), cost analysis.

The public Python API (``model.api``, documented in the README's "Python API" section) is re-exported
here, loaded on first use so that ``import model`` (and ``sescdp --help``) stays cheap::

    from model import Scenario
    Scenario.load().year1("external", "agency")      # USD of 2025, one agency, year 1

Data flows one way: assumption files -> validated parameters (``model.core``) -> Monte Carlo and
sensitivity (``model.engines``) -> exports (``model.outputs``) -> the public API (``model.api``) -> the
command line (``model.cli``) and the app. Only the names in ``__all__`` are public.
"""

from __future__ import annotations

__version__ = "0.2.0"

_API = ("ACCOUNTING_METHODS", "EXPORT_FORMATS", "FRAMINGS", "LEVELS", "MODES", "SAMPLERS", "ExportReport",
        "Explanation", "ModelInputError", "Reconciliation", "Scenario", "Sensitivity", "compare", "explain",
        "list_scenarios", "reconcile")

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> object:
    """The public API's names, imported from ``model.api`` the first time one is used."""
    if name in _API:
        import importlib

        # By name, not an import statement: ``model.outputs`` reads ``model.__version__``, and a static
        # ``model -> model.api`` edge would show the import-linter a cycle through the layers that no
        # running code takes (``model.api`` loads only when one of these names is asked for).
        return getattr(importlib.import_module("model.api"), name)
    raise AttributeError(f"module 'model' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
