"""The layers hold (import-linter contracts in pyproject.toml) and model/ never imports the app."""

import re
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0


def test_model_never_imports_the_app_layout():
    pattern = re.compile(r"^\s*(from|import)\s+(ui|app|streamlit)\b", re.M)
    offenders = [str(p) for p in (ROOT / "model").rglob("*.py") if pattern.search(p.read_text())]
    assert offenders == []
