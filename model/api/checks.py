"""The API's input boundary: every public function checks its arguments here, before any work, with the CLI's rules,
and raises ModelInputError with one line naming the parameter and what was expected."""

from __future__ import annotations

import functools
from typing import Any

from model.core.errors import ModelInputError

MAX_PATH_CHARS = 4096  # Linux PATH_MAX: a longer path cannot be opened
MAX_NAME_BYTES = 255  # NAME_MAX: the longest file or folder name
MAX_SHOWN = 80  # characters of a bad value quoted in a message
HORIZON, RATE = "analysis.horizon_years", "analysis.discount_rate_high"  # whose declared limits a horizon and a rate keep


def limits(pid: str) -> tuple[float, float]:
    """The least and greatest value the assumption files admit for ``pid`` (its ``min``, else 0, and ``max``): the
    one rule for a horizon in years (``analysis.horizon_years``: 1 to 50) and for any discount rate
    (``analysis.discount_rate_high``: 0 to 0.99), wherever it is given (API, CLI, scenario file)."""
    from model.core.parameters import assumptions_dir
    return _limits(str(assumptions_dir()), pid)


@functools.lru_cache(maxsize=8)
def _limits(folder: str, pid: str) -> tuple[float, float]:
    """``limits`` for the assumption files in ``folder`` (read once per folder)."""
    from model.core.parameters import load_assumptions
    spec = load_assumptions().specs[pid]
    return (0.0 if spec.min is None else spec.min), spec.max


def shown(value: Any) -> str:
    """A bad value as a message quotes it: its repr, on one line, cut to MAX_SHOWN characters."""
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a value whose repr fails is named by its type
        text = f"<{type(value).__name__}>"
    text = " ".join(text.split())
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"


def real(value: Any) -> bool:
    """A real number (int, float, numpy number), not a bool."""
    import numbers
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def years(value: Any) -> int | None:
    """A horizon in whole years within ``limits(HORIZON)`` (None: the default), else ModelInputError."""
    import numbers
    lo, hi = limits(HORIZON) if value is not None else (0, 0)
    if value is not None and (isinstance(value, bool) or not isinstance(value, numbers.Integral)
                              or not lo <= value <= hi):
        raise ModelInputError(f"years: expected a whole number from {lo:g} to {hi:g}, got {shown(value)}")
    return None if value is None else int(value)


def whole(name: str, value: Any, lo: int, *, optional: bool = True) -> int | None:
    """A whole number of at least ``lo`` (a float such as 1000.0 that is whole is taken; NaN, infinity, text
    and bools are refused); None passes when ``optional``."""
    import math
    if value is None and optional:
        return None
    if real(value):
        try:
            x = float(value)
        except OverflowError:
            x = math.inf
        if math.isfinite(x) and x == int(x) and int(value) >= lo:
            return int(value)
    what = "a non-negative whole number" if lo == 0 else f"a whole number of at least {lo:,}"
    raise ModelInputError(f"{name}: expected {what}, got {shown(value)}")


def flag(name: str, value: Any) -> bool:
    """True or False (a truthy string such as "no" is not read as yes)."""
    import numpy as np
    if not isinstance(value, (bool, np.bool_)):
        raise ModelInputError(f"{name}: expected True or False, got {shown(value)}")
    return bool(value)


def text(name: str, value: Any, *, optional: bool = True) -> str | None:
    """A string (None passes when ``optional``); a scenario's name or description is held to the scenario file's
    length limit and may not carry control characters (tab and newline aside)."""
    from model.core.parameters import SCENARIO_TEXT_LIMITS
    from model.core.text import control_problem
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ModelInputError(f"{name}: expected text, got {shown(value)}")
    limit = SCENARIO_TEXT_LIMITS.get(name)
    if limit is not None and len(value) > limit:
        raise ModelInputError(f"scenario {name}: expected at most {limit:,} characters, got {len(value):,}")
    problem = control_problem(value) if limit is not None else ""
    if problem:
        raise ModelInputError(f"scenario {name}: {problem}")
    return value


def amount(name: str, value: Any) -> float:
    """A positive, finite amount in USD (as the CLI's thresholds)."""
    import math
    if real(value):
        try:
            x = float(value)
        except OverflowError:
            x = math.inf
        if math.isfinite(x) and x > 0:
            return x
    raise ModelInputError(f"{name}: expected a positive amount in USD such as 100000000, got {shown(value)}")


def amounts(name: str, values: Any) -> list[float] | None:
    """None, or a list of positive finite USD amounts (one number is taken as a list of one)."""
    if values is None:
        return None
    if real(values):
        values = [values]
    if isinstance(values, (str, bytes)) or not _iterable(values):
        raise ModelInputError(f"{name}: expected a list of positive amounts in USD, got {shown(values)}")
    out = [amount(name, v) for v in values]
    if not out:
        raise ModelInputError(f"{name}: expected at least one positive amount in USD, got none")
    return out


def rate(value: Any) -> float:
    """One discount rate within ``limits(RATE)`` (0 to 0.99; 0.02 = 2%), else ModelInputError."""
    import math
    lo, hi = limits(RATE)
    x = float(value) if real(value) and abs(value) < 10 else math.nan
    if not lo <= x <= hi:
        raise ModelInputError(f"discount rate: expected a rate from {lo:g} to {hi:g} (0.02 = 2%), got {shown(value)}")
    return x


def rates(values: Any) -> list[float]:
    """Extra discount rates: a list of rates (``rate``); one number is taken as a list of one."""
    if real(values):
        values = [values]
    if isinstance(values, (str, bytes)) or not _iterable(values):
        lo, hi = limits(RATE)
        raise ModelInputError(f"extra_rates: expected a list of rates from {lo:g} to {hi:g} (0.02 = 2%), "
                              f"got {shown(values)}")
    return [rate(r) for r in values]


def _iterable(value: Any) -> bool:
    try:
        iter(value)
    except TypeError:
        return False
    return True


def _parameter_value(value: Any) -> bool:
    """A value an override may take: a number (finite or not: the parameter's rules judge it) or text."""
    return real(value) or isinstance(value, str)


def overrides(value: Any, origin: str) -> dict[str, Any]:
    """Overrides as {id: value}: a mapping of text ids to numbers or text, or a list of 'ID=VALUE' strings."""
    from collections.abc import Mapping
    if isinstance(value, (list, tuple)):
        for item in value:
            if not isinstance(item, str):
                raise ModelInputError(f"{origin}: expected 'ID=VALUE' strings, got {shown(item)}")
        from model.core.parameters import parse_set_options
        return dict(parse_set_options(list(value)))
    if not isinstance(value, Mapping):
        raise ModelInputError(f"{origin}: expected a mapping of parameter id to value, or 'ID=VALUE' strings, "
                              f"got {type(value).__name__}")
    for pid, v in value.items():
        if not isinstance(pid, str):
            raise ModelInputError(f"{origin}: expected parameter ids as text, got {shown(pid)}")
        if not _parameter_value(v):
            raise ModelInputError(f"{origin}: {pid[:MAX_SHOWN]}: expected a number or text, got {shown(v)}")
    return dict(value)


def dists(value: Any, name: str = "dists") -> dict[str, str] | list[str] | None:
    """Distributions: None, a mapping of text ids to text specs, or a list of 'ID=KIND:ARGS' strings."""
    from collections.abc import Mapping
    if value is None:
        return None
    if isinstance(value, Mapping):
        for pid, spec in value.items():
            if not isinstance(pid, str) or not isinstance(spec, str):
                raise ModelInputError(f"{name}: expected parameter id -> text such as 'uniform:200:3000', got "
                                      f"{shown(pid)}: {shown(spec)}")
        return dict(value)
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ModelInputError(f"{name}: expected a mapping of parameter id to distribution, or 'ID=KIND:ARGS' strings, "
                          f"got {shown(value)}")


def correlations(value: Any) -> dict[str, float] | None:
    """Correlations: None, or a mapping of 'ID ~ ID' text to a finite number."""
    import math
    from collections.abc import Mapping
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ModelInputError(f"correlations: expected a mapping of 'ID ~ ID' to rho, got {shown(value)}")
    out = {}
    for pair, rho in value.items():
        if not isinstance(pair, str):
            raise ModelInputError(f"correlations: expected pairs as text 'ID ~ ID', got {shown(pair)}")
        x = math.nan
        if real(rho):
            try:
                x = float(rho)
            except OverflowError:
                pass
        if not -1 < x < 1:
            raise ModelInputError(f"correlation {pair[:MAX_SHOWN]}: expected rho strictly between -1 and 1, "
                                  f"got {shown(rho)}")
        out[pair] = x
    return out


def path_text(name: str, value: Any) -> str:
    """A file path as text, checked before any work: str or path-like, not empty, no NUL byte, not longer than
    the system allows (MAX_PATH_CHARS characters, MAX_NAME_BYTES bytes a name)."""
    import os
    if not isinstance(value, (str, os.PathLike)):
        raise ModelInputError(f"{name}: expected a file path, got {shown(value)}")
    try:
        p = os.fspath(value)
    except TypeError:
        raise ModelInputError(f"{name}: expected a file path, got {shown(value)}") from None
    if isinstance(p, bytes):
        raise ModelInputError(f"{name}: expected a file path as text, got bytes")
    if not p.strip():
        raise ModelInputError(f"{name}: expected a file path, got an empty string")
    if "\0" in p:
        raise ModelInputError(f"{name}: the path contains a NUL byte; expected a file path")
    if len(p) > MAX_PATH_CHARS:
        raise ModelInputError(f"{name}: the path has {len(p):,} characters; expected at most {MAX_PATH_CHARS:,}")
    for part in p.split(os.sep):
        if len(part.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES:
            raise ModelInputError(f"{name}: a file or folder name in the path has more than {MAX_NAME_BYTES} "
                                  f"bytes ({part[:40]}…); expected a shorter name")
    return p


def scenario_source(value: Any) -> Any:
    """None (the NPRM primary), a scenario name or path (checked as ``path_text``)."""
    if value is None:
        return None
    path_text("scenario", value)
    return value


def figure_id(value: Any) -> str:
    """A figure id: text (``sescdp explain --list`` names them)."""
    if not isinstance(value, str) or not value.strip():
        raise ModelInputError(f"figure: expected a figure id as text such as 'total_per_agency_external' "
                              f"(sescdp explain --list), got {shown(value)}")
    return value


def out_path(name: str, value: Any) -> Any:
    """An output file path, checked before any work: as ``path_text``, not ending in a separator (``x.md/``
    names a folder), a known suffix, its folder existing and writable (``check_writable``)."""
    import os
    p = path_text(name, value)
    if p.endswith(os.sep) or (os.altsep and p.endswith(os.altsep)):
        raise ModelInputError(f"{name} {p[:MAX_SHOWN]}: ends with a separator; expected a file name such as "
                              "results.xlsx")
    from model.outputs.files import check_writable
    check_writable(p)
    return value
