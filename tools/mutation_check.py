"""Break each formula once and check that a test fails: a copy of the repository per mutation,
the model tests run on it. Prints one line per mutation ("caught" with the first failing test, or
"SURVIVED"); exits 1 if any survives. Usage: python tools/mutation_check.py [TEST FILE ...]"""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="sescdp-mutation-"))
M = [
 ("core/program.py", 'return _a(p, "policy.hours") * loaded_hourly_cost(p)', 'return _a(p, "policy.hours") * _a(p, "labor.participant_loaded_hourly")', "policy: wrong rate"),
 ("core/program.py", 'return ops(p).maximum(0.0, _a(p, "training.hours_proposed") - _a(p, "training.hours_baseline"))', 'return _a(p, "training.hours_proposed") - _a(p, "training.hours_baseline")', "training: no clamp"),
 ("core/program.py", 'return _participants_per_year(p) * added_training_hours(p) * _a(p, "training.cost_per_hour")', 'return _a(p, "cohort.participants") * added_training_hours(p) * _a(p, "training.cost_per_hour")', "training: per cohort, not per year"),
 ("core/program.py", '(applicants + in_program) * _a(p, "cohort.per_year")', '(applicants) * _a(p, "cohort.per_year")', "assessment: in-program term missing"),
 ("core/program.py", 'rate = ext * _a(p, "coaching.external_rate") + (1 - ext) * _a(p, "coaching.internal_rate")', 'rate = (1 - ext) * _a(p, "coaching.external_rate") + ext * _a(p, "coaching.internal_rate")', "coaching: share reversed"),
 ("core/program.py", '_a(p, "accounting.staff_hours_per_participant") * loaded_hourly_cost(p)', '_a(p, "accounting.staff_hours_per_participant") * _a(p, "labor.participant_loaded_hourly")', "staff hours: wrong rate"),
 ("core/program.py", 'return _a(p, "accounting.policy_hours_recounted") * policy(p, ext)', 'return policy(p, ext)', "recounted: switch ignored"),
 ("core/program.py", '_participants_per_year(p) * added_training_hours(p)\n            * _a(p, "labor.participant_loaded_hourly"))', '_participants_per_year(p) * added_training_hours(p)\n            * loaded_hourly_cost(p))', "participant training time: wrong rate"),
 ("core/program.py", '(_a(p, "accounting.participant_coaching_time") * _participants_per_year(p) * _a(p, "coaching.hours")', '(_a(p, "accounting.participant_coaching_time") * _participants_per_year(p) * _a(p, "mentoring.hours")', "participant coaching time: wrong hours"),
 ("core/program.py", '(_a(p, "accounting.participant_mentoring_time") * _participants_per_year(p) * _a(p, "mentoring.hours")', '(_a(p, "accounting.participant_mentoring_time") * _participants_per_year(p) * _a(p, "coaching.hours")', "participant mentoring time: wrong hours"),
 ("core/program.py", '* _a(p, "labor.ses_loaded_hourly"))', '* _a(p, "labor.participant_loaded_hourly"))', "mentor time: wrong rate"),
 ("core/program.py", 'hours = _a(p, "coaching.hours") * (1 + _a(p, "coaching.coach_overhead_ratio"))', 'hours = _a(p, "coaching.hours")', "internal coach time: overhead missing"),
 ("core/program.py", '(_a(p, "accounting.internal_coach_time") * (1 - ext)', '(_a(p, "accounting.internal_coach_time") * ext', "internal coach time: wrong share"),
 ("core/program.py", 'assessed * _a(p, "assessment.interpretation_hours")', 'assessed', "interpretation: hours missing"),
 ("core/program.py", 'managers = _a(p, "cohort.per_year") * _a(p, "evaluation.manager_hours_per_cohort") * loaded_hourly_cost(p)', 'managers = _a(p, "evaluation.manager_hours_per_cohort") * loaded_hourly_cost(p)', "evaluation cohort: per cohort ignored"),
 ("core/program.py", 'return _a(p, "accounting.program_evaluation") * _a(p, "evaluation.annual_hours") * loaded_hourly_cost(p)', 'return _a(p, "accounting.program_evaluation") * _a(p, "evaluation.annual_hours") * _a(p, "labor.participant_loaded_hourly")', "evaluation annual: wrong rate"),
 ("core/program.py", 'return -_a(p, "accounting.net_baseline_reapprovals") * policy(p, ext) * baseline', 'return _a(p, "accounting.net_baseline_reapprovals") * policy(p, ext) * baseline', "offset: wrong sign"),
 ("core/program.py", 'return ops(p).minimum(_a(p, "practice.cohort_months"), _a(p, "cohort.max_months"))', 'return _a(p, "cohort.max_months")', "cohort: rule months ignore practice"),
 ("core/program.py", '* _a(p, "cohort.admin_variable_share")\n             * shortened', '* shortened', "administration: variable share missing"),
 ("core/program.py", 'shortened = 1 - rule_cohort_months(p) / _a(p, "practice.cohort_months")', 'shortened = (_a(p, "practice.cohort_months") - rule_cohort_months(p)) / 12', "administration: months as a year's fraction"),
 ("core/program.py", 'return -_a(p, "accounting.net_baseline_reapprovals") * policy(p, ext) * baseline_policies_per_agency(p)', 'return -_a(p, "accounting.net_baseline_reapprovals") * policy(p, ext)', "offset: baseline policies ignored"),
 ("engines/ranges.py", 'grid = np.array(list(itertools.product(*zip(lo, hi))), dtype=float)', 'grid = np.array([lo, hi], dtype=float)', "ranges: corners replaced by the two ends"),
 ("engines/ranges.py", 'return float(np.min(v)), float(np.max(v))', 'return float(np.min(v)), float(v[0])', "ranges: high at every parameter's low end"),
 ("engines/ranges.py", '        if v[j] <= best + 1e-9 * max(1.0, abs(best)):\n            break', '        break', "ranges: no flip search"),
 ("engines/plan.py", 'for pid, text in a.dists.items():  # the scenario\'s own distributions', 'for pid, text in {}.items():  # the scenario\'s own distributions', "spec: a scenario's distributions ignored"),
 ("core/program.py", '* _a(p, "assignment.backfill_share"))', '* (1 - _a(p, "assignment.backfill_share")))', "assignment: backfill share inverted"),
 ("engines/fastpv.py", 'if not (np.all(v == np.floor(v)) and np.all(v >= 1)):', 'v = np.clip(np.rint(v), 1, None)\n    if False:', "fast path: schedule rounded silently"),
 ("core/evidence.py", 'gross[grades[name]] += abs(float(v))', 'gross[grades[name]] += float(v)', "evidence: shares of the net"),
 ("core/evidence.py", 'return weakest([s.evidence, *(effective_grade(specs, x, _seen | {pid}) for x in inputs)])', 'return weakest(effective_grade(specs, x, _seen | {pid}) for x in inputs)', "evidence: derived stronger than derived"),
 ("core/program.py", 'added = ops(p).maximum(0.0, _a(p, "assignment.workdays_proposed") - _a(p, "practice.assignment_workdays"))', 'added = _a(p, "assignment.workdays_proposed")', "assignment: practice not netted"),
 ("core/program.py", '* _a(p, "assignment.hours_per_workday") * _a(p, "labor.participant_loaded_hourly")', '* _a(p, "assignment.hours_per_workday") * loaded_hourly_cost(p)', "assignment: wrong rate"),
 ("core/program.py", '+ in_program * _a(p, "assessment.raters") * _a(p, "assessment.rater_hours"))', ')', "assessment time: raters missing"),
 ("core/program.py", 'hours = ((applicants + in_program) * _a(p, "assessment.assessee_hours")', 'hours = ((in_program) * _a(p, "assessment.assessee_hours")', "assessment time: applicants missing"),
 ("core/program.py", '+ _a(p, "policy.reapproval_evaluation_hours"))', ')', "template re-approval: evaluation template missing"),
 ("core/program.py", '* _a(p, "edp.participant_hours")\n            * _a(p, "labor.participant_loaded_hourly"))', '* _a(p, "edp.participant_hours")\n            * loaded_hourly_cost(p))', "EDP: wrong rate"),
 ("core/timing.py", 'first_dropped = np.ones(()) if self is Timing.REAPPROVAL else', 'first_dropped = np.zeros(()) if self is Timing.REAPPROVAL else', "re-approvals: first not dropped"),
 ("core/regimes.py", '"accounting.developmental_assignment", "accounting.template_reapprovals", "edp.participant_hours")', '"accounting.template_reapprovals")', "current: assignment and EDP kept in the baseline"),
 ("core/labor.py", 'o.round(raw, CENT_DECIMALS), raw)', 'raw, raw)', "wage: no rounding"),
 ("core/regimes.py", 'out[pid] = o.maximum(_a(p, pid), _a(p, practice))', 'out[pid] = _a(p, pid)', "rule: practice ignored"),
 ("core/regimes.py", '        out[pid] = _a(p, practice)\n', '        out[pid] = 0.0\n', "current: practice hours ignored"),
 ("core/regimes.py", 'out[pid] = _a(p, pid) * _a(p, share)', 'out[pid] = 0.0', "current: assessment practice ignored"),
 ("core/regimes.py", 'NOT_IN_INCREMENTAL = ("accounting.policy_hours_recounted", "accounting.net_baseline_reapprovals")', 'NOT_IN_INCREMENTAL = ("accounting.net_baseline_reapprovals",)', "rule: recount kept"),
 ("core/regimes.py", 'out["policy.hours"] = _a(p, "policy.hours") * baseline_policies_per_agency(p)', 'out["policy.hours"] = _a(p, "policy.hours")', "current: baseline policies ignored"),
 ("core/regimes.py", 'return _a(p, "training.hours_baseline") + _a(p, "practice.training_hours_above_minimum")', 'return _a(p, "training.hours_baseline")', "current: training practice ignored"),
 ("core/timing.py", 'w = np.where(np.asarray(s.staggered)[..., None] > 0, 1.0 / k, cycle)', 'w = np.where(np.asarray(s.staggered)[..., None] > 0, 1.0, cycle)', "stagger: weight 1"),
 ("core/timing.py", 'return w - np.asarray(s.sunk, dtype=float)[..., None] * first', 'return w', "sunk ignored"),
 ("core/timing.py", 'cycle = v_first / (1 - (1 + r) ** -k) - np.asarray(s.sunk, dtype=float) * v_first', 'cycle = v_first / (1 - (1 + r) ** -(k + 1)) - np.asarray(s.sunk, dtype=float) * v_first', "perpetual: wrong cycle"),
 ("core/timing.py", 'return np.where(np.asarray(s.staggered) > 0, 1.0 / (k * r), cycle)', 'return np.where(np.asarray(s.staggered) > 0, 1.0 / r, cycle)', "perpetual: stagger"),
 ("core/timing.py", 'if self in (Timing.APPROVAL, Timing.REAPPROVAL) and regime != CURRENT:', 'if self in (Timing.APPROVAL, Timing.REAPPROVAL):', "current regime on the rule's cycle"),
 ("engines/fastpv.py", 'factor = np.where(s.staggered > 0, self.annual[quantity] / s.interval, factor)', 'factor = np.where(s.staggered > 0, self.annual[quantity], factor)', "fast path: stagger"),
 ("engines/fastpv.py", 'factor = factor - s.sunk * w[np.minimum(f, self.years + 1) - 1]', 'factor = factor', "fast path: sunk"),
 ("core/discount.py", 'return (1.0 + r) ** -np.arange(1, years + 1)', 'return (1.0 + r) ** -np.arange(0, years)', "discount: beginning of year"),
 ("api/checks.py", "return (0.0 if spec.min is None else spec.min), spec.max", "return 1.0, 50.0", "limits: typed, not read from the files"),
 ("engines/memory.py", "_BUDGET.reset(token)", "pass", "memory budget: not restored after its block"),
 ("core/stream.py", 'return n * (1 - g * (1 - np.asarray(p["alternative.voluntary_adoption_share"], dtype=float)))', 'return n', "guidance only: adoption share ignored"),
 ("core/stream.py", 'return np.maximum(_mode_share(p, mode), np.asarray(p["alternative.certified_coaches_only"], dtype=float))', 'return _mode_share(p, mode)', "accredited coaches only: internal coaching kept"),
 ("engines/alternatives.py", 't["difference_annualized"] = t.annualized.to_numpy() - base.loc[key, "annualized"].to_numpy()', 't["difference_annualized"] = t.annualized.to_numpy() - base.loc[key, "year1"].to_numpy()', "alternatives: annualized difference against year 1"),
 ("engines/plan.py", 'continue  # its switch is off: the value changes no figure, so it is not drawn', 'pass', "spec: a parameter drawn while its switch is off"),
 ("core/results.py", 'return int(a["analysis.first_calendar_year"]) + year - 1', 'return int(a["analysis.first_calendar_year"]) + year', "calendar year off by one"),
]
tests = sys.argv[1:] or ["tests/test_incremental.py", "tests/test_properties.py", "tests/test_components.py",
                         "tests/test_stream_accounting.py", "tests/test_published_figures.py", "tests/test_montecarlo.py",
                         "tests/test_fastpv_properties.py", "tests/test_evidence.py",
                         "tests/test_range_ends.py", "tests/test_one_evaluator.py", "tests/test_arith.py", "tests/test_edge_checks.py", "tests/test_alternatives.py"]
survivors = []
for i, (f, old, new, label) in enumerate(M):
    d = WORK / f"m{i}"
    if d.exists(): shutil.rmtree(d)
    shutil.copytree(SRC, d, ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", ".hypothesis"))
    path = d / "model" / f
    t = path.read_text()
    if t.count(old) != 1:
        print(f"!! {label}: pattern found {t.count(old)} times"); continue
    path.write_text(t.replace(old, new))
    env = dict(os.environ, PYTHONPATH=str(d), SESCDP_ASSUMPTIONS=str(d / "assumptions"))
    r = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
                       cwd=d, env=env, capture_output=True, text=True)
    caught = r.returncode != 0
    first = next((l for l in r.stdout.splitlines() if l.startswith(("FAILED", "ERROR"))), "")
    print(f"{'caught ' if caught else 'SURVIVED'} {label}: {first[:110]}")
    if not caught: survivors.append(label)
    shutil.rmtree(d)
print("survivors:", survivors or "none")
shutil.rmtree(WORK, ignore_errors=True)
sys.exit(1 if survivors else 0)
