"""Elicited uncertainty (issue 17, item 4): reading, PERT/triangular pooling, stress, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from strategy.cli import main
from strategy.errors import SpecError
from strategy.sensitivity.elicitation import read_elicitation, stress_elicited
from strategy.sensitivity.parameters import Parameter, ParameterSpace
from strategy.sensitivity.parametric import ParametricGame
from strategy.sensitivity.usage import used_parameters

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "elicitation-example.csv"
HEADER = "participant,parameter,low,mode,high\n"

SPACE = ParameterSpace((Parameter("t", 5.0, 0, 8), Parameter("r", 3.0, 2, 4), Parameter("unused", 1.0, 0, 2)))
DILEMMA = ParametricGame(
    (("Row", ("C", "D")), ("Col", ("C", "D"))),
    lambda p: {("C", "C"): (p.r, p.r), ("C", "D"): (0, p.t), ("D", "C"): (p.t, 0), ("D", "D"): (1, 1)},
    SPACE,
)


def test_pert_and_triangular_means_and_the_mixture():
    e = read_elicitation(HEADER + "A,t,1,2,7\nB,t,4,6,8\n")
    a = read_elicitation(HEADER + "A,t,1,2,7\n")
    n = 200_000
    assert a.sample("t", n, rng=0).mean() == pytest.approx((1 + 4 * 2 + 7) / 6, abs=0.02)
    assert a.sample("t", n, rng=0, shape="triangular").mean() == pytest.approx((1 + 2 + 7) / 3, abs=0.02)
    pooled = e.sample("t", n, rng=1)
    assert pooled.mean() == pytest.approx(((1 + 8 + 7) / 6 + (4 + 24 + 8) / 6) / 2, abs=0.02)
    assert pooled.min() >= 1
    assert pooled.max() <= 8
    # a mixture, not an average: about half the mass lies below B's low end
    assert (pooled < 4).mean() == pytest.approx(0.5 * np.mean(a.sample("t", n, rng=2) < 4), abs=0.01)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("participant,parameter,low,high\nA,t,1,2\n", "columns must be exactly"),
        (HEADER + "A,t,3,2,4\n", "low <= mode <= high"),
        (HEADER + "A,nope,1,2,3\n", "unknown parameter 'nope'"),
        (HEADER + "A,t,1,2,3\nA,t,1,2,4\n", "gave t twice"),
        (HEADER + "A,t,1e999999999,2,3\n", "low '1e999999999'"),
        (HEADER + "A,t,x,2,3\n", "low 'x'"),
        (HEADER + "A,t,1,2\n", "expected 5 cells"),
        (HEADER, "no judgements"),
        ("# only a comment\n", "no header"),
    ],
)
def test_bad_files_name_the_line_and_the_fix(text, message):
    with pytest.raises(SpecError, match=message):
        read_elicitation(text, SPACE)


def test_a_spreadsheet_export_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "judgements.csv"
    path.write_text(HEADER + "A,t,1,2,3\n", encoding="utf-8-sig")
    assert read_elicitation(path, SPACE).parameters == ("t",)


def test_unread_parameters_are_never_sampled():
    assert used_parameters(DILEMMA) == ("t", "r")
    # cross-check by perturbation: a parameter is reported iff moving it moves a payoff
    base = SPACE.defaults()
    for p in SPACE:
        moved = not np.allclose(DILEMMA.payoff_array(base), DILEMMA.payoff_array(base.replace(**{p.name: p.high})))
        assert moved == (p.name in used_parameters(DILEMMA)), p.name
    e = read_elicitation(HEADER + "A,t,4,5,6\nA,unused,0,1,2\n", SPACE)
    result = stress_elicited(DILEMMA, e, 500, rng=0)
    assert result.sampled == ("t",)
    assert result.ignored == ("unused",)


def test_idlib_stage_reads_exactly_the_parameters_that_move_its_payoffs():
    from games.idlib import CASES

    case = CASES["stage"]
    game = case.build.__self__
    base = case.values()
    used = set(used_parameters(case))
    for p in case.space:
        other = p.high if p.high != base[p.name] else p.low
        moved = not np.allclose(game.payoff_array(base), game.payoff_array(base.replace(**{p.name: other})))
        assert moved == (p.name in used), p.name


def test_point_judgements_reproduce_the_solved_regime():
    # t = 3.5 > r = 3: a prisoner's dilemma, (D, D) the only equilibrium; t = 2.5 < 3: coordination
    sure = read_elicitation(HEADER + "A,t,3.5,3.5,3.5\nB,t,3.5,3.5,3.5\n", SPACE)
    res = stress_elicited(DILEMMA, sure, 300, rng=0)
    assert list(res.frame["frequency"]) == [1.0]
    split = read_elicitation(HEADER + "A,t,3.5,3.5,3.5\nB,t,2.5,2.5,2.5\n", SPACE)
    res = stress_elicited(DILEMMA, split, 4000, rng=0)
    assert len(res.frame) == 2
    for row in res.frame.itertuples():
        assert row.ci_low <= 0.5 <= row.ci_high


def test_cli_stress_with_elicitation(capsys, tmp_path):
    assert (
        main(["stress", "idlib.stage", "--elicitation", str(EXAMPLE), "--samples", "200", "--seed", "1", "--json"]) == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["samples"] == 200
    assert sum(r["frequency"] for r in out["regimes"]) == pytest.approx(1.0)
    assert out["elicitation"]["ignored"] == ["us_alignment_value"]
    assert "hts_threat" in out["elicitation"]["sampled"]
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "P1,hts_threat,7,4,9\n")
    assert main(["stress", "idlib.stage", "--elicitation", str(bad)]) != 0
    err = capsys.readouterr().err
    assert "line 2" in err
    assert "Traceback" not in err
