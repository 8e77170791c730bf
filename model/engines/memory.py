"""A memory budget: before an engine allocates, it estimates the peak memory of the run from its size (a Monte
Carlo run: from what its first chunk stores per draw) and refuses, in one line, a run that would not fit (default:
half the memory the machine has available; ``budget(GB)``, a context, or the CLI's ``--memory-budget GB`` raises it for
the calls made inside it: a context variable, so no module state changes and threads do not share a setting)."""

from __future__ import annotations

import contextlib
import contextvars
import os

from model.core.errors import ModelInputError

GB = 1024 ** 3
BUDGET_SHARE = 0.5      # of the available memory
FALLBACK_BYTES = 4 * GB  # when the machine does not say
FLOAT, FLOAT32 = 8, 4
CHUNK_ARRAYS = 3  # a chunk's design, its drawn inputs and the formulas' temporaries, each (parameters, chunk)
_BUDGET: contextvars.ContextVar[int | None] = contextvars.ContextVar("memory_budget", default=None)  # bytes; None: the default share


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


@contextlib.contextmanager
def budget(gigabytes: float | None):
    """The budget in GB for the calls made inside the ``with`` block (None: half the available memory)."""
    token = _BUDGET.set(None if gigabytes is None else int(gigabytes * GB))
    try:
        yield
    finally:
        _BUDGET.reset(token)


def budget_bytes() -> int:
    set_bytes = _BUDGET.get()
    return set_bytes if set_bytes is not None else int(BUDGET_SHARE * available_bytes())


def check_memory(need: int, what: str, smaller: str = "fewer draws") -> None:
    """Refuse a run whose estimated peak ``need`` (bytes) exceeds the budget, naming ``what`` and what to
    change (``smaller``)."""
    budget = budget_bytes()
    if need > budget:
        raise ModelInputError(f"{what}: needs about {_gb(need)} GB of memory, more than the budget of "
                              f"{_gb(budget)} GB ({'set' if _BUDGET.get() is not None else 'half the memory available'}"
                              f"); use {smaller}, or raise --memory-budget GB")


def _gb(n: int) -> str:
    return f"{n / GB:,.1f}" if n >= GB else f"{n / GB:.3g}"


def simulation_bytes(draws: int, stored_per_draw: int, parameters: int, chunk: int, workers: int,
                     keep_inputs: bool, summary_fixed: int) -> int:
    """Estimated peak of a Monte Carlo run, an upper bound: the columns it stores (``stored_per_draw`` bytes a
    draw, counted on the first chunk: ``storage.stored_bytes``), the drawn inputs when kept, each worker's chunk
    (design, drawn inputs and the formulas' temporaries: three arrays of ``parameters`` rows), and the summaries:
    one output array, plus ``summary_fixed`` bytes for their threads' arrays while they are small. Measured at
    10^7 draws of the full model: 650 to 740 MiB above the interpreter's own memory, against 826 MiB estimated."""
    per_draw = stored_per_draw + FLOAT + (parameters * FLOAT if keep_inputs else 0)
    chunk_bytes = CHUNK_ARRAYS * min(int(chunk), int(draws)) * max(parameters, 1) * FLOAT * workers
    return int(draws) * per_draw + chunk_bytes + summary_fixed


def sobol_bytes(n: int, parameters: int) -> int:
    """Estimated peak of Saltelli sampling and evaluation: n (2 d + 2) rows of d inputs, and the outputs."""
    rows = int(n) * (2 * parameters + 2)
    return rows * parameters * FLOAT * 3 + rows * FLOAT * 4
