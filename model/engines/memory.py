"""A memory budget: before an engine allocates, it estimates the peak memory of the run from its size and
refuses, in one line, a run that would not fit (default: half the memory the machine has available;
``set_budget`` or the CLI's ``--memory-budget GB`` raises it)."""

from __future__ import annotations

import os

from model.core.errors import ModelInputError

GB = 1024 ** 3
BUDGET_SHARE = 0.5      # of the available memory
FALLBACK_BYTES = 4 * GB  # when the machine does not say
FLOAT, FLOAT32 = 8, 4
CALIBRATION = 1.3  # the structural estimate of a simulation is 378 MB at 10^6 draws; tracemalloc measured 471 MB
_budget: int | None = None  # bytes set by set_budget; None: the default share of what is available


def available_bytes() -> int:
    """Memory available now (Linux MemAvailable; else free physical pages; else FALLBACK_BYTES)."""
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return FALLBACK_BYTES


def set_budget(gigabytes: float | None) -> None:
    """Set the budget in GB for this process (None: back to half the available memory)."""
    global _budget
    _budget = None if gigabytes is None else int(gigabytes * GB)


def budget_bytes() -> int:
    return _budget if _budget is not None else int(BUDGET_SHARE * available_bytes())


def check_memory(need: int, what: str, smaller: str = "fewer draws") -> None:
    """Refuse a run whose estimated peak ``need`` (bytes) exceeds the budget, naming ``what`` and what to
    change (``smaller``)."""
    budget = budget_bytes()
    if need > budget:
        raise ModelInputError(f"{what}: needs about {_gb(need)} GB of memory, more than the budget of "
                              f"{_gb(budget)} GB ({'set' if _budget is not None else 'half the memory available'}"
                              f"); use {smaller}, or raise --memory-budget GB")


def _gb(n: int) -> str:
    return f"{n / GB:,.1f}" if n >= GB else f"{n / GB:.3g}"


def simulation_bytes(draws: int, columns: int, narrow_columns: int, parameters: int, chunk: int,
                     keep_inputs: bool) -> int:
    """Estimated peak of a Monte Carlo run, an upper bound: every column that could vary stored (float64 amounts;
    whole numbers counted as float32, though counts are stored as int16), the drawn inputs when kept, a chunk's
    design and parameter arrays, and two output arrays (the summaries). Measured at 10^7 draws of the full model:
    about 0.7 GB above the interpreter's own memory, against 2.9 GB estimated."""
    per_draw = columns * FLOAT + narrow_columns * FLOAT32 + 2 * FLOAT + (parameters * FLOAT if keep_inputs else 0)
    return int(CALIBRATION * (int(draws) * per_draw + 3 * min(int(chunk), int(draws)) * parameters * FLOAT))


def sobol_bytes(n: int, parameters: int) -> int:
    """Estimated peak of Saltelli sampling and evaluation: n (2 d + 2) rows of d inputs, and the outputs."""
    rows = int(n) * (2 * parameters + 2)
    return rows * parameters * FLOAT * 3 + rows * FLOAT * 4
