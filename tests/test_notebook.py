"""The example notebook runs from top to bottom in a real Jupyter kernel."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO / "examples" / "answers.ipynb"


@pytest.mark.slow
def test_the_answers_notebook_executes():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(REPO)}}
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs)
    assert "letters" in text and text.rstrip().endswith("ok")
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("regulation:terugkeerverordening" in h for h in html)  # the result's HTML repr
