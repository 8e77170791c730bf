"""Regenerate the README's figures from the model: every sentence or table with a figure in it sits between
``<!-- generated: NAME -->`` and ``<!-- /generated -->`` and is rewritten here from the public API (``from model
import Scenario, reconcile, ...``) or the command line's own output, at the NPRM primary assumptions (and the
shipped scenarios the README names). Blocks between ``<!-- measured: DATE -->`` and ``<!-- /measured -->`` are
benchmark measurements of one day: this script leaves them alone.

Run from the repository root: ``python tools/refresh_readme.py`` (rewrites README.md) or ``--check`` (exits 1 and
prints a diff if the README differs from what it would write). ``tests/test_readme.py`` runs the same check.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import re
import subprocess
import sys
import textwrap
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- generated: (?P<name>[a-z0-9_]+) -->\n)(?P<body>(?:(?!<!-- /?generated).)*?)(<!-- /generated -->)",
                   re.S)
MEASURED = re.compile(r"<!-- measured: [^>]*-->\n.*?\n<!-- /measured -->", re.S)


# ---------------------------------------------------------------- number formats (the README's, one place)

def musd(v: float) -> str:
    """Government-wide money: '$2.17 million'."""
    return f"{'-' if v < 0 else ''}${abs(v) / 1e6:,.2f} million"


def mround(v: float) -> str:
    """A threshold: '$100 million', '$206 million' (decimals only where there are some)."""
    return f"${v / 1e6:,.2f}".rstrip("0").rstrip(".") + " million"


def para(text: str) -> str:
    """Prose wrapped as the README wraps it (a generated sentence reads like a typed one)."""
    return textwrap.fill(" ".join(text.split()), width=116, break_long_words=False, break_on_hyphens=False)


def bullet(text: str) -> str:
    return textwrap.fill(" ".join(text.split()), width=116, initial_indent="- ", subsequent_indent="  ",
                         break_long_words=False, break_on_hyphens=False)


def musd1(v: float) -> str:
    """A Monte Carlo percentile: one decimal, '$12.1 million'."""
    return f"{'-' if v < 0 else ''}${abs(v) / 1e6:,.1f} million"


def usd(v: float) -> str:
    """Whole dollars: '$148,821'."""
    return f"{'-' if round(v) < 0 else ''}${abs(v):,.0f}"


def num(v: float) -> str:
    """A count or quantity with as few digits as it needs: '13', '0.5', '2,087'."""
    return f"{v:,.2f}".rstrip("0").rstrip(".") if float(v) != int(v) else f"{int(v):,}"


def pct(r: float) -> str:
    return f"{r * 100:g}%"


def cli(*argv: str) -> str:
    """A command's standard output, run in this process exactly as ``sescdp ARGV`` runs it."""
    from model.cli.main import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(list(argv))
    if code:
        raise RuntimeError(f"sescdp {' '.join(argv)} exited {code}")
    return out.getvalue()


def md_cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def md_table(headers: list[str], rows: list[list[object]], right: set[int] = frozenset()) -> str:
    lines = ["| " + " | ".join(headers) + " |",
             "|" + "|".join("---:" if i in right else "---" for i in range(len(headers))) + "|"]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


class Blocks:
    """Every generated block, by name; the model is loaded once and shared by the blocks."""

    @cached_property
    def s(self):
        from model import Scenario
        return Scenario.load()

    @cached_property
    def params(self):
        return self.s.parameters().set_index("id")

    def v(self, pid: str) -> float:
        return float(self.s[pid])

    @cached_property
    def rec(self):
        from model import reconcile
        return reconcile()

    @cached_property
    def pv(self):
        return self.s.present_values()

    @cached_property
    def accounting(self):
        return self.s.accounting()

    @cached_property
    def complete(self):
        from model import Scenario
        return Scenario.load("complete")

    def _pv(self, s, framing: str, coaching: str, rate: float, measure: str = "present_value") -> float:
        t = s.present_values() if s is not self.s else self.pv
        t = t[(t.framing == framing) & (t.coaching == coaching) & (t.level == "government")
              & ((t.discount_rate - rate).abs() < 1e-12)]
        return float(t[measure].iloc[0])

    @property
    def hi(self) -> float:
        return self.v("analysis.discount_rate_high")

    @property
    def lo(self) -> float:
        return self.v("analysis.discount_rate_low")

    def pub(self, text: str) -> str:
        from model.outputs.present.prose import publication_text
        return publication_text(text)

    # ------------------------------------------------------------ command line

    def error_example(self) -> str:
        arg = "cohort.participants=-3"
        r = subprocess.run([sys.executable, "-m", "model", "run", "--set", arg], capture_output=True, text=True,
                           cwd=ROOT)
        return f"```\n$ sescdp run --set {arg}\n{r.stderr.strip()}\n```"

    # ------------------------------------------------------------ Python API

    def api_example(self) -> str:
        s = self.s
        base = s.year1("external", "agency")
        rate, hours = 1500, 15
        s2 = s.with_overrides({"coaching.external_rate": rate, "coaching.hours": hours})
        diff = s2.year1("external", "agency") - base
        n, h0, r0 = self.v("cohort.participants"), self.v("coaching.hours"), self.v("coaching.external_rate")
        internal = self.rec.figures.set_index("id").loc["total_per_agency_internal", "published"]
        return "\n".join([
            "```python",
            "from model import Scenario, compare, explain",
            "",
            "nprm = Scenario.load()                                    # the NPRM primary assumptions",
            f"nprm.year1(\"external\", \"agency\")                          # {base!r}: USD of {s.dollar_year}, one agency, year 1",
            f"s = nprm.with_overrides({{\"coaching.external_rate\": {rate}, \"coaching.hours\": {hours}}})",
            f"s.year1(\"external\", \"agency\") - nprm.year1(\"external\", \"agency\")   # {diff!r} = "
            f"{num(n)} x ({hours} x {rate} - {num(h0)} x {num(r0)})",
            "s.costs(10, framing=\"incremental\")                        # tidy stream: one row per framing, mode, level, component, year",
            "s.accounting(method=\"ranges\")                             # the A-4 accounting statement (primary, low, high)",
            "compare(\"primary\", \"coaching_3000\", s)                    # scenarios side by side: year 1, PV and annualized at each rate",
            f"print(explain(\"total_per_agency_internal\"))               # how the NPRM's {usd(internal)} is computed, step by step",
            "s.export(\"comment.xlsx\")                                  # .xlsx .csv .md .docx .json, or .toml (the scenario file)",
            "```"])

    def units(self) -> str:
        s = self.s
        return "\n".join([
            f"- Money is **USD of `analysis.dollar_year` ({s.dollar_year})**, without inflation. Present values are "
            f"**discounted to the start\n  of analysis year 1** (calendar {s.first_calendar_year}, "
            "`analysis.first_calendar_year`); the cost of analysis year t falls at the end\n  of the year and is "
            "divided by (1 + r)^t; annualized = PV / the sum of the discount factors.",
            f"- `level=\"agency\"` is **one agency's** cost; `level=\"government\"` is that **times `agencies.count`** "
            f"({num(self.v('agencies.count'))}).",
            "- `framing=\"as_published\"` is the NPRM's framing; `\"incremental\"` is the rule minus the current rule "
            "and current\n  practice (A-4's baseline). `coaching` is `\"internal\"` (no fees), `\"external\"` (all fees) "
            "or `\"mixed\"`.",
            f"- `year` 1 is the first year after the final rule (`calendar_year` {s.first_calendar_year}). The horizon "
            f"is {s.horizon()} years unless `years=`."])

    def examples_test(self) -> str:
        f = self.rec.figures
        shown = f[f.expect == "reproduce"] if "expect" in f else f
        from model.outputs.present.formats import Kind, cell_text
        figures = ", ".join(dict.fromkeys(cell_text(float(p), Kind.CENTS) for p in shown.published))
        src = (ROOT / "examples" / "test_reproduce_nprm.py").read_text(encoding="utf-8")
        m = re.search(r"^def test_external_coaching_at_1500_an_hour_for_15_hours.*?(?=^\S)", src, re.S | re.M)
        body = m.group(0).rstrip() if m else ""
        return ("[`examples/test_reproduce_nprm.py`](examples/test_reproduce_nprm.py) is a test file to copy into "
                "your project: it\n"
                f"asserts each published figure at the NPRM's rounding through the public API ({figures}), each "
                "with its quote,\nand shows a changed assumption checked against arithmetic written by hand:\n\n"
                f"```python\n{body}\n```")

    # ------------------------------------------------------------ assumptions

    def toml_example(self) -> str:
        text = (ROOT / "assumptions" / "coaching.toml").read_text(encoding="utf-8")
        m = re.search(r"^\[external_rate\]\n.*?(?=^\[|\Z)", text, re.S | re.M)
        return f"```toml\n{m.group(0).strip()}\n```"

    def scenario_example(self) -> str:
        text = (ROOT / "assumptions" / "scenarios" / "coaching_3000.toml").read_text(encoding="utf-8")
        return f"```toml\n# assumptions/scenarios/coaching_3000.toml\n{text.strip()}\n```"

    def scenarios_list(self) -> str:
        from model import Scenario, list_scenarios
        lines = ["Scenario files shipped (`--scenario NAME`):", ""]
        for name in list_scenarios():
            sc = Scenario.load(name)
            lines.append(f"- `{name}`: {' '.join(sc.description.split()) or sc.name}")
        return "\n".join(lines)

    MAIN = ("labor.annual_salary", "labor.hours_per_year", "labor.load_factor", "agencies.count",
            "agencies.baseline_policies", "policy.hours", "policy.reapproval_years", "policy.baseline_reapproval_years",
            "policy.baseline_staggered", "policy.first_update_sunk", "cohort.participants",
            "cohort.applicants_assessed", "cohort.per_year", "training.hours_baseline", "training.hours_proposed",
            "training.cost_per_hour", "assessment.cost", "coaching.hours", "coaching.external_rate",
            "coaching.internal_program_agencies", "mentoring.hours", "practice.training_hours_above_minimum",
            "practice.coaching_hours", "practice.mentoring_hours", "analysis.first_calendar_year")

    def parameters(self) -> str:
        p = self.params
        from model.core.evidence import GRADE_LABELS
        rows = []
        for pid in self.MAIN:
            if pid not in p.index:
                continue
            r = p.loc[pid]
            src = GRADE_LABELS[self.s.assumptions.specs[pid].evidence]
            value = str(int(r.primary)) if "calendar" in str(r.unit) else num(float(r.primary))
            rows.append([f"`{pid}`", value, r.unit, src, self.pub(r.description)])
        table = md_table(["id", "primary value", "unit", "evidence", "meaning"], rows, right={1})
        return (f"{table}\n\n`sescdp run --format json` lists all {len(p)} parameters with their values; the files "
                "give units, sources and ranges.")

    def components(self) -> str:
        from model.outputs.present.labels import COMPONENT_LABELS
        costs = self.s.costs(1, framing="as_published", coaching="internal", level="agency")
        order = list(dict.fromkeys(costs.component))
        return "\n".join(f"- {COMPONENT_LABELS.get(c, c)} (`{c}`)" for c in order if c != "total")

    # ------------------------------------------------------------ reconciliation

    def reconciliation(self) -> str:
        from model.outputs.present.formats import Kind, cell_text
        f = self.rec.figures
        ok = f.status.str.startswith("reproduced")
        rows = [[f"\"{r.quote}\"", cell_text(float(r.published), Kind.CENTS), cell_text(float(r.model), Kind.CENTS),
                 cell_text(float(r.model_rounded), Kind.CENTS), r.status]
                for r in f.itertuples(index=False)]
        head = (f"Of the {len(f)} cost figures the preamble publishes, {int(ok.sum())} reproduce at the NPRM's "
                f"rounding and {int((~ok).sum())} "
                f"{'does' if (~ok).sum() == 1 else 'do'} not (model at the NPRM primary assumptions, USD of "
                f"{self.s.dollar_year}):")
        return para(head) + "\n\n" + md_table(["NPRM text (C. Costs)", "published", "model", "model at the NPRM's rounding",
                                         "status"], rows, right={1, 2, 3})

    def reconciliation_notes(self) -> str:
        f = self.rec.figures
        from model.outputs.present.formats import Kind, cell_text
        lines = [bullet(f"{cell_text(float(r.published), Kind.CENTS)} (\"{r.quote[:60].rstrip()}"
                        f"{'...' if len(r.quote) > 60 else ''}\"): {self.pub(r.reason)}")
                 for r in f.itertuples(index=False) if str(r.reason).strip()]
        return "Why, figure by figure (`sescdp explain FIGURE` prints each one's arithmetic):\n\n" + "\n".join(lines)

    def readings(self) -> str:
        """Every reading of the NPRM's program figure that ``reconcile()`` offers, whatever form it takes."""
        from model.outputs.present.formats import Kind, cell_text
        r = self.rec
        table = getattr(r, "readings", None)
        if table is not None and hasattr(table, "columns") and not table.empty:
            return self._readings_table(r, table)
        f = r.figures
        extra = [c for c in ("reading_b", "named_fees_only") if c in f]
        names = {"reading_b": "`--scenario reading_b`", "named_fees_only": "`--scenario named_fees_only`"}
        rows = [[f"\"{x.quote}\"", cell_text(float(x.published), Kind.CENTS), cell_text(float(x.model), Kind.CENTS),
                 *(cell_text(float(getattr(x, c)), Kind.CENTS) for c in extra)] for x in f.itertuples(index=False)
                if x.kind != "input"]
        return (para("Each published figure under the default assumptions and under the other readings the "
                     "reconciliation computes (unrounded, USD):") + "\n\n"
                + md_table(["NPRM text", "published", "default", *(names[c] for c in extra)], rows,
                           right=set(range(1, 3 + len(extra)))))

    def _readings_table(self, r, table) -> str:
        from model.outputs.present.formats import Kind, cell_text
        def listed(v):
            return "; ".join(str(x) for x in v) if isinstance(v, (list, tuple)) and v else "none"
        known = {"title": ("reading", lambda v: v), "total": ("per agency (internal)", lambda v: usd(v)),
                 "reproduces_all": ("reproduces every program figure", lambda v: "yes" if v else "no"),
                 "counted_twice": ("counted twice", listed), "unnamed": ("not named in the text", listed),
                 "unstated": ("not stated in the text", listed),
                 "incremental_internal": (f"incremental, internal ($M a year at {pct(self.hi)})",
                                          lambda v: cell_text(float(v), Kind.MUSD)),
                 "incremental_external": (f"incremental, external ($M a year at {pct(self.hi)})",
                                          lambda v: cell_text(float(v), Kind.MUSD)),
                 "scenario": ("scenario", lambda v: f"`{v}`" if v else ""),
                 "picked": ("picked by the criteria", lambda v: "yes" if v else "")}
        cols = [c for c in known if c in table.columns]
        rows = [[known[c][1](row[c]) for c in cols] for _, row in table.iterrows()]
        in_force = getattr(r, "in_force", "")
        titles = dict(zip(table.get("id", []), table.get("title", [])))
        lines = [para(f"The search finds {len(table)} readings of the program figure (every combination of the "
                      "quantities the text gives that rounds to it); the default assumptions use "
                      f"{titles.get(in_force, 'none of them') if in_force else 'none of them'}. Government-wide "
                      "incremental effects are A-4 annualized values."), "",
                 md_table([known[c][0] for c in cols], rows, right={i for i, c in enumerate(cols)
                                                                     if c in ("total", "incremental_internal",
                                                                              "incremental_external")})]
        crit = getattr(r, "criteria", ())
        if crit:
            lines += ["", "The criteria, in order, and the readings each keeps:", ""]
            lines += [bullet(f"{c}: {', '.join(kept) or 'none'}") for c, kept in crit]
        return "\n".join(lines)

    def inconsistencies(self) -> str:
        inc = self.rec.inconsistencies
        if inc.empty:
            return "`sescdp reproduce` finds no reading of the text that does not add up."
        lines = ["`sescdp reproduce` then lists the readings of the text that do not add up, each recomputed from "
                 "inputs kept in\n`assumptions/published/figures.toml`:", ""]
        for r in inc.itertuples(index=False):
            lines.append(bullet(f"**{r.section}**: \"{r.quote}\" {self.pub(r.finding)}"))
        return "\n".join(lines)

    # ------------------------------------------------------------ stream, baseline, accounting

    def reapproval_years(self) -> str:
        years = self.s.baseline["rule"]
        first, k, n = int(years["first_approval_year"]), int(years["reapproval_years"]), self.s.horizon()
        return para(f"With the NPRM's values the rule's re-approvals fall in analysis years "
                f"{', '.join(str(y) for y in range(first, n + 1, k))}; analysis year 1 is calendar "
                f"{self.s.first_calendar_year} and all figures are in {self.s.dollar_year} dollars.")

    def baseline(self) -> str:
        return para("The baseline at the NPRM's values, as `sescdp run` states it: " + self.pub(self.s.baseline_text))

    def stream_summary(self) -> str:
        from model import Scenario
        s, hi, lo = self.s, self.hi, self.lo
        y = lambda sc, c, f: sc.year1(c, "government", f)  # noqa: E731
        agency = s.costs(1, framing="incremental", coaching="internal", level="agency")
        from model.outputs.present.labels import COMPONENT_LABELS
        parts = [f"{COMPONENT_LABELS.get(r.component, r.component).lower()} {usd(r.usd)}"
                 for r in agency.itertuples() if r.component != "total" and round(r.usd) != 0]
        total = float(agency[agency.component == "total"].usd.iloc[0])
        sunk = Scenario.load("year1_sunk")
        b15 = Scenario.load("baseline_13_policies")
        return para(f"With the defaults (NPRM primary, internal coaching, government-wide) the **incremental** cost is "
                f"**{musd(y(s, 'internal', 'incremental'))} in year 1** (as published: "
                f"{musd(y(s, 'internal', 'as_published'))}) and **{musd(self._pv(s, 'incremental', 'internal', hi))} "
                f"over {s.horizon()} years at {pct(hi)}** ({musd(self._pv(s, 'incremental', 'internal', lo))} at "
                f"{pct(lo)}; as published {musd(self._pv(s, 'as_published', 'internal', hi))} and "
                f"{musd(self._pv(s, 'as_published', 'internal', lo))}); with external coaching "
                f"{musd(y(s, 'external', 'incremental'))} in year 1 and "
                f"{musd(self._pv(s, 'incremental', 'external', hi))} at {pct(hi)}. Per agency, year 1, internal "
                f"coaching, incremental: {'; '.join(parts)}; total {usd(total)}. With the year-1 rewrite already "
                f"sunk (`year1_sunk`) the incremental year 1 is {musd(y(sunk, 'internal', 'incremental'))}; with "
                f"{num(b15['agencies.baseline_policies'])} baseline policies (`baseline_13_policies`) the "
                f"{s.horizon()}-year incremental PV at {pct(hi)} is "
                f"{musd(self._pv(b15, 'incremental', 'internal', hi))}.")

    def discounting(self) -> str:
        s, hi = self.s, self.hi
        return para(f"For the NPRM primary scenario (internal coaching, as published, {num(self.v('agencies.count'))} "
                f"agencies) the {s.horizon()}-year present value at {pct(hi)} is "
                f"**{musd(self._pv(s, 'as_published', 'internal', hi))}** "
                f"({musd(self._pv(s, 'as_published', 'internal', hi, 'annualized'))} a year annualized), as of the "
                f"start of {s.first_calendar_year}, in {s.dollar_year} dollars.")

    def eo14192(self) -> str:
        eo = self.s.eo14192()
        g = eo[(eo.level == "government") & (eo.coaching == "internal")].set_index("framing")
        return para(f"The reference figure is at {pct(self.hi)}. For the NPRM primary (internal coaching, "
                f"government-wide): {musd(g.loc['as_published', 'perpetual_present_value'])} as published, "
                f"{musd(g.loc['incremental', 'perpetual_present_value'])} incremental.")

    def accounting_ranges(self) -> str:
        a, hi = self.accounting, self.hi
        sel = a[(a.level == "government") & (a.coaching == "internal") & (a.measure.str.replace("_", " ") == "present value")
                & ((a.discount_rate - hi).abs() < 1e-12)].set_index("framing")
        p, i = sel.loc["as_published"], sel.loc["incremental"]
        return para(f"By default low and high are P5 and P95 of {num(self.v('analysis.accounting_draws'))} Latin "
                f"hypercube draws from seed {int(self.v('analysis.seed'))}. For the NPRM primary (internal coaching, "
                f"government-wide) the {self.s.horizon()}-year PV at {pct(hi)} is {musd(p.primary)} as published, "
                f"P5 to P95 {musd1(p.low)} to {musd1(p.high)}; incremental {musd(i.primary)}, P5 to P95 "
                f"{musd1(i.low)} to {musd1(i.high)}.")

    def ranges(self) -> str:
        p = self.params
        def rng(pid, what):
            r = p.loc[pid]
            return f"`{pid}` {num(float(r.low))} to {num(float(r.high))} ({r.unit})"
        items = [rng("cohort.per_year", "cohorts a year"), rng("labor.load_factor", "the load factor"),
                 rng("cohort.applicants_assessed", "applicants assessed")]
        return para("The ranges bracket the NPRM's values where they can go both ways (" + "; ".join(items) +
                ": the rule text assesses \"each applicant\", not only the Best Qualified list).")

    def context(self) -> str:
        ctx = self.s.context()
        th = ctx["thresholds"].set_index(["threshold", "coaching"])
        names = list(dict.fromkeys(ctx["thresholds"].threshold))
        be = ctx["break_even"]
        be = be[(be.level == "government") & ((be.discount_rate - self.hi).abs() < 1e-12)].set_index("coaching")
        r = self.params.loc["context.recruitment_cost_per_hire"]
        eo = names[0]
        from model.core.context import umra_note
        return para(f"Context figures: year-1 government-wide cost against the {mround(th.loc[(eo, 'internal'), 'threshold_usd'])} "
                f"threshold of {eo} (margin {musd(th.loc[(eo, 'internal'), 'margin'])} with internal coaching, "
                f"{musd(th.loc[(eo, 'external'), 'margin'])} external); and the break-even count of external SES hires "
                f"a year the program must avoid to pay for itself at `context.recruitment_cost_per_hire` "
                f"({r.source}, {usd(r.value)} a hire, range "
                f"{usd(r.low)} to {usd(r.high)}): {num(round(be.loc['internal', 'break_even_hires_per_year']))} hires a "
                f"year government-wide with internal coaching, "
                f"{num(round(be.loc['external', 'break_even_hires_per_year']))} with external. "
                + umra_note(self.s.assumptions))

    # ------------------------------------------------------------ alternatives and comments

    def alternatives_table(self) -> str:
        from model import alternatives
        from model.outputs.present.alternatives_layout import KIND_LABELS
        t = alternatives(self.s)
        t = t[((t.discount_rate - self.hi).abs() < 1e-12) & t.coaching.isin(["internal", "external"])]
        rows = [[r.name, KIND_LABELS[r.kind], r.coaching, musd(r.annualized), f"{musd(r.low)} to {musd(r.high)}",
                 musd(r.difference_annualized), musd(r.threshold_margin)] for r in t.itertuples()]
        return md_table(["alternative", "kind", "coaching", f"annualized at {pct(self.hi)}", "A-4 low to high",
                         "change from the proposal", f"margin to {mround(self.v('context.significance_threshold'))}"],
                        rows, right={3, 4, 5, 6})

    def comments_format(self) -> str:
        text = (ROOT / "examples" / "comments.toml").read_text()
        entries = text.split("\n[[comment]]\n")
        return "```toml\n" + "\n".join("[[comment]]\n" + e.strip() + "\n" for e in entries[1:3]).strip() + "\n```"

    def comments_response(self) -> str:
        from model import comments
        r = comments(ROOT / "examples" / "comments.toml", self.s)
        t = r.table[((r.table.discount_rate - self.hi).abs() < 1e-12) & r.table.coaching.isin(["internal", "external"])]
        rows = [[x.id, x.coaching, usd(x.year1_change), usd(x.annualized_change),
                 f"{x.annualized_change_pct:+.1%}"] for x in t.itertuples()]
        table = md_table(["comment", "coaching", "change in year-1 cost", f"change in annualized cost at {pct(self.hi)}",
                          "change, %"], rows, right={2, 3, 4})
        found = "\n".join(bullet(f"{x.id}: {x.finding}") for x in r.table.drop_duplicates("id").itertuples())
        return f"{table}\n\n{found}"

    # ------------------------------------------------------------ what the NPRM omits

    def compare_complete(self) -> str:
        return "```\n$ sescdp compare primary complete\n" + cli("compare", "primary", "complete").rstrip() + "\n```"

    def omitted(self) -> str:
        om = self.s.omitted_costs()
        om = om[om.coaching.isin(["internal", ""])]
        rows = []
        for r in om.itertuples(index=False):
            if r.status == "priced":
                rows.append([r.requirement, r.section, usd(r.year1), usd(r.pv_7), f"{usd(r.pv_7_low)} to {usd(r.pv_7_high)}"])
            else:
                rows.append([r.requirement, r.section, f"unquantified: {self.pub(r.reason)}", "", ""])
        return md_table(["requirement", "rule text", "year 1", f"{self.s.horizon()}-year PV at {pct(self.hi)}",
                         "PV range"], rows, right={2, 3})

    def omitted_notes(self) -> str:
        v = self.v
        return para(f"The rule's mentoring minimum is {num(v('mentoring.hours'))} hours; mentors meet about "
                f"{num(v('practice.mentoring_hours'))} hours today (current practice), and the incremental framing "
                f"counts only the hours above today's. The new assignment's minimum is "
                f"{num(v('assignment.workdays_proposed'))} workdays against {num(v('practice.assignment_workdays'))} "
                "today, so the added days are counted only where the minimum exceeds today's practice.")

    def complete_summary(self) -> str:
        s, c, hi = self.s, self.complete, self.hi
        y = lambda sc, m, f="as_published": sc.year1(m, "government", f)  # noqa: E731
        year1 = c.costs(1, framing="as_published", coaching="internal", level="government")
        comps = year1[year1.component != "total"]
        low = comps.loc[comps.usd.idxmin()]
        from model.outputs.present.labels import COMPONENT_LABELS
        sig = self.v("context.significance_threshold")
        return para(f"With every requirement counted, the year-1 government-wide cost with internal coaching is "
                f"{musd(y(c, 'internal'))} as published (the NPRM: {musd(y(s, 'internal'))}) and the "
                f"{s.horizon()}-year PV at {pct(hi)} {musd(self._pv(c, 'as_published', 'internal', hi))} "
                f"({musd(self._pv(s, 'as_published', 'internal', hi))}); with external coaching "
                f"{musd(y(c, 'external'))} and {musd(self._pv(c, 'as_published', 'external', hi))}. Incremental, "
                f"{musd(y(c, 'internal', 'incremental'))} in year 1 and "
                f"{musd(self._pv(c, 'incremental', 'internal', hi))} at {pct(hi)} (internal coaching). The largest "
                f"saving among the components is \"{COMPONENT_LABELS.get(low.component, low.component)}\": "
                f"{musd(low.usd)} in year 1. Even complete, the year-1 cost is "
                f"{'below' if y(c, 'external') < sig else 'above'} the {mround(sig)} threshold of E.O. 12866.")

    # ------------------------------------------------------------ uncertainty

    def simulate_example(self) -> str:
        spec, draws, seed = "coaching.external_rate=uniform:200:3000", 200_000, 1
        lo, hi = (float(x) for x in spec.split(":")[1:])
        res = self.s.simulate(draws=draws, seed=seed, dists=[spec], fixed=True, coaching="external",
                              levels="agency", framings="as_published", quantities="year1_total")
        row = res.summary.iloc[0]
        point = self.s.year1("external", "agency")
        hours = self.v("cohort.participants") * self.v("coaching.hours") * self.v("cohort.per_year")
        rate = self.v("coaching.external_rate")
        exact = lambda q: point + hours * (lo + q * (hi - lo) - rate)  # noqa: E731  (uniform: the q-quantile)
        return (para(f"Example: the NPRM's own range for external coaching as a uniform distribution, everything else "
                f"fixed. Over {num(draws)} draws (seed {seed}) the year-1 external cost per agency has mean "
                f"{usd(row['mean'])} (standard error {usd(row['se'])}), P5 {usd(row['p5'])} and P95 {usd(row['p95'])}; "
                f"exactly, the point estimate {usd(point)} plus {num(hours)} coaching hours x (the rate drawn - "
                f"{usd(rate)}) has mean {usd(exact(0.5))}, P5 {usd(exact(0.05))} and P95 {usd(exact(0.95))}:") + "\n\n"
                f"    sescdp simulate --fixed --dist {spec} --draws {draws} --seed {seed}")

    def correlations(self) -> str:
        data = tomllib.loads((ROOT / "assumptions" / "uncertainty" / "correlations.toml").read_text(encoding="utf-8"))
        from model.outputs.present.labels import parameter_label
        lab = lambda pid: parameter_label(self.s.assumptions, pid, short=True).rstrip(".")  # noqa: E731
        pairs = [f"{lab(c['a'])} and {lab(c['b'])}: {c['rho']:+g} ({c['source']})" for c in data.get("correlation", [])]
        return "Shipped:\n\n" + "\n".join(bullet(p) for p in pairs)

    # ------------------------------------------------------------ exports

    def a4_sample(self) -> str:
        from model.outputs.to_markdown import markdown_table
        return markdown_table(self.s.statement("incremental"))

    def export_name(self) -> str:
        from model import Scenario
        sc = Scenario.load("year1_sunk").with_overrides({"coaching.external_rate": 2000})
        return para(f"A shipped scenario changed with `--set` becomes a new case with its own name (`{sc.name}`), listed "
                "beside the unchanged file.")

    def citing(self) -> str:
        from model import __version__
        draws, seed = 10_000, int(self.v("analysis.seed"))
        return (f"> Costs computed with sescdp-cost-model {__version__} (git commit `<commit>`), assumption digest "
                f"`{self.s.digest}`,\n> scenario \"{self.s.name}\" with no values changed; Monte Carlo {num(draws)} "
                f"draws, seed {seed} (Latin hypercube);\n> exported <date> (UTC). The scenario file and workbook are "
                "attached.")

    def screenshot(self) -> str:
        top = float(self.params.loc["coaching.external_rate", "high"])
        return ("![The SESCDP cost model app: year-1 cost per agency and government-wide for internal, external and "
                f"mixed coaching, after moving the external coaching slider to the top of its range ({usd(top)} an "
                "hour), with the change from the NPRM and the year-1 cost by component](docs/screenshot.png)")


def generators() -> dict[str, Callable[[], str]]:
    b = Blocks()
    return {name: getattr(b, name) for name in dir(Blocks)
            if not name.startswith("_") and callable(getattr(Blocks, name)) and name not in ("v", "pub")}


def render(text: str, gens: dict[str, Callable[[], str]] | None = None) -> tuple[str, dict[str, str]]:
    """The README with every generated block rewritten; also each block's new text by name."""
    gens = gens or generators()
    names = [m.group("name") for m in BLOCK.finditer(text)]
    unknown = sorted(set(names) - set(gens))
    if unknown:
        raise SystemExit(f"README.md: unknown generated block(s): {', '.join(unknown)}")
    done: dict[str, str] = {}
    for name in names:
        if name not in done:
            done[name] = gens[name]().rstrip("\n")
    return BLOCK.sub(lambda m: m.group(1) + done[m.group("name")] + "\n" + m.group(4), text), done


def diff(old: str, new: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), "README.md (committed)",
                                        "README.md (from the model)"))


def main(argv: list[str]) -> int:
    old = README.read_text(encoding="utf-8")
    new, _ = render(old)
    if "--check" in argv:
        if new != old:
            print(diff(old, new))
            print("README.md differs from the model: run python tools/refresh_readme.py", file=sys.stderr)
            return 1
        print("README.md matches the model")
        return 0
    if new != old:
        README.write_text(new, encoding="utf-8")
        print("README.md rewritten")
    else:
        print("README.md already matches the model")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))
