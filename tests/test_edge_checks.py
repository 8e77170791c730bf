"""Checks once, at the edge: a horizon and a discount rate follow one rule, the limits the assumption files declare
(``analysis.horizon_years``: 1 to 50; ``analysis.discount_rate_high``: 0 to 0.99), with one message from the API and
the CLI alike; the memory budget is a context, not module state."""

import shutil
import threading

import pytest

from model import ModelInputError, Scenario
from model.api import checks
from model.cli.main import main
from model.engines import memory


@pytest.mark.slow
@pytest.mark.parametrize("value,ok", [(1, True), (50, True), (51, False), (0, False)])
def test_years_follow_the_declared_limits(value, ok, capsys):
    api_message = None
    try:
        Scenario.load().present_values(years=value)
    except ModelInputError as exc:
        api_message = str(exc)
    assert (api_message is None) is ok
    code = main(["run", "--years", str(value), "--format", "json"])
    err = capsys.readouterr().err
    assert (code == 0) is ok
    if not ok:
        assert api_message == f"years: expected a whole number from 1 to 50, got {value}"
        assert api_message.split(": ", 1)[1] in err


@pytest.mark.slow
@pytest.mark.parametrize("value,ok", [(0.0, True), (0.99, True), (1.0, False), (-0.01, False)])
def test_rates_follow_the_declared_limits(value, ok, capsys):
    try:
        Scenario.load().present_values(extra_rates=[value])
        api_ok = True
    except ModelInputError as exc:
        api_ok = False
        assert str(exc) == f"discount rate: expected a rate from 0 to 0.99 (0.02 = 2%), got {value}"
    assert api_ok is ok
    assert (main(["compare", "--discount-rate", str(value), "--format", "json"]) == 0) is ok
    capsys.readouterr()


@pytest.mark.slow
def test_the_limits_are_data(tmp_path, monkeypatch):
    """An assumption folder whose horizon may reach 30 years refuses 31, in the API and the CLI."""
    from model.core.parameters import assumptions_dir
    folder = tmp_path / "assumptions"
    shutil.copytree(assumptions_dir(), folder)
    f = folder / "analysis.toml"
    f.write_text(f.read_text().replace("min = 1\nmax = 50\n", "min = 1\nmax = 30\n", 1))
    monkeypatch.setenv("SESCDP_ASSUMPTIONS", str(folder))
    assert checks.limits(checks.HORIZON) == (1, 30)
    with pytest.raises(ModelInputError, match="from 1 to 30, got 31"):
        checks.years(31)
    assert main(["run", "--years", "31"]) == 2


def test_memory_budget_is_a_context():
    outside = memory.budget_bytes()
    seen = {}
    with memory.budget(0.5):
        assert memory.budget_bytes() == memory.GB // 2
        t = threading.Thread(target=lambda: seen.setdefault("thread", memory._BUDGET.get()))
        t.start()
        t.join()
    assert seen["thread"] is None  # another thread does not inherit the setting
    assert memory._BUDGET.get() is None and abs(memory.budget_bytes() - outside) < memory.GB
