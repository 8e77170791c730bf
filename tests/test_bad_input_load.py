"""Issue 22, items 3 and 4: a scenario is validated as a whole when it is loaded (its correlations joined with
the shipped file's, its fixed values against the cross-parameter rules, its distributions against the
parameter's admissible values, its discount rates in order), and a workbook read back is bounded before
openpyxl builds anything. Each case: one line naming the parameter (or file) and what was expected."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from model import Scenario
from model.core.errors import ModelInputError

from test_bad_input import HEADER, one_line_error, run  # noqa: F401 (the CLI helpers of the bad-input tests)

# A pair the shipped file (assumptions/uncertainty/correlations.toml) does not hold, but whose two parameters
# it correlates with labor.annual_salary at 0.5 and 0.4: with -0.95 between them the whole matrix is not
# positive definite, though the pair alone (a 2 x 2 matrix) is.
BAD_PAIR = "labor.participant_loaded_hourly ~ coaching.coach_loaded_hourly"




def refused(call, *phrases: str) -> str:
    with pytest.raises(ModelInputError) as info:
        call()
    msg = str(info.value)
    assert "\n" not in msg, msg
    for phrase in phrases:
        assert phrase in msg, (phrase, msg)
    return msg


def scenario_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "s.toml"
    path.write_text(HEADER + textwrap.dedent(body))
    return path


# ----------------------------------------------------------------- correlations with the shipped pairs


def test_user_pair_joined_with_the_shipped_pairs_is_checked_in_with_uncertainty():
    refused(lambda: Scenario.load().with_uncertainty(correlations={BAD_PAIR: -0.95}),
            "correlations.toml with the scenario's correlations", "not positive definite")


def test_the_same_pair_alone_is_fine_at_a_milder_rho():
    s = Scenario.load().with_uncertainty(correlations={BAD_PAIR: 0.3})
    assert dict(s.assumptions.correlations) == {BAD_PAIR: 0.3}


def test_user_pair_joined_with_the_shipped_pairs_is_checked_in_a_scenario_file(tmp_path):
    path = scenario_file(tmp_path, f'[correlations]\n"{BAD_PAIR}" = -0.95\n')
    refused(lambda: Scenario.load(path), "s.toml", "not positive definite")
    one_line_error(["run", "--scenario", str(path)], "s.toml", "not positive definite")


def test_user_pair_joined_with_the_shipped_pairs_is_checked_in_an_upload_or_link(monkeypatch):
    # the app's upload and link both go through Scenario.with_uncertainty(origin=...)
    refused(lambda: Scenario.load().with_uncertainty(correlations={BAD_PAIR: -0.95}, origin="link"),
            "link: ", "not positive definite")


# ----------------------------------------------------------------- correlations only between drawn parameters


@pytest.mark.parametrize("pair, pid", [
    ("analysis.seed ~ coaching.coach_loaded_hourly", "analysis.seed"),          # a run setting
    ("labor.round_hourly_wage ~ coaching.coach_loaded_hourly", "labor.round_hourly_wage"),  # a switch
    ("agencies.baseline_policies ~ coaching.coach_loaded_hourly", "agencies.baseline_policies"),  # no distribution
])
def test_a_correlation_with_an_undrawn_parameter_is_refused(pair, pid):
    refused(lambda: Scenario.load().with_uncertainty(correlations={pair: 0.3}),
            f"correlation {pair}: {pid}: expected a parameter drawn by the Monte Carlo")


def test_a_correlation_with_a_value_the_scenario_holds_is_refused(tmp_path):
    path = scenario_file(tmp_path, """
        [overrides]
        "coaching.coach_loaded_hourly" = 120
        [correlations]
        "labor.annual_salary ~ coaching.coach_loaded_hourly" = 0.2
        """)
    one_line_error(["run", "--scenario", str(path)], "coaching.coach_loaded_hourly: expected a parameter drawn")


def test_a_correlation_with_a_parameter_given_a_distribution_is_accepted():
    s = Scenario.load().with_uncertainty({"agencies.baseline_policies": "uniform:13:15"},
                                         {"agencies.baseline_policies ~ coaching.coach_loaded_hourly": 0.3})
    assert "agencies.baseline_policies ~ coaching.coach_loaded_hourly" in s.assumptions.correlations


def test_removing_a_shipped_pair_with_rho_zero_is_always_accepted():
    Scenario.load().with_uncertainty(correlations={"cohort.participants ~ cohort.applicants_assessed": 0})


# ----------------------------------------------------------------- fixed: values against the rules, at load


def test_a_fixed_value_breaking_the_agencies_rule_is_refused_at_load(tmp_path):
    # agencies.count is 13 in the primary; 30 internal programmes among 13 agencies breaks the rule
    refused(lambda: Scenario.load().with_uncertainty({"coaching.internal_program_agencies": "fixed:30"}),
            "coaching.internal_program_agencies: expected at most agencies.count (13), got 30")
    path = scenario_file(tmp_path, '[distributions]\n"coaching.internal_program_agencies" = "fixed:30"\n')
    one_line_error(["run", "--scenario", str(path)], "coaching.internal_program_agencies",
                   "expected at most agencies.count (13)")


def test_a_fixed_value_keeping_the_rule_is_accepted():
    Scenario.load().with_uncertainty({"coaching.internal_program_agencies": "fixed:12"})


# ----------------------------------------------------------------- a distribution must reach the admissible values


@pytest.mark.parametrize("spec, central", [
    ("normal:1e9:1", "(1e+09 to 1e+09)"),
    ("lognormal:1e6:1e7", "(5.212e+05 to 1.919e+07)"),  # exp(mu -+ 2.576 sigma), mu, sigma from P5 1e6, P95 1e7
    ("normal:-5000:10", "(-5026 to -4974)"),            # -5000 -+ 2.576 x 10
])
def test_a_distribution_whose_central_99_percent_misses_the_bounds_is_refused(spec, central):
    msg = refused(lambda: Scenario.load().with_uncertainty({"coaching.external_rate": spec}),
                  "coaching.external_rate", f"central 99% {central} outside the admissible values [0, 500000]",
                  "expected a distribution whose central 99% overlaps them")
    assert msg.startswith("uncertainty: ")
    one_line_error(["simulate", "--draws", "64", "--seed", "1", "--dist", f"coaching.external_rate={spec}"],
                   "--dist coaching.external_rate", "outside the admissible values")
    one_line_error(["sensitivity", "--dist", f"coaching.external_rate={spec}"], "outside the admissible values")


@pytest.mark.parametrize("spec", ["normal:1000:300", "lognormal:200:3000", "normal:499000:5000"])
def test_a_distribution_that_reaches_the_bounds_is_accepted(spec):
    Scenario.load().with_uncertainty({"coaching.external_rate": spec})


# ----------------------------------------------------------------- discount rates distinct and in order


@pytest.mark.parametrize("sets, got", [
    (["analysis.discount_rate_low=0.08"], "(0.07), got 0.08"),
    (["analysis.discount_rate_low=0.07"], "(0.07), got 0.07"),  # equal rates would collapse into one column
    (["analysis.discount_rate_high=0.02"], "(0.02), got 0.03"),
])
def test_discount_rates_in_order(sets, got):
    args = ["run"] + [x for s in sets for x in ("--set", s)]
    one_line_error(args, "analysis.discount_rate_low: expected below analysis.discount_rate_high", got)
    refused(lambda: Scenario.load(None, sets), "analysis.discount_rate_low: expected below")


def test_minus_zero_rate_is_normalized():
    s = Scenario.load(None, {"analysis.discount_rate_low": "-0"})
    assert str(s.assumptions["analysis.discount_rate_low"]) == "0.0"


# ----------------------------------------------------------------- bounded workbook reading

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
                 '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
                 'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
                 'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>{sst}</Types>')
SST_TYPE = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sharedStrings+xml"/>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
      'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
      'name="Assumptions" sheetId="1" r:id="rId1"/></sheets></workbook>')
WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
           '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/worksheet" Target="worksheets/sheet1.xml"/>{sst}</Relationships>')
SST_REL = ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'sharedStrings" Target="sharedStrings.xml"/>')
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
              'spreadsheetml/2006/main">')


def crafted(path: Path, rows: int, dimension: str | None, sst_bytes: int = 0) -> Path:
    """A workbook with one Assumptions sheet of ``rows`` one-cell rows in column XFD (16,384), declaring
    ``dimension``; with ``sst_bytes`` > 0 a shared-strings part that unpacks to that many bytes."""
    sheet = io.StringIO()
    sheet.write(SHEET_HEAD)
    if dimension:
        sheet.write(f'<dimension ref="{dimension}"/>')
    sheet.write("<sheetData>")
    for r in range(1, rows + 1):
        sheet.write(f'<row r="{r}"><c r="XFD{r}"><v>{r}</v></c></row>')
    sheet.write("</sheetData></worksheet>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES.format(sst=SST_TYPE if sst_bytes else ""))
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WB)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS.format(sst=SST_REL if sst_bytes else ""))
        z.writestr("xl/worksheets/sheet1.xml", sheet.getvalue())
        if sst_bytes:
            item = "<si><t>" + "x" * 1000 + "</t></si>"
            chunk = (item * 1000).encode()  # about 1 MB
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
                f.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                        b'spreadsheetml/2006/main">')
                for _ in range(sst_bytes // len(chunk)):
                    f.write(chunk)
                f.write(b"</sst>")
    return path


def read_in_child(path: Path) -> tuple[str, float, float]:
    """Read ``path`` back in a fresh interpreter: (its one-line error, seconds, peak resident MB)."""
    code = textwrap.dedent(f"""
        import time
        from model.core.errors import ModelInputError
        from model.outputs.export import read_workbook_scenario
        t = time.perf_counter()
        try:
            read_workbook_scenario({str(path)!r})
            msg = "accepted"
        except ModelInputError as exc:
            msg = str(exc)
        print(msg)
        print(time.perf_counter() - t)
        # the peak resident size of this process (VmHWM: reset at exec, unlike ru_maxrss, which keeps the forking
        # test worker's peak)
        hwm = [line for line in open("/proc/self/status") if line.startswith("VmHWM:")][0]
        print(int(hwm.split()[1]) / 1024)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    msg, seconds, mb = out.stdout.strip().splitlines()
    return msg, float(seconds), float(mb)


@pytest.mark.slow  # a crafted workbook read to its bound, or the shared workbook: seconds
def test_a_sheet_claiming_16384_columns_and_150000_rows_is_refused_quickly(tmp_path):
    path = crafted(tmp_path / "dimension.xlsx", 150_000, "A1:XFD150000")
    assert path.stat().st_size < 2_000_000  # about 1 MB on disk
    msg, seconds, mb = read_in_child(path)
    assert "Assumptions sheet: declares 150,000 rows by 16,384 columns; expected at most 10,000 rows and 200 " \
           "columns" in msg, msg
    assert seconds < 15 and mb < 300, (seconds, mb)


@pytest.mark.slow  # a crafted workbook read to its bound, or the shared workbook: seconds
def test_a_sheet_without_a_dimension_is_read_no_further_than_the_bound(tmp_path):
    path = crafted(tmp_path / "undeclared.xlsx", 150_000, None)
    msg, seconds, mb = read_in_child(path)
    assert "Assumptions sheet: more than 10,000 rows; expected at most 10,000 rows and 200 columns" in msg, msg
    assert seconds < 30 and mb < 300, (seconds, mb)


@pytest.mark.slow  # a crafted workbook read to its bound, or the shared workbook: seconds
def test_shared_strings_expanding_to_gigabytes_are_refused_from_the_zip_directory(tmp_path):
    path = crafted(tmp_path / "strings.xlsx", 10, "A1:A10", sst_bytes=1_000_000_000)
    assert path.stat().st_size < 10_000_000  # a few MB on disk, 1 GB unpacked
    msg, seconds, mb = read_in_child(path)
    assert "xl/sharedStrings.xml unpacks to 1,000 MB; expected at most 50 MB (an exported workbook)" in msg, msg
    assert seconds < 10 and mb < 300, (seconds, mb)


def test_many_small_members_add_up(tmp_path):
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(6):
            z.writestr(f"pad{i}.xml", b"0" * 10_000_000)  # 6 x 10 MB = 60 MB unpacked
    refused(lambda: Scenario.load(path), "many.xlsx: the archive unpacks to 60 MB; expected at most 50 MB")


def test_an_upload_that_is_not_a_zip_is_one_line():
    from model.outputs.export import read_workbook_scenario
    refused(lambda: read_workbook_scenario(b"not a zip"), "uploaded workbook: not a readable .xlsx workbook")


def test_a_crafted_workbook_through_the_cli_exits_2(tmp_path):
    path = crafted(tmp_path / "dimension.xlsx", 20_000, "A1:XFD20000")
    one_line_error(["run", "--scenario", str(path)], "dimension.xlsx: Assumptions sheet: declares 20,000 rows")


@pytest.mark.slow  # a crafted workbook read to its bound, or the shared workbook: seconds
def test_memory_error_while_reading_is_one_message(monkeypatch, tmp_path, primary_xlsx):
    import openpyxl

    from model.outputs.export import read_workbook_scenario

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(openpyxl, "load_workbook", exhausted)
    refused(lambda: read_workbook_scenario(primary_xlsx.read_bytes()),
            "uploaded workbook: the workbook needs more memory than is available to read")


@pytest.mark.slow  # the workbook written once for the test run (a whole report): seconds
def test_an_exported_workbook_still_reads_back(primary_xlsx):
    from model.outputs.export import read_workbook_scenario
    s = read_workbook_scenario(primary_xlsx)
    assert s.overrides == {}


@pytest.mark.slow  # a crafted workbook read to its bound, or the shared workbook: seconds
def test_extra_rates_that_share_a_column_are_refused():
    """0.035 and 0.0350000001 would both be 'pv_3.5': refused with one line in the API and the CLI; 0.035 alone
    runs."""
    import subprocess
    import sys
    from model import ModelInputError, Scenario
    s = Scenario.load()
    with pytest.raises(ModelInputError, match="0.035 and 0.0350000001 are both 3.5%"):
        s.present_values(extra_rates=[0.035, 0.0350000001])
    assert set(s.present_values(extra_rates=[0.035]).discount_rate) == {0.03, 0.035, 0.07}
    r = subprocess.run([sys.executable, "-m", "model", "run", "--discount-rate", "0.035", "--discount-rate",
                        "0.0350000001"], capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "both 3.5%" in r.stderr
