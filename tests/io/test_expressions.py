"""Safe payoff expressions: whitelist, batch evaluation, errors, sympy conversion."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy.errors import SpecError, UnknownLabelError
from strategy.sensitivity.expressions import MAX_EXPONENT, Expression, to_sympy

NAMES = ("a", "b", "cost")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("__import__('os').system('x')", "calling"),
        ("a.real", "attribute access"),
        ("a[0]", "subscripts"),
        ("(lambda: 1)()", "calling"),
        ("lambda: 1", "lambdas"),
        ("[x for x in a]", "comprehensions"),
        ("'text'", "str"),
        ("open('f')", "calling 'open'"),
        ("a ** 101", f"above {MAX_EXPONENT}"),
        ("a ** -1000", f"above {MAX_EXPONENT}"),
        ("2 ** a", "non-constant exponent"),
        ("a and b", "'and'/'or'"),
        ("a < b < 1", "chained"),
        ("a // b", "FloorDiv"),
        ("~a", "Invert"),
        ("(a, b)", "tuples"),
        ("max", "function 'max' as a value"),
        ("True", "bool"),
        ("a +", "not valid"),
        ("min(a)", "at least 2"),
        ("exp(a, b)", "takes 1"),
        ("a + " * 300 + "1", "limit"),
    ],
)
def test_hostile_or_unsupported_constructs_are_refused(text: str, fragment: str) -> None:
    with pytest.raises(SpecError) as info:
        Expression.parse(text, NAMES)
    assert fragment in str(info.value)


def test_undeclared_names_are_unknown_parameters() -> None:
    with pytest.raises(UnknownLabelError, match="Did you mean 'cost'"):
        Expression.parse("cots * 2", NAMES)


def test_textbook_values() -> None:
    values = {"a": 3.0, "b": -2.0, "cost": 0.5}
    cases = {
        "a + b * 2": -1.0,
        "-a ** 2": -9.0,
        "(a - cost) / 2": 1.25,
        "max(a, b, 10) - min(a, b)": 12.0,
        "abs(b) + sqrt(a + 1) + log(exp(cost))": 4.5,
        "a if b > 0 else cost": 0.5,
        "where(a >= 3, 1, 2)": 1.0,
        "(a == 3) + (b != -2)": 1.0,
    }
    for text, expected in cases.items():
        assert Expression.parse(text, NAMES)(values) == pytest.approx(expected), text


@given(st.lists(st.floats(-50, 50), min_size=1, max_size=20), st.floats(-50, 50))
@settings(max_examples=60, deadline=None)
def test_batch_evaluation_matches_pointwise(a: list[float], b: float) -> None:
    expr = Expression.parse("max(a - b, 0) * 2 + (a if a > b else -b) + a ** 2 / (1 + b ** 2)", NAMES)
    batch = expr.evaluate({"a": np.array(a), "b": b})
    pointwise = [max(x - b, 0) * 2 + (x if x > b else -b) + x**2 / (1 + b**2) for x in a]
    np.testing.assert_allclose(batch, pointwise, rtol=1e-12, atol=1e-12)


def test_division_by_zero_names_expression_and_values() -> None:
    expr = Expression.parse("1 / (a - b)", NAMES)
    with pytest.raises(SpecError) as info:
        expr({"a": np.array([1.0, 2.0, 3.0]), "b": np.array([0.0, 2.0, 1.0])})
    message = str(info.value)
    assert "'1 / (a - b)'" in message
    assert "a=2" in message
    assert "b=2" in message


def test_untaken_branch_may_be_infinite() -> None:
    expr = Expression.parse("where(a > 0, 1 / a, 0)", NAMES)
    assert expr.evaluate({"a": np.array([0.0, 4.0])}).tolist() == [0.0, 0.25]


def test_to_sympy_is_exact_and_agrees_numerically() -> None:
    expr = Expression.parse("(a - 0.1) * 3 / (cost + 1) + max(a, b)", NAMES)
    sym = to_sympy(expr)
    a, b, cost = (sympy.Symbol(n, real=True) for n in ("a", "b", "cost"))
    assert sympy.simplify(sym - ((a - sympy.Rational(1, 10)) * 3 / (cost + 1) + sympy.Max(a, b))) == 0
    point = {"a": 2.0, "b": 1.0, "cost": 0.5}
    assert float(sym.subs({a: 2, b: 1, cost: sympy.Rational(1, 2)})) == pytest.approx(expr(point))


def test_to_sympy_threshold_solves_in_closed_form() -> None:
    expr = Expression.parse("2 * a - cost - 1", NAMES)
    a = sympy.Symbol("a", real=True)
    cost = sympy.Symbol("cost", real=True)
    assert sympy.solve(to_sympy(expr), a) == [cost / 2 + sympy.Rational(1, 2)]
    assert math.isclose(expr({"a": 0.75, "cost": 0.5}), 0.0)
