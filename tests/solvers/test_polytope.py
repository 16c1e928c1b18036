"""The vertex enumerator of {z >= 0, M z <= 1}: certified floating-point steps against
integer pivoting alone, exact vertices checked constraint by constraint, and the
decisions a floating-point step must refuse to make (ties, poor conditioning)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy.solvers.bimatrix import polytope
from strategy.solvers.bimatrix._certified import certified_step
from strategy.solvers.bimatrix._tableau import moves, slack_tableau
from strategy.solvers.bimatrix.polytope import (
    VertexRecovery,
    basic_point,
    exact_vertices,
    float_vertices,
    integer_vertices,
    vertex_bases,
)


@pytest.fixture
def certified_from_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """Send every basis after the first to the certified floating-point steps, and make most
    waiting bases drop their inverses (chunks with and without them are then merged)."""
    monkeypatch.setattr(polytope, "_SMALL", 1)
    monkeypatch.setattr(polytope, "_KEEP", 40)


def _check_vertices(matrix: list[list[int]], vertices: dict[int, tuple[Fraction, ...]]) -> None:
    """Each vertex is feasible, and its key is exactly its set of zero variables and tight rows."""
    d = len(matrix[0])
    for zero, z in vertices.items():
        values = [sum((c * v for c, v in zip(row, z, strict=True)), Fraction(0)) for row in matrix]
        assert min(z) >= 0
        assert max(values) <= 1
        expected = sum(1 << i for i, v in enumerate(z) if v == 0)
        expected |= sum(1 << (d + j) for j, v in enumerate(values) if v == 1)
        assert zero == expected


matrices = st.integers(1, 6).flatmap(
    lambda k: st.integers(1, 6).flatmap(
        lambda d: st.lists(
            st.lists(st.integers(1, 4), min_size=d, max_size=d),
            min_size=k,
            max_size=k,
        )
    )
)


@settings(max_examples=150, deadline=None)
@given(matrices)
def test_certified_steps_find_the_vertices_of_integer_pivoting(matrix: list[list[int]]) -> None:
    # Small entries make ties everywhere: every undecided step must go to the integers.
    previous = polytope._SMALL
    polytope._SMALL = 1
    try:
        certified = _fractions(integer_vertices(matrix))
    finally:
        polytope._SMALL = previous
    assert certified == _fractions(integer_vertices(matrix, certified=False))
    _check_vertices(matrix, certified)


def _fractions(vertices: dict[int, tuple[tuple[int, ...], int]]) -> dict[int, tuple[Fraction, ...]]:
    return {zero: tuple(Fraction(v, det) for v in point) for zero, (point, det) in vertices.items()}


@pytest.mark.usefixtures("certified_from_the_start")
def test_random_polytopes_agree_and_their_vertices_are_exact() -> None:
    rng = np.random.default_rng(7)
    for k, d, high in [(6, 6, 99), (7, 5, 9), (5, 8, 99), (8, 8, 3), (9, 9, 99)]:
        matrix = rng.integers(1, high + 1, size=(k, d)).tolist()
        found = exact_vertices(matrix)
        assert set(found) == set(vertex_bases(matrix, certified=False))
        _check_vertices(matrix, found)


@pytest.mark.usefixtures("certified_from_the_start")
def test_ill_conditioned_bases_are_decided_in_integers() -> None:
    # A block with determinant -1 and entries near 1e8 (condition number ~1e16) inside a
    # random matrix: floating point cannot resolve it, the integers must.
    rng = np.random.default_rng(3)
    matrix = rng.integers(1, 100, size=(6, 6)).tolist()
    big = 10**8
    matrix[0][:2], matrix[1][:2] = [big, big + 1], [big + 1, big + 2]
    found = exact_vertices(matrix)
    assert set(found) == set(vertex_bases(matrix, certified=False))
    _check_vertices(matrix, found)


@pytest.mark.usefixtures("certified_from_the_start")
@pytest.mark.parametrize("top", [2**60, 10**400])  # beyond double precision; beyond its range
def test_entries_beyond_double_precision_are_pivoted_in_integers(top: int) -> None:
    matrix = [[top, 2 * top, 3], [1, 1, 1]]
    found = exact_vertices(matrix)
    assert sorted(found.values()) == [
        (0, 0, 0),
        (0, 0, Fraction(1, 3)),
        (0, Fraction(1, 2 * top), 0),
        (Fraction(1, top), 0, 0),
    ]
    _check_vertices(matrix, found)
    assert exact_vertices([[top, 2 * top]]) == {
        0b011: (0, 0),
        0b110: (Fraction(1, top), 0),
        0b101: (0, Fraction(1, 2 * top)),
    }


def test_a_step_proves_a_clear_ratio_test_and_refuses_a_tie() -> None:
    def first_step(matrix: list[list[int]]):
        k, d = len(matrix), len(matrix[0])
        transposed = np.vstack([np.array(matrix, dtype=float).T, np.eye(k)])
        basic = np.array([list(range(d, d + k))])
        nonbasic = np.array([list(range(d))])
        return certified_step(basic, nonbasic, None, transposed)

    clear = first_step([[1, 2], [3, 1]])
    assert clear.decided.tolist() == [True]
    # column z0: ratios 1/1 and 1/3, row 1 leaves; column z1: 1/2 and 1/1, row 0 leaves
    assert clear.rows.tolist() == [[1, 0]]
    assert clear.move.tolist() == [[True, True]]
    _, exact = moves(slack_tableau([[1, 2], [3, 1]]), 4)
    assert sorted(exact) == [(0, 1), (1, 0)]
    tie = first_step([[2, 1], [2, 3]])  # column z0: both ratios 1/2
    assert tie.decided.tolist() == [False]


def test_an_inexact_inverse_cannot_break_a_tie() -> None:
    # The slack basis of [[5, 5], [2, 2], [5, 3]]: column z0 ties rows 0 and 2 (ratio 1/5).
    # With an inverse off by ~1e-12 floating point sees no tie; the error bound (from
    # I - R B) keeps the step undecided.
    transposed = np.vstack([np.array([[5, 5], [2, 2], [5, 3]], dtype=float).T, np.eye(3)])
    inverse = np.eye(3)[None] + np.array([[[0, 1e-12, 0], [0, 0, 0], [0, -1e-12, 0]]])
    step = certified_step(np.array([[2, 3, 4]]), np.array([[0, 1]]), inverse, transposed)
    ratios = step.tableau[0, 0] / step.inverse[0].sum(axis=1)
    assert ratios[0] != ratios[2]  # floating point sees no tie
    assert step.decided.tolist() == [False]
    exact = certified_step(np.array([[2, 3, 4]]), np.array([[0, 1]]), None, transposed)
    assert exact.decided.tolist() == [False]  # the exact inverse: an exact tie


def test_basic_point_solves_the_tight_rows() -> None:
    # basis {z0, z1}: 2 z0 + z1 = 1 and z0 + 3 z1 = 1 give z = (2/5, 1/5)
    assert basic_point([[2, 1], [1, 3]], 0b0011) == ((2, 1), 5)
    assert basic_point([[2, 1], [1, 3]], 0b1100) == ((0, 0), 1)


def test_float_vertices_and_their_exact_recovery() -> None:
    matrix = [[2, 1], [1, 3]]
    points, masks = float_vertices(np.array(matrix, dtype=float), coord_offset=0, row_offset=2)
    assert len(points) == 4  # the origin, (1/2, 0), (0, 1/3), (2/5, 1/5)
    recovery = VertexRecovery(matrix, np.array(matrix, dtype=float))
    exact = {zero: point for zero, point in exact_vertices(matrix).items()}
    for point, mask in zip(points.tolist(), masks.tolist(), strict=True):
        found = recovery.vertex([v + 1e-9 for v in point])
        assert found is not None
        recovered, zero = found
        assert zero == mask  # the labels of a clear vertex, read in floating point and exactly
        assert exact[zero] == recovered
