"""Every ``python`` code block in README.md and docs/*.md runs (blocks of a file share a namespace)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
DOCS = [p for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))] if BLOCK.search(p.read_text())]


def test_the_docs_have_examples() -> None:
    assert ROOT / "README.md" in DOCS
    assert len(DOCS) >= 3


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_documented_examples_run(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = BLOCK.findall(path.read_text())
    monkeypatch.chdir(tmp_path)  # examples may write files
    namespace: dict[str, object] = {"__name__": f"docs_{path.stem}"}
    for number, code in enumerate(blocks, start=1):
        error = _run(code, f"{path.name}[block {number}]", namespace)
        assert error is None, f"{path.name}, python block {number} failed: {error}\n{code}"


def _run(code: str, name: str, namespace: dict[str, object]) -> str | None:
    """Execute one documented block; the error as text, or None."""
    try:
        exec(compile(code, name, "exec"), namespace)  # noqa: S102 - our own docs
    except Exception as err:  # noqa: BLE001 - the failure message is the point
        return f"{type(err).__name__}: {err}"
    return None
