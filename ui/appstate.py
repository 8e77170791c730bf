"""The app's state as one frozen value: ``AppState`` (the scenario being edited and the view), with
``to_query``/``from_query`` for share links. Pure: no session, no widget; ``ui.state`` keeps one in the session.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping, Sequence

from model import FRAMINGS, LEVELS, MODES, SAMPLERS, view

from . import compute

CUSTOM, NPRM_NAME = "custom", compute.NPRM_NAME
DIST, CORR = compute.DIST, compute.CORR
MC_DRAWS, MC_SEED, MC_SAMPLER = "mc_draws", "mc_seed", "mc_sampler"
MIN_DRAWS, MAX_DRAWS = 100, 1_000_000  # the app's Monte Carlo: the CLI takes more
LINKED, KEPT = "linked", "kept"

# Every view widget, once: key -> (in the link, or only kept in the session; its default). A linked key's
# allowed values are in ``view_options``.
VIEW = {"page": (LINKED, "Results"), "use_sliders": (KEPT, True),
        "results_framing": (LINKED, FRAMINGS[0]), "results_level": (LINKED, LEVELS[0]),
        "accounting_framing": (LINKED, FRAMINGS[0]), "compare_framing": (LINKED, FRAMINGS[0]),
        "omitted_level": (LINKED, LEVELS[0]), "alternatives_coaching": (LINKED, MODES[0]),
        "compare_choice": (KEPT, ["(current scenario)", "primary", "complete", "external"]),
        **{f"{p}_{k}": (LINKED, d) for p in ("mc", "sa") for k, d in (("quantity", view.YEAR1),
           ("coaching", "external"), ("level", "government"), ("framing", FRAMINGS[0]))},
        "mc_threshold": (KEPT, None), "sobol_n": (KEPT, None), "export_mc": (KEPT, False)}
DEFAULT_FROM = {"mc_threshold": ("context.significance_threshold", float), "sobol_n": ("analysis.sobol_samples", int)}


def pairs(mapping: Mapping[str, Any]) -> tuple:
    return tuple(sorted(mapping.items()))


@dataclass(frozen=True)
class AppState:
    """The scenario being edited and the view. ``overrides``/``dists``/``correlations``: sorted (id, value)
    pairs (USD and the other units of each parameter's file; a distribution as ``--dist`` writes it; a rank
    correlation "a ~ b" -> rho); ``view``: (widget key, value) pairs; ``mc``: (draws, seed, sampler) of the last
    simulation asked for; ``saved``: (name, description, overrides) saved in this session."""

    name: str = NPRM_NAME
    overrides: tuple = ()
    dists: tuple = ()
    correlations: tuple = ()
    view: tuple = ()
    mc: tuple | None = None
    saved: tuple = ()
    exports_for: tuple | None = None  # (key, name, draws, seed) the Downloads page's files were prepared for

    @property
    def key(self) -> compute.Key:
        """The scenario's cache key (``ui.compute``)."""
        return compute.key_of(dict(self.overrides), dict(self.dists), dict(self.correlations))

    def get(self, key: str) -> Any:
        """A view widget's value (its default when never set; a threshold or sample size defaults to the
        scenario's parameter of that name)."""
        if key in dict(self.view):
            return dict(self.view)[key]
        if key in DEFAULT_FROM:
            return DEFAULT_FROM[key][1](compute.scenario(self.key, self.name)[DEFAULT_FROM[key][0]])
        return VIEW[key][1]

    def with_view(self, **values: Any) -> "AppState":
        return replace(self, view=pairs({**dict(self.view), **values}))

    @property
    def mc_settings(self) -> dict | None:
        return None if self.mc is None else dict(zip(("draws", "seed", "sampler"), self.mc))

    def to_query(self) -> dict[str, str]:
        """A share link's query: the values set, the distributions and correlations set, the linked view and the
        Monte Carlo settings, each as text ``from_query`` reads back."""
        q = {pid: format_value(v) for pid, v in self.overrides}
        q.update({k: v for k, v in self.view if VIEW[k][0] == LINKED})
        if self.mc:
            q.update({MC_DRAWS: str(self.mc[0]), MC_SEED: str(self.mc[1]), MC_SAMPLER: self.mc[2]})
        q.update({DIST + k: v for k, v in self.dists})
        q.update({CORR + k: format_value(v) for k, v in self.correlations})
        return q

    @classmethod
    def from_query(cls, query: Mapping[str, str | Sequence[str]], pages: Sequence[str] = ()
                   ) -> tuple["AppState", list[str]]:
        """The state a link asks for and its problems (one line each, the rest applied). Values are text, to be
        checked by building the scenario (``commit``); a repeated key refuses the whole link."""
        query = {k: [v] if isinstance(v, str) else list(v) for k, v in query.items()}
        repeated = [k for k, v in query.items() if len(v) > 1]
        if repeated:
            return cls(), [f"{repeated[0][:80]!r}: given {len(query[repeated[0]])} times; expected each parameter "
                           "once. The link was not applied; showing the NPRM defaults."]
        options, problems, got, mc = view_options(pages), [], {}, {}
        for k, (v,) in query.items():
            if k in (MC_DRAWS, MC_SEED):
                lo, hi = (MIN_DRAWS, MAX_DRAWS) if k == MC_DRAWS else (0, max_seed())
                n = int(v) if v.strip().isdigit() else -1
                if lo <= n <= hi:
                    mc[k] = n
                else:
                    problems.append(f"{k}: expected a whole number from {lo:,} to {hi:,}, got {v[:40]!r}; "
                                    "that part of the view was not restored.")
            elif k in options:
                if v in options[k]:
                    got[k] = v
                else:
                    problems.append(f"{k}: expected one of {', '.join(map(str, options[k]))}, got {v!r}; that part "
                                    "of the view was not restored.")
        if mc or got.get(MC_SAMPLER):
            base = compute.primary()
            mc = (mc.get(MC_DRAWS, int(base["analysis.app_draws"])), mc.get(MC_SEED, int(base["analysis.seed"])),
                  got.pop(MC_SAMPLER, "lhs"))
        got.pop(MC_SAMPLER, None)
        corr = {}
        for k, (v,) in query.items():
            if k.startswith(CORR):
                try:
                    corr[k.removeprefix(CORR)] = float(v.replace(",", ""))
                except ValueError:
                    problems.append(f"{k}: expected a rank correlation between -1 and 1, got {v[:40]!r}")
        view_keys = {*options, MC_DRAWS, MC_SEED}
        state = cls(name="shared link", overrides=pairs({k: _number(v) for k, (v,) in query.items()
                                                         if k not in view_keys and not k.startswith((DIST, CORR))}),
                    dists=pairs({k.removeprefix(DIST): v for k, (v,) in query.items() if k.startswith(DIST)}),
                    correlations=pairs(corr), view=pairs(got), mc=mc or None)
        return state, problems


def view_options(pages: Sequence[str] = ()) -> dict[str, tuple]:
    """The values each linked view key (and the link's Monte Carlo sampler) may take."""
    q = view.quantities(compute.primary())
    allowed = {"framing": FRAMINGS, "level": LEVELS, "coaching": MODES, "quantity": q}
    out = {k: allowed[k.rsplit("_", 1)[1]] for k, (kind, _) in VIEW.items() if kind == LINKED and k != "page"}
    return {"page": tuple(pages), **out, MC_SAMPLER: SAMPLERS}


def _number(text: str) -> float | str:
    """A link's value as a number, or as the text itself for the model to read (and name, if it cannot)."""
    try:
        return float(text)
    except ValueError:
        return text


def format_value(value: Any) -> str:
    """Shortest text that parses back to the same float (whole numbers without '.0'); text as it is."""
    if isinstance(value, str):
        return value
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def max_seed() -> int:
    """The largest seed (analysis.seed's bound in its assumption file)."""
    return int(compute.parameters()["analysis.seed"].max)
