"""The glossary (``model/core/vocabulary.py``) is the one home of the names results are indexed by: no other
module defines or re-exports them, and each name has one meaning."""

import ast
import pathlib

import pytest

from model.core import vocabulary

ROOT = pathlib.Path(__file__).resolve().parents[1]
SOURCES = sorted([*ROOT.joinpath("model").rglob("*.py"), *ROOT.joinpath("ui").rglob("*.py"), ROOT / "app.py"])
NAMES = {"MODES", "FRAMINGS", "LEVELS", "REGIMES", "MEASURES", "PRICED_MODES", "AS_PUBLISHED", "INCREMENTAL",
         "GIVEN", "RULE", "CURRENT", "AGENCY", "GOVERNMENT", "YEAR1", "YEAR1_COLUMN", "PV_PREFIX",
         "ANNUALIZED_PREFIX"}
PUBLIC = {"model/api/__init__.py"}  # the public API re-exports MODES, FRAMINGS, LEVELS by design


def _module(path: pathlib.Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_glossary_names_come_from_the_glossary_only(path):
    if path == ROOT / "model/core/vocabulary.py":
        return
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                for name in (target.elts if isinstance(target, ast.Tuple) else [target]):
                    assert not (isinstance(name, ast.Name) and name.id in NAMES), \
                        f"{path.name}:{node.lineno} defines {name.id}; import it from model.core.vocabulary"
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("model."):
            for alias in node.names:
                if alias.name in NAMES:
                    assert node.module == "model.core.vocabulary", \
                        f"{path.name}:{node.lineno} imports {alias.name} from {node.module}, not the glossary"


def test_each_name_has_one_meaning():
    """No string means two things: the modes, levels, framings, regimes, groups and measures are disjoint, and
    "published" is none of them (it names the NPRM's printed figures only)."""
    groups = [set(vocabulary.MODES), set(vocabulary.LEVELS), set(vocabulary.FRAMINGS), set(vocabulary.REGIMES),
              {g.value for g in vocabulary.Group}, set(vocabulary.MEASURES)]
    seen: set = set()
    for g in groups:
        assert not (g & seen), g & seen
        seen |= g
    assert "published" not in seen
    assert vocabulary.PRICED_MODES == vocabulary.MODES[:2]
