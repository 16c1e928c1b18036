"""The end-to-end Idlib analysis runs and reports the headline results."""

from games.idlib.analysis import main, stress
from games.idlib.stage import GAME


def test_main_prints_every_game(capsys):
    assert main(["--samples", "200"]) == 0
    text = capsys.readouterr().out
    for header in ("Game 1", "Game 2", "Game 3", "Game 4", "Game 5", "Game 6", "Stress test"):
        assert header in text
    assert "I* = 12, C_max = 5.3" in text
    assert "150 pure Nash" in text
    assert "166 pure Nash" in text
    assert "both (2019) Squeeze / Arm" in text
    assert "goodwill banked only Restrain / Hold" in text


def test_report_option_writes_a_self_contained_report(capsys, tmp_path):
    target = tmp_path / "r.html"
    assert main(["--samples", "50", "--report", str(target)]) == 0
    assert str(target) in capsys.readouterr().out
    text = target.read_text()
    assert text.count("Regime map of idlib.") >= 3
    assert "Parameters and their provenance" in text
    assert "<script" not in text


def test_stress_frequencies_cover_the_sample():
    counts = stress(GAME, 300, seed=1)
    assert sum(counts.values()) == 300
    assert len(counts) >= 3  # the ranges span several regimes


def test_cli_solve_json_for_cases(capsys):
    import json

    import pytest

    pytest.importorskip("strategy.cli.solve")
    from strategy.cli import main as cli_main

    assert cli_main(["solve", "idlib.stage", "--scenario", "offensive_2019", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["players"] == ["Russia", "Turkey"]
    assert len(data["equilibria"]) == 1
    assert data["equilibria"][0]["profile"] == [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]  # (Squeeze, Arm)
    assert data["equilibria"][0]["payoffs"] == pytest.approx([1.208, -5.137])
    assert cli_main(["solve", "idlib.sochi", "--scenario", "sochi_2018", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["equilibria"][0]["behavior"]["Deal"] == "Stall"
    assert cli_main(["solve", "idlib.bargaining", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["nash"]["agreement"] == pytest.approx(0.2716, abs=1e-3)
