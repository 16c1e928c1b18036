"""Completeness claims that never overstate (issue 13): a zoo of degenerate games.

For every game here a result either covers every equilibrium (each known point of a
continuum, checked to have exact max regret 0, and every point pygambit or a brute-force
search finds is one of the reported equilibria or lies in a reported component) or does
not claim completeness (``exhaustive`` is False). Every reported equilibrium must carry a
valid certificate. pygambit (GPL) is a test-only oracle.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import nnls
from strategy.solvers.enumeration import enumerate_equilibria
from strategy.solvers.sequential import solve_tree

from strategy import NormalFormGame, solve
from strategy.forms.extensive import ExtensiveFormGame, decide, leaf
from strategy.forms.profiles import MixedProfile
from strategy.solvers.nplayer import nplayer_equilibria

F = Fraction


# ---------------------------------------------------------------------- coverage
def _in_hull(point: np.ndarray, extremes: np.ndarray) -> bool:
    system = np.vstack([extremes.T, np.ones((1, len(extremes)))])
    _, residual = nnls(system, np.concatenate([point, [1.0]]))
    return residual <= 1e-7


def covered(result, point: Sequence[Sequence[float]]) -> bool:
    """Whether ``point`` (one probability vector per player) is a reported equilibrium or
    lies in a reported component (each player's strategy a convex combination of that
    player's extreme strategies there)."""
    players = result.game.players
    flat = np.concatenate([np.asarray(p, dtype=float) for p in point])
    if any(np.abs(np.concatenate(eq.profile.as_floats()) - flat).max() <= 1e-6 for eq in result):
        return True
    return any(
        all(
            _in_hull(
                np.asarray(strategy, dtype=float),
                np.array([[float(s[a]) for a in p.actions] for s in component.extreme_strategies[p.name]]),
            )
            for p, strategy in zip(players, point, strict=True)
        )
        for component in result.components
    )


def brute_pure(payoffs: np.ndarray) -> list[list[list[float]]]:
    """Every pure equilibrium of a payoff array ``(n, m_1, ..., m_n)``, by brute force."""
    n, shape = payoffs.shape[0], payoffs.shape[1:]
    out = []
    for profile in np.ndindex(*shape):
        if all(
            payoffs[(i, *profile)] >= payoffs[(i, *profile[:i])][(slice(None), *profile[i + 1 :])].max()
            for i in range(n)
        ):
            out.append([[1.0 if a == profile[i] else 0.0 for a in range(shape[i])] for i in range(n)])
    return out


def assert_honest(result, known: Sequence[Sequence[Sequence[float]]] = ()) -> None:
    """Every reported equilibrium certified; if the result claims completeness, every known
    equilibrium is covered; a result with components or continua is never plain ``all``."""
    assert result.certified(), "a reported profile is not an equilibrium"
    for eq in result:
        if eq.is_exact:
            assert eq.max_regret == 0
    if result.exhaustive:
        for point in known:
            assert covered(result, point), f"{result.guarantee} claimed but {point} is missing"
    if any(len(c.equilibria) > 1 for c in result.components):
        assert str(result.guarantee) != "all"
    if not result.exhaustive:
        assert result.notes, "an incomplete answer must say why"


def exact_regret(game: NormalFormGame, point: Sequence[Sequence[object]]) -> object:
    return MixedProfile.from_arrays(game, [[F(v).limit_denominator(1000) for v in p] for p in point]).max_regret()


# ---------------------------------------------------------------------- the zoo
def minority(n: int) -> NormalFormGame:
    """n players choose L or R; a player scores 1 when alone on their side, else 0."""
    payoffs = np.zeros((n, *[2] * n), dtype=int)
    for profile in np.ndindex(*[2] * n):
        for i in range(n):
            payoffs[(i, *profile)] = int(sum(a == profile[i] for a in profile) == 1)
    return NormalFormGame([(name, ("L", "R")) for name in ("Ann", "Bob", "Cat", "Dan")[:n]], payoffs)


def test_minority_game_of_three_reports_its_continua() -> None:
    game = minority(3)
    point = [[1, 0], [0, 1], [F(3, 10), F(7, 10)]]
    assert exact_regret(game, point) == 0  # Ann L, Bob R, Cat any mixture
    result = nplayer_equilibria(game)
    assert result.degenerate
    assert str(result.guarantee) == "all extreme + components"
    assert len(result.components) == 6  # one player mixes freely while the other two split L / R
    for component in result.components:
        assert len(component.equilibria) == 2
        assert all(result[i].max_regret == 0 for i in component.equilibria)
    assert_honest(result, [point, *brute_pure(game.payoffs)])
    # the same continuum, whoever mixes
    for mixer in range(3):
        for k in range(11):
            x = [F(k, 10), 1 - F(k, 10)]
            others = [[1, 0], [0, 1]]
            profile = [*others[:mixer], x, *others[mixer:]]
            assert exact_regret(game, profile) == 0
            assert covered(result, profile)
    # the fully mixed equilibrium (1/2 each) is isolated and reported
    assert covered(result, [[0.5, 0.5]] * 3)


def test_minority_game_of_three_from_the_command_line(tmp_path) -> None:
    import json
    import subprocess
    import sys

    game = minority(3)
    lines = ['NFG 1 R "minority" { "Ann" "Bob" "Cat" } { 2 2 2 }', ""]
    values = []
    for c, b, a in itertools.product(range(2), repeat=3):  # .nfg: the first player's action varies fastest
        values += [str(int(game.payoffs[(i, a, b, c)])) for i in range(3)]
    lines.append(" ".join(values))
    path = tmp_path / "minority.nfg"
    path.write_text("\n".join(lines) + "\n")
    run = subprocess.run(
        [sys.executable, "-m", "strategy.cli", "solve", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    out = json.loads(run.stdout)
    assert out["guarantee"] == "all extreme + components"
    assert out["exhaustive"] is True
    assert len(out["components"]) == 6


def test_minority_game_padded_with_dominated_actions_keeps_its_components() -> None:
    # too many support profiles (2^12 - 1)^3: strictly dominated actions (copies of L that
    # pay their owner one less) are removed first; the components come back in full actions
    core = minority(3)
    copy = [0, 1] + [0] * 10
    full = core.payoffs[(slice(None), *np.ix_(copy, copy, copy))].astype(int)
    for i in range(3):
        np.moveaxis(full[i], i, 0)[2:] -= 1
    big = NormalFormGame([(p.name, ("L", "R", *[f"d{k}" for k in range(10)])) for p in core.players], full)
    result = nplayer_equilibria(big)
    assert str(result.guarantee) == "all extreme + components"
    assert len(result.components) == 6
    point = [[1] + [0] * 11, [0, 1] + [0] * 10, [F(3, 10), F(7, 10)] + [0] * 10]
    assert exact_regret(big, point) == 0
    assert covered(result, point)


def test_minority_game_of_four() -> None:
    game = minority(4)
    point = [[1, 0], [0, 1], [0, 1], [F(2, 7), F(5, 7)]]
    assert exact_regret(game, point) == 0
    result = nplayer_equilibria(game)
    assert_honest(result, [point, *brute_pure(game.payoffs)])
    assert result.degenerate


def _constant_third(base_a: np.ndarray, base_b: np.ndarray) -> NormalFormGame:
    """Players A and B play (base_a, base_b); C's two actions change nothing and C's payoff is 0."""
    payoffs = np.zeros((3, 2, 2, 2), dtype=int)
    for a, b, c in np.ndindex(2, 2, 2):
        payoffs[:, a, b, c] = [base_a[a, b], base_b[a, b], 0]
    return NormalFormGame([("A", ("x", "y")), ("B", ("x", "y")), ("C", ("x", "y"))], payoffs)


def test_player_with_constant_payoff_against_pure_play() -> None:
    # a prisoner's dilemma between A and B: (y, y) strict; C's mixture is free
    game = _constant_third(np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]]))
    point = [[0, 1], [0, 1], [F(1, 3), F(2, 3)]]
    assert exact_regret(game, point) == 0
    result = nplayer_equilibria(game)
    assert str(result.guarantee) == "all extreme + components"
    assert_honest(result, [point])
    assert covered(result, point)


def test_player_with_constant_payoff_against_mixed_play() -> None:
    # matching pennies between A and B: both mix 1/2 while C mixes freely; three players mix
    # in the continuum, which the solver cannot describe as a polytope
    game = _constant_third(np.array([[1, 0], [0, 1]]), np.array([[0, 1], [1, 0]]))
    point = [[F(1, 2), F(1, 2)], [F(1, 2), F(1, 2)], [F(3, 10), F(7, 10)]]
    assert exact_regret(game, point) == 0
    result = nplayer_equilibria(game)
    assert_honest(result, [point])
    assert not result.exhaustive


@pytest.mark.parametrize("shape", [(2, 2, 2), (2, 2, 2, 2), (3, 2, 2)])
def test_zero_games_are_never_complete(shape) -> None:
    game = NormalFormGame(
        [(f"P{i}", tuple(f"a{j}" for j in range(m))) for i, m in enumerate(shape)],
        np.zeros((len(shape), *shape), dtype=int),
    )
    rng = np.random.default_rng(1)
    point = [rng.dirichlet(np.ones(m)).tolist() for m in shape]
    result = nplayer_equilibria(game)
    assert_honest(result, [point])
    assert not result.exhaustive or covered(result, point)


def test_duplicated_action_spans_a_segment() -> None:
    # a 2x2x2 game with a strict pure equilibrium at (0, 0, 0); player 0's action 0 doubled
    rng = np.random.default_rng(7)
    base = rng.integers(0, 4, size=(3, 2, 2, 2))
    base[:, 0, 0, 0] = 9
    payoffs = base[:, [0, 0, 1], :, :]
    game = NormalFormGame([("A", ("a", "a2", "b")), ("B", ("x", "y")), ("C", ("u", "v"))], payoffs)
    point = [[F(2, 5), F(3, 5), 0], [1, 0], [1, 0]]
    assert exact_regret(game, point) == 0
    result = nplayer_equilibria(game)
    assert_honest(result, [point, *brute_pure(game.payoffs)])
    assert result.degenerate
    assert covered(result, point)  # the segment is reported as a component, whatever the guarantee


@pytest.mark.parametrize("exact", [True, False])
def test_two_player_continua(exact: bool) -> None:
    zero = NormalFormGame.from_bimatrix(np.zeros((3, 3), dtype=int), np.zeros((3, 3), dtype=int))
    dup = NormalFormGame.from_bimatrix([[1, 1, 0], [0, 0, 2]], [[2, 2, 0], [0, 0, 1]])
    constant = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[0, 0], [0, 0]])
    cases = [
        (zero, [[0.2, 0.3, 0.5], [0.6, 0.1, 0.3]]),
        (dup, [[1, 0], [0.25, 0.75, 0]]),
        (constant, [[0, 1], [0.2, 0.8]]),
    ]
    for game, point in cases:
        assert exact_regret(game, point) == 0
        result = enumerate_equilibria(game, exact=exact)
        assert_honest(result, [point, *brute_pure(game.payoffs)])
        assert result.exhaustive
        assert covered(result, point)


# ---------------------------------------------------------------------- trees with ties
def _entry_with_tie() -> ExtensiveFormGame:
    """The incumbent is indifferent between fighting and accommodating."""
    return ExtensiveFormGame(
        ("E", "I"),
        decide("E", Out=leaf(E=0, I=2), In=decide("I", Fight=leaf(E=-1, I=1), Accommodate=leaf(E=1, I=1))),
    )


def test_tree_with_tie_spe_and_nash() -> None:
    game = _entry_with_tie()
    spe = solve_tree(game)
    assert str(spe.guarantee) == "all pure"
    assert sorted(e.profile.path()[-1][1] for e in spe) == ["Accommodate", "Out"]
    assert any("mixed" in note for note in spe.notes)
    nash = solve_tree(game, concept="nash")
    assert nash.certified()
    # the incumbent is indifferent everywhere: Nash equilibria are three segments,
    # (Out, Fight >= 1/2), (In, Fight <= 1/2) and (any, Fight = 1/2)
    assert str(nash.guarantee) == "all extreme + components"
    assert sorted(len(c.equilibria) for c in nash.components) == [2, 2, 2]


# ---------------------------------------------------------------------- random games, Hypothesis
try:
    import pygambit as gbt
except ImportError:  # pragma: no cover - pygambit is a dev dependency
    gbt = None
needs_gambit = pytest.mark.skipif(gbt is None, reason="pygambit (the test oracle) is not installed")


def _gambit_points(payoffs: np.ndarray, *, poly: bool) -> list[list[list[float]]]:
    if poly:
        return _enumpoly_points(payoffs)
    game = gbt.Game.from_arrays(*[p.astype(int).tolist() for p in payoffs])
    found = gbt.nash.enummixed_solve(game, rational=True).equilibria
    return [[[float(eq[s]) for s in p.strategies] for p in game.players] for eq in found]


ENUMPOLY_SECONDS = 30
"""How long the oracle may take on one game. Gambit's enumpoly does not always terminate on
degenerate games (seen here on a random 2x2x3 game); such a game is discarded (``reject``),
since there is nothing to compare with, rather than hanging the suite."""

_ENUMPOLY = """
import json, sys
import pygambit as gbt
payoffs = json.load(sys.stdin)
game = gbt.Game.from_arrays(*payoffs)
found = gbt.nash.enumpoly_solve(game, maxregret=1e-9).equilibria
json.dump([[[float(eq[s]) for s in p.strategies] for p in game.players] for eq in found], sys.stdout)
"""


def _enumpoly_points(payoffs: np.ndarray) -> list[list[list[float]]]:
    """pygambit's ``enumpoly_solve`` in a child process, stopped after :data:`ENUMPOLY_SECONDS`."""
    import json
    import subprocess
    import sys

    from hypothesis import reject

    data = json.dumps([p.astype(int).tolist() for p in payoffs])
    try:
        done = subprocess.run(
            [sys.executable, "-c", _ENUMPOLY],
            input=data,
            capture_output=True,
            text=True,
            timeout=ENUMPOLY_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        reject()
    assert done.returncode == 0, done.stderr
    points: list[list[list[float]]] = json.loads(done.stdout)
    return points


def _random_game(payoffs: np.ndarray) -> NormalFormGame:
    shape = payoffs.shape[1:]
    return NormalFormGame([(f"P{i}", tuple(f"a{j}" for j in range(m))) for i, m in enumerate(shape)], payoffs)


def _payoff_arrays(shapes: list[tuple[int, ...]], high: int) -> st.SearchStrategy[np.ndarray]:
    return st.sampled_from(shapes).flatmap(
        lambda shape: st.lists(
            st.integers(0, high), min_size=len(shape) * int(np.prod(shape)), max_size=len(shape) * int(np.prod(shape))
        ).map(lambda v: np.array(v, dtype=int).reshape(len(shape), *shape))
    )


@needs_gambit
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_payoff_arrays([(2, 2), (2, 3), (3, 3), (3, 4)], 3))
def test_two_player_enumeration_matches_gambit_on_tied_games(payoffs: np.ndarray) -> None:
    game = _random_game(payoffs)
    theirs = _gambit_points(payoffs, poly=False)
    exact = enumerate_equilibria(game)
    ours = sorted(tuple(map(tuple, eq.profile.as_floats())) for eq in exact)
    # the extreme equilibria, exactly; enummixed lists an equilibrium once per vertex pair
    # that represents it (several in degenerate games), so compare sets
    assert ours == sorted({tuple(map(tuple, p)) for p in theirs})
    assert_honest(exact, brute_pure(payoffs))
    floats = enumerate_equilibria(game, exact=False)
    assert_honest(floats, [*theirs, *brute_pure(payoffs)])


@pytest.mark.slow
@needs_gambit
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_payoff_arrays([(2, 2, 2), (2, 2, 3), (3, 2, 2)], 3))
def test_three_players_never_overstate(payoffs: np.ndarray) -> None:
    result = nplayer_equilibria(_random_game(payoffs))
    known = brute_pure(payoffs)
    for point in known:  # pure profiles are examined one by one: never missed
        assert covered(result, point)
    if result.exhaustive:
        known += _gambit_points(payoffs, poly=True)
    assert_honest(result, known)


@pytest.mark.slow
@needs_gambit
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_payoff_arrays([(2, 2, 2, 2)], 2))
def test_four_players_never_overstate(payoffs: np.ndarray) -> None:
    result = nplayer_equilibria(_random_game(payoffs))
    known = brute_pure(payoffs)
    for point in known:
        assert covered(result, point)
    if result.exhaustive:
        known += _gambit_points(payoffs, poly=True)
    assert_honest(result, known)


def test_solve_dispatches_minority_to_components() -> None:
    result = solve(minority(3))
    assert result.method == "nplayer"
    assert result.components


# ---------------------------------------------------------------------- signalling games
def _pure_pbe(prior, us, ur) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Every pure PBE (sender message per type, receiver action per message) of a game
    with two types, by brute force: Bayes on the path, some belief off it (the best-reply
    region of one action is an interval in mu(type 0); it is non-empty iff it holds at an
    end of [0, 1] or at a root of one of its linear inequalities)."""
    _, nm, na = us.shape
    out = set()
    for sender in itertools.product(range(nm), repeat=2):
        for receiver in itertools.product(range(na), repeat=nm):
            ok = all(
                us[t, sender[t], receiver[sender[t]]] == max(us[t, m, receiver[m]] for m in range(nm)) for t in range(2)
            )
            for m in range(nm):
                a = receiver[m]
                gaps = [(int(ur[0, m, a] - ur[0, m, b]), int(ur[1, m, a] - ur[1, m, b])) for b in range(na)]
                weight = [prior[t] if sender[t] == m else 0 for t in range(2)]
                if sum(weight):
                    ok &= all(weight[0] * g0 + weight[1] * g1 >= 0 for g0, g1 in gaps)
                else:
                    points = {F(0), F(1)} | {F(-g1, g0 - g1) for g0, g1 in gaps if g0 != g1}
                    ok &= any(all(mu * g0 + (1 - mu) * g1 >= 0 for g0, g1 in gaps) for mu in points if 0 <= mu <= 1)
            if ok:
                out.add((sender, receiver))
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([(2, 2), (2, 3)]).flatmap(
        lambda shape: st.tuples(
            st.sampled_from([F(1, 2), F(1, 3), F(3, 4)]),
            st.lists(st.integers(0, 2), min_size=4 * shape[0] * shape[1], max_size=4 * shape[0] * shape[1]).map(
                lambda v, shape=shape: np.array(v, dtype=int).reshape(2, 2, *shape)
            ),
        )
    )
)
def test_signalling_pbe_never_overstate(data) -> None:
    from strategy.forms.bayesian import SignallingGame
    from strategy.solvers.signalling import perfect_bayesian_equilibria

    p, payoffs = data
    us, ur = payoffs
    _, nm, na = us.shape
    messages, actions = tuple(f"m{k}" for k in range(nm)), tuple(f"a{k}" for k in range(na))
    table = {
        (t, messages[m], actions[a]): (int(us[i, m, a]), int(ur[i, m, a]))
        for i, t in enumerate(("t0", "t1"))
        for m in range(nm)
        for a in range(na)
    }
    game = SignallingGame.from_table(("t0", "t1"), (p, 1 - p), messages, actions, table)
    result = perfect_bayesian_equilibria(game)
    assert all(eq.max_regret == 0 for eq in result)
    assert result.exhaustive
    reported = set()
    for eq in result:
        pbe = eq.profile
        sender = [[pbe.sender[t].get(m, 0) for m in messages] for t in ("t0", "t1")]
        receiver = [[pbe.receiver[m].get(a, 0) for a in actions] for m in messages]
        if all(1 in row for row in sender + receiver):
            reported.add((tuple(row.index(1) for row in sender), tuple(row.index(1) for row in receiver)))
    assert _pure_pbe((p, 1 - p), us, ur) <= reported
