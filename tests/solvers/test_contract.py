"""The contract every registered method keeps, checked over a shared zoo of games.

For each record of :data:`strategy.solvers.registry.METHODS` and each zoo game the method
accepts (its forms and player range):

* the result is a :class:`SolveResult` whose ``method`` is the registry key and whose
  profiles implement :class:`~strategy.forms.profiles.Profile` (a tree solved
  on its reduced normal form reports ``normal_form/<key>``; subgame perfection by a
  sequence-form method reports the ``subgames`` it ran);
* every equilibrium's certificate is confirmed by a check written here, independently of
  the solvers and of the profiles' own ``max_regret``: deviation gains recomputed from the
  payoff arrays (mixed profiles), by brute force over the deviator's pure plans (trees),
  from Bayes' rule and best replies (signalling games), or from the obedience constraints
  (correlated equilibria);
* a result that says it is exhaustive contains every equilibrium of the reference
  (pygambit's ``enummixed_solve`` in rationals for two players, the known answer
  otherwise), as an equilibrium or as an extreme point of one of its components.

A new method is covered by adding its record: :func:`test_a_new_record_is_solved_listed_and_covered`
adds a toy one.
"""

from __future__ import annotations

import itertools
import sys
import types
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pytest

from strategy.forms.bayesian import SignallingGame
from strategy.forms.extensive import Chance, ExtensiveFormGame, Terminal, decide, leaf
from strategy.forms.normal import NormalFormGame
from strategy.forms.profiles import Profile
from strategy.io import read_game
from strategy.solvers import registry
from strategy.solvers.concepts import Concept, Guarantee
from strategy.solvers.dispatch import solve
from strategy.solvers.result import SolveResult

DATA = Path(__file__).resolve().parents[1] / "data"
TOL = 1e-6
F = Fraction


def _bimatrix(a: Any, b: Any, actions: Any = None) -> NormalFormGame:
    return NormalFormGame.from_bimatrix(a, b, actions=actions)


_PLAYERS = (("P1", ("a", "b")), ("P2", ("a", "b")), ("P3", ("L", "R")))


def _three_with_bos() -> NormalFormGame:
    # Player 3 strictly prefers L whatever the others do; players 1 and 2 then play the battle
    # of the sexes, whose three equilibria are the game's only ones.
    bos = [[(2, 1), (0, 0)], [(0, 0), (1, 2)]]
    payoffs = np.zeros((3, 2, 2, 2), dtype=object)
    for i, j, k in itertools.product(range(2), repeat=3):
        payoffs[0, i, j, k], payoffs[1, i, j, k] = bos[i][j]
        payoffs[2, i, j, k] = 1 if k == 0 else 0
    return NormalFormGame(_PLAYERS, payoffs.tolist())


def _three_with_a_continuum() -> NormalFormGame:
    # Player 3 is indifferent everywhere; players 1 and 2 coordinate on (0, 0) or (1, 1) and
    # get nothing off the diagonal: every mix of player 3 completes each pure coordination.
    payoffs = np.zeros((3, 2, 2, 2), dtype=object)
    for i, j, k in itertools.product(range(2), repeat=3):
        match = 1 if i == j else 0
        payoffs[0, i, j, k] = payoffs[1, i, j, k] = match * (1 + k)
        payoffs[2, i, j, k] = 1
    return NormalFormGame(_PLAYERS, payoffs.tolist())


def _entry_with_a_tie() -> ExtensiveFormGame:
    return ExtensiveFormGame(
        ("E", "I"),
        decide("E", Out=leaf(E=0, I=2), In=decide("I", Fight=leaf(E=-1, I=1), Accommodate=leaf(E=1, I=1))),
    )


def _matching_pennies_tree() -> ExtensiveFormGame:
    # Imperfect information: the second mover does not see the first move.
    return ExtensiveFormGame(
        ("A", "B"),
        decide(
            "A",
            H=decide("B", infoset="b", h=leaf(A=1, B=-1), t=leaf(A=-1, B=1)),
            T=decide("B", infoset="b", h=leaf(A=-1, B=1), t=leaf(A=1, B=-1)),
        ),
    )


def _beer_quiche() -> SignallingGame:
    # Cho and Kreps (1987): types weak (0.1) and strong (0.9); Beer or Quiche; the receiver
    # duels or not. Sender: 1 for the preferred breakfast + 2 if no duel. Receiver: 1 for
    # dueling the weak, 1 for not dueling the strong.
    us, ur = [], []
    for t, message in itertools.product(("weak", "strong"), ("Beer", "Quiche")):
        preferred = (t == "weak") == (message == "Quiche")
        us.append([int(preferred) + 0, int(preferred) + 2])
        ur.append([1 if t == "weak" else 0, 0 if t == "weak" else 1])
    return SignallingGame(
        ("weak", "strong"),
        (F(1, 10), F(9, 10)),
        ("Beer", "Quiche"),
        ("Duel", "NoDuel"),
        np.array(us).reshape(2, 2, 2).tolist(),
        np.array(ur).reshape(2, 2, 2).tolist(),
    )


ZOO: dict[str, Any] = {
    "matching_pennies": lambda: _bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]),
    "battle_of_sexes": lambda: _bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]),
    "degenerate_continuum": lambda: _bimatrix([[1, 0], [0, 1]], [[1, 1], [1, 1]]),
    "degenerate_3x2": lambda: _bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]),
    "zero_sum_rps": lambda: _bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]]),
    "file_bos_nfg": lambda: read_game(DATA / "bos.nfg"),
    "file_three_player_nfg": lambda: read_game(DATA / "three_player.nfg"),
    "three_with_bos": _three_with_bos,
    "three_with_a_continuum": _three_with_a_continuum,
    "entry_with_a_tie": _entry_with_a_tie,
    "file_entry_efg": lambda: read_game(DATA / "entry.efg"),
    "pennies_tree": _matching_pennies_tree,
    "beer_quiche": _beer_quiche,
}
"""Name -> builder of a zoo game (built afresh for each test)."""

KNOWN: dict[str, Any] = {
    "three_with_bos": [
        [[1, 0], [1, 0], [1, 0]],
        [[0, 1], [0, 1], [1, 0]],
        [[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)], [1, 0]],
    ],
}
"""Zoo games of three or more players -> their equilibria (probability lists per player),
for exhaustive results; the two-player games' reference is exact enumeration."""

KNOWN_PBE = {"beer_quiche": {"pooling on Beer", "pooling on Quiche"}}
"""Signalling zoo games -> the kinds of their perfect Bayesian equilibria (Cho and Kreps 1987:
Beer-Quiche has pooling equilibria on either breakfast and no separating one)."""

OPTIONS: dict[str, dict[str, Any]] = {}
"""Method -> options that keep the suite fast (none needed today)."""


def _form(game: Any) -> str:
    if isinstance(game, ExtensiveFormGame):
        return "tree"
    if isinstance(game, SignallingGame):
        return "signalling"
    return "normal"


def _constant_sum(game: Any) -> bool:
    if isinstance(game, ExtensiveFormGame):
        totals = {sum(game.leaf_payoffs(k)) for k in range(game.n_nodes) if isinstance(game.nodes[k], Terminal)}
    else:
        totals = set(np.asarray(game.payoffs, dtype=float).sum(axis=0).ravel().tolist())
    return len(totals) == 1


def _accepts(record: registry.Method, game: Any) -> bool:
    form = _form(game)
    if record.constant_sum and (form == "signalling" or not _constant_sum(game)):
        return False
    if record.perfect_information and not (form == "tree" and game.is_perfect_information):
        return False
    if record.refusal(form, game.n_players) is None:
        return True
    # every normal-form method also solves a tree's reduced normal form (Nash)
    return form == "tree" and "normal" in record.forms and record.refusal("normal", game.n_players) is None


def _concept_for(record: registry.Method, game: Any) -> str | None:
    if _form(game) == "tree" and "tree" not in record.forms:
        return "nash"
    return None


# ------------------------------------------------------------------------ independent checks
def _normal_regret(game: NormalFormGame, probabilities: list[list[float]]) -> float:
    """Largest gain of a unilateral pure deviation, from the payoff arrays."""
    payoffs = [np.asarray(p, dtype=float) for p in game.payoffs]
    xs = [np.asarray(v, dtype=float) for v in probabilities]
    worst = 0.0
    for i, u in enumerate(payoffs):
        values = u
        for j in reversed(range(game.n_players)):
            if j != i:
                values = np.tensordot(values, xs[j], axes=([j], [0]))
        worst = max(worst, float(values.max() - values @ xs[i]))
    return worst


def _correlated_gain(game: NormalFormGame, distribution: np.ndarray, *, coarse: bool) -> float:
    """Largest gain from disobeying a recommendation (coarse: from not following it at all)."""
    payoffs = [np.asarray(p, dtype=float) for p in game.payoffs]
    worst = 0.0
    for i, u in enumerate(payoffs):
        moved = np.moveaxis(u, i, 0)
        dist = np.moveaxis(distribution, i, 0)
        if coarse:
            now = float((moved * dist).sum())
            best = max(float((moved[d][None, ...] * dist).sum()) for d in range(u.shape[i]))
            worst = max(worst, best - now)
            continue
        for a in range(u.shape[i]):
            now = float((moved[a] * dist[a]).sum())
            best = max(float((moved[d] * dist[a]).sum()) for d in range(u.shape[i]))
            worst = max(worst, best - now)
    return worst


def _tree_value(game: ExtensiveFormGame, plan: dict[str, dict[str, float]], start: int = 0) -> np.ndarray:
    """Expected payoffs from node `start` under a full behaviour plan (infoset -> distribution)."""
    node = game.nodes[start]
    if isinstance(node, Terminal):
        return np.array([float(v) for v in game.leaf_payoffs(start)])
    if isinstance(node, Chance):
        weights = {a: float(node.outcomes[a][0]) for a, _ in game.children[start]}
    else:
        weights = plan[game.infosets[game.node_infoset[start]].label]
    total = np.zeros(game.n_players)
    for action, child in game.children[start]:
        if weights.get(action, 0):
            total += weights[action] * _tree_value(game, plan, child)
    return total


def _tree_regret(game: ExtensiveFormGame, choices: Any, roots: tuple[int, ...]) -> float:
    """Largest gain of any pure deviation plan of one player, at each of `roots`."""
    plan: dict[str, dict[str, float]] = {}
    for info in game.infosets:
        c = choices[info.label]
        if c is None:  # unreachable by the owner's own plan: any choice will do
            c = info.actions[0]
        plan[info.label] = {c: 1.0} if isinstance(c, str) else {a: float(p) for a, p in c.items()}
    worst = 0.0
    for root in roots:
        base = _tree_value(game, plan, root)
        for i, player in enumerate(game.players):
            own = [info for info in game.infosets if info.player == player]
            for pure in itertools.product(*(info.actions for info in own)):
                deviation = dict(plan)
                deviation.update({info.label: {a: 1.0} for info, a in zip(own, pure, strict=True)})
                worst = max(worst, float(_tree_value(game, deviation, root)[i] - base[i]))
    return worst


def _best_reply_gap(values: list[float], mix: dict[str, Any], labels: tuple[str, ...]) -> float:
    played = sum(float(p) * values[labels.index(a)] for a, p in mix.items())
    return max(values) - played


def _pbe_regret(game: SignallingGame, pbe: Any) -> float:
    """Sender's and receiver's largest gain, with on-path beliefs recomputed by Bayes' rule and
    every vertex of each off-path belief set checked."""
    us = np.asarray(game.sender_payoffs, dtype=float)
    ur = np.asarray(game.receiver_payoffs, dtype=float)
    prior = [float(p) for p in game.prior]
    worst = 0.0
    for t, name in enumerate(game.types):
        values = [
            sum(float(p) * us[t, m, game.actions.index(a)] for a, p in pbe.receiver[msg].items())
            for m, msg in enumerate(game.messages)
        ]
        worst = max(worst, _best_reply_gap(values, pbe.sender[name], game.messages))
    for m, msg in enumerate(game.messages):
        mass = [prior[t] * float(pbe.sender[name].get(msg, 0)) for t, name in enumerate(game.types)]
        if sum(mass) > 0:
            beliefs = [[w / sum(mass) for w in mass]]
        else:
            beliefs = [[float(v[name]) for name in game.types] for v in pbe.off_path[msg].vertices]
        for belief in beliefs:
            values = [sum(belief[t] * ur[t, m, a] for t in range(len(game.types))) for a in range(len(game.actions))]
            worst = max(worst, _best_reply_gap(values, pbe.receiver[msg], game.actions))
    return worst


def independent_regret(game: Any, equilibrium: Any) -> float:
    """The certificate of `equilibrium`, recomputed without the solvers or the profile's own method."""
    profile = equilibrium.profile
    if isinstance(game, SignallingGame):
        return _pbe_regret(game, profile)
    if isinstance(game, ExtensiveFormGame) and hasattr(profile, "choices"):
        roots = game.subgame_roots() if equilibrium.concept == Concept.SUBGAME_PERFECT else (0,)
        return _tree_regret(game, profile.choices, tuple(roots))
    if equilibrium.concept in (Concept.CORRELATED, Concept.COARSE_CORRELATED):
        nf = profile.game
        dist = np.asarray(profile.as_floats(), dtype=float).reshape(nf.shape)
        return _correlated_gain(nf, dist, coarse=equilibrium.concept == Concept.COARSE_CORRELATED)
    return _normal_regret(profile.game, [list(map(float, v)) for v in profile.probabilities])


# ------------------------------------------------------------------------ completeness
def _same(x: list[list[Any]], y: list[list[Any]]) -> bool:
    return all(np.allclose(np.asarray(a, float), np.asarray(b, float), atol=TOL) for a, b in zip(x, y, strict=True))


def _covered(result: SolveResult, reference: list[list[Any]]) -> bool:
    """Whether `reference` is an equilibrium of `result` or an extreme point of one of its components."""
    game = result.game
    if any(_same([list(v) for v in e.profile.probabilities], reference) for e in result):
        return True
    for component in result.components:
        per_player = []
        for player, strategy in zip(game.players, reference, strict=True):
            extremes = component.extreme_strategies[player.name]
            per_player.append(
                any(
                    np.allclose([float(s.get(a, 0)) for a in player.actions], np.asarray(strategy, float), atol=TOL)
                    for s in extremes
                )
            )
        if all(per_player):
            return True
    return False


def _reference(name: str, game: Any) -> list[list[list[Any]]] | None:
    if name in KNOWN:
        return KNOWN[name]
    if isinstance(game, NormalFormGame) and game.n_players == 2:
        return _gambit_extreme_equilibria(game)
    return None


def _gambit_extreme_equilibria(game: NormalFormGame) -> list[list[list[Any]]]:
    """Every extreme equilibrium by pygambit's ``enummixed_solve`` in rationals (a test-only oracle)."""
    gbt = pytest.importorskip("pygambit")
    exact = game.as_exact().exact_payoffs
    arrays = [
        [[gbt.Rational(F(v).numerator, F(v).denominator) for v in row] for row in exact[i].tolist()] for i in (0, 1)
    ]
    theirs = gbt.Game.from_arrays(*arrays)
    out = []
    for eq in gbt.nash.enummixed_solve(theirs, rational=True).equilibria:
        out.append([[F(str(eq[s])) for s in player.strategies] for player in theirs.players])
    return out


# ------------------------------------------------------------------------ the contract
def check_contract(name: str, record: registry.Method, game: Any) -> SolveResult:
    """Solve `game` by `record` and assert the contract; return the result."""
    result = solve(game, method=record.name, concept=_concept_for(record, game), **OPTIONS.get(record.name, {}))
    assert isinstance(result, SolveResult), f"{record.name} on {name}: returned {type(result).__name__}"
    reported = result.method.removeprefix("normal_form/")
    if record.name == "sequence_form" and isinstance(game, ExtensiveFormGame) and reported == "subgames":
        reported = "sequence_form"  # subgame perfection with every subgame solved by the sequence form
    assert reported == record.name, f"{record.name} on {name}: result.method is {result.method!r}"
    for k, equilibrium in enumerate(result):
        assert isinstance(equilibrium.profile, Profile), f"{record.name} on {name}: {type(equilibrium.profile)}"
        assert "profile" in equilibrium.profile.to_dict() or "behavior" in equilibrium.profile.to_dict()
        regret = independent_regret(game, equilibrium)
        scale = max(1.0, float(np.max(np.abs(np.asarray(_payoff_scale(game), float)))))
        assert regret <= 1e-6 * scale, f"{record.name} on {name}: equilibrium {k} has regret {regret}"
        assert float(equilibrium.max_regret) <= 1e-6 * scale, f"{record.name} on {name}: certificate {k}"
    if result.exhaustive:
        assert record.guarantee in (Guarantee.ALL, Guarantee.ALL_EXTREME), (
            f"{record.name} on {name}: exhaustive result from a method registered as {record.guarantee}"
        )
        if name in KNOWN_PBE:
            assert {e.profile.classification for e in result} == KNOWN_PBE[name], f"{record.name} on {name}"
        reference = _reference(name, game)
        if reference is not None and isinstance(result.game, NormalFormGame):
            missing = [r for r in reference if not _covered(result, r)]
            assert not missing, f"{record.name} on {name}: says exhaustive but misses {missing}"
    return result


def _payoff_scale(game: Any) -> Any:
    if isinstance(game, SignallingGame):
        return [
            np.abs(np.asarray(game.sender_payoffs, float)).max(),
            np.abs(np.asarray(game.receiver_payoffs, float)).max(),
        ]
    if isinstance(game, ExtensiveFormGame):
        return [
            float(v) for k in range(game.n_nodes) if isinstance(game.nodes[k], Terminal) for v in game.leaf_payoffs(k)
        ]
    return [np.abs(np.asarray(p, float)).max() for p in game.payoffs]


CASES = [
    (method, name)
    for method, record in registry.METHODS.items()
    for name, build in ZOO.items()
    if _accepts(record, build())
]


@pytest.mark.parametrize(("method", "name"), CASES, ids=[f"{m}-{n}" for m, n in CASES])
def test_every_method_keeps_the_contract(method: str, name: str) -> None:
    check_contract(name, registry.METHODS[method], ZOO[name]())


def test_every_method_meets_the_zoo() -> None:
    covered = {method for method, _ in CASES}
    assert covered == set(registry.METHODS), f"methods no zoo game exercises: {set(registry.METHODS) - covered}"


def test_exhaustive_methods_find_the_continuum_components() -> None:
    # Column is indifferent: Row's pure strategies each extend to a segment of Column mixes.
    result = check_contract("degenerate_continuum", registry.METHODS["enumeration"], ZOO["degenerate_continuum"]())
    assert result.degenerate
    assert len(result.components) >= 2


def test_the_independent_checks_catch_a_false_equilibrium() -> None:
    # The checks this suite relies on are not vacuous: a non-equilibrium has positive regret.
    game = ZOO["battle_of_sexes"]()
    assert _normal_regret(game, [[1, 0], [0, 1]]) == pytest.approx(1.0)  # each would switch, gaining 1
    tree = _entry_with_a_tie()
    entry_then_fight = {i.label: ("In" if i.player == "E" else "Fight") for i in tree.infosets}
    assert _tree_regret(tree, entry_then_fight, (0,)) == pytest.approx(1.0)  # E would rather stay out
    dist = np.zeros((2, 2))
    dist[0, 1] = 1.0
    assert _correlated_gain(game, dist, coarse=False) > 0


# ------------------------------------------------------------------------ adding a method
def _toy(game: NormalFormGame, **options: Any) -> SolveResult:
    """A toy method: the pure equilibria, reported under its own name."""
    from dataclasses import replace

    return replace(solve(game, method="pure"), method="toy")


def test_a_new_record_is_solved_listed_and_covered(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    module = types.ModuleType("strategy_contract_toy")
    module.toy = _toy  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "strategy_contract_toy", module)
    toy = registry.Method(
        "toy", "strategy_contract_toy:toy", ("normal",), (1, None), Concept.NASH, Guarantee.ALL_PURE, "a toy"
    )
    monkeypatch.setattr(registry, "METHODS", MappingProxyType({**registry.METHODS, "toy": toy}))

    assert solve(ZOO["battle_of_sexes"](), method="toy").method == "toy"
    from strategy.cli import main

    assert main(["solve", "--method", "help"]) == 0
    assert any(line.startswith("toy ") for line in capsys.readouterr().out.splitlines())
    for name, build in ZOO.items():
        game = build()
        if _accepts(toy, game) and isinstance(game, NormalFormGame):
            check_contract(name, toy, game)


def test_a_concept_that_does_not_apply_is_refused_never_ignored() -> None:
    from strategy.errors import UnsupportedGameError

    game = ZOO["battle_of_sexes"]()
    assert solve(game, concept="correlated").method == "correlated"
    assert solve(game, concept="ce").method == "correlated"
    with pytest.raises(UnsupportedGameError, match="needs a tree"):
        solve(game, concept="spe")
    with pytest.raises(UnsupportedGameError, match="no correlated version"):
        solve(game, method="lemke_howson", concept="correlated")
    with pytest.raises(UnsupportedGameError, match="solves games of exactly 2 players"):
        solve(ZOO["three_with_bos"](), method="lemke_howson")


def test_a_method_outside_its_class_of_games_refuses_rather_than_answers() -> None:
    # The registry's flags name the games a method leaves to others: it must say so.
    from strategy.errors import UnsupportedGameError

    outside = {"constant_sum": ZOO["battle_of_sexes"](), "perfect_information": ZOO["pennies_tree"]()}
    flagged = [(flag, m) for m in registry.METHODS.values() for flag in outside if getattr(m, flag)]
    assert {flag for flag, _ in flagged} == set(outside)
    for flag, record in flagged:
        with pytest.raises(UnsupportedGameError):
            solve(outside[flag], method=record.name)
