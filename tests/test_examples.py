"""The examples in ``examples/`` run as a user would run them: the copyable test file under pytest, and the
walkthrough notebook executed cell by cell in a fresh Jupyter kernel (nbclient)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.slow  # runs the notebook / the example script: seconds
def test_reproduce_nprm_example_passes():
    """``examples/test_reproduce_nprm.py``: the published figures at the NPRM's rounding, through the API."""
    code = pytest.main([str(EXAMPLES / "test_reproduce_nprm.py"), "-q", "-p", "no:cacheprovider",
                        "--rootdir", str(EXAMPLES)])
    assert code == pytest.ExitCode.OK


def test_walkthrough_notebook_is_stored_without_outputs():
    nb = json.loads((EXAMPLES / "walkthrough.ipynb").read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)


@pytest.mark.slow  # runs the notebook / the example script: seconds
def test_walkthrough_notebook_runs(tmp_path, monkeypatch):
    """Every cell of ``examples/walkthrough.ipynb`` runs without error (reconciliation, a scenario, a Monte
    Carlo histogram, an export to a temporary file), in a kernel of this Python."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    # the kernel is started as "python -m ipykernel_launcher": make that python this one
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel's inline backend draws the figure
    nb = nbformat.read(EXAMPLES / "walkthrough.ipynb", as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs), "the histogram was not drawn"
    text = "".join(o.get("text", "") for o in outputs)
    assert "All figures as expected." in text and "Assumption digest" in text  # the export's provenance
    assert list(tmp_path.iterdir()) == []  # the export went to a temporary folder that is gone
