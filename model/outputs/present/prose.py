"""Publication text: no internal id reaches a reader. A parenthesis that names a parameter id
('(agencies.count)', '(labor.round_hourly_wage = 1)') is dropped; a bare id elsewhere becomes the
parameter's short description (a switch: the label of the cost it turns on); a scenario file name becomes the scenario's name."""

from __future__ import annotations

import re
from functools import lru_cache

PARAMETER_ID = re.compile(r"\b[a-z]+\.[a-z][a-z0-9_]*\b")
ID_PARENTHESIS = re.compile(r"\s*\([^()]*\b[a-z]+\.[a-z][a-z0-9_]*\b[^()]*\)")
SCENARIO_ID = re.compile(r"\bscenario ([a-z0-9]+(?:_[a-z0-9]+)+)\b")


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    from model.core.components import COMPONENTS
    from model.core.parameters import load_assumptions
    from model.outputs.present.labels import parameter_label
    a = load_assumptions()
    switches = {c.switch: c.label for c in COMPONENTS if c.switch}  # a switch reads as the cost it turns on
    return {pid: switches.get(pid) or parameter_label(a, pid, short=True, clean=False) for pid in a.specs}


@lru_cache(maxsize=1)
def _scenario_names() -> dict[str, str]:
    from model.core.parameters import list_scenarios, load_assumptions, load_scenario
    base = load_assumptions()
    return {stem: load_scenario(stem, base).name for stem in list_scenarios()}


def _in_sentence(label: str, text: str, at: int) -> str:
    """A label put where an id stood: lower-cased when it stands inside a sentence ('at fully loaded hourly cost'),
    kept as written at a sentence's start or when it opens with an acronym ('SES', 'GS-14')."""
    before = text[:at].rstrip()
    starts = not before or before[-1] in ".:;!?("
    if starts or len(label) < 2 or label[1].isupper() or not label[0].isupper():
        return label
    return label[0].lower() + label[1:]


def publication_text(text: str) -> str:
    """``text`` with internal ids removed or named (see the module docstring)."""
    if not isinstance(text, str) or "." not in text and "_" not in text:
        return text
    labels = _labels()
    out = ID_PARENTHESIS.sub(lambda m: "" if any(i in labels for i in PARAMETER_ID.findall(m.group(0)))
                             else m.group(0), text)
    out = PARAMETER_ID.sub(lambda m: _in_sentence(labels.get(m.group(0), m.group(0)), out, m.start()), out)
    names = _scenario_names()
    out = SCENARIO_ID.sub(lambda m: f"scenario \"{names[m.group(1)]}\"" if m.group(1) in names else m.group(0), out)
    return out
