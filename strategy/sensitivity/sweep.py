"""One-parameter sweeps: the equilibria along a line in parameter space.

The points are solved in chunks (:mod:`strategy.sensitivity._distribute`), on an executor
if one is given, and the chunks' rows are joined in order: the frame is the same whatever
the executor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from strategy.errors import InvalidGameError
from strategy.numbers import DEFAULT_TOL
from strategy.sensitivity._distribute import chunk_size, labels, map_ordered, split
from strategy.sensitivity.budget import check_batch
from strategy.sensitivity.measures import equilibrium_labels, regimes, selected
from strategy.sensitivity.model import base_values, labelled_by_point, model_space, solve_points
from strategy.sensitivity.parameters import Values

if TYPE_CHECKING:
    from concurrent.futures import Executor

__all__ = ["SweepResult", "check_range", "sweep", "tidy"]


@dataclass(frozen=True, eq=False)
class SweepResult:
    """A sweep: ``frame`` has one row per point x equilibrium (see :func:`sweep`)."""

    parameter: str
    grid: np.ndarray
    frame: pd.DataFrame
    regimes: tuple[str, ...]


def check_range(model: Any, parameter: str, lo: float, hi: float, n: int | None = None) -> None:
    """Validate a sweep request (unknown name, ``lo > hi``, ``n <= 0``, ``n`` beyond
    :data:`~strategy.sensitivity.budget.MAX_BATCH_POINTS`)."""
    model_space(model)[parameter]
    if not (np.isfinite(lo) and np.isfinite(hi)):
        raise InvalidGameError(f"the range of {parameter!r} must be finite; got {lo}:{hi}")
    if lo > hi:
        raise InvalidGameError(f"the range of {parameter!r} has low {lo} > high {hi}; swap them")
    if n is not None and n <= 0:
        raise InvalidGameError(f"the number of points must be positive; got {n}")
    if n is not None:
        check_batch(n, f"a sweep of {parameter!r}", "a sweep prints one row per point; ask for fewer points")


def tidy(result: Any, columns: Mapping[str, np.ndarray], select: str = "all") -> pd.DataFrame:
    """Tidy frame of a BatchEquilibria: one row per (kept) equilibrium."""
    keep = selected(result, select)
    labels = np.array(equilibrium_labels(result), dtype=object)
    game_regime = regimes(result, select).reshape(-1)
    g = result.game[keep]
    data: dict[str, Any] = {name: np.asarray(col).reshape(-1)[g] for name, col in columns.items()}
    first = np.r_[0, np.cumsum(result.counts)][:-1]
    data["equilibrium"] = np.arange(len(result.game))[keep] - first[g]
    for i, p in enumerate(result.players):
        for j, a in enumerate(p.actions):
            data[f"{p.name}:{a}"] = result.probabilities[keep, i, j]
    for i, p in enumerate(result.players):
        data[f"payoff:{p.name}"] = result.payoffs[keep, i]
    data["label"] = labels[keep]
    data["regime"] = game_regime[g]
    data["max_regret"] = result.max_regret[keep]
    data["note"] = [result.notes.get(int(k), "") for k in g]
    return pd.DataFrame(data)


def sweep(
    model: Any,
    parameter: str,
    lo: float,
    hi: float,
    n: int,
    *,
    select: str = "all",
    base: Mapping[str, Any] | None = None,
    scenario: str | None = None,
    tol: float = DEFAULT_TOL,
    executor: Executor | None = None,
) -> SweepResult:
    """Solve the model at `n` evenly spaced values of `parameter` in ``[lo, hi]``.

    Other parameters are at their defaults (then `scenario`, then `base`). The frame has
    one row per point x equilibrium: the parameter value, ``equilibrium`` (index within
    the point), one column ``"Player:action"`` per action probability, ``payoff:Player``,
    ``label`` (that equilibrium), ``regime`` (the point), ``max_regret`` and ``note``.
    Trees and signalling games give one row per point: the value and its ``regime`` (the
    SPE path, or the kind of PBE: pooling, separating, semi-separating).

    `executor` (any :class:`concurrent.futures.Executor`) solves the chunks of points;
    the result does not depend on it.

    Examples
    --------
    >>> from strategy.sensitivity.parameters import Parameter, ParameterSpace
    >>> from strategy.sensitivity.parametric import ParametricGame
    >>> space = ParameterSpace((Parameter("t", 5.0, 0.0, 8.0),))
    >>> pd_game = ParametricGame((("Row", ("C", "D")), ("Col", ("C", "D"))),
    ...     lambda p: {("C", "C"): (3, 3), ("C", "D"): (0, p.t), ("D", "C"): (p.t, 0), ("D", "D"): (1, 1)}, space)
    >>> sweep(pd_game, "t", 0, 8, 3).regimes
    ('Row=C, Col=C | Row=D, Col=D | mixed(Row: C+D; Col: C+D)', 'Row=D, Col=D')
    """
    check_range(model, parameter, lo, hi, n)
    base_vals = base_values(model, base, scenario)
    grid = np.linspace(lo, hi, n)
    if labelled_by_point(model):
        found = labels(model, base_vals.replace(**{parameter: grid}), tol=tol, executor=executor).reshape(-1)
        frame = pd.DataFrame({parameter: grid, "regime": found})
        return SweepResult(parameter, grid, frame, tuple(dict.fromkeys(found.tolist())))
    tasks = ((model, base_vals, parameter, grid[part], select, tol) for part in split(n, chunk_size(model)))
    frames, seen = [], []
    for chunk_frame, chunk_labels in map_ordered(_sweep_chunk, tasks, executor):
        frames.append(chunk_frame)
        seen.extend(chunk_labels)
    kept = [f for f in frames if len(f)] or frames[:1]  # pandas warns on joining empty frames
    frame = pd.concat(kept, ignore_index=True) if len(kept) > 1 else kept[0]
    return SweepResult(parameter, grid, frame, tuple(dict.fromkeys(seen)))


def _sweep_chunk(
    model: Any, base_vals: Values, parameter: str, xs: np.ndarray, select: str, tol: float
) -> tuple[pd.DataFrame, list[str]]:
    """The tidy rows and the regime of each point of one chunk of a sweep."""
    result = solve_points(model, base_vals.replace(**{parameter: xs}), tol=tol)
    return tidy(result, {parameter: xs}, select), regimes(result, select).reshape(-1).tolist()
