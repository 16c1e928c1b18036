"""The exact core the solvers share (strategy.solvers._exact): each function checked against an
independent oracle (sympy's exact matrices, SciPy's LP in floats) or the definition it
implements, on random rational data including singular and inconsistent systems."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy.errors import ConvergenceError
from strategy.solvers._exact import linalg, lp, polytope, rationalise

F = Fraction
ROOT = Path(__file__).resolve().parents[2]

small = st.fractions(min_value=-6, max_value=6, max_denominator=4)


@st.composite
def matrices(draw: st.DrawFn, max_rows: int = 6, max_cols: int = 6) -> list[list[Fraction]]:
    """A rational matrix, often rank-deficient (a row repeated as a combination of two others)."""
    rows = draw(st.integers(1, max_rows))
    cols = draw(st.integers(1, max_cols))
    matrix = [[draw(small) for _ in range(cols)] for _ in range(rows)]
    if rows >= 3 and draw(st.booleans()):
        k = draw(small)
        matrix[-1] = [a + k * b for a, b in zip(matrix[0], matrix[1], strict=True)]
    return matrix


def _rank(rows: list[list[Fraction]]) -> int:
    return int(sympy.Matrix(rows).rank()) if rows and rows[0] else 0


def _times(matrix: list[list[Fraction]], x: list[Fraction]) -> list[Fraction]:
    return [sum((a * b for a, b in zip(row, x, strict=True)), F(0)) for row in matrix]


# ---------------------------------------------------------------------- linear algebra
@settings(max_examples=60, deadline=None)
@given(matrices(max_cols=7))
def test_rref_is_sympys_reduced_row_echelon_form(rows: list[list[Fraction]]) -> None:
    reduced, pivots = linalg.rref(rows)
    expected, expected_pivots = sympy.Matrix(rows).rref()
    assert pivots == list(expected_pivots)
    assert reduced == [[F(int(v.p), int(v.q)) for v in expected.row(i)] for i in range(expected.rows)]


@settings(max_examples=60, deadline=None)
@given(matrices(), st.data())
def test_solve_returns_a_solution_exactly_when_the_system_is_consistent(
    matrix: list[list[Fraction]], data: st.DataObject
) -> None:
    rhs = [data.draw(small) for _ in matrix]
    x = linalg.solve(matrix, rhs)
    consistent = _rank(matrix) == _rank([[*row, b] for row, b in zip(matrix, rhs, strict=True)])
    assert (x is not None) == consistent
    if x is not None:
        assert _times(matrix, x) == rhs


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 6).flatmap(lambda n: st.lists(st.lists(small, min_size=n, max_size=n), min_size=n, max_size=n)))
def test_solve_square_is_none_exactly_for_singular_matrices(matrix: list[list[Fraction]]) -> None:
    rhs = [F(k + 1, 3) for k in range(len(matrix))]
    x = linalg.solve_square(matrix, rhs)
    assert (x is None) == (sympy.Matrix(matrix).det() == 0)
    if x is not None:
        assert _times(matrix, x) == rhs


@settings(max_examples=60, deadline=None)
@given(matrices(), st.data())
def test_affine_solution_spans_every_solution(matrix: list[list[Fraction]], data: st.DataObject) -> None:
    n = len(matrix[0])
    rhs = _times(matrix, [data.draw(small) for _ in range(n)])  # consistent by construction
    solution = linalg.affine_solution(matrix, rhs, n)
    assert solution is not None
    x0, basis = solution
    assert _times(matrix, x0) == rhs
    assert all(_times(matrix, v) == [0] * len(matrix) for v in basis)
    assert len(basis) == n - _rank(matrix)
    assert not basis or _rank(basis) == len(basis)


def test_affine_solution_of_no_equations_is_the_whole_space_and_inconsistency_is_none() -> None:
    x0, basis = linalg.affine_solution([], [], 3) or ([], [])
    assert x0 == [0, 0, 0]
    assert _rank(basis) == 3
    assert linalg.affine_solution([[F(1), F(1)], [F(2), F(2)]], [F(1), F(3)], 2) is None


@settings(max_examples=60, deadline=None)
@given(matrices(max_rows=7, max_cols=4))
def test_independent_rows_keeps_each_row_that_raises_the_rank(rows: list[list[Fraction]]) -> None:
    kept = linalg.independent_rows(rows)
    expected = [k for k in range(len(rows)) if _rank(rows[: k + 1]) > _rank(rows[:k])]
    assert kept == expected
    basis: list[list[Fraction]] = []
    assert [k for k, row in enumerate(rows) if linalg.add_if_independent(basis, row)] == expected


def test_the_fraction_free_elimination_handles_large_entries_exactly() -> None:
    # A Hilbert matrix is notoriously ill-conditioned; its exact inverse has integer entries.
    n = 8
    hilbert = [[F(1, i + j + 1) for j in range(n)] for i in range(n)]
    first_column = linalg.solve_square(hilbert, [F(int(i == 0)) for i in range(n)])
    expected = sympy.Matrix(hilbert).inv()[:, 0]
    assert first_column == [F(int(v)) for v in expected]


# ---------------------------------------------------------------------- rounding, then verifying
@pytest.mark.parametrize(("p", "q"), [(1, 3), (2, 7), (47, 58), (5, 9973), (12_345, 100_003)])
def test_a_rational_distribution_is_recovered_from_its_float_with_noise(p: int, q: int) -> None:
    noisy = [p / q + 1e-12, (q - p) / q - 1e-12]
    found = rationalise.first_verified([noisy], lambda c: c if c[0] == (F(p, q), F(q - p, q)) else None)
    assert found == [(F(p, q), F(q - p, q))]


def test_roundings_run_from_coarse_to_fine_and_never_repeat() -> None:
    candidates = list(rationalise.roundings([[0.4, 0.6]]))
    assert candidates[0] == [(F(1, 2), F(1, 2))]  # the coarsest rounding comes first
    assert candidates[1] == [(F(2, 5), F(3, 5))]
    assert len(candidates) == 2  # every finer bound gives 2/5 again
    assert list(rationalise.roundings([[0.4, 0.6]], near=1e-6)) == [[(F(2, 5), F(3, 5))]]


def test_rounding_clips_negatives_and_refuses_an_all_zero_vector() -> None:
    assert rationalise.rounded([-1e-12, 0.25, 0.75], 10) == (0, F(1, 4), F(3, 4))
    assert rationalise.rounded([1e-12, 0.0], 10) is None
    assert rationalise.first_verified([[0.3, 0.7]], lambda c: None) is None


# ---------------------------------------------------------------------- the LP wrapper
def test_minimise_finds_the_optimum_and_its_duals() -> None:
    # min -x - y  s.t.  x + 2y <= 4, 3x + y <= 6: optimum (8/5, 6/5), value -14/5.
    a_ub, b_ub = np.array([[1.0, 2.0], [3.0, 1.0]]), np.array([4.0, 6.0])
    optimum = lp.minimise([-1.0, -1.0], a_ub=a_ub, b_ub=b_ub)
    assert optimum is not None
    assert np.allclose(optimum.x, [1.6, 1.2])
    assert optimum.value == pytest.approx(-2.8)
    # Strong duality: the value is b . duals, and the duals price the objective: c = A^T duals.
    assert optimum.value == pytest.approx(b_ub @ optimum.upper_duals)
    assert np.allclose(a_ub.T @ optimum.upper_duals, [-1.0, -1.0])
    scaled = lp.minimise([-1.0, -1.0], a_ub=a_ub, b_ub=b_ub, scale=40.0, precise=True)
    assert scaled is not None
    assert np.allclose(scaled.x, optimum.x)
    assert scaled.value == pytest.approx(optimum.value)
    assert np.allclose(scaled.upper_duals, optimum.upper_duals)


def test_minimise_says_none_for_infeasible_and_unbounded_programmes() -> None:
    assert lp.minimise([1.0], a_ub=[[1.0]], b_ub=[-1.0]) is None  # x <= -1 with x >= 0
    assert lp.minimise([-1.0], bounds=[(0, None)]) is None  # x unbounded above


def test_a_solver_failure_is_a_convergence_error_naming_the_programme(monkeypatch: pytest.MonkeyPatch) -> None:
    import scipy.optimize

    class Stalled:
        status, message = 4, "Numerical difficulties encountered."

    monkeypatch.setattr(scipy.optimize, "linprog", lambda *args, **kwargs: Stalled())
    with pytest.raises(ConvergenceError, match="the test LP: Numerical difficulties"):
        lp.minimise([1.0], what="the test LP")


# ---------------------------------------------------------------------- polytope vertices
def test_the_vertices_of_a_simplex_and_a_square_slice() -> None:
    one = F(1)
    # {x in R^3 : x1 + x2 + x3 = 1, x >= 0}
    simplex = polytope.polytope_vertices(
        3,
        [[one, one, one]],
        [one],
        [[-one, 0 * one, 0 * one], [0 * one, -one, 0 * one], [0 * one, 0 * one, -one]],
        [0 * one] * 3,
    )
    assert simplex == [(0, 0, 1), (0, 1, 0), (1, 0, 0)]
    # {0 <= x, y <= 1, x + y <= 3/2}: a square with a corner cut off
    ub = [[-one, 0 * one], [0 * one, -one], [one, 0 * one], [0 * one, one], [one, one]]
    cut = polytope.polytope_vertices(2, [], [], ub, [0, 0, 1, 1, F(3, 2)])
    assert cut == [(0, 0), (0, 1), (F(1, 2), 1), (1, 0), (1, F(1, 2))]
    assert polytope.polytope_vertices(2, [], [], ub, [0, 0, -1, 1, 1]) == []  # x <= -1 and x >= 0


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000))
def test_every_lp_optimum_over_a_random_polytope_is_a_listed_vertex(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 4))
    extra = rng.integers(-3, 4, size=(int(rng.integers(1, 4)), n))
    ub = [[F(int(v)) for v in row] for row in extra] + [[F(-int(i == j)) for j in range(n)] for i in range(n)]
    ub_rhs = [F(int(rng.integers(1, 6))) for _ in extra] + [F(0)] * n
    eq, rhs = [[F(1)] * n], [F(int(rng.integers(1, 4)))]  # a bounded slice of the orthant
    vertices = polytope.polytope_vertices(n, eq, rhs, ub, ub_rhs)
    for v in vertices:  # each is feasible and has n independent tight constraints
        assert _times(eq, list(v)) == rhs
        tight = [row for row, b in zip(ub, ub_rhs, strict=True) if _times([row], list(v))[0] == b]
        assert all(_times([row], list(v))[0] <= b for row, b in zip(ub, ub_rhs, strict=True))
        assert _rank(eq + tight) == n
    floats = np.array(vertices, dtype=float).reshape(len(vertices), n)
    for direction in rng.normal(size=(6, n)):
        optimum = lp.minimise(direction, a_ub=np.array(ub, float), b_ub=np.array(ub_rhs, float), a_eq=[[1.0] * n],
                              b_eq=[float(rhs[0])], bounds=[(None, None)] * n)  # fmt: skip
        assert (optimum is None) == (len(vertices) == 0)
        if optimum is not None:
            assert (floats @ direction).min() == pytest.approx(optimum.value, abs=1e-7)


# ---------------------------------------------------------------------- the signalling modules
def test_the_signalling_names_keep_their_old_home_and_load_lazily() -> None:
    from strategy.solvers.signalling import assessment, enumeration, refinement

    assert enumeration.PBE is assessment.PBE
    assert enumeration.BeliefSet is assessment.BeliefSet
    assert enumeration.refine is refinement.refine
    assert enumeration.intuitive_criterion is refinement.intuitive_criterion
    probe = (
        "import json, sys\nfrom strategy.solvers.signalling import PBE\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('strategy.solvers.signalling.'))))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})  # fmt: skip
    assert json.loads(out.stdout) == ["strategy.solvers.signalling.assessment"]
