"""The public Python API of the SESCDP cost model: what a notebook or a user's own tests call.

    >>> from model import Scenario
    >>> nprm = Scenario.load()                                   # the NPRM primary assumptions
    >>> round(nprm.year1("external", "agency"))                  # USD of 2025, one agency, year 1
    417301
    >>> s = nprm.with_overrides({"coaching.external_rate": 1500, "coaching.hours": 15})
    >>> round(s.year1("external", "agency") - nprm.year1("external", "agency"))   # 25 x (15 x 1500 - 10 x 1000)
    312500

Everything listed in ``__all__`` here (and re-exported by ``model``) is public and stable: names, arguments
and result columns change only with a new major version. Everything else under ``model`` (``model.core``,
``model.engines``, ``model.outputs``, ``model.cli`` and the ``Scenario.assumptions`` object) is internal and
may move without notice. Money is USD of ``analysis.dollar_year`` (2025), present values discounted to the
start of analysis year 1 (2026); ``level="agency"`` is one agency, ``"government"`` all ``agencies.count``.
No result is cached between calls and no state is global: seeds are arguments. ``view`` (how a reader sees
a figure: labels, money, tables) and ``editing`` (parameters as an editor lists them, uploaded scenarios,
scenario-file text) are the namespaces a front end such as the Streamlit app uses.
"""

from model.core.vocabulary import FRAMINGS, LEVELS, MODES
from model.api._common import ACCOUNTING_METHODS, EXPORT_FORMATS, SAMPLERS
from model.api import editing, view
from model.api.alternatives import alternatives, comments
from model.api.comparison import compare, list_scenarios
from model.api.exports import ExportReport
from model.api.reconciliation import Explanation, Reconciliation
from model.api.scenario import Scenario
from model.api.uncertainty import Sensitivity
from model.core.errors import ModelInputError


def reconcile() -> Reconciliation:
    """Every cost figure the NPRM prints beside the model's value under the NPRM primary assumptions, and
    the readings of the text that do not add up (``Scenario.load().reconcile()``)."""
    return Scenario.load().reconcile()


def explain(figure_id: str) -> Explanation:
    """How the published figure ``figure_id`` is computed under the NPRM primary assumptions
    (``Scenario.load().explain(figure_id)``)."""
    from model.api.checks import figure_id as checked
    checked(figure_id)
    return Scenario.load().explain(figure_id)


__all__ = [
    "ACCOUNTING_METHODS", "EXPORT_FORMATS", "FRAMINGS", "LEVELS", "MODES", "SAMPLERS",
    "ExportReport", "Explanation", "ModelInputError", "Reconciliation", "Scenario", "Sensitivity",
    "alternatives", "comments", "compare", "editing", "explain", "list_scenarios", "reconcile", "view",
]
