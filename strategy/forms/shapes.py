"""The shapes of normal-form payoffs: the size limit, and reading matrices given as nested lists.

Every reader and constructor checks a game's declared dimensions here before allocating
anything (:func:`check_size`), and reports ragged or empty matrices by row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from strategy.errors import InvalidGameError, ResourceLimitError

__all__ = ["MAX_PAYOFFS", "check_size", "readonly"]

MAX_PAYOFFS = 2_000_000
"""The most payoff entries (players x profiles) a normal-form game may have: a 1000 x 1000
bimatrix fits. A game keeps a float64 copy (16 MB at the cap) and, when exact, one
Fraction per entry (about 100 bytes each), so the cap keeps a game well under 1 GiB; the
readers check a file's declared dimensions against it before allocating anything, since a
few bytes can declare billions of profiles."""


def check_size(shape: Sequence[int], what: str = "the game") -> int:
    """Return the number of payoff entries ``len(shape) * prod(shape)`` of a game whose
    players have ``shape`` actions; a :class:`ResourceLimitError` naming `what` when it is
    beyond :data:`MAX_PAYOFFS` (computed without overflow, before anything is allocated)."""
    total = len(shape)
    for n in shape:
        total *= int(n)
        if total > MAX_PAYOFFS:
            break
    if total > MAX_PAYOFFS:
        dims = " x ".join(str(int(n)) for n in shape)
        raise ResourceLimitError(
            f"{what} declares {dims} actions: more than {MAX_PAYOFFS:,} payoffs (the limit for a "
            "normal-form game); remove dominated or irrelevant actions, or split the game"
        )
    return total


def _as_list(data: Any) -> Any:
    if isinstance(data, np.ndarray):
        return data.tolist()
    return [list(row) if isinstance(row, tuple) else row for row in data] if isinstance(data, list | tuple) else data


def _matrix_shape(data: Any, what: str) -> tuple[int, int]:
    if isinstance(data, np.ndarray):
        if data.ndim != 2:
            raise InvalidGameError(f"{what} must be a matrix (2-D); got {data.ndim} dimensions")
        return int(data.shape[0]), int(data.shape[1])
    try:
        rows = list(data)
    except TypeError:
        raise InvalidGameError(f"{what} must be a matrix (a list of rows); got {data!r}") from None
    if not rows:
        raise InvalidGameError(f"{what} is empty; give at least one row")
    lengths = []
    for r, row in enumerate(rows):
        if isinstance(row, str) or not hasattr(row, "__len__"):
            raise InvalidGameError(f"{what}: row {r + 1} is {row!r}, not a list of numbers")
        lengths.append(len(row))
    if len(set(lengths)) != 1:
        raise InvalidGameError(f"{what} are ragged: row lengths {lengths}; every row needs one entry per column action")
    if lengths[0] == 0:
        raise InvalidGameError(f"{what} has empty rows")
    return len(rows), lengths[0]


def _default_actions(n: int) -> tuple[str, ...]:
    return tuple(str(k + 1) for k in range(n))


def readonly(array: np.ndarray) -> np.ndarray:
    """`array`, made read-only in place (games are immutable values)."""
    array.setflags(write=False)
    return array
