"""Priors and labels of games with types: a prior is a probability distribution, checked at the edge.

Probabilities must be numbers, finite and non-negative, and sum to one: exactly for exact
numbers, within :data:`PRIOR_TOL` for floats. Labels of types, messages and actions are
distinct non-empty strings.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from strategy.errors import InvalidGameError, UnknownLabelError
from strategy.numbers import is_exact_value

__all__ = ["PRIOR_TOL", "validate_prior"]

PRIOR_TOL = 1e-9
"""Tolerance on the sum of a float prior."""


def validate_prior(probabilities: Sequence[Any], where: str) -> tuple[Any, ...]:
    """Check that `probabilities` form a distribution; return them (Fractions if exact).

    Raises
    ------
    InvalidGameError
        For non-numbers, negative or non-finite entries, or a sum other than one (exactly
        for exact numbers, within ``1e-9`` for floats). The message names `where`.

    Examples
    --------
    >>> validate_prior([Fraction(1, 3), Fraction(2, 3)], "the prior")
    (Fraction(1, 3), Fraction(2, 3))
    >>> validate_prior([0.5, 0.6], "the prior")
    Traceback (most recent call last):
    ...
    strategy.errors.InvalidGameError: the prior sums to 1.1, not 1; rescale the probabilities
    """
    values = list(probabilities)
    if not values:
        raise InvalidGameError(f"{where} is empty; give one probability per type")
    for v in values:
        if isinstance(v, bool) or not isinstance(v, int | float | Fraction | np.number):
            raise InvalidGameError(f"{where} has {v!r}, which is not a number")
        if not math.isfinite(float(v)) or v < 0:
            raise InvalidGameError(f"{where} has {v!r}; probabilities must be finite and non-negative")
    if all(is_exact_value(v) for v in values):
        exact = tuple(Fraction(v) for v in values)
        if sum(exact) != 1:
            raise InvalidGameError(f"{where} sums to {sum(exact)}, not 1; rescale the probabilities")
        return exact
    floats = tuple(float(v) for v in values)
    total = math.fsum(floats)
    if abs(total - 1.0) > PRIOR_TOL:
        raise InvalidGameError(f"{where} sums to {total:.10g}, not 1; rescale the probabilities")
    return floats


def _labels(items: Sequence[str], what: str) -> tuple[str, ...]:
    out = (items,) if isinstance(items, str) else tuple(items)
    if not out:
        raise InvalidGameError(f"{what} is empty; give at least one label")
    if len(set(out)) != len(out) or not all(isinstance(x, str) and x for x in out):
        raise InvalidGameError(f"{what} must be distinct non-empty strings; got {out}")
    return out


def _index(labels: tuple[str, ...], label: str, kind: str, where: str) -> int:
    try:
        return labels.index(label)
    except ValueError:
        raise UnknownLabelError(kind, label, labels, where) from None
