"""Seminar exercises with answers computed by the library (notebooks 70, 71, 10, 40 and 50).

Each exercise ``n`` has a solution function in :data:`SOLUTIONS` that *computes* the
correct answer with ``strategy`` (no answer is typed in), and :func:`check` reads a
student's answer and returns a :class:`~games.feedback.Feedback`: a verdict in a sentence,
why a wrong answer is wrong (worked out from the game: a profitable deviation, an
indifference that fails, the equilibrium at the student's value), and a hint on request
(``check(n, answer).hint()``). A wrong answer, or one in the wrong form, never raises.
How answers are read (labels, profiles, numbers, tolerance) is in :mod:`games.feedback`.

========  ==========================================================================
exercise  what the answer is
========  ==========================================================================
1         the profile that survives iterated strict dominance (labels in player order)
2         P(Inspector plays Inspect) in the inspection game (an exact fraction)
3         which shift flips Idlib's stage game to (Squeeze, Arm): a label
4         I*, the US inducement that flips Turkey in Game 2b, 2019 (a number)
5         the SPE path of the Sochi tree, 2018 (action labels in the order played)
6         the kind of PBE of Game 4 at prior 0.5, 2019 (a label)
7         the Nash bargaining agreement x of Game 5, 2019 (a number)
8         Russia's critical discount factor for (Restrain, Hold) under grim trigger (a number)
9         the goodwill value above which Russia restrains, 2019 (a number)
10        the stability margin of the 2019 equilibrium (Squeeze, Arm) (a number)
11        the HTS threat at which Russia switches from Squeeze to AllOut, 2019 (notebook 10)
12        the squeeze scale below which Turkey stops arming, 2019 (notebook 10)
13        the kind of PBE of Game 4 when the unable type's crackdown is costly (notebook 40)
14        P(weak type drinks beer) in beer-quiche with P(strong) = 1/3 (notebook 40)
15        Turkey's discount factor equating Rubinstein and Nash, 2019 (notebook 50)
16        the shortest stick-and-carrot punishment sustaining restraint, 2018 (notebook 50)
========  ==========================================================================
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from games.feedback import FLOAT_TOL, Feedback, Unreadable, read_label, read_labels, read_number, same_number
from strategy import NormalFormGame, StrategyError, backward_induction, eliminate_dominated, get_case, solve
from strategy.bargaining import nash_bargaining
from strategy.repeated import grim_trigger
from strategy.sensitivity import find_thresholds, stability_margin

__all__ = [
    "EXERCISES",
    "FLOAT_TOL",
    "HINTS",
    "SOLUTIONS",
    "Exercise",
    "Feedback",
    "allout_threat",
    "arming_scale",
    "beer_quiche",
    "check",
    "costly_crackdown_kind",
    "critical_discount",
    "dominance_game",
    "dominance_survivor",
    "inspection_game",
    "inspection_probability",
    "nash_bargaining_split",
    "pbe_kind",
    "required_inducement",
    "restart_length",
    "shift_outcomes",
    "sochi_spe_path",
    "stability_margin_2019",
    "tipping_goodwill",
    "turkey_patience",
    "turkey_values",
    "weak_beer_probability",
    "what_changed",
]

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


def shift_outcomes() -> dict[str, set[tuple[str, ...]]]:
    """Exercise 3's four variants: each shift label -> the pure equilibria of the stage game
    with 2018 values except the shifted parameters, which take their 2019 values."""
    case = get_case("idlib.stage")
    then = case.values("sochi_2018")
    now = case.values("offensive_2019")
    moves: dict[str, dict[str, Any]] = {
        "neither": {},
        "goodwill": {"goodwill_value": now["goodwill_value"]},
        "hts": {"hts_threat": now["hts_threat"]},
        "both": {"goodwill_value": now["goodwill_value"], "hts_threat": now["hts_threat"]},
    }
    base = {k: then[k] for k in ("goodwill_value", "hts_threat")}
    return {label: _pure_profiles(case.game(None, {**base, **override})) for label, override in moves.items()}


def what_changed() -> str:
    """Exercise 3: which shift from 2018 to 2019 is needed for (Squeeze, Arm): ``goodwill``,
    ``hts``, ``both`` or ``neither`` (the fewest shifts that produce it)."""
    for label, profiles in shift_outcomes().items():
        if profiles == {("Squeeze", "Arm")}:
            return label
    raise AssertionError("no combination of the two shifts gives (Squeeze, Arm)")


def turkey_values(scenario: str = "offensive_2019") -> dict[str, float]:
    """Exercise 4's ingredients: Turkey's payoff after ``NoCarrot`` from keeping the S-400 and
    from switching to the Patriot, each followed by Russia's subgame-perfect reply."""
    tree = get_case("idlib.inducement").game(scenario)
    spe = backward_induction(tree)
    if spe.count != 1:
        raise AssertionError("Russia's reply is not unique here, so I* is set-valued")
    turkey = tree.player_names.index("Turkey")
    out = {}
    for choice in ("KeepS400", "Patriot"):
        reply = spe[0].choices[f"NoCarrot > {choice}"]
        out[choice] = float(tree.leaf_payoffs(tree.index_of(("NoCarrot", choice, reply)))[turkey])
    return out


def required_inducement(scenario: str = "offensive_2019") -> float:
    """Exercise 4: I*, Turkey's payoff from keeping the S-400 minus its payoff from switching
    to the Patriot, each with Russia's subgame-perfect reply, when the US offers nothing (2b)."""
    values = turkey_values(scenario)
    return values["KeepS400"] - values["Patriot"]


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


def allout_threat(scenario: str = "offensive_2019") -> float:
    """Exercise 11 (notebook 10): the HTS threat at which Russia's reply to Arm switches from
    Squeeze to AllOut (others fixed)."""
    found = find_thresholds(get_case("idlib.stage"), "hts_threat", 1.0, 12.0, scenario=scenario, grid=1101)
    switches = [t for t in found if "AllOut" in t.to_regime and t.from_regime == "Russia=Squeeze, Turkey=Arm"]
    if len(switches) != 1:
        raise AssertionError(f"expected one switch to AllOut, found {found}")
    return switches[0].value


def arming_scale(scenario: str = "offensive_2019") -> float:
    """Exercise 12 (notebook 10): the squeeze scale lambda below which Turkey holds instead of
    arming (others fixed)."""
    found = find_thresholds(get_case("idlib.stage"), "limited_scale", 0.15, 0.5, scenario=scenario)
    switches = [t for t in found if t.to_regime == "Russia=Squeeze, Turkey=Arm"]
    if len(switches) != 1 or switches[0].from_regime != "Russia=Squeeze, Turkey=Hold":
        raise AssertionError(f"expected one switch from holding to arming, found {found}")
    return switches[0].value


def costly_crackdown_kind(scenario: str = "offensive_2019") -> str:
    """Exercise 13 (notebook 40): the kind of the unique PBE of Game 4 at prior_unwilling = 0.5 when the
    unable type's crackdown costs 7."""
    result = solve(get_case("idlib.types").game(scenario, {"prior_unwilling": 0.5, "crackdown_cost_unable": 7}))
    kinds = {eq.profile.classification for eq in result}
    if len(result) != 1:
        raise AssertionError(f"expected a unique PBE, found {sorted(kinds)}")
    return kinds.pop()


def beer_quiche(prior_strong: Any = Fraction(9, 10)) -> Any:
    """Beer-quiche (Cho & Kreps 1987): the sender likes the breakfast of its type (+1) and
    avoiding a duel (+2); the receiver wins (+1) by duelling the weak type and sparing the strong."""
    from strategy.forms.bayesian import SignallingGame

    types = ("strong", "weak")
    return SignallingGame.from_table(
        types,
        (prior_strong, 1 - prior_strong),
        ("beer", "quiche"),
        ("duel", "not"),
        {
            (t, m, a): (int((t == "strong") == (m == "beer")) + 2 * (a == "not"), int((a == "duel") == (t == "weak")))
            for t in types
            for m in ("beer", "quiche")
            for a in ("duel", "not")
        },
        sender="Sender",
        receiver="Receiver",
        title="Beer-quiche",
    )


def weak_beer_probability() -> Fraction:
    """Exercise 14 (notebook 40): in beer-quiche with P(strong) = 1/3, the probability that
    the weak type drinks beer in the unique PBE."""
    result = solve(beer_quiche(Fraction(1, 3)))
    if len(result) != 1:
        raise AssertionError(f"expected a unique PBE, found {len(result)}")
    return Fraction(result[0].profile.sender["weak"].get("beer", 0))


def _rubinstein_gap(delta_turkey: float) -> float:
    case = get_case("idlib.bargaining")
    if case.solve is None:
        raise AssertionError("the bargaining case has no solver of its own")
    report = case.solve(case.game("offensive_2019", {"delta_turkey": delta_turkey}))
    return float(report.russia_first.agreement - report.nash.agreement)


def turkey_patience() -> float:
    """Exercise 15 (notebook 50): the delta_T at which the 2019 Rubinstein agreement with
    Russia proposing first equals the Nash bargaining solution."""
    from scipy.optimize import brentq

    return float(brentq(_rubinstein_gap, 0.81, 0.99, xtol=1e-12))


def _restart_code(k: int) -> Any:
    from games.idlib import repeated
    from strategy.repeated import stick_and_carrot

    stage = get_case("idlib.repeated").game("sochi_2018")
    return stick_and_carrot(stage, repeated.REGIMES["as written"], repeated.PUNISHMENT, k)


def restart_length() -> int:
    """Exercise 16 (notebook 50): the smallest punishment length k for which stick and carrot
    (restart code) sustains restraint in 2018 with both discount factors 0.8."""
    patience = {"Russia": 0.8, "Turkey": 0.8}
    for k in range(1, 21):
        if _restart_code(k).sustainable(patience):
            return k
    raise AssertionError("no punishment length up to 20 works")


# ---------------------------------------------------------------------------- reading and coaching

Reader = Callable[[Any], Any]
Judge = Callable[[Any, Any], bool]
Explain = Callable[[Any, Any], str]


@dataclass(frozen=True)
class Exercise:
    """How exercise `number` is answered: `asks` (the form, in words), `solve` (computes
    the answer), `read` (normalises an answer or raises :class:`~games.feedback.Unreadable`),
    `same` (compares a read answer with the correct one), `why` (the reason a read wrong
    answer is wrong, from the game) and `hint`."""

    number: int
    asks: str
    solve: Callable[[], Any]
    read: Reader
    same: Judge
    why: Explain
    hint: str


def _fmt(value: Any) -> str:
    if isinstance(value, Fraction):
        return str(value)
    return f"{float(value):.4g}"


def _direction(value: Any, correct: Any) -> str:
    read, _decimal = value
    return f"{_fmt(read)} is too {'high' if float(read) > float(correct) else 'low'}"


def _deviation(game: NormalFormGame, profile: tuple[str, ...]) -> str:
    """The best gain from a unilateral deviation at a pure profile, in a sentence."""
    labels = dict(zip(game.player_names, profile, strict=True))
    mixed = game.profile(labels)
    regrets = mixed.regrets()
    player = max(game.player_names, key=lambda name: regrets[name])
    if regrets[player] <= 0:
        return "nobody gains by deviating from it, but it is not the profile that survives elimination"
    values = mixed.action_values(player)
    better = max(values, key=lambda a: values[a])
    return (
        f"{player} would rather play {better} against this: it pays {_fmt(values[better])} "
        f"instead of {_fmt(values[labels[player]])}"
    )


def _read_profile(answer: Any) -> tuple[str, ...]:
    game = dominance_game()
    return read_labels(answer, [(p.name, p.actions) for p in game.players], "a profile")


def _why_inspection(answer: Any, correct: Any) -> str:
    p = Fraction(answer[0]) if isinstance(answer[0], Fraction) else answer[0]
    game = inspection_game()
    if not 0 <= p <= 1:
        return f"{_fmt(p)} is not a probability"
    agency = game.values[1]
    comply = p * agency[0, 0] + (1 - p) * agency[1, 0]
    cheat = p * agency[0, 1] + (1 - p) * agency[1, 1]
    rather = "Cheat" if cheat > comply else "Comply"
    return (
        f"if the Inspector inspects with probability {_fmt(p)}, the Agency is not indifferent: Comply pays "
        f"{_fmt(comply)} and Cheat pays {_fmt(cheat)}, so it would play {rather} for sure instead of mixing"
    )


def _why_shift(answer: str, correct: str) -> str:
    profiles = shift_outcomes()[answer]
    shown = " and ".join(f"({', '.join(p)})" for p in sorted(profiles)) or "not pure"
    which = {"neither": "with no shift", "goodwill": "with the goodwill shift alone", "hts": "with the HTS shift alone"}
    return f"{which.get(answer, 'with both shifts')} the equilibrium is {shown}, not (Squeeze, Arm)"


def _why_inducement(answer: Any, correct: Any) -> str:
    offer = float(answer[0])
    values = turkey_values()
    switch = values["Patriot"] + offer
    side = "keeping the S-400 still pays more" if values["KeepS400"] > switch else "switching already pays more"
    return (
        f"with a carrot of {_fmt(offer)} Turkey is not indifferent: keeping the S-400 pays {_fmt(values['KeepS400'])}, "
        f"the Patriot plus the carrot pays {_fmt(switch)} ({side})"
    )


def _read_path(answer: Any) -> tuple[str, ...]:
    tree = get_case("idlib.sochi").game("sochi_2018")
    actions = sorted({a for path in tree.paths for a in path})
    if isinstance(answer, str):
        answer = [part for part in answer.strip().strip("()[]").replace(">", ",").split(",") if part.strip()]
    if isinstance(answer, Mapping) or not isinstance(answer, list | tuple):
        raise Unreadable(f"a path is a tuple of action labels in the order they are played; got {answer!r}")
    labels = tuple(read_label(a, actions, "an action of the Sochi tree") for a in answer)
    if labels not in set(tree.paths) or tree.children[tree.index_of(labels)]:
        raise Unreadable(
            f"{' > '.join(labels) or 'the empty path'} is not a path from the root to an end of the Sochi tree"
        )
    return labels


def _why_path(answer: tuple[str, ...], correct: tuple[str, ...]) -> str:
    tree = get_case("idlib.sochi").game("sochi_2018")
    (profile,) = backward_induction(tree)
    k = next((i for i, (a, b) in enumerate(zip(answer, correct, strict=False)) if a != b), None)
    if k is None:  # pragma: no cover - both are root-to-end paths, so one cannot extend the other
        return "the path stops too early or goes on too long"
    history = " > ".join(answer[:k]) or "root"
    mover = [player for player, _ in profile.path()][k]
    index = tree.player_names.index(mover)

    def follow(action: str) -> Any:
        path = [*answer[:k], action]
        while " > ".join(path) in profile.choices and profile.choices[" > ".join(path)] is not None:
            path.append(profile.choices[" > ".join(path)])
        return tree.leaf_payoffs(tree.index_of(tuple(path)))[index]

    where = "at the start" if k == 0 else f"after {' > '.join(answer[:k])}"
    theirs, best = follow(answer[k]), follow(profile.choices[history])
    return (
        f"{where}, {mover} would not play {answer[k]}: with the subgame-perfect play that follows it pays "
        f"{_fmt(theirs)}, and another action pays {_fmt(best)}"
    )


def _kinds() -> list[str]:
    messages = get_case("idlib.types").game("offensive_2019").messages
    return ["separating", *(f"pooling on {m}" for m in messages), "partially pooling", "semi-separating"]


def _why_kind(answer: str, correct: str) -> str:
    (equilibrium,) = solve(get_case("idlib.types").game("offensive_2019", {"prior_unwilling": 0.5}))
    sender = equilibrium.profile.sender
    mixing = [t for t, d in sender.items() if sum(1 for p in d.values() if p > 0) > 1]
    sent = {t: next(m for m, p in d.items() if p > 0) for t, d in sender.items()}
    if mixing:
        return f"in the PBE at prior 0.5 {' and '.join(mixing)} mixes between messages"
    if len(set(sent.values())) == len(sent):
        return "in the PBE at prior 0.5 no type mixes and no two types send the same message"
    if len(set(sent.values())) == 1:
        return f"in the PBE at prior 0.5 every type sends {next(iter(sent.values()))}"
    return "in the PBE at prior 0.5 some types, not all, send the same message"


def _kind_reason(sender: Mapping[str, Mapping[str, Any]], where: str) -> str:
    mixing = [t for t, d in sender.items() if sum(1 for p in d.values() if p > 0) > 1]
    sent = {t: next(m for m, p in d.items() if p > 0) for t, d in sender.items()}
    if mixing:
        return f"in the PBE {where} {' and '.join(mixing)} mixes between messages"
    if len(set(sent.values())) == len(sent):
        return f"in the PBE {where} no type mixes and no two types send the same message"
    if len(set(sent.values())) == 1:
        return f"in the PBE {where} every type sends {next(iter(sent.values()))}"
    return f"in the PBE {where} some types, not all, send the same message"


def _why_costly_kind(answer: str, correct: str) -> str:
    game = get_case("idlib.types").game("offensive_2019", {"prior_unwilling": 0.5, "crackdown_cost_unable": 7})
    (equilibrium,) = solve(game)
    return _kind_reason(equilibrium.profile.sender, "with a crackdown cost of 7")


def _why_weak_beer(answer: Any, correct: Any) -> str:
    p = answer[0]
    if not 0 <= p <= 1:
        return f"{_fmt(p)} is not a probability"
    game = beer_quiche(Fraction(1, 3))
    strong, weak = (Fraction(game.prior[game.types.index(t)]) for t in ("strong", "weak"))
    if p == 0:
        return "if the weak type never drinks beer, beer reveals the strong type and the weak type would copy it"
    belief = Fraction(strong) / (Fraction(strong) + Fraction(weak) * Fraction(p))
    r = game.receiver_payoffs  # [type, message, action]
    beer, duel, spare = game.messages.index("beer"), game.actions.index("duel"), game.actions.index("not")
    values = {
        a: belief * Fraction(r[0, beer, k]) + (1 - belief) * Fraction(r[1, beer, k])
        for a, k in (("duel", duel), ("not", spare))
    }
    rather = max(values, key=lambda a: values[a])
    return (
        f"then the Receiver believes the beer drinker is strong with probability {_fmt(belief)}: duelling pays "
        f"{_fmt(values['duel'])} and not duelling {_fmt(values['not'])}, so it would {'' if rather == 'duel' else 'not '}"
        "duel for sure, and the weak type would not be willing to mix"
    )


def _why_patience(answer: Any, correct: Any) -> str:
    delta = float(answer[0])
    if not 0 < delta < 1:
        return f"{_fmt(delta)} is not a discount factor (it lies in (0, 1))"
    gap = _rubinstein_gap(delta)
    side = "above" if gap > 0 else "below"
    return (
        f"at delta_T = {_fmt(delta)} Russia's first-proposer agreement lies {_fmt(abs(gap))} {side} the Nash "
        f"solution, so {_direction(answer, correct)}"
    )


def _why_restart(answer: Any, correct: Any) -> str:
    k = answer[0]
    if Fraction(k).denominator != 1 or k < 1:
        return f"{_fmt(k)} is not a number of punishment rounds (a whole number from 1)"
    code = _restart_code(int(k))
    critical = ", ".join(f"{p} {_fmt(v)}" for p, v in code.critical.items())
    works = code.sustainable({"Russia": 0.8, "Turkey": 0.8})
    verdict = "it works, but a shorter one works too" if works else "it does not work at 0.8"
    return f"with k = {int(k)} the critical discount factors are {critical}: {verdict}"


def _why_goodwill(answer: Any, correct: Any) -> str:
    value = float(answer[0])
    profiles = _pure_profiles(get_case("idlib.stage").game("offensive_2019", {"goodwill_value": value}))
    shown = " and ".join(f"({', '.join(p)})" for p in sorted(profiles)) or "mixed"
    return f"{_direction(answer, correct)}: at goodwill_value = {_fmt(value)} the pure equilibrium is {shown}"


def _why_split(answer: Any, correct: Any) -> str:
    x = float(answer[0])
    problem = get_case("idlib.bargaining").game("offensive_2019")
    d, power = problem.disagreement, float(problem.power)
    if not problem.issue.low <= x <= problem.issue.high:
        return f"x is a share of the belt, between {_fmt(problem.issue.low)} and {_fmt(problem.issue.high)}"

    def product(z: float) -> float:
        u = problem.issue.payoffs(z)
        gains = (float(u["Russia"] - d["Russia"]), float(u["Turkey"] - d["Turkey"]))
        return gains[0] ** power * gains[1] ** (1 - power) if min(gains) > 0 else float("-inf")

    here = product(x)
    if here == float("-inf"):
        return f"at x = {_fmt(x)} one side gets no more than at disagreement, so it would not agree"
    step = 1e-4
    rises = "rises" if product(x + step) > here else "falls"
    return f"at x = {_fmt(x)} the Nash product is {_fmt(here)} and it {rises} as x grows, so it is not at its maximum"


def _why_margin(answer: Any, correct: Any) -> str:
    margin = float(answer[0])
    game = get_case("idlib.stage").game("offensive_2019")
    u = {
        (r, t, who): float(game.payoff({"Russia": r, "Turkey": t})[who])
        for r, t in game.pure_profiles()
        for who in game.player_names
    }
    gaps = {
        "Russia": u["Squeeze", "Arm", "Russia"] - max(u[r, "Arm", "Russia"] for r in ("Restrain", "AllOut")),
        "Turkey": u["Squeeze", "Arm", "Turkey"] - max(u["Squeeze", t, "Turkey"] for t in ("Disarm", "Hold")),
    }
    thinner = min(gaps, key=lambda p: gaps[p])
    if 2 * margin >= gaps[thinner]:
        return (
            f"{_direction(answer, correct)}: payoff errors of {_fmt(margin)} can move two payoffs {_fmt(2 * margin)} "
            f"closer, enough to erase {thinner}'s best-reply gap at (Squeeze, Arm)"
        )
    return (
        f"{_direction(answer, correct)}: payoff errors of {_fmt(margin)} leave every best-reply gap at (Squeeze, Arm) "
        "standing, so a larger error is still survived"
    )


def _why_discount(answer: Any, correct: Any) -> str:
    delta = float(answer[0])
    if not 0 <= delta < 1:
        return f"{_fmt(delta)} is not a discount factor (it lies in [0, 1))"
    u = {
        (r, t): float(get_case("idlib.stage").game("offensive_2019").payoff({"Russia": r, "Turkey": t})["Russia"])
        for r, t in (("Restrain", "Hold"), ("Squeeze", "Hold"), ("Squeeze", "Arm"))
    }
    keep = u["Restrain", "Hold"] / (1 - delta)
    deviate = u["Squeeze", "Hold"] + delta * u["Squeeze", "Arm"] / (1 - delta)
    verdict = "restraint already holds there" if keep >= deviate else "Russia still gains by deviating there"
    return (
        f"at delta = {_fmt(delta)} restraint is worth {_fmt(keep)} to Russia and squeezing once, then the stage "
        f"equilibrium for ever, {_fmt(deviate)}: {verdict}, so {_direction(answer, correct)}"
    )


def _why_threat(answer: Any, correct: Any) -> str:
    value = float(answer[0])
    game = get_case("idlib.stage").game("offensive_2019", {"hts_threat": value})
    pay = {a: float(game.payoff({"Russia": a, "Turkey": "Arm"})["Russia"]) for a in ("Squeeze", "AllOut")}
    better = max(pay, key=lambda a: pay[a])
    return (
        f"{_direction(answer, correct)}: at hts_threat = {_fmt(value)} Russia's reply to Arm is {better} "
        f"(Squeeze pays {_fmt(pay['Squeeze'])}, AllOut {_fmt(pay['AllOut'])})"
    )


def _why_scale(answer: Any, correct: Any) -> str:
    value = float(answer[0])
    try:
        game = get_case("idlib.stage").game("offensive_2019", {"limited_scale": value})
    except StrategyError as err:
        return f"{_fmt(value)} is not a possible squeeze scale: {err}"
    pay = {a: float(game.payoff({"Russia": "Squeeze", "Turkey": a})["Turkey"]) for a in ("Hold", "Arm")}
    better = max(pay, key=lambda a: pay[a])
    return (
        f"{_direction(answer, correct)}: at limited_scale = {_fmt(value)} Turkey's reply to a squeeze is {better} "
        f"(Hold pays {_fmt(pay['Hold'])}, Arm {_fmt(pay['Arm'])})"
    )


def _number_exercise(number: int, asks: str, solve_: Callable[[], Any], why: Explain, hint: str) -> Exercise:
    return Exercise(number, asks, solve_, read_number, lambda a, c: same_number(a[0], a[1], c), why, hint)


def _label_exercise(
    number: int, asks: str, solve_: Callable[[], Any], known: Callable[[], list[str]], why: Explain, hint: str
) -> Exercise:
    return Exercise(number, asks, solve_, lambda a: read_label(a, known(), "a choice"), lambda a, c: a == c, why, hint)


EXERCISES: Mapping[int, Exercise] = {
    e.number: e
    for e in (
        Exercise(
            1,
            "the surviving profile: one action per player, in the order Row, Column",
            dominance_survivor,
            _read_profile,
            lambda a, c: a == c,
            lambda a, c: _deviation(dominance_game(), a),
            "remove one strictly dominated action at a time; eliminate_dominated(game).explain() shows the rounds",
        ),
        _number_exercise(
            2,
            "a probability, exact (a Fraction such as Fraction(1, 3), or text such as '1/3')",
            inspection_probability,
            _why_inspection,
            "the inspector mixes so that the agency is indifferent between Comply and Cheat",
        ),
        _label_exercise(
            3,
            "one of 'goodwill', 'hts', 'both', 'neither'",
            what_changed,
            lambda: list(SHIFTS),
            _why_shift,
            "solve the stage game with goodwill_value and hts_threat set to 2018 or 2019 values, one at a time",
        ),
        _number_exercise(
            4,
            "a number",
            required_inducement,
            _why_inducement,
            "solve the tree after NoCarrot by backward induction; compare Turkey's payoffs after KeepS400 and Patriot",
        ),
        Exercise(
            5,
            "the actions on the path, in the order they are played",
            sochi_spe_path,
            _read_path,
            lambda a, c: a == c,
            _why_path,
            "solve the last decisions first: backward_induction(tree)[0].path() lists the actions on the path",
        ),
        _label_exercise(
            6,
            "the kind of equilibrium, e.g. 'separating' or 'pooling on Stall'",
            pbe_kind,
            _kinds,
            _why_kind,
            "solve the signalling game at prior_unwilling = 0.5 and read each PBE's classification",
        ),
        _number_exercise(
            7,
            "a number",
            nash_bargaining_split,
            _why_split,
            "nash_bargaining(problem.issue, problem.disagreement, problem.power).agreement",
        ),
        _number_exercise(
            8,
            "a number between 0 and 1",
            critical_discount,
            _why_discount,
            "delta* = (T - R) / (T - P): temptation, reward, punishment payoffs of Russia",
        ),
        _number_exercise(
            9,
            "a number",
            tipping_goodwill,
            _why_goodwill,
            "find_thresholds over goodwill_value; take the switch into Russia=Restrain, Turkey=Hold",
        ),
        _number_exercise(
            10,
            "a number",
            stability_margin_2019,
            _why_margin,
            "half the smallest best-reply gap at (Squeeze, Arm)",
        ),
        _number_exercise(
            11,
            "a number",
            allout_threat,
            _why_threat,
            "find_thresholds(case, 'hts_threat', 1, 12) and take the switch into a regime with AllOut",
        ),
        _label_exercise(
            13,
            "the kind of equilibrium, e.g. 'separating' or 'pooling on Crackdown'",
            costly_crackdown_kind,
            _kinds,
            _why_costly_kind,
            "solve Game 4 with overrides prior_unwilling = 0.5 and crackdown_cost_unable = 7; compare the unable type's payoffs",
        ),
        _number_exercise(
            14,
            "a probability, exact (a Fraction such as Fraction(1, 3), or text such as '1/3')",
            weak_beer_probability,
            _why_weak_beer,
            "in a mixed PBE the Receiver must be indifferent after beer; its belief follows from Bayes' rule",
        ),
        _number_exercise(
            15,
            "a number between 0 and 1",
            turkey_patience,
            _why_patience,
            "scipy.optimize.brentq on the gap between the Rubinstein agreement (Russia first) and the Nash solution",
        ),
        _number_exercise(
            16,
            "a whole number of rounds",
            restart_length,
            _why_restart,
            "stick_and_carrot(stage, REGIMES['as written'], PUNISHMENT, k).sustainable for k = 1, 2, ...",
        ),
        _number_exercise(
            12,
            "a number",
            arming_scale,
            _why_scale,
            "find_thresholds(case, 'limited_scale', 0.15, 0.5); Turkey arms when the squeeze is heavy enough",
        ),
    )
}
"""Exercise number -> how it is answered, solved, compared and explained."""

SOLUTIONS: Mapping[int, Callable[[], Any]] = {n: e.solve for n, e in EXERCISES.items()}
"""Exercise number -> function computing its answer."""

HINTS: Mapping[int, str] = {n: e.hint for n, e in EXERCISES.items()}
"""Exercise number -> hint, shown on request (``check(n, answer).hint()``)."""


@functools.cache
def _correct(number: int) -> Any:
    """The computed answer of exercise `number`, once per session (answers are immutable)."""
    return EXERCISES[number].solve()


def check(number: int, answer: Any) -> Feedback:
    """Check the answer to exercise `number`; return a :class:`~games.feedback.Feedback`.

    The feedback says whether the answer is right in a sentence; for a wrong answer it says
    why where the game can tell, and ``.hint()`` adds the exercise's hint. ``None`` or
    ``...`` means not answered yet. Nothing here raises for a wrong answer or a wrong form.

    Examples
    --------
    >>> print(check(2, None))
    Exercise 2: not answered yet.
    >>> check(2, "three eighths").verdict
    'unreadable'
    """
    exercise = EXERCISES.get(number) if isinstance(number, int) and not isinstance(number, bool) else None
    if exercise is None:
        known = f"{min(EXERCISES)} to {max(EXERCISES)}"
        return Feedback(
            number,
            "unreadable",
            f"there is no exercise {number!r}; the exercises are {known}.",
        )
    if answer is None or answer is Ellipsis:
        return Feedback(number, "unanswered", "not answered yet.", hint_text=exercise.hint)
    try:
        read = exercise.read(answer)
    except Unreadable as err:
        return Feedback(
            number,
            "unreadable",
            f"the answer should be {exercise.asks}: {str(err).rstrip('.?')}{'?' if str(err).endswith('?') else '.'}",
            hint_text=exercise.hint,
        )
    correct = _correct(number)
    if exercise.same(read, correct):
        return Feedback(number, "correct", "correct.")
    return Feedback(number, "wrong", "not right yet.", reason=exercise.why(read, correct), hint_text=exercise.hint)
