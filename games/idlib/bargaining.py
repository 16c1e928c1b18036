"""Game 5: bargaining over the buffer zone, "Sochi 2.0" (case model section 8).

The agreement x in [0, 1] is the share of the contested belt handed to regime control
or cleared of HTS, in exchange for Russia halting the offensive:

.. math::

    u_R(x) = V + G - h (1 - x) + g x, \\qquad u_T(x) = \\pi_T - \\tau (1 - x) - (\\Phi + \\eta F) x

The disagreement point is the Game 1 equilibrium (solved here with :func:`strategy.solve`,
not copied). Turkey's outside option is to turn West: Game 1's (AllOut, Arm) payoff plus
the weapons gap reversed plus the carrot, w_T(I) = U_T(AllOut, Arm) + v_P + v_N - k_sw - v_S + I.

The model is a bargaining problem, not a normal form: :func:`build` returns a
:class:`BargainingProblem`, and the case's ``solve`` returns a :class:`BargainingReport`
(Nash solution, Rubinstein with either first proposer, and with Turkey's outside option).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from games.idlib import stage
from games.idlib.params import SPACE
from games.idlib.scenarios import DEFAULT_SCENARIO, SCENARIOS
from strategy import Case, InvalidGameError, Values, solve
from strategy.bargaining import BargainingSolution, Issue, RubinsteinOutcome, nash_bargaining, rubinstein

__all__ = ["CASE", "BargainingProblem", "BargainingReport", "build", "solve_problem"]


@dataclass(frozen=True)
class BargainingProblem:
    """Everything Game 5 needs at one parameter point."""

    issue: Issue
    disagreement: dict[str, float]
    discount: dict[str, float]
    power: float
    outside_turkey_base: float
    outside_russia: float
    inducement: float

    @property
    def outside_turkey(self) -> float:
        """w_T(I) at the problem's inducement."""
        return self.outside_turkey_base + self.inducement


@dataclass(frozen=True)
class BargainingReport:
    """Solutions of Game 5 at one parameter point."""

    problem: BargainingProblem
    nash: BargainingSolution
    russia_first: RubinsteinOutcome
    turkey_first: RubinsteinOutcome
    with_outside: RubinsteinOutcome
    outside_binds_above: float
    split_difference_above: float

    def to_text(self) -> str:
        """A readable summary for the terminal."""
        lo, hi = self.nash.range
        return "\n".join(
            [
                (
                    f"bargaining range x in [{lo:.4f}, {hi:.4f}] (clipped to [{self.nash.clipped_range[0]:.4f}, "
                    f"{self.nash.clipped_range[1]:.4f}]), disagreement {self.problem.disagreement}"
                ),
                f"Nash bargaining solution: x = {self.nash.agreement:.4f}, payoffs "
                + ", ".join(f"{k} {v:.4f}" for k, v in self.nash.payoffs.items()),
                (
                    f"Rubinstein: x = {self.russia_first.agreement:.4f} (Russia first), {self.turkey_first.agreement:.4f} "
                    "(Turkey first)"
                ),
                (
                    f"Turkey's outside option binds for I > {self.outside_binds_above:.4f} (outside-option principle); "
                    f"split-the-difference from I > {self.split_difference_above:.4f}"
                ),
            ]
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "nash": self.nash.to_dict(),
            "rubinstein_russia_first": self.russia_first.to_dict(),
            "rubinstein_turkey_first": self.turkey_first.to_dict(),
            "with_outside": self.with_outside.to_dict(),
            "outside_binds_above": self.outside_binds_above,
            "split_difference_above": self.split_difference_above,
        }


def _scalar(x: Any) -> float:
    return float(np.asarray(x))


def build(p: Values) -> BargainingProblem:
    """The bargaining problem at scalar values; the disagreement point solves Game 1."""
    a_r = _scalar(p.nato_rift_value + p.goodwill_value - p.hts_threat)
    b_r = _scalar(p.hts_threat + p.idlib_gain)
    a_t = _scalar(p.partnership_value - p.hts_cost_turkey)
    b_t = _scalar(p.fall_cost + p.negotiated_displacement * p.refugee_cost - p.hts_cost_turkey)
    issue = Issue.linear(("Russia", "Turkey"), (a_r, a_t), (b_r, b_t))
    stage_game = stage.GAME.game(p)
    result = solve(stage_game)
    if len(result.equilibria) != 1:
        raise InvalidGameError(
            f"Game 5 needs a unique Game 1 equilibrium as its disagreement point; found "
            f"{len(result.equilibria)} at these values"
        )
    pay = result.equilibria[0].payoffs
    d = {"Russia": float(pay["Russia"]), "Turkey": float(pay["Turkey"])}
    allout_arm = stage_game.payoffs[:, 2, 2]
    base = float(allout_arm[1]) + _scalar(p.patriot_value + p.nato_compat_value - p.switch_cost - p.s400_value)
    return BargainingProblem(
        issue,
        d,
        {"Russia": _scalar(p.delta_russia), "Turkey": _scalar(p.delta_turkey)},
        _scalar(p.bargaining_power_russia),
        base,
        float(allout_arm[0]),
        _scalar(p.us_inducement),
    )


def solve_problem(problem: BargainingProblem) -> BargainingReport:
    """Nash solution, Rubinstein (both orders), and Rubinstein with both outside options."""
    nash = nash_bargaining(problem.issue, problem.disagreement, problem.power)
    first = rubinstein(problem.issue, problem.disagreement, problem.discount, first="Russia")
    second = rubinstein(problem.issue, problem.disagreement, problem.discount, first="Turkey")
    outside = {"Turkey": problem.outside_turkey, "Russia": problem.outside_russia}
    with_outside = rubinstein(problem.issue, problem.disagreement, problem.discount, first="Russia", outside=outside)
    # Turkey's option binds once it beats Turkey's Rubinstein payoff as responder (Russia first);
    # under split-the-difference it matters once it beats the disagreement payoff.
    binds = first.payoffs["Turkey"] - problem.outside_turkey_base
    split = problem.disagreement["Turkey"] - problem.outside_turkey_base
    return BargainingReport(problem, nash, first, second, with_outside, binds, split)


CASE = Case(
    name="bargaining",
    title="Idlib Game 5: bargaining over the buffer zone (Nash, Rubinstein, outside options)",
    build=build,
    space=SPACE,
    scenarios=SCENARIOS,
    default_scenario=DEFAULT_SCENARIO,
    description=__doc__ or "",
    solve=solve_problem,
)
