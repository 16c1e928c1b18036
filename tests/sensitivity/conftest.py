"""Shared parametric games for the sensitivity tests (derived by hand in each docstring)."""

from __future__ import annotations

import pytest

from strategy.sensitivity.parameters import Parameter, ParameterSpace
from strategy.sensitivity.parametric import ParametricGame


@pytest.fixture
def dilemma() -> ParametricGame:
    """Row/Col with C,C=(3,3), C,D=(0,t), D,C=(t,0), D,D=(1,1).

    D is a strict best reply to C iff t > 3 and to D always (1 > 0): for t > 3 the only
    equilibrium is (D, D); for t < 3 (C, C) and (D, D) are strict and there is a mixed one.
    """
    space = ParameterSpace((Parameter("t", 5.0, 0.0, 8.0), Parameter("noise", 0.0, 0.0, 1.0)))
    return ParametricGame(
        (("Row", ("C", "D")), ("Col", ("C", "D"))),
        lambda p: {("C", "C"): (3, 3), ("C", "D"): (0, p.t), ("D", "C"): (p.t, 0), ("D", "D"): (1, 1)},
        space,
    )


@pytest.fixture
def switch() -> ParametricGame:
    """Row chooses A iff x < 0.3, else B; Col has a dominant L. Regime A iff x < 0.3.

    Row's payoffs: A -> 0.3, B -> x (whatever Col does); Col: L -> 1, R -> 0.
    """
    space = ParameterSpace(
        (Parameter("x", 0.5, 0.0, 1.0), Parameter("y", 0.5, 0.0, 1.0), Parameter("z", 0.5, 0.0, 1.0))
    )
    return ParametricGame(
        (("Row", ("A", "B")), ("Col", ("L", "R"))),
        lambda p: {("A", "L"): (0.3, 1), ("A", "R"): (0.3, 0), ("B", "L"): (p.x, 1), ("B", "R"): (p.x, 0 * p.y * p.z)},
        space,
    )


@pytest.fixture
def ladder() -> ParametricGame:
    """3x3 with two thresholds in c on [0, 10].

    Col has a dominant action M (payoff 1 vs 0). Against M, Row gets Low=2, Mid=c - 2,
    High=2c - 9: Mid beats Low iff c > 4, High beats Mid iff c > 7 (and then Low too).
    So Row=Low for c < 4, Row=Mid for 4 < c < 7, Row=High for c > 7.
    """
    space = ParameterSpace((Parameter("c", 5.0, 0.0, 10.0),))
    rows, cols = ("Low", "Mid", "High"), ("L", "M", "R")

    def payoffs(p):
        own = {"Low": 2.0, "Mid": p.c - 2, "High": 2 * p.c - 9}
        return {(r, k): (own[r], 1.0 if k == "M" else 0.0) for r in rows for k in cols}

    return ParametricGame((("Row", rows), ("Col", cols)), payoffs, space)
