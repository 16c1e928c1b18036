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

import html
from dataclasses import dataclass
from typing import Any

import numpy as np

from games.idlib import stage
from games.idlib.case import idlib_case
from strategy import InvalidGameError, Values, solve
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

    def _rows(self) -> list[tuple[str, str, str]]:
        low, high = self.issue.low, self.issue.high
        at_low, at_high = self.issue.payoffs(low), self.issue.payoffs(high)
        rows = [
            (f"utility with no land handed over (x = {_num(low)})", _num(at_low["Russia"]), _num(at_low["Turkey"])),
            (
                f"utility with the whole belt handed over (x = {_num(high)})",
                _num(at_high["Russia"]),
                _num(at_high["Turkey"]),
            ),
            (
                "no agreement (the Game 1 equilibrium)",
                _num(self.disagreement["Russia"]),
                _num(self.disagreement["Turkey"]),
            ),
            (
                "outside option (Russia: all-out assault; Turkey: turn West)",
                _num(self.outside_russia),
                _num(self.outside_turkey),
            ),
            ("discount factor per round of offers", _num(self.discount["Russia"]), _num(self.discount["Turkey"])),
            ("bargaining weight (Nash solution)", _num(self.power), _num(1 - self.power)),
        ]
        return rows

    def to_text(self) -> str:
        """The problem as aligned lines (utilities are linear in the share x handed over)."""
        rows = self._rows()
        width = max(len(r[0]) for r in rows)
        lines = [f"{'':<{width}}  {'Russia':>7}  {'Turkey':>7}"]
        lines += [f"{a:<{width}}  {b:>7}  {c:>7}" for a, b, c in rows]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        body = "".join(f"<tr><td>{html.escape(a)}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in self._rows())
        return (
            "<table class='strategy-table'><tr><th>Game 5 at these values</th><th>Russia</th><th>Turkey</th></tr>"
            f"{body}</table><p>Utilities are linear in the share x of the belt handed over; the carrot on the table "
            f"is I = {_num(self.inducement)}.</p>"
        )


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

    def _rows(self) -> list[tuple[str, str, str, str]]:
        rows: list[tuple[str, float | None, Any]] = [
            ("Nash bargaining solution", self.nash.agreement, self.nash.payoffs)
        ]
        for name, outcome in (
            ("Rubinstein, Russia proposes first", self.russia_first),
            ("Rubinstein, Turkey proposes first", self.turkey_first),
            ("Rubinstein with both outside options", self.with_outside),
        ):
            rows.append((name, outcome.agreement if outcome.deal else None, outcome.payoffs))
        return [
            (name, "no deal" if x is None else _num(x), _num(pay["Russia"]), _num(pay["Turkey"]))
            for name, x, pay in rows
        ]

    def _repr_html_(self) -> str:
        lo, hi = self.nash.range
        body = "".join(
            f"<tr><td>{html.escape(a)}</td><td>{b}</td><td>{c}</td><td>{d}</td></tr>" for a, b, c, d in self._rows()
        )
        return (
            "<table class='strategy-table'><tr><th>solution</th><th>share x handed over</th><th>u(Russia)</th>"
            f"<th>u(Turkey)</th></tr>{body}</table>"
            f"<p>Both prefer any x from {_num(lo)} to {_num(hi)} to no agreement. Turkey's exit to the West binds "
            f"once a US carrot exceeds {_num(self.outside_binds_above)} (outside-option principle; "
            f"{_num(self.split_difference_above)} if the sides split the difference).</p>"
        )

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


def _num(x: Any) -> str:
    """Three significant digits, the precision the model supports."""
    return f"{float(x):.3g}"


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


CASE = idlib_case(
    "bargaining",
    "Idlib Game 5: bargaining over the buffer zone (Nash, Rubinstein, outside options)",
    build,
    description=__doc__,
    solve=solve_problem,
)
