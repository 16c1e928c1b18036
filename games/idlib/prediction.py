"""Prediction against the record: what each game's equilibrium says the parties do.

For every scenario of ``SCENARIOS`` with an entry in :data:`games.idlib.record.RECORD` and
every case recorded there, :func:`record_table` solves the case, reads off each player's
on-path actions, compares them with the record and, for a miss, searches for the smallest
single-parameter change that reproduces the record: the regime boundaries of every
parameter are found by :func:`strategy.sensitivity.find_thresholds` over the parameter's
registered range, and the nearest boundary beyond which the prediction matches the record
is reported. For the repeated game the boundary is the critical discount factor itself
(:func:`strategy.repeated.grim_trigger`).

Predictions are sets of labels per player: a player who mixes, or whose move differs
across equilibria or types, gets all the actions it may take on the path; a prediction
*agrees* with the record when every equilibrium gives each recorded player exactly the
recorded moves, and *partly* when some equilibria do.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from games.idlib import CASES, SCENARIOS
from games.idlib.record import RECORD
from strategy import Values
from strategy.errors import UnsupportedGameError
from strategy.forms.bayesian import SignallingGame
from strategy.forms.extensive import ExtensiveFormGame, Terminal
from strategy.forms.normal import NormalFormGame

__all__ = ["Change", "Prediction", "Row", "fingerprint", "parameters_in", "predict", "record_table"]

Prediction = tuple[Mapping[str, str], ...]
"""One mapping player -> on-path moves (``", "``-joined, alternatives by ``" or "``) per equilibrium."""


@dataclass(frozen=True)
class Change:
    """The smallest single-parameter change found that makes the prediction match the record."""

    parameter: str
    value: float
    threshold: float
    low: float
    high: float

    @property
    def direction(self) -> str:
        """``"above"`` or ``"below"``: where the parameter must go, seen from its scenario value."""
        return "above" if self.threshold > self.value else "below"

    @property
    def relative(self) -> float:
        """The change as a share of the parameter's registered range."""
        return abs(self.threshold - self.value) / (self.high - self.low)

    def to_dict(self) -> dict[str, Any]:
        """JSON form (full precision)."""
        return {
            "parameter": self.parameter,
            "value": self.value,
            "threshold": self.threshold,
            "direction": self.direction,
            "range": [self.low, self.high],
        }


@dataclass(frozen=True)
class Row:
    """One case in one scenario: the record, the prediction, and the verdict."""

    scenario: str
    case: str
    record: Mapping[str, str]
    predicted: Prediction
    verdict: str
    change: Change | None = None
    note: str = field(default="")

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "scenario": self.scenario,
            "case": self.case,
            "record": dict(self.record),
            "predicted": [dict(p) for p in self.predicted],
            "verdict": self.verdict,
            "change": self.change.to_dict() if self.change else None,
            "note": self.note,
        }


def fingerprint(game: Any) -> np.ndarray:
    """Every payoff (and prior) of `game` as one float vector: equal vectors, equal games."""
    if isinstance(game, NormalFormGame):
        return np.asarray(game.payoffs, float).reshape(-1)
    if isinstance(game, ExtensiveFormGame):
        leaves = [k for k, node in enumerate(game.nodes) if isinstance(node, Terminal)]
        return np.concatenate([np.asarray(game.leaf_payoffs(k), float) for k in leaves])
    if isinstance(game, SignallingGame):
        parts = (game.prior, game.sender_payoffs, game.receiver_payoffs)
        return np.concatenate([np.asarray(p, float).reshape(-1) for p in parts])
    return np.asarray([], float)


def parameters_in(case_name: str, scenario: str | None = None) -> tuple[str, ...]:
    """The parameters that enter the case's game: moving one to either end of its range changes a payoff."""
    case = CASES[case_name]
    values = case.values(scenario)
    base = fingerprint(case.build(values))
    used = []
    for p in case.space:
        for end in (p.low, p.high):
            if not np.allclose(fingerprint(case.build(values.replace(**{p.name: end}))), base, rtol=0, atol=1e-12):
                used.append(p.name)
                break
    if case_name == "repeated":
        used += ["delta_russia", "delta_turkey"]
    return tuple(used)


def _join(moves: list[str]) -> str:
    return ", ".join(moves)


def _normal_form(result: Any) -> Prediction:
    out = []
    for eq in result:
        support = eq.profile.support()
        out.append({p: " or ".join(a) for p, a in support.items()})
    return tuple(out)


def _tree(result: Any) -> Prediction:
    out = []
    for eq in result:
        moves: dict[str, list[str]] = {}
        for player, action in eq.profile.path():
            moves.setdefault(player, []).append(action)
        out.append({p: _join(m) for p, m in moves.items()})
    return tuple(out)


def _signalling(result: Any) -> Prediction:
    out = []
    for eq in result:
        pbe = eq.profile
        game = pbe.game
        sent = [m for m in game.messages if any(d.get(m, 0) > 0 for d in pbe.sender.values())]
        replies = [a for a in game.actions if any(pbe.receiver[m].get(a, 0) > 0 for m in sent)]
        out.append({game.sender: " or ".join(sent), game.receiver: " or ".join(replies)})
    return tuple(out)


def _repeated(report: Any, values: Values) -> Prediction:
    """The first cooperative regime both players are patient enough for, else the stage equilibrium."""
    delta = {"Russia": float(values.delta_russia), "Turkey": float(values.delta_turkey)}
    for code in report.grim.values():
        if code.sustainable(delta):
            return (dict(zip(("Russia", "Turkey"), code.cooperative, strict=True)),)
    support = report.stage_equilibrium.support()
    return ({p: " or ".join(a) for p, a in support.items()},)


def predict(case_name: str, values: Values) -> Prediction:
    """Each equilibrium's on-path moves per player for the case at `values`."""
    case = CASES[case_name]
    game = case.build(values)
    result = case.solve(game) if case.solve is not None else None
    if case_name == "repeated":
        return _repeated(result, values)
    if isinstance(game, SignallingGame):
        from strategy.solvers.signalling.enumeration import perfect_bayesian_equilibria

        return _signalling(perfect_bayesian_equilibria(game))
    if isinstance(game, ExtensiveFormGame):
        return _tree(result if result is not None else _spe(game))
    from strategy import solve

    return _normal_form(result if result is not None else solve(game))


def _spe(game: ExtensiveFormGame) -> Any:
    from strategy.solvers.trees.sequential import solve_tree

    return solve_tree(game, concept="spe")


def verdict(record: Mapping[str, str], predicted: Prediction) -> str:
    """``"agree"``, ``"partly"`` (some equilibria agree) or ``"miss"``."""
    hits = [all(p.get(who) == what for who, what in record.items()) for p in predicted]
    if hits and all(hits):
        return "agree"
    return "partly" if any(hits) else "miss"


def smallest_change(case_name: str, scenario: str, record: Mapping[str, str]) -> Change | None:
    """The nearest regime boundary of one parameter beyond which the prediction agrees with `record`.

    Distances are compared as shares of each parameter's registered range; only boundaries
    inside the range are considered. Games that are solved point by point (trees,
    signalling games) are searched only along parameters at one of whose range ends the
    prediction already agrees with the record (a region of agreement strictly inside the
    range, with disagreement at both ends, is then missed).
    """
    from strategy.sensitivity import find_thresholds

    case = CASES[case_name]
    values = case.values(scenario)
    if case_name == "repeated":
        return _patience_change(values, record)
    batched = isinstance(case.build(values), NormalFormGame)
    grid = 201 if batched else 41
    best: Change | None = None
    for name in parameters_in(case_name, scenario):
        p = case.space[name]
        x0 = float(values[name])
        if not batched and not any(
            verdict(record, predict(case_name, values.replace(**{name: end}))) == "agree" for end in (p.low, p.high)
        ):
            continue  # games solved point by point: search only where an end of the range reproduces the record
        try:
            found = sorted(
                t.value
                for t in find_thresholds(
                    case, name, p.low, p.high, scenario=scenario, grid=grid, tol=1e-7 if batched else 1e-5
                )
            )
        except UnsupportedGameError:  # imperfect-information trees: no batched regime labels
            return None
        edges = [p.low, *found, p.high]
        for k, t in enumerate(found, start=1):
            above = t > x0
            beyond = (t + edges[k + 1]) / 2 if above else (edges[k - 1] + t) / 2
            change = Change(name, x0, t, p.low, p.high)
            if best is not None and change.relative >= best.relative:
                continue
            if verdict(record, predict(case_name, values.replace(**{name: beyond}))) == "agree":
                best = change
    return best


def _patience_change(values: Values, record: Mapping[str, str]) -> Change | None:
    """Game 6: the critical discount factor (of some code) below which the prediction matches the record."""
    from games.idlib import repeated

    report = repeated.analyse(CASES["repeated"].build(values))
    space = CASES["repeated"].space
    best: Change | None = None
    for player, name in (("Russia", "delta_russia"), ("Turkey", "delta_turkey")):
        p = space[name]
        x0 = float(values[name])
        for code in report.grim.values():
            c = code.critical.get(player, math.nan)
            if not (p.low < c < x0):
                continue
            change = Change(name, x0, float(c), p.low, p.high)
            if best is not None and change.relative >= best.relative:
                continue
            if verdict(record, _repeated(report, values.replace(**{name: c - 1e-6}))) == "agree":
                best = change
    return best


def record_table(*, search: bool = True) -> tuple[Row, ...]:
    """Every recorded case in every scenario that has a record, in SCENARIOS then CASES order.

    Computed once per process for the module's SCENARIOS and RECORD (they are fixed data).
    """
    return _record_table(search, tuple(SCENARIOS), id(RECORD))


@functools.lru_cache(maxsize=4)
def _record_table(search: bool, scenarios: tuple[str, ...], record_id: int) -> tuple[Row, ...]:
    del scenarios, record_id  # cache keys only
    rows = []
    for scenario in SCENARIOS:
        recorded = RECORD.get(scenario)
        if not recorded:
            continue
        for case_name in CASES:
            if case_name not in recorded:
                continue
            record = recorded[case_name]
            values = CASES[case_name].values(scenario)
            predicted = predict(case_name, values)
            outcome = verdict(record, predicted)
            change = smallest_change(case_name, scenario, record) if search and outcome != "agree" else None
            rows.append(Row(scenario, case_name, record, predicted, outcome, change))
    return tuple(rows)
