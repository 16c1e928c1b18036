"""Two-parameter regime maps, solved in chunks (on an executor if given)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from strategy.numbers import DEFAULT_TOL
from strategy.sensitivity._distribute import labels
from strategy.sensitivity.model import base_values
from strategy.sensitivity.sweep import check_range

if TYPE_CHECKING:
    from concurrent.futures import Executor

__all__ = ["RegimeMap", "regime_map"]


@dataclass(frozen=True, eq=False)
class RegimeMap:
    """``labels[i, j]`` is the regime at ``(x[j], y[i])`` (rows follow y, like an image)."""

    x_name: str
    y_name: str
    x: np.ndarray
    y: np.ndarray
    labels: np.ndarray
    frame: pd.DataFrame


def regime_map(
    model: Any,
    x: tuple[str, float, float, int],
    y: tuple[str, float, float, int],
    *,
    base: Mapping[str, Any] | None = None,
    select: str = "all",
    scenario: str | None = None,
    tol: float = DEFAULT_TOL,
    executor: Executor | None = None,
) -> RegimeMap:
    """The regime on an ``n_y x n_x`` grid of two parameters.

    The grid's points (row by row) are solved in chunks, on `executor` if given (any
    :class:`concurrent.futures.Executor`); the map is the same whatever the executor.
    """
    (xn, xlo, xhi, nx), (yn, ylo, yhi, ny) = x, y
    check_range(model, xn, xlo, xhi, nx)
    check_range(model, yn, ylo, yhi, ny)
    xs, ys = np.linspace(xlo, xhi, nx), np.linspace(ylo, yhi, ny)
    gx, gy = np.meshgrid(xs, ys)
    vals = base_values(model, base, scenario).replace(**{xn: gx, yn: gy})
    found = labels(model, vals, select, tol=tol, executor=executor).reshape(ny, nx)
    frame = pd.DataFrame({xn: gx.reshape(-1), yn: gy.reshape(-1), "regime": found.reshape(-1)})
    return RegimeMap(xn, yn, xs, ys, found, frame)
