"""N-player support enumeration: textbook games with known equilibria, certificates, options."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from games.classics import CASES as CLASSICS
from strategy import Guarantee, NormalFormGame, UnsupportedGameError
from strategy.solvers.dispatch import solve
from strategy.solvers.nplayer import nplayer_equilibria
from strategy.solvers.registry import METHODS

F = Fraction


def jordan_game() -> NormalFormGame:
    """Jordan (1993): the unique Nash equilibrium is uniform."""
    return CLASSICS["three_player_matching"].game()


def nau_game() -> NormalFormGame:
    """Nau, Gomez Canovas and Hansen (2004): the unique Nash equilibrium is irrational."""
    return CLASSICS["irrational_equilibrium"].game()


def selten_horse() -> NormalFormGame:
    # Selten (1975), "Reexamination of the perfectness concept", IJGT 4, Figure 1
    # (the same payoffs as Gambit's catalogue game journals/ijgt/selten1975/fig1).
    table = {
        ("C", "c", "L"): (1, 1, 1),
        ("C", "c", "R"): (1, 1, 1),
        ("C", "d", "L"): (4, 4, 0),
        ("C", "d", "R"): (0, 0, 1),
        ("D", "c", "L"): (3, 2, 2),
        ("D", "c", "R"): (0, 0, 0),
        ("D", "d", "L"): (3, 2, 2),
        ("D", "d", "R"): (0, 0, 0),
    }
    return NormalFormGame.from_table([("P1", ("C", "D")), ("P2", ("c", "d")), ("P3", ("L", "R"))], table)


def test_jordan_game_unique_uniform_equilibrium_exact_and_complete() -> None:
    result = nplayer_equilibria(jordan_game())
    assert result.guarantee is Guarantee.ALL
    (eq,) = result
    assert [list(p) for p in eq.profile.probabilities] == [[F(1, 2), F(1, 2)]] * 3
    assert eq.max_regret == 0
    assert eq.is_exact


def test_nau_gomez_canovas_hansen_unique_irrational_equilibrium() -> None:
    game = nau_game()
    result = nplayer_equilibria(game)
    assert result.guarantee is Guarantee.ALL
    (eq,) = result
    assert not eq.is_exact  # irrational: reported in floats, certified within tolerance
    assert float(eq.max_regret) < 1e-12
    assert all(0 < p < 1 for vec in eq.profile.as_floats() for p in vec)
    gbt = pytest.importorskip("pygambit")
    ref = gbt.nash.enumpoly_solve(gbt.catalog.load("journals/ijgt/nau2004/sec4")).equilibria
    assert len(ref) == 1
    ref_floats = [float(ref[0][s]) for s in ref[0].game.strategies]
    assert np.allclose(np.concatenate(eq.profile.as_floats()), ref_floats, atol=1e-7)


def test_selten_horse_equilibria_lie_in_its_two_components() -> None:
    # Selten (1975): the Nash equilibria form two components,
    #   A = {(D, q c + (1-q) d, L) : q >= 1/3} and B = {(C, c, r L + (1-r) R) : r <= 1/4};
    # (C, c, R) is the perfect one. Each found point must lie in one of them, both
    # components must be reported with their extreme points, and the degeneracy too.
    result = nplayer_equilibria(selten_horse())
    assert result.guarantee is Guarantee.ALL_EXTREME
    assert result.degenerate is True
    assert any("continua" in note for note in result.notes)
    segments = {
        tuple(tuple(tuple(s.values()) for s in component.extreme_strategies[p]) for p in ("P1", "P2", "P3"))
        for component in result.components
    }
    assert segments == {
        (((0, 1),), ((1, 0), (F(1, 3), F(2, 3))), ((1, 0),)),  # A
        (((1, 0),), ((1, 0),), ((0, 1), (F(1, 4), F(3, 4)))),  # B
    }
    met = set()
    for eq in result:
        assert eq.max_regret == 0
        one, two, three = (eq.profile[p] for p in ("P1", "P2", "P3"))
        if one["D"] == 1:
            assert three["L"] == 1
            assert two["c"] >= F(1, 3)
            met.add("A")
        else:
            assert one["C"] == 1
            assert two["c"] == 1
            assert three["L"] <= F(1, 4)
            met.add("B")
    assert met == {"A", "B"}
    pure = {
        tuple(a for p in ("P1", "P2", "P3") for a, v in eq.profile[p].items() if v == 1)
        for eq in result
        if eq.profile.is_pure
    }
    assert pure == {("C", "c", "R"), ("D", "c", "L")}


def test_the_horse_case_is_the_tree_of_this_table() -> None:
    # The case library's tree must reduce to exactly the paper's (and Gambit's) table, and its
    # equilibria must be the end points of the two components.
    from strategy.solvers.sequential import solve_tree

    from strategy.forms.convert import to_normal_form

    tree = CLASSICS["selten_horse"].game()
    reduced, _ = to_normal_form(tree)
    table = selten_horse()
    assert reduced.player_names == table.player_names
    assert [p.actions for p in reduced.players] == [p.actions for p in table.players]
    assert (reduced.exact_payoffs == table.exact_payoffs).all()

    def choice(c: object) -> object:
        return c if isinstance(c, str) else tuple(sorted(c.items()))  # type: ignore[attr-defined]

    infosets = ("P1", "P2", "P3 (who passed?)")
    ends = {tuple(choice(eq.profile[k]) for k in infosets) for eq in solve_tree(tree, concept="nash")}
    assert ends == {
        ("C", "c", "R"),
        ("C", "c", (("L", F(1, 4)), ("R", F(3, 4)))),
        ("D", "c", "L"),
        ("D", (("c", F(1, 3)), ("d", F(2, 3))), "L"),
    }


def test_pure_three_player_coordination_has_the_pure_and_mixed_equilibria() -> None:
    # Everyone gets 1 if all three choose the same action, else 0: the two pure coordination
    # profiles, plus the fully mixed (1/2, 1/2, 1/2) (each player is indifferent when the
    # others mix uniformly), among others.
    a = np.zeros((3, 2, 2, 2), dtype=int)
    a[:, 0, 0, 0] = 1
    a[:, 1, 1, 1] = 1
    game = NormalFormGame([(n, ("x", "y")) for n in ("A", "B", "C")], a)
    result = nplayer_equilibria(game)
    found = [tuple(tuple(v) for v in eq.profile.probabilities) for eq in result]
    assert ((1, 0), (1, 0), (1, 0)) in found
    assert ((0, 1), (0, 1), (0, 1)) in found
    assert ((F(1, 2), F(1, 2)),) * 3 in found
    assert all(eq.max_regret == 0 for eq in result)


def test_budget_options_are_honest() -> None:
    result = nplayer_equilibria(jordan_game(), max_supports=3)
    assert result.guarantee is Guarantee.SOME
    assert any("max_supports" in note for note in result.notes)
    assert len(result) == 0  # the uniform equilibrium has the largest support, visited last


def test_dispatcher_registers_the_methods_and_chooses_nplayer() -> None:
    assert {"nplayer", "qre", "correlated"} <= set(METHODS)
    result = solve(jordan_game())
    assert result.method == "nplayer"
    data = result.to_dict()
    assert data["equilibria"][0]["exact"]["profile"] == [["1/2", "1/2"]] * 3
    assert solve(jordan_game(), method="qre").guarantee in (Guarantee.ONE, Guarantee.APPROXIMATE)


def _points(result) -> list[np.ndarray]:
    return sorted((np.concatenate(e.profile.as_floats()) for e in result), key=tuple)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-20, 20), min_size=24, max_size=24), st.integers(1, 5), st.integers(-10, 10))
def test_invariant_under_affine_payoff_changes_and_relabelling(values, factor, shift) -> None:
    # Nash equilibria are invariant under a positive affine change of one player's payoffs,
    # and relabelling a player's actions permutes the equilibria accordingly.
    arrays = np.array(values).reshape(3, 2, 2, 2)
    players = [(n, ("x", "y")) for n in ("A", "B", "C")]
    base = nplayer_equilibria(NormalFormGame(players, arrays))
    changed = arrays.copy()
    changed[1] = factor * changed[1] + shift
    scaled = nplayer_equilibria(NormalFormGame(players, changed))
    swapped = nplayer_equilibria(NormalFormGame(players, arrays[:, :, :, ::-1]))
    for result in (base, scaled, swapped):
        assert result.certified()
    if base.guarantee is Guarantee.ALL:  # finitely many equilibria: the sets must agree
        assert scaled.guarantee is Guarantee.ALL
        expected = _points(base)
        assert np.allclose(_points(scaled), expected)
        relabelled = [np.concatenate([p[:4], p[5:3:-1]]) for p in _points(swapped)]
        assert np.allclose(sorted(relabelled, key=tuple), expected)


def _planted(target: list[list[Fraction]], seed: int) -> NormalFormGame:
    """A random game in which `target` is a totally mixed equilibrium: each player's
    payoffs get a constant per own action that equalises the action values against it."""
    rng = np.random.default_rng(seed)
    sizes = tuple(len(x) for x in target)
    n = len(sizes)
    payoffs = rng.integers(-20, 21, size=(n, *sizes)).astype(object)
    for i in range(n):
        weights = np.ones((), dtype=object)
        for k in range(n):
            if k != i:
                weights = np.multiply.outer(weights, np.array(target[k], dtype=object))
        moved = np.moveaxis(payoffs[i], i, 0)
        values = [(moved[a] * weights).sum() for a in range(sizes[i])]
        top = max(values)
        for a in range(sizes[i]):
            moved[a] += top - values[a]
    players = [(f"P{i}", tuple(f"a{j}" for j in range(s))) for i, s in enumerate(sizes)]
    return NormalFormGame(players, payoffs)


@pytest.mark.parametrize(
    "target",
    [
        [[F(1, 2), F(1, 3), F(1, 6)], [F(1, 4), F(1, 4), F(1, 2)], [F(2, 5), F(2, 5), F(1, 5)]],
        [[F(1, 3), F(2, 3)], [F(1, 5), F(3, 5), F(1, 5)], [F(1, 2), F(1, 6), F(1, 3)]],
        [[F(3, 4), F(1, 4)], [F(1, 3), F(2, 3)], [F(1, 7), F(2, 7), F(4, 7)]],
        [[F(1, 3), F(2, 3)], [F(1, 2), F(1, 2)], [F(3, 5), F(2, 5)], [F(1, 4), F(3, 4)]],
    ],
    ids=["3x3x3", "2x3x3", "2x2x3", "2x2x2x2"],
)
def test_planted_totally_mixed_equilibrium_is_found_exactly_and_completely(target) -> None:
    # supports with more than three unknowns (three or four players mixing) are solved by
    # elimination and resultants
    for seed in range(3):
        result = nplayer_equilibria(_planted(target, seed))
        assert result.guarantee is Guarantee.ALL, result.notes
        assert any([list(p) for p in eq.profile.probabilities] == target for eq in result)
        assert all(eq.max_regret == 0 if eq.is_exact else float(eq.max_regret) < 1e-9 for eq in result)
        assert len(result) % 2 == 1  # a nondegenerate game has an odd number of equilibria


@pytest.mark.parametrize(
    ("kernel", "shape"),
    [
        ("binary_pair_candidates", (3, 2, 2)),
        ("binary_pair_candidates", (2, 3, 2)),
        ("binary_pair_candidates", (2, 2, 3)),
        ("binary_pivot_candidates", (2, 2, 2)),
        ("binary_pivot_candidates", (2, 3, 3)),
        ("binary_pivot_candidates", (3, 3, 2)),
    ],
)
def test_closed_form_kernels_agree_with_an_exact_solve(kernel, shape) -> None:
    # two binary players and a ternary one; or a binary player and two of equal size: the
    # kernel's candidates are the real solutions in the simplex of the exact system
    # (sympy; with five unknowns, where sympy takes minutes, the general resultant route),
    # or it declines (None)
    import sympy as sp

    from strategy.solvers.nplayer import _binary, _elimination, _multilinear

    rng = np.random.default_rng(sum(shape) + len(kernel))
    checked = 0
    for _ in range(25):
        us = [rng.integers(-4, 5, size=shape).astype(float) for _ in range(3)]
        found = getattr(_binary, kernel)(us)
        if found is None:
            continue
        if sum(shape) == 8:
            reference = _elimination.three_player_candidates(us)
            if reference is None:
                continue
            exact = [np.concatenate(x) for x in reference if all(v.min() >= -1e-9 for v in x)]
            mine = [np.concatenate(x) for x in found if all(v.min() >= -1e-9 for v in x)]
            assert len(mine) == len(exact)
            for point in exact:
                assert min(np.abs(point - m).max() for m in mine) < 1e-7
            checked += 1
            continue
        equations, gens = _multilinear.exact_system([u.astype(int).astype(object) for u in us])
        exact = []
        for sol in sp.solve(equations, gens, dict=True):
            if len(sol) < len(gens) or any(not v.is_real for v in sol.values()):
                continue
            t = [float(sol[g]) for g in gens]
            xs = _multilinear.split(np.array([t]), shape)
            if all(x.min() >= -1e-9 for x in xs):
                exact.append(np.concatenate(xs, axis=1)[0])
        mine = [np.concatenate(x) for x in found if all(v.min() >= -1e-9 for v in x)]
        mine = [m for i, m in enumerate(mine) if all(np.abs(m - o).max() > 1e-7 for o in mine[:i])]
        assert len(mine) == len(exact)
        for point in exact:
            assert min(np.abs(point - m).max() for m in mine) < 1e-7
        checked += 1
    assert checked >= 12


def test_pair_domination_is_mixed_domination_for_three_actions() -> None:
    # with three actions, domination by a mixture of the two others is every mixed-strategy
    # domination: compare with the LP max eps s.t. sum_k s_k u_k(p) - u_a(p) >= eps on T
    from scipy.optimize import linprog

    from strategy.solvers.nplayer.supports import pair_dominated as _pair_dominated

    rng = np.random.default_rng(7)
    agreements = {True: 0, False: 0}
    for _ in range(60):
        flat = rng.integers(-6, 7, size=(3, 6)).astype(float)
        masks = rng.random((5, 6)) < 0.6
        masks[:, 0] = True
        ours = _pair_dominated(flat, masks, 1e-9)
        for a in range(3):
            b, c = (k for k in range(3) if k != a)
            for t in range(len(masks)):
                cols = np.flatnonzero(masks[t])
                # variables (s_b, s_c, eps): maximise eps
                a_ub = np.column_stack([-flat[b, cols], -flat[c, cols], np.ones(len(cols))])
                res = linprog(
                    [0, 0, -1],
                    A_ub=a_ub,
                    b_ub=-flat[a, cols],
                    A_eq=[[1, 1, 0]],
                    b_eq=[1],
                    bounds=[(0, 1), (0, 1), (None, None)],
                    method="highs",
                )
                expected = -res.fun > 1e-9
                assert ours[a, t] == expected
                agreements[expected] += 1
    assert min(agreements.values()) > 20


def test_one_mixing_player_pinned_to_a_point_is_isolated_not_a_continuum() -> None:
    # B is indifferent only against (a0, c0); A gains 2 lam - 1 by switching to a1 and C gains
    # 1 - 2 lam by switching to c1, so B's mixture there is pinned to lam = 1/2: a single
    # vertex, an isolated equilibrium (the search stays complete)
    u = [
        [[[6, -8], [-6, -5]], [[7, 6], [-7, 2]]],
        [[[0, -8], [0, -1]], [[2, 0], [-4, -6]]],
        [[[4, 3], [-9, -8]], [[-1, -2], [7, 0]]],
    ]
    game = NormalFormGame([("A", ("a0", "a1")), ("B", ("b0", "b1")), ("C", ("c0", "c1"))], np.array(u))
    result = nplayer_equilibria(game)
    assert result.guarantee is Guarantee.ALL, result.notes
    found = sorted([[list(p) for p in eq.profile.probabilities] for eq in result])
    assert found == sorted(
        [
            [[0, 1], [1, 0], [1, 0]],
            [[1, 0], [F(1, 2), F(1, 2)], [1, 0]],
            [[F(7, 8), F(1, 8)], [0, 1], [F(7, 8), F(1, 8)]],
            [[F(249, 284), F(35, 284)], [F(1, 72), F(71, 72)], [F(73, 83), F(10, 83)]],
        ]
    )
    assert all(eq.max_regret == 0 for eq in result)


def test_simplex_slice_vertices() -> None:
    from strategy.solvers.nplayer.continua import simplex_slice_vertices as _simplex_slice_vertices

    # {x >= 0, sum x = 1, x0 <= x1} in three coordinates: a triangle
    vertices, every = _simplex_slice_vertices(np.array([[1.0, -1.0, 0.0]]), 0.0)
    assert every
    assert sorted(map(tuple, np.round(vertices, 12))) == [(0.0, 0.0, 1.0), (0.0, 1.0, 0.0), (0.5, 0.5, 0.0)]
    # x0 <= x1 and x1 <= x0 and x2 <= 0: a single point
    single, _ = _simplex_slice_vertices(np.array([[1.0, -1.0, 0.0], [-1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]), 0.0)
    assert np.allclose(single, [[0.5, 0.5, 0.0]])
    assert _simplex_slice_vertices(np.array([[1.0, 1.0]]), 0.0) == ([], True)  # x0 + x1 <= 0 misses the simplex


def test_large_games_are_reduced_by_strict_dominance_or_refused() -> None:
    # A 3x3x3 core padded to 12 actions each by copies of action 0 minus one: every padding
    # action is strictly dominated, so the equilibria are those of the core (padded with
    # zeros), found although the full game has (2^12 - 1)^3 support profiles.
    rng = np.random.default_rng(4)
    core = rng.integers(-9, 10, size=(3, 3, 3, 3))
    copy = [0, 1, 2] + [0] * 9  # action a >= 3 plays like action 0 ...
    full = core[(slice(None), *np.ix_(copy, copy, copy))].copy()
    for i in range(3):
        np.moveaxis(full[i], i, 0)[3:] -= 1  # ... but pays its owner one less
    names = [(f"P{i}", tuple(f"a{j}" for j in range(12))) for i in range(3)]
    big = NormalFormGame(names, full)
    small = NormalFormGame([(n, acts[:3]) for n, acts in names], core)
    got = nplayer_equilibria(big)
    want = nplayer_equilibria(small)
    assert got.guarantee == want.guarantee
    assert any("strictly dominated actions removed" in note for note in got.notes)
    padded = sorted(tuple(tuple(v[:3]) for v in e.profile.probabilities) for e in got)
    assert padded == sorted(tuple(tuple(v) for v in e.profile.probabilities) for e in want)
    assert got.certified()
    assert all(not any(v[3:]) for e in got for v in e.profile.probabilities)
    # nothing dominated and far too many supports: a clear refusal naming the alternatives
    wide = NormalFormGame(names, rng.integers(0, 10, size=(3, 12, 12, 12)))
    with pytest.raises(UnsupportedGameError, match=r"out of reach.*simpdiv"):
        nplayer_equilibria(wide)
