import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy import NormalFormGame, solve
from strategy.solvers.pure import pure_equilibria, pure_equilibrium_mask


def brute_force_pure(game: NormalFormGame) -> set[tuple[int, ...]]:
    found = set()
    for profile in itertools.product(*(range(n) for n in game.shape)):
        ok = True
        for i in range(game.n_players):
            for b in range(game.shape[i]):
                deviation = list(profile)
                deviation[i] = b
                if game.values[(i, *deviation)] > game.values[(i, *profile)]:
                    ok = False
        if ok:
            found.add(profile)
    return found


def test_prisoners_dilemma_has_mutual_defection_only() -> None:
    game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=(("C", "D"), ("C", "D")))
    result = pure_equilibria(game)
    assert [e.profile.support() for e in result] == [{"Row": ("D",), "Column": ("D",)}]
    assert result[0].max_regret == 0


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 4))
def test_pure_equilibria_match_brute_force_for_any_player_count(seed: int, n_players: int) -> None:
    rng = np.random.default_rng(seed)
    shape = tuple(int(k) for k in rng.integers(1, 4, size=n_players))
    arrays = rng.integers(0, 3, size=(n_players, *shape))  # small range: many ties
    players = [(f"P{i}", [f"a{k}" for k in range(n)]) for i, n in enumerate(shape)]
    game = NormalFormGame.from_arrays(players, list(arrays))
    found = {tuple(int(np.argmax(v)) for v in e.profile.probabilities) for e in pure_equilibria(game)}
    assert found == brute_force_pure(game)
    assert all(e.max_regret == 0 for e in pure_equilibria(game))


def test_batched_mask_equals_one_game_at_a_time() -> None:
    rng = np.random.default_rng(7)
    batch = rng.normal(size=(50, 2, 3, 3))
    batch[::5] = np.round(batch[::5])  # some ties
    masks = pure_equilibrium_mask(batch, batch_dims=1)
    for k in range(50):
        assert np.array_equal(masks[k], pure_equilibrium_mask(batch[k]))


def test_solve_records_automatic_choice() -> None:
    game = NormalFormGame.from_arrays([("A", "xy"), ("B", "uv"), ("C", "pq")], list(np.ones((3, 2, 2, 2))))
    result = solve(game, "pure")
    assert len(result) == 8  # every profile of a constant game is an equilibrium
