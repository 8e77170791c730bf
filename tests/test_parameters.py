"""The strict loader and the data-health walk over every assumption and scenario file."""

import shutil
import tomllib
from pathlib import Path

import pytest

from model.core.catalog import PARAMETER_IDS
from model.core.errors import ModelInputError
from model.core.parameters import (ANALYST, assumptions_dir, list_scenarios, load_assumptions, load_scenario, parse_scenario_text, scenario_toml)

ROOT = assumptions_dir()


def test_every_catalog_id_is_loaded_with_full_provenance(primary):
    assert list(primary.specs) == list(PARAMETER_IDS)
    for pid, spec in primary.specs.items():
        assert spec.unit and spec.description and spec.date, pid
        if spec.evidence == "assumption":
            assert len(spec.reasoning) > 40, f"{pid}: analyst assumption needs real reasoning"
        elif spec.evidence == "derived":
            assert spec.formula, pid
        elif spec.evidence == "external":
            assert spec.section, pid
        else:
            assert spec.section and len(spec.quote) > 10, pid


SOURCES = Path(__file__).resolve().parents[1] / "sources"          # the copies kept in the repository
SHARED = Path(__file__).resolve().parents[2] / "shared" / "sources"  # the originals, when beside the checkout
SOURCE_FILES = ("nprm-2025-23289-sescdp.txt", "5cfr412-current-rule-excerpt.txt")


def test_source_copies_are_present_and_identical_to_the_shared_originals():
    """The repository's copies of the source texts exist (so the quote check runs everywhere, CI
    included) and, where ../shared/sources is beside the checkout, are byte-identical to it."""
    for name in SOURCE_FILES:
        assert (SOURCES / name).is_file(), f"sources/{name} missing"
        if SHARED.is_dir():
            assert (SOURCES / name).read_bytes() == (SHARED / name).read_bytes(), name


def test_data_health_cited_quotes_appear_in_the_sources(primary):
    """Every quote in an assumption file, whatever its grade (a stated value's, a derived value's, or the text an
    assumption answers), is found (modulo whitespace, $ escapes, ellipses) in the source texts (sources/, copies of
    ../shared/sources); a quote attributed to one of the texts is found in that one."""
    texts = {"NPRM": (SOURCES / SOURCE_FILES[0]).read_text(), "5 CFR": (SOURCES / SOURCE_FILES[1]).read_text()}

    def norm(s):
        return "".join(s.replace("\\$", "$").replace("§ ", "").replace("-\n", "").split()).lower()

    checked = 0
    for pid, spec in primary.specs.items():
        if not spec.quote or spec.evidence == "external":
            continue
        key = next((k for k in texts if spec.source.startswith(k)), None)
        hays = [norm(texts[key])] if key else [norm(t) for t in texts.values()]
        for piece in spec.quote.split("..."):
            piece = norm(piece.strip(" .'\""))
            assert any(piece in hay for hay in hays), f"{pid}: quote fragment not in the sources: {piece[:60]}"
        checked += 1
    assert checked > 40


def test_uncertainty_ranges_contain_values(primary):
    for pid, spec in primary.specs.items():
        u = spec.uncertainty
        if u is not None and u.distribution != "discrete":
            assert u.low <= spec.value <= u.high, pid


def _copy(tmp_path):
    dst = tmp_path / "assumptions"
    shutil.copytree(ROOT, dst)
    return dst


@pytest.mark.parametrize("edit, expected", [
    (("cohort.toml", "value = 25", "value = -25"), "cohort.participants: expected a non-negative whole number"),
    (("cohort.toml", "value = 25", "value = 2.5"), "cohort.participants: expected a non-negative whole number"),
    (("policy.toml", "value = 100", 'value = "lots"'), "policy.hours: value"),
    (("training.toml", "low = 100, high = 120", "low = 130, high = 120"), "training.hours_proposed: uncertainty: uncertainty low 130 > high 120"),
    (("coaching.toml", "[hours]", "[hours]\nvalue = 11"), "not valid TOML"),
    (("coaching.toml", "[hours]", "[hourz]"), "coaching.hourz: unknown parameter id (did you mean coaching.hours?)"),
    (("labor.toml", "reasoning = '''The NPRM does not value", "note2 = '''The NPRM does not value"),
     "labor.participant_loaded_hourly"),
    (("agencies.toml", "kind = \"count\"", "kind = \"amount\""), "agencies.count: kind"),
])
def test_loader_rejects_bad_files_with_one_line(tmp_path, edit, expected):
    root = _copy(tmp_path)
    name, old, new = edit
    path = root / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(ModelInputError) as exc:
        load_assumptions(root)
    msg = str(exc.value)
    assert "\n" not in msg
    assert expected in msg
    assert name in msg


def test_loader_rejects_missing_parameter(tmp_path):
    root = _copy(tmp_path)
    (root / "mentoring.toml").unlink()
    with pytest.raises(ModelInputError, match="missing.*mentoring.hours"):
        load_assumptions(root)


def test_cross_parameter_rule(primary):
    with pytest.raises(ModelInputError, match="coaching.internal_program_agencies: expected at most agencies.count"):
        primary.with_overrides({"agencies.count": 5}, "--set")


@pytest.mark.parametrize("name", list_scenarios())
def test_every_scenario_loads_and_every_override_id_exists(primary, name):
    sc = load_scenario(name, primary)
    data = tomllib.loads((ROOT / "scenarios" / f"{name}.toml").read_text())
    assert set(sc.overrides) == set(data.get("overrides", {}))
    assert all(pid in PARAMETER_IDS for pid in sc.overrides)
    assert sc.name and sc.description


def test_scenario_round_trip(primary):
    a = primary.with_overrides({"coaching.external_rate": 2500, "agencies.count": 15}, "--set", scenario="x")
    text = scenario_toml(a, "x", "round trip")
    back = parse_scenario_text(text, "upload", primary)
    assert dict(back.overrides) == {"coaching.external_rate": 2500.0, "agencies.count": 15.0}


def test_bad_scenario_text_names_the_problem(primary):
    with pytest.raises(ModelInputError, match="upload: .*coaching.hours: expected a non-negative"):
        parse_scenario_text('[scenario]\nname="n"\ndescription="d"\n[overrides]\n"coaching.hours" = -1\n',
                            "upload", primary)
    with pytest.raises(ModelInputError, match="missing \\[scenario\\]"):
        parse_scenario_text('[overrides]\n"coaching.hours" = 1\n', "upload", primary)
