"""Seminar exercises with answers computed by the library (notebooks 70 and 71).

Each exercise ``n`` has a solution function in :data:`SOLUTIONS` that *computes* the
correct answer with ``strategy`` (no answer is typed in), and :func:`check` compares a
student's answer with it:

* ``None`` or ``...`` -> ``"not answered yet"``;
* a right answer -> ``"correct"``;
* a wrong one -> :class:`AssertionError` with a hint.

Matching rules: labels compare exactly (case and surrounding blanks ignored), profiles are
tuples of labels in player order (a mapping player -> label is accepted too), exact
fractions compare exactly (``Fraction(3, 8)``; a float that equals it exactly, such as
``0.375``, passes), and floats must lie within :data:`FLOAT_TOL` of the answer, relative to
``max(1, |answer|)``: three decimals, as the library prints them.

========  ==========================================================================
exercise  answer
========  ==========================================================================
1         the profile that survives iterated strict dominance (tuple of labels)
2         P(Inspector plays Inspect) in the inspection game (exact fraction)
3         which shift flips Idlib's stage game to (Squeeze, Arm): a label
4         I*, the US inducement that flips Turkey in Game 2b, 2019 (float)
5         the SPE path of the Sochi tree, 2018 (tuple of action labels)
6         the kind of PBE of Game 4 at prior 0.5, 2019 (label)
7         the Nash bargaining agreement x of Game 5, 2019 (float)
8         Russia's critical discount factor for (Restrain, Hold) under grim trigger (float)
9         the goodwill value above which Russia restrains, 2019 (float)
10        the stability margin of the 2019 equilibrium (Squeeze, Arm) (float)
========  ==========================================================================
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from strategy import NormalFormGame, backward_induction, eliminate_dominated, get_case, solve
from strategy.bargaining import nash_bargaining
from strategy.repeated import grim_trigger
from strategy.sensitivity import find_thresholds, stability_margin

__all__ = [
    "FLOAT_TOL",
    "HINTS",
    "SOLUTIONS",
    "check",
    "critical_discount",
    "dominance_game",
    "dominance_survivor",
    "inspection_game",
    "inspection_probability",
    "nash_bargaining_split",
    "pbe_kind",
    "required_inducement",
    "sochi_spe_path",
    "stability_margin_2019",
    "tipping_goodwill",
    "what_changed",
]

FLOAT_TOL = 1e-3
"""Tolerance for float answers, relative to ``max(1, |correct answer|)``."""

SHIFTS = ("goodwill", "hts", "both", "neither")
"""The possible answers of exercise 3."""


def dominance_game() -> NormalFormGame:
    """Exercise 1's game (Gibbons 1992, fig. 1.1.1)."""
    return NormalFormGame.from_bimatrix(
        [[1, 1, 0], [0, 0, 2]],
        [[0, 2, 1], [3, 1, 0]],
        players=("Row", "Column"),
        actions=(("Up", "Down"), ("Left", "Middle", "Right")),
        title="Iterated strict dominance (Gibbons 1992, fig. 1.1.1)",
    )


def dominance_survivor() -> tuple[str, ...]:
    """Exercise 1: the single profile left by iterated elimination of strictly dominated actions."""
    game = dominance_game()
    surviving = eliminate_dominated(game).surviving
    if not all(len(surviving[p.name]) == 1 for p in game.players):
        raise AssertionError(f"the game is not dominance solvable: {surviving}")
    return tuple(surviving[p.name][0] for p in game.players)


def inspection_game() -> NormalFormGame:
    """Exercise 2's game: an inspector and an agency that may cheat on an agreement."""
    return NormalFormGame.from_bimatrix(
        [[-1, 2], [0, -4]],
        [[0, -5], [0, 3]],
        players=("Inspector", "Agency"),
        actions=(("Inspect", "Trust"), ("Comply", "Cheat")),
        title="Inspection game",
    )


def inspection_probability() -> Fraction:
    """Exercise 2: the probability of Inspect in the unique (mixed) equilibrium, exact."""
    (eq,) = solve(inspection_game())
    return Fraction(eq["Inspector"]["Inspect"])


def _pure_profiles(game: Any) -> set[tuple[str, ...]]:
    out = set()
    for eq in solve(game):
        support = [[a for a, p in eq[name].items() if p > 0] for name in game.player_names]
        if all(len(s) == 1 for s in support):
            out.add(tuple(s[0] for s in support))
    return out


def what_changed() -> str:
    """Exercise 3: which shift from 2018 to 2019 is needed for (Squeeze, Arm): ``goodwill``,
    ``hts``, ``both`` or ``neither`` (the fewest shifts that produce it)."""
    case = get_case("idlib.stage")
    then = case.values("sochi_2018")
    now = case.values("offensive_2019")
    moves = {
        "neither": {},
        "goodwill": {"goodwill_value": now["goodwill_value"]},
        "hts": {"hts_threat": now["hts_threat"]},
        "both": {"goodwill_value": now["goodwill_value"], "hts_threat": now["hts_threat"]},
    }
    for label, override in moves.items():
        game = case.game(None, {**{k: then[k] for k in ("goodwill_value", "hts_threat")}, **override})
        if _pure_profiles(game) == {("Squeeze", "Arm")}:
            return label
    raise AssertionError("no combination of the two shifts gives (Squeeze, Arm)")


def required_inducement(scenario: str = "offensive_2019") -> float:
    """Exercise 4: I*, Turkey's payoff from keeping the S-400 minus its payoff from switching
    to the Patriot, each with Russia's subgame-perfect reply, when the US offers nothing (2b)."""
    tree = get_case("idlib.inducement").game(scenario)
    spe = backward_induction(tree)
    if spe.count != 1:
        raise AssertionError("Russia's reply is not unique here, so I* is set-valued")
    turkey = tree.player_names.index("Turkey")

    def value(choice: str) -> float:
        reply = spe[0].choices[f"NoCarrot > {choice}"]
        return float(tree.leaf_payoffs(tree.index_of(("NoCarrot", choice, reply)))[turkey])

    return value("KeepS400") - value("Patriot")


def sochi_spe_path(scenario: str = "sochi_2018") -> tuple[str, ...]:
    """Exercise 5: the actions on the path of the (unique) SPE of the Sochi tree."""
    spe = backward_induction(get_case("idlib.sochi").game(scenario))
    if spe.count != 1:
        raise AssertionError(f"the SPE is not unique here ({spe.count})")
    return tuple(action for _, action in spe[0].path())


def pbe_kind(prior: float = 0.5, scenario: str = "offensive_2019") -> str:
    """Exercise 6: the classification of the unique PBE of Game 4 at `prior`."""
    result = solve(get_case("idlib.types").game(scenario, {"prior_unwilling": prior}))
    kinds = {eq.profile.classification for eq in result}
    if len(kinds) != 1:
        raise AssertionError(f"several kinds of PBE at this prior: {sorted(kinds)}")
    return kinds.pop()


def nash_bargaining_split(scenario: str = "offensive_2019") -> float:
    """Exercise 7: the Nash bargaining agreement x over the buffer zone (Game 5)."""
    problem = get_case("idlib.bargaining").game(scenario)
    return float(nash_bargaining(problem.issue, problem.disagreement, problem.power).agreement)


def critical_discount(scenario: str = "offensive_2019") -> float:
    """Exercise 8: Russia's critical discount factor for (Restrain, Hold) under grim trigger,
    reverting to the stage equilibrium."""
    game = get_case("idlib.stage").game(scenario)
    (eq,) = solve(game)
    return float(grim_trigger(game, ("Restrain", "Hold"), eq.profile).critical["Russia"])


def tipping_goodwill(scenario: str = "offensive_2019") -> float:
    """Exercise 9: the goodwill value from which (Restrain, Hold) is the equilibrium (others fixed)."""
    found = find_thresholds(get_case("idlib.stage"), "goodwill_value", 0.0, 4.0, scenario=scenario)
    restraint = [t.value for t in found if t.to_regime == "Russia=Restrain, Turkey=Hold"]
    if len(restraint) != 1:
        raise AssertionError(f"expected one switch to restraint, found {found}")
    return restraint[0]


def stability_margin_2019() -> float:
    """Exercise 10: the smallest uniform payoff change that breaks (Squeeze, Arm) in 2019."""
    game = get_case("idlib.stage").game("offensive_2019")
    return float(stability_margin(game, {"Russia": "Squeeze", "Turkey": "Arm"}))


SOLUTIONS: Mapping[int, Callable[[], Any]] = {
    1: dominance_survivor,
    2: inspection_probability,
    3: what_changed,
    4: required_inducement,
    5: sochi_spe_path,
    6: pbe_kind,
    7: nash_bargaining_split,
    8: critical_discount,
    9: tipping_goodwill,
    10: stability_margin_2019,
}
"""Exercise number -> function computing its answer."""

HINTS: Mapping[int, str] = {
    1: "remove one strictly dominated action at a time; eliminate_dominated(game).explain() shows the rounds",
    2: "the inspector mixes so that the agency is indifferent between Comply and Cheat",
    3: "solve the stage game with goodwill_value and hts_threat set to 2018 or 2019 values, one at a time",
    4: "solve the tree after NoCarrot by backward induction; compare Turkey's payoffs after KeepS400 and Patriot",
    5: "backward_induction(tree)[0].path(); check what Russia prefers after Deal > Stall",
    6: "solve the signalling game at prior_unwilling = 0.5 and read each PBE's classification",
    7: "nash_bargaining(problem.issue, problem.disagreement, problem.power).agreement",
    8: "delta* = (T - R) / (T - P): temptation, reward, punishment payoffs of Russia",
    9: "find_thresholds over goodwill_value; take the switch into Russia=Restrain, Turkey=Hold",
    10: "half the smallest best-reply gap at (Squeeze, Arm)",
}
"""Exercise number -> hint shown with a wrong answer."""


def _labels(answer: Any, n: int) -> tuple[str, ...] | None:
    if isinstance(answer, Mapping):
        answer = tuple(answer.values())
    if isinstance(answer, str) or not isinstance(answer, tuple | list) or len(answer) != n:
        return None
    if not all(isinstance(a, str) for a in answer):
        return None
    return tuple(a.strip() for a in answer)


def _matches(answer: Any, correct: Any) -> tuple[bool, str]:
    """Whether `answer` matches `correct`, and what form was expected."""
    if isinstance(correct, tuple):
        return _labels(answer, len(correct)) == correct, f"a tuple of {len(correct)} action labels"
    if isinstance(correct, str):
        ok = isinstance(answer, str) and answer.strip().casefold() == correct.casefold()
        return ok, "a label (a string)"
    if isinstance(correct, Fraction):
        ok = isinstance(answer, int | float | Fraction) and not isinstance(answer, bool) and answer == correct
        return ok, "an exact fraction, e.g. Fraction(1, 3)"
    if not isinstance(answer, int | float | Fraction) or isinstance(answer, bool):
        return False, "a number"
    ok = math.isfinite(float(answer)) and abs(float(answer) - correct) <= FLOAT_TOL * max(1.0, abs(correct))
    return ok, f"a number (within {FLOAT_TOL:g} relative)"


def check(number: int, answer: Any) -> str:
    """Check the answer to exercise `number`.

    Returns ``"not answered yet"`` for ``None`` or ``...`` and ``"correct"`` for a right
    answer; raises :class:`AssertionError` with a hint for a wrong one.

    Examples
    --------
    >>> check(2, None)
    'not answered yet'
    >>> check(2, Fraction(3, 8))
    'correct'
    """
    if number not in SOLUTIONS:
        raise KeyError(f"there is no exercise {number}; the exercises are {sorted(SOLUTIONS)}")
    if answer is None or answer is Ellipsis:
        return "not answered yet"
    ok, form = _matches(answer, SOLUTIONS[number]())
    if not ok:
        raise AssertionError(f"exercise {number}: {answer!r} is not right (expected {form}). Hint: {HINTS[number]}")
    return "correct"
