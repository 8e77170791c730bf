"""Assumption files -> validated parameters: the names every layer imports, from the modules that define them.

- ``model.core.assumption_set``: ``Assumptions`` (a validated parameter set) and its strict loader. Each
  ``assumptions/<topic>.toml`` holds one table per parameter; the parameter id is ``<topic>.<key>``. Every entry
  carries value, unit, kind, description, source (with section and quote, or ``"analyst assumption"`` with
  reasoning), date, and optionally an uncertainty range. Unknown or missing ids, duplicate keys, wrong types,
  negative counts or hours, a value outside its range and low > high are all rejected with one line naming
  file, parameter and what was expected.
- ``model.core.scenario_files``: scenario files (``assumptions/scenarios/*.toml``), overrides of the primary
  assumptions validated the same way, and the command line's ``--set``.
- ``model.core.toml_input``: reading a TOML input with its size, encoding and nesting checked.
- ``model.core.specs``: one parameter's specification and the check of a value against it.
"""

from __future__ import annotations

from model.core.assumption_set import (MAX_ID_SHOWN, Assumptions, _suggest, assumptions_dir, check_consistency,
                                       coerce_value, load_assumptions, parse_parameter_file)
from model.core.scenario_files import (SCENARIO_TEXT_LIMITS, ScenarioFile, ScenarioMeta, apply_scenario, list_scenarios,
                                       load_scenario, parse_scenario, parse_scenario_text, parse_set_options,
                                       scenario_meta, scenario_path, scenario_toml)
from model.core.specs import ANALYST, DISTRIBUTIONS, ParameterSpec, Uncertainty, check_value
from model.core.toml_input import MAX_DEPTH, MAX_FILE_BYTES, parse_toml_bytes

__all__ = ["ANALYST", "DISTRIBUTIONS", "MAX_DEPTH", "MAX_FILE_BYTES", "MAX_ID_SHOWN", "SCENARIO_TEXT_LIMITS",
           "Assumptions", "ParameterSpec", "ScenarioFile", "ScenarioMeta", "Uncertainty", "_suggest", "apply_scenario",
           "assumptions_dir", "check_consistency", "check_value", "coerce_value", "list_scenarios",
           "load_assumptions", "load_scenario", "parse_parameter_file", "parse_scenario", "parse_scenario_text",
           "parse_set_options", "parse_toml_bytes", "scenario_meta", "scenario_path", "scenario_toml"]
