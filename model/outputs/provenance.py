"""Provenance of a set of results: which tool, which code, which assumption values, which random draws,
when. Every export carries it so that a table in a comment letter can be traced back and re-run."""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from model._version import __version__
from model.core.parameters import Assumptions
from model.core.results import basis_text
from model.core.statement import nprm_citation
from model.outputs.present.labels import setting_label, setting_value

TOOL_NAME = "sescdp-cost-model"
NOT_A_CHECKOUT = "not a git checkout"
GIT_TIMEOUT_SECONDS = 5  # a git call that hangs must not hang an export


def _git(args: list[str], cwd: Path) -> str | None:
    """Output of ``git <args>`` run in ``cwd``, stripped; None if git is missing or fails (never raises)."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              timeout=GIT_TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def git_commit(root: Path | None = None) -> str:
    """The commit of the checkout the model package runs from (``<hash>``, ``<hash> (uncommitted changes)``),
    or ``"not a git checkout"`` when the package is not inside its own git working tree."""
    root = Path(__file__).resolve().parents[2] if root is None else Path(root)
    top = _git(["rev-parse", "--show-toplevel"], root)
    if not top or Path(top).resolve() != root.resolve():  # an installed copy inside some other repository
        return NOT_A_CHECKOUT
    head = _git(["rev-parse", "HEAD"], root)
    if not head:
        return NOT_A_CHECKOUT
    status = _git(["status", "--porcelain", "--untracked-files=no"], root)
    return f"{head} (uncommitted changes)" if status else head


def utc_now() -> str:
    """The current date and time, UTC, ISO 8601 to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def changed_values(a: Assumptions) -> list[dict[str, Any]]:
    """Every parameter whose value was set (a scenario file, --set, the API or the app), including a value
    set equal to the NPRM primary (it is held fixed in the Monte Carlo): id, primary, value, unit, differs."""
    primary = a.primary_values()
    return [{"id": pid, "primary": primary[pid], "value": float(v), "unit": a.specs[pid].unit,
             "differs": bool(v != primary[pid])} for pid, v in a.overrides.items()]


def provenance(a: Assumptions, years: int, draws: int | None = None, seed: int | None = None,
               sampler: str | None = None, date: str | None = None) -> dict[str, Any]:
    """Provenance record of results computed from ``a`` over ``years`` years (and ``draws`` Monte Carlo
    draws from ``seed`` when given). ``date`` defaults to now (UTC, ISO 8601)."""
    return {
        "tool": TOOL_NAME,
        "version": __version__,
        "git_commit": git_commit(),
        "assumptions_digest": a.digest(),
        "scenario": a.scenario,
        "values_set": changed_values(a),
        "horizon_years": int(years),
        "dollar_year": int(a["analysis.dollar_year"]),
        "first_calendar_year": int(a["analysis.first_calendar_year"]),
        "discount_rates": sorted({a["analysis.discount_rate_low"], a["analysis.discount_rate_high"]}),
        "monte_carlo": ({"draws": int(draws), "seed": int(seed), "sampler": sampler}
                        if draws is not None else None),
        "date_utc": date or utc_now(),
        "nprm": nprm_citation().text(),
        "scenario_distributions": dict(a.dists),
        "scenario_correlations": dict(a.correlations),
    }


def basis_line(prov: dict[str, Any]) -> str:
    """Dollar year, discounting base and horizon in one phrase (``results.basis_text``)."""
    return basis_text(prov["dollar_year"], prov["first_calendar_year"], prov["horizon_years"])


def provenance_lines(prov: dict[str, Any]) -> list[str]:
    """The provenance as short ``label: value`` lines for text formats (Markdown, Word, CSV header): parameters by
    their descriptions, as a reader sees them (their ids are in the scenario file and the workbook)."""
    named = parameter_names()
    mc = prov.get("monte_carlo")
    changed = prov.get("values_set") or []
    lines = [
        f"Rule analyzed: {prov['nprm']}" if prov.get("nprm") else None,
        f"Tool: {prov['tool']} {prov['version']}",
        f"Git commit: {prov['git_commit']}",
        f"Assumption digest (SHA-256 of the values in force, first 16 hex digits): {prov['assumptions_digest']}",
        f"Scenario: {' '.join(str(prov['scenario']).split())}",
        basis_line(prov) + "; discount rates " + ", ".join(f"{r * 100:g}%" for r in prov["discount_rates"]),
        (f"Monte Carlo and sensitivity: {mc['draws']:,} draws, seed {mc['seed']}, {sampler_text(mc['sampler'])}; "
         f"rank correlations {correlation_text(mc.get('correlations'), named)}" if mc
         else "Monte Carlo and sensitivity: not run"),
        accounting_line(prov, named),
        ("Distributions set by the scenario: " + "; ".join(f"{named(k)}: {v}" for k, v in prov["scenario_distributions"].items())
         if prov.get("scenario_distributions") else None),
        ("Rank correlations set by the scenario: " + correlation_text(prov["scenario_correlations"], named)
         if prov.get("scenario_correlations") else None),
        f"Date (UTC): {prov['date_utc']}",
    ]
    lines = [line for line in lines if line]
    if changed:
        a = _specs_source()
        lines.append("Values set (held fixed in the Monte Carlo and sensitivity): " + "; ".join(
            f"{setting_label(a, c['id'])}: {setting_value(a, c['id'], c['value'])} (NPRM primary "
            f"{setting_value(a, c['id'], c['primary'])})" for c in changed))
    else:
        lines.append("Values set: none (the NPRM primary assumptions)")
    return lines


SAMPLER_NAMES = {"lhs": "Latin hypercube sampling (LHS)", "mc": "simple random sampling", "sobol": "a Sobol sequence"}


def sampler_text(sampler: str | None) -> str:
    """A design's name as a reader reads it ('Latin hypercube sampling (LHS)')."""
    return SAMPLER_NAMES.get(str(sampler), str(sampler))


def _specs_source() -> Assumptions:
    """The assumption files' parameter descriptions, for naming a parameter in a document."""
    from model.core.parameters import load_assumptions
    return load_assumptions()


def parameter_names():
    """A function from a parameter id to its short description (the assumption files'), the id itself if unknown."""
    from model.outputs.present.labels import parameter_label
    a = _specs_source()
    return lambda pid: parameter_label(a, pid, short=True) if pid in a.specs else pid


def correlation_text(corr: dict[str, float] | None, named=None) -> str:
    """Rank correlations as text: 'a ~ b = 0.5; c ~ d = -0.3' (``named``: id -> what a reader reads), or 'none'."""
    def pair_text(pair: str) -> str:
        return pair if named is None else " and ".join(named(x.strip()) for x in pair.split("~"))
    return "; ".join(f"{pair_text(pair)}: {rho:g}" for pair, rho in (corr or {}).items()) or "none"


def accounting_line(prov: dict[str, Any], named=None) -> str | None:
    """How the A-4 statement's low/high were obtained, with the draws' seed, sampler and correlations."""
    acc = prov.get("accounting_draws")
    if acc:
        return (f"A-4 accounting statement {prov['accounting_low_high']}, {sampler_text(acc['sampler'])}; "
                f"the same draws in every export, the CLI and the app; "
                f"rank correlations {correlation_text(acc.get('correlations'), named)}")
    if prov.get("accounting_low_high"):
        return f"A-4 accounting statement {prov['accounting_low_high']}"
    return None
