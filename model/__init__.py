"""SESCDP cost model: OPM's proposed 5 CFR part 412 rule (FR Doc. 2025-23289), cost analysis.

The public Python API (``model.api``, documented in the README's "Python API" section) is re-exported
here, loaded on first use so that ``import model`` (and ``sescdp --help``) stays cheap::

    from model import Scenario
    Scenario.load().year1("external", "agency")      # USD of 2025, one agency, year 1

Data flows one way: assumption files -> validated parameters (``model.core``) -> Monte Carlo and
sensitivity (``model.engines``) -> exports (``model.outputs``) -> the public API (``model.api``) -> the
command line (``model.cli``) and the app. Only the names in ``__all__`` are public; ``view`` (labels,
money and tables as a reader sees them) and ``editing`` (parameters, uploaded scenarios, scenario-file text)
are namespaces of functions a front end needs, the app's only way into the model.
"""

from __future__ import annotations

from model._version import __version__

_API = ("ACCOUNTING_METHODS", "EXPORT_FORMATS", "FRAMINGS", "LEVELS", "MODES", "SAMPLERS", "ExportReport",
        "Explanation", "ModelInputError", "Reconciliation", "Scenario", "Sensitivity", "alternatives", "comments",
        "compare", "editing", "explain", "list_scenarios", "reconcile", "view")

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> object:
    """The public API's names, imported from ``model.api`` the first time one is used."""
    if name in _API:
        from model import api  # on first use: ``import model`` stays cheap (no pandas, no numpy)

        return getattr(api, name)
    raise AttributeError(f"module 'model' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
