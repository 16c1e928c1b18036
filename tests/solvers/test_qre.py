"""Logit QRE: symmetry, the fixed-point equation, limits, and pygambit's logit_solve."""

import numpy as np
import pytest
from strategy.solvers.qre import logit_qre, logit_qre_path, logit_solve, quantal_response

from strategy import ConvergenceError, Guarantee, NormalFormGame
from strategy.forms.profiles import action_values


def pennies() -> NormalFormGame:
    return NormalFormGame.zero_sum([[1, -1], [-1, 1]], actions=(("H", "T"), ("H", "T")))


def dilemma_3() -> NormalFormGame:
    # three-player public goods: each contribution (C) costs 1 and yields 0.5 to everyone, so
    # defecting (D) is strictly dominant: the unique equilibrium is (D, D, D), strict.
    a = np.zeros((3, 2, 2, 2))
    for prof in np.ndindex(2, 2, 2):
        contributions = sum(1 for x in prof if x == 0)
        for i in range(3):
            a[(i, *prof)] = 0.5 * contributions - (1 if prof[i] == 0 else 0)
    return NormalFormGame([(n, ("C", "D")) for n in "ABC"], a)


@pytest.mark.parametrize("lam", [0.0, 0.5, 3.0, 40.0])
def test_matching_pennies_qre_is_uniform_for_every_lambda(lam: float) -> None:
    # McKelvey and Palfrey (1995): by symmetry the logit QRE of matching pennies is uniform.
    profile = logit_qre(pennies(), lam)
    assert np.allclose(profile.as_floats(), [[0.5, 0.5], [0.5, 0.5]], atol=1e-9)


def test_fixed_point_equation_holds() -> None:
    rng = np.random.default_rng(4)
    game = NormalFormGame([(f"P{i}", ("x", "y", "z")) for i in range(3)], rng.normal(size=(3, 3, 3, 3)))
    lam = 2.0
    profile = logit_qre(game, lam)
    probs = [np.asarray(p, dtype=float) for p in profile.probabilities]
    for i in range(3):
        v = action_values(game.payoffs, probs, i)
        logit = np.exp(lam * (v - v.max()))
        assert np.allclose(probs[i], logit / logit.sum(), atol=1e-9)


def test_limit_of_unique_strict_equilibrium_and_shrinking_certificate() -> None:
    path = logit_qre_path(dilemma_3(), lam_max=50.0)
    regrets = [float(p.max_regret()) for p in path.profiles]
    assert regrets[0] > 0.1
    assert regrets[-1] < 1e-6
    assert np.allclose(path.limit.as_floats(), [[0, 1]] * 3, atol=1e-6)
    result = logit_solve(dilemma_3())
    assert result.guarantee is Guarantee.ONE
    assert result[0].max_regret == 0 if result[0].is_exact else float(result[0].max_regret) < 1e-9
    assert [result[0].profile[n]["D"] for n in "ABC"] == [1, 1, 1]
    frame = path.to_frame()
    assert set(frame.columns) == {"lambda", "player", "action", "probability"}


def test_quantal_response_concept_and_positive_regret() -> None:
    eq = quantal_response(dilemma_3(), 1.0)
    assert str(eq.concept) == "quantal_response"
    assert float(eq.max_regret) > 0


def test_max_steps_raises_with_last_point() -> None:
    with pytest.raises(ConvergenceError) as info:
        logit_qre(dilemma_3(), 1000.0, max_steps=3)
    assert info.value.last is not None
    assert info.value.max_regret > 0


def test_limit_matches_pygambit_logit_solve() -> None:
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(8)
    for shape in [(2, 2, 2)] * 8 + [(3, 3, 3)] * 4:
        arrays = rng.integers(-9, 10, size=(len(shape), *shape))
        game = NormalFormGame([(f"P{i}", [f"a{j}" for j in range(n)]) for i, n in enumerate(shape)], arrays)
        ours = np.concatenate(logit_solve(game)[0].profile.as_floats())
        g = gbt.Game.from_arrays(*arrays)
        ref = gbt.nash.logit_solve(g).equilibria[0]
        theirs = np.array([float(ref[s]) for s in g.strategies])
        assert np.abs(ours - theirs).max() < 1e-4


def test_points_on_the_branch_match_pygambit_at_given_lambdas() -> None:
    # the path follower stays on the principal branch: its points at given precisions
    # agree with pygambit's logit_solve_lambda on random 3x3x3 and 2x2x2x2 games
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(5)
    lams = [0.01, 0.05, 0.2]
    for shape in [(3, 3, 3)] * 6 + [(2, 2, 2, 2)] * 4:
        arrays = rng.integers(-99, 100, size=(len(shape), *shape))
        game = NormalFormGame([(f"P{i}", [f"a{j}" for j in range(n)]) for i, n in enumerate(shape)], arrays)
        g = gbt.Game.from_arrays(*arrays)
        for lam, ref in zip(lams, gbt.qre.logit_solve_lambda(g, lam=lams), strict=True):
            theirs = np.array([float(ref.profile[s]) for s in g.strategies])
            ours = np.concatenate(logit_qre(game, lam).as_floats())
            assert np.abs(ours - theirs).max() < 1e-7


def _seed_77_games(shape: tuple[int, ...], skip: int, index: int) -> NormalFormGame:
    """The game `index` of `shape` drawn after `skip` 2x2x2 games from seed 77 (the sequence
    of a cross-check against pygambit that found these cases)."""
    rng = np.random.default_rng(77)
    for _ in range(skip):
        rng.integers(-99, 100, size=(3, 2, 2, 2))
    for _ in range(index):
        rng.integers(-99, 100, size=(len(shape), *shape))
    arrays = rng.integers(-99, 100, size=(len(shape), *shape))
    return NormalFormGame([(f"P{i}", [f"a{j}" for j in range(n)]) for i, n in enumerate(shape)], arrays)


@pytest.mark.parametrize(
    ("shape", "skip", "index"),
    [
        ((2, 2, 2), 9, 0),  # the limit lies in a continuum: one player mixes against pure play
        ((3, 3, 3), 80, 37),  # the branch passes near another equilibrium on its way
    ],
)
def test_logit_solution_is_the_limit_of_the_branch(shape, skip, index) -> None:
    # polishing must return the branch's limit, not an equilibrium it passes near, nor an
    # arbitrary point of a continuum: compare with the branch itself at a large precision
    game = _seed_77_games(shape, skip, index)
    limit = np.concatenate(logit_qre(game, 50.0).as_floats())
    solved = logit_solve(game)
    assert solved.guarantee is Guarantee.ONE
    assert np.abs(np.concatenate(solved[0].profile.as_floats()) - limit).max() < 1e-3


@pytest.mark.parametrize("shape", [(2, 2, 2), (3, 2, 4), (2, 2, 2, 2)])
def test_branch_jacobian_is_the_derivative_of_h(shape) -> None:
    from strategy.solvers.nplayer._continuation import Branch

    rng = np.random.default_rng(len(shape))
    branch = Branch(rng.normal(size=(len(shape), *shape)))
    w = np.concatenate([rng.normal(size=branch.dim) * 0.5 - 1.0, [0.7]])
    h, jac = branch.h_and_jacobian(w)
    assert np.allclose(h, branch.h(w))
    assert not jac[-1].any()  # the border row, for the caller to fill
    eps = 1e-6
    numeric = np.stack(
        [(branch.h(w + eps * e) - branch.h(w - eps * e)) / (2 * eps) for e in np.eye(branch.dim + 1)], axis=1
    )
    assert np.abs(numeric - jac[:-1]).max() < 1e-7
