"""Every notebook runs top to bottom in a fresh kernel (their exercise answers are asserted
inside). They are executed once, by the documentation build (``docs_site`` in conftest.py:
MyST-NB, a fresh kernel each, 60 s per cell); these tests read its executed copies cell by cell."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.conftest import Site

nbformat = pytest.importorskip("nbformat")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks() -> None:
    assert len(NOTEBOOKS) >= 10


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path: Path, docs_site: Site) -> None:
    executed = docs_site.executed / "notebooks" / path.name
    assert executed.exists(), f"the docs build did not execute {path.name}:\n" + "\n".join(docs_site.warnings())
    source = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code" and c.source.strip()]
    cells = [c for c in nbformat.read(executed, as_version=4).cells if c.cell_type == "code" and c.source.strip()]
    assert [c.source for c in cells] == [c.source for c in source], "the executed copy is not this notebook"
    errors = [
        f"cell {number}: {output.ename}: {output.evalue}\n{cell.source}"
        for number, cell in enumerate(cells, start=1)
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert not errors, "\n\n".join(errors)
    not_run = [number for number, cell in enumerate(cells, start=1) if cell.execution_count is None]
    assert not not_run, f"code cells {not_run} did not run"
