"""``strategy solve --float``: the same equilibria in floating point (issue 16, large games through the CLI)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from strategy.cli import main
from strategy.forms.normal import NormalFormGame
from strategy.io import write_game

DATA = Path(__file__).parents[1] / "data"


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def _profiles(data: dict) -> list[tuple[float, ...]]:
    return sorted(tuple(np.round(np.concatenate(e["profile"]), 9).tolist()) for e in data["equilibria"])


def test_float_finds_the_exact_equilibria_of_a_random_game(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rng = np.random.default_rng(5)
    path = tmp_path / "random.nfg"
    write_game(NormalFormGame.from_bimatrix(rng.integers(0, 100, (6, 6)), rng.integers(0, 100, (6, 6))), path)
    exact = _json(capsys, "solve", str(path), "--json")
    floating = _json(capsys, "solve", str(path), "--float", "--json")
    assert all("exact" in e for e in exact["equilibria"])
    assert not any("exact" in e for e in floating["equilibria"])  # float certificates
    assert _profiles(floating) == _profiles(exact)
    assert max(e["max_regret"] for e in floating["equilibria"]) <= 1e-9 * 99  # the scaled tolerance


def test_float_and_exact_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", str(DATA / "bos.nfg"), "--float", "--exact"]) == 2
    assert "not allowed with argument" in capsys.readouterr().err
