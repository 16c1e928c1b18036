r"""Float solutions made exact: round to fractions, then let the caller verify exactly.

A float method (an LP, a numerical path) locates a point whose true value, in an exact game,
is rational. Rounding each coordinate :math:`x` by continued fractions to the nearest
fraction with denominator at most :math:`B` (:meth:`fractions.Fraction.limit_denominator`)
recovers :math:`p/q` when :math:`q \le B` and :math:`|x - p/q| < 1/(2qB)`: every other
fraction with denominator at most :math:`B` is then farther. The bounds of
:data:`DENOMINATOR_LADDER` are tried smallest first, so the simplest fraction that passes
the caller's exact check wins; the float point is never reported as exact unverified.

Every candidate is a distribution: coordinates clipped at zero, rounded, then divided by
their sum.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction
from typing import TypeVar

from strategy.numbers import FloatArray

__all__ = ["DENOMINATOR_LADDER", "first_verified", "rounded", "roundings"]

DENOMINATOR_LADDER = (2, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 10**9)
"""The denominator bounds tried, smallest first. ``2`` comes first so that a half that
verifies is preferred to a nearer fraction (a dominating mixture of two actions is shown
as ``1/2, 1/2`` when it dominates); beyond ``10**9`` the float's own error (about
``1e-9`` after an LP) leaves no recoverable fraction."""

T = TypeVar("T")

Weights = Sequence[float] | FloatArray
"""Non-negative weights (a float distribution, possibly unnormalised)."""


def rounded(weights: Weights, bound: int) -> tuple[Fraction, ...] | None:
    """`weights` (clipped at 0) rounded to denominators at most `bound` and normalised to sum
    1; None when every weight rounds to 0."""
    near = [max(Fraction(float(w)).limit_denominator(bound), Fraction(0)) for w in weights]
    total = sum(near, Fraction(0))
    return None if total <= 0 else tuple(p / total for p in near)


def roundings(
    distributions: Sequence[Weights],
    *,
    bounds: Sequence[int] = DENOMINATOR_LADDER,
    near: float | None = None,
) -> Iterator[list[tuple[Fraction, ...]]]:
    """Yield the distinct joint roundings of several distributions, bound by bound.

    With `near`, a rounding is skipped when some coordinate moves by more than `near` (for a
    caller whose check proves feasibility but not optimality: the rounding must still be the
    float point, not another feasible one).
    """
    seen: set[tuple[tuple[Fraction, ...], ...]] = set()
    for bound in bounds:
        joint = [rounded(d, bound) for d in distributions]
        if any(d is None for d in joint):
            continue
        candidate = [d for d in joint if d is not None]
        key = tuple(candidate)
        if key in seen:
            continue
        seen.add(key)
        if near is not None and any(
            abs(float(p) - float(w)) > near
            for d, c in zip(distributions, candidate, strict=True)
            for w, p in zip(_normalised(d), c, strict=True)
        ):
            continue
        yield candidate


def first_verified(
    distributions: Sequence[Weights],
    verify: Callable[[list[tuple[Fraction, ...]]], T | None],
    *,
    bounds: Sequence[int] = DENOMINATOR_LADDER,
    near: float | None = None,
) -> T | None:
    """The first rounding (see :func:`roundings`) that `verify` accepts, as `verify` returns
    it (anything but None); None when none does."""
    for candidate in roundings(distributions, bounds=bounds, near=near):
        verified = verify(candidate)
        if verified is not None:
            return verified
    return None


def _normalised(weights: Weights) -> list[float]:
    clipped = [max(float(w), 0.0) for w in weights]
    total = sum(clipped)
    return [w / total for w in clipped] if total > 0 else clipped
