r"""Exact and floating-point numbers: the one policy.

* Payoffs given as integers or :class:`fractions.Fraction` are *exact*. Games keep an
  exact copy of them, exact solvers report equilibria as fractions, and certificates
  (maximum regret) are computed in exact arithmetic, so a certificate of ``0`` is a proof.
* Float payoffs are solved in float64. Every comparison uses one tolerance, relative to
  the scale of the payoffs:

  .. math:: \varepsilon = \mathrm{tol} \cdot \max(1, \max_{i,a} |u_i(a)|),

  with ``tol = DEFAULT_TOL`` unless the caller passes another.
* A float can be made exact through its shortest decimal representation
  (``0.3 -> 3/10``), which is what a person who typed ``0.3`` meant.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from fractions import Fraction
from numbers import Rational
from typing import Any

import numpy as np
import numpy.typing as npt

from strategy.numerals import MAX_DIGITS, MAX_MAGNITUDE, exact_integer, is_number_text, parse_number

__all__ = [
    "BINDING_CANDIDATE_TOL",
    "BINDING_TOL",
    "DEFAULT_TOL",
    "LP_FEASIBILITY_TOL",
    "MAX_DIGITS",
    "MAX_MAGNITUDE",
    "PROBABILITY_TOL",
    "ROUNDING_RADIUS",
    "SCREEN_SLACK",
    "SINGULAR_TOL",
    "WELL_CONDITIONED",
    "FloatArray",
    "Number",
    "ObjectArray",
    "decimals",
    "exact_integer",
    "format_number",
    "is_exact_value",
    "is_number_text",
    "parse_number",
    "scale_tolerance",
    "set_decimals",
    "to_fraction",
    "to_number_array",
]

DEFAULT_TOL = 1e-9
"""Relative tolerance for float comparisons (probabilities, regrets, ties)."""

# The solvers' internal tolerances. Each bounds one decision a float computation makes before
# the result is checked again (exactly in exact games, against DEFAULT_TOL otherwise).

PROBABILITY_TOL = 1e-9
"""A float probability above this is in the support; two float distributions that differ by
at most this in every entry are one point."""

LP_FEASIBILITY_TOL = 1e-10
"""HiGHS's primal and dual feasibility tolerances for a linear programme whose solution is
then rounded to fractions (zero-sum games, the sequence-form LP): tighter than HiGHS's
default ``1e-7``, so that the rounding lands on the exact optimum."""

BINDING_TOL = 1e-7
"""Slack, relative to the payoff scale, below which a constraint at a float LP optimum is
binding: all such constraints are solved together, exactly, to recompute the vertex."""

BINDING_CANDIDATE_TOL = 1e-6
"""Slack, relative to the payoff scale, below which a constraint at a float LP optimum is a
candidate binding equation; the independent candidates with the smallest slack are solved,
so this cut may be looser than :data:`BINDING_TOL`."""

ROUNDING_RADIUS = 1e-6
"""How far (in every coordinate) a float optimum rounded to fractions may move and still be
taken for that optimum, when the exact check proves it feasible but not optimal."""

SCREEN_SLACK = 1e-7
"""Slack, relative to the constraints' scale, a float solve may violate an inequality by
and still pass a candidate vertex on to the exact check (generous: a true vertex must not
be screened out)."""

SINGULAR_TOL = 1e-13
"""A k x k float system with ``|det| / max|entry|**k`` below this is singular up to
rounding (exact rational systems of moderate size lie far above)."""

WELL_CONDITIONED = 1e-9
"""A k x k float system with ``|det| / max|entry|**k`` above this is solved in floats to
screen it; between :data:`SINGULAR_TOL` and this it goes straight to the exact solve."""

FloatArray = npt.NDArray[np.float64]
ObjectArray = npt.NDArray[np.object_]
Number = int | float | Fraction


def is_exact_value(x: object) -> bool:
    """Return whether `x` is an exact rational number (int or Fraction, not bool)."""
    if isinstance(x, bool | np.bool_):
        return False
    return isinstance(x, int | np.integer | Rational)


def to_fraction(x: object) -> Fraction:
    """Convert a number to a Fraction; floats through their shortest decimal form.

    Raises ``ValueError`` for NaN, infinities and non-numbers.
    """
    if isinstance(x, bool | np.bool_):
        raise ValueError(f"{x!r} is a boolean, not a number")
    if isinstance(x, Fraction):
        return x
    if isinstance(x, int | np.integer):
        return Fraction(int(x))
    if isinstance(x, Rational):
        return Fraction(int(x.numerator), int(x.denominator))
    if isinstance(x, float | np.floating):
        if not math.isfinite(float(x)):
            raise ValueError(f"{x!r} is not a finite number")
        return Fraction(repr(float(x)))
    raise ValueError(f"{x!r} is not a number")


def to_number_array(data: Any, *, exact: bool | None = None) -> tuple[FloatArray, ObjectArray | None]:
    """Convert nested numbers to a float array and, when exact, a Fraction array.

    Parameters
    ----------
    data : array_like
        Nested sequences of numbers (int, float, Fraction, numpy scalars).
    exact : bool or None
        ``None`` keeps exact numbers exact and floats float; ``True`` makes every value
        exact (floats through their decimal form); ``False`` drops exactness.

    Returns
    -------
    (floats, fractions)
        ``fractions`` is None unless every value is exact (or ``exact=True``).

    Raises
    ------
    ValueError
        For ragged nesting, non-numeric entries, NaN or infinities; the message names the
        first bad index.
    """
    try:
        raw = np.array(data, dtype=object)
    except ValueError as err:
        raise ValueError(f"payoffs are ragged (rows of different lengths): {err}") from None
    if raw.dtype == object and raw.size and any(isinstance(v, list | tuple | np.ndarray) for v in raw.flat):
        raise ValueError("payoffs are ragged (rows of different lengths)")
    floats = np.empty(raw.shape, dtype=np.float64)
    all_exact = True
    for index, value in np.ndenumerate(raw):
        if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | Rational | np.number):
            raise ValueError(f"entry {list(index)} is {value!r}, not a number")
        try:
            f = float(value)
        except OverflowError:
            raise ValueError(
                f"entry {list(index)} is beyond the float range (about 1.8e308 in absolute value); rescale the payoffs"
            ) from None
        if not math.isfinite(f):
            raise ValueError(f"entry {list(index)} is {value!r}; payoffs must be finite")
        floats[index] = f
        all_exact = all_exact and is_exact_value(value)
    keep_exact = all_exact if exact is None else exact
    fractions: ObjectArray | None = None
    if keep_exact:
        fractions = np.empty(raw.shape, dtype=object)
        for index, value in np.ndenumerate(raw):
            fractions[index] = to_fraction(value)
    return floats, fractions


def scale_tolerance(values: npt.ArrayLike, tol: float = DEFAULT_TOL) -> float:
    """Return the absolute tolerance ``tol * max(1, max|values|)``."""
    arr = np.asarray(values, dtype=np.float64)
    scale = float(np.max(np.abs(arr))) if arr.size else 0.0
    return tol * max(1.0, scale)


_MAX_DECIMALS = 15
_default_decimals: int | None = None
_scoped_decimals: ContextVar[int | None] = ContextVar("strategy_decimals", default=None)


def _places(places: int | None) -> int | None:
    if places is None:
        return None
    if isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= _MAX_DECIMALS:
        from strategy.errors import StrategyError

        raise StrategyError(f"decimals must be a whole number from 0 to {_MAX_DECIMALS} (or None); got {places!r}")
    return places


def set_decimals(places: int | None) -> None:
    """Make every display print numbers as decimals with `places` places (``None``: back to
    exact fractions for exact numbers and 4 significant digits for floats)."""
    global _default_decimals
    _default_decimals = _places(places)


@contextmanager
def decimals(places: int | None) -> Iterator[None]:
    """Within the ``with`` block, displays print numbers as decimals with `places` places."""
    token = _scoped_decimals.set(_places(places))
    try:
        yield
    finally:
        _scoped_decimals.reset(token)


def format_number(value: object, digits: int = 4, decimals: int | None = None) -> str:
    """Format a payoff or probability for people: ``1/3`` for Fractions, ``0.3333`` for floats.

    Integers print without a decimal point; floats use `digits` significant digits and
    drop ``-0``. With `decimals` (or a display default from :func:`set_decimals` or the
    :func:`decimals` context) every non-integer prints as a decimal with that many places:
    ``1303/2370`` becomes ``0.550`` with three.
    """
    places = _places(decimals)
    if places is None:
        places = _scoped_decimals.get()
    if places is None:
        places = _default_decimals
    if places is not None and not isinstance(value, bool):
        f_value = float(value)  # type: ignore[arg-type]
        if not math.isfinite(f_value) or (f_value == int(f_value) and abs(f_value) < 1e15):
            return str(f_value) if not math.isfinite(f_value) else str(int(f_value))
        text = f"{f_value:.{places}f}"
        return text[1:] if text.startswith("-") and float(text) == 0 else text
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    if isinstance(value, int | np.integer) and not isinstance(value, bool):
        return str(int(value))
    f = float(value)  # type: ignore[arg-type]
    if f == int(f) and abs(f) < 1e15:
        return str(int(f))
    text = f"{f:.{digits}g}"
    return "0" if text in ("-0", "0") else text


def common_denominator(values: np.ndarray) -> tuple[np.ndarray, int] | None:
    """Return ``(numerators, d)`` with ``values == numerators / d``, the numerators Python
    integers (an object array of ``values``' shape) and ``d`` the least common denominator;
    None when some entry is neither a Fraction nor an int. Products and sums of the
    numerators are exact without a gcd per operation."""
    flat = values.ravel().tolist()
    if not all(type(v) is Fraction or type(v) is int for v in flat):
        return None
    d = math.lcm(*(v.denominator for v in flat))
    numerators = [v.numerator * (d // v.denominator) for v in flat]
    return np.array(numerators, dtype=object).reshape(values.shape), d
