"""Variance-based (Sobol) and elementary-effects (Morris) sensitivity via SALib.

The measure must be numeric per game: an indicator of a regime
(``lambda r: regimes(r) == "Row=D, Col=D"``), an action probability, a payoff. SALib
(Herman and Usher 2017) is imported inside the functions. Sobol indices use Saltelli's
scheme without second-order indices (``n * (d + 2)`` model runs for `d` parameters); S1 is the
first-order index, ST the total index (Saltelli et al. 2010). Parameters are sampled
uniformly on their ranges. The design is drawn here; its rows are solved in chunks, on an
executor if one is given (:mod:`strategy.sensitivity._distribute`), and the measures joined
in order, so the indices do not depend on the executor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from strategy.errors import InvalidGameError, StrategyError
from strategy.sensitivity._distribute import chunk_size, map_ordered, split
from strategy.sensitivity.budget import check_batch
from strategy.sensitivity.model import base_values, model_space, solve_points
from strategy.sensitivity.parameters import Values

if TYPE_CHECKING:
    from concurrent.futures import Executor

__all__ = ["morris", "sobol_indices"]


def _salib(kind: str) -> tuple[Any, Any]:
    """SALib's sampler and analyser for `kind` (an optional dependency: say how to get it)."""
    import importlib

    try:
        return (importlib.import_module(f"SALib.sample.{kind}"), importlib.import_module(f"SALib.analyze.{kind}"))
    except ImportError:
        raise StrategyError(
            f"{kind.capitalize()} analysis needs SALib, an optional dependency: "
            "pip install 'strategy-toolkit[sensitivity]' (or pip install SALib)"
        ) from None


def _problem(model: Any, names: Iterable[str] | None, size: int, runs: str) -> tuple[dict[str, Any], tuple[str, ...]]:
    """SALib's problem over the parameters `names` (all by default), once the number of `runs` (`size`) is known positive."""
    if size <= 0:
        raise InvalidGameError(f"the number of {runs} must be positive; got {size}")
    space = model_space(model)
    chosen = tuple(names) if names is not None else space.names
    if not chosen:
        raise InvalidGameError("the model has no parameters to analyse")
    bounds = []
    for n in chosen:
        p = space[n]
        bounds.append([p.low, p.high if p.high > p.low else p.low + 1e-12])
    return {"num_vars": len(chosen), "names": list(chosen), "bounds": bounds}, chosen


def _run(
    model: Any,
    measure: Callable[[Any], np.ndarray],
    X: np.ndarray,
    chosen: tuple[str, ...],
    base: Mapping[str, Any] | None,
    executor: Executor | None,
) -> np.ndarray:
    """The measure at every row of the design `X` (columns: the parameters `chosen`)."""
    start = base_values(model, base)
    tasks = (
        (model, measure, start.replace(**{n: X[part, k] for k, n in enumerate(chosen)}))
        for part in split(len(X), chunk_size(model))
    )
    return np.concatenate(list(map_ordered(_measure, tasks, executor)))


def _measure(model: Any, measure: Callable[[Any], np.ndarray], values: Values) -> np.ndarray:
    return np.asarray(measure(solve_points(model, values)), dtype=float).reshape(-1)


def sobol_indices(
    model: Any,
    measure: Callable[[Any], np.ndarray],
    n: int = 1024,
    *,
    names: Iterable[str] | None = None,
    base: Mapping[str, Any] | None = None,
    seed: int | None = None,
    executor: Executor | None = None,
) -> pd.DataFrame:
    """First-order and total Sobol indices of a numeric `measure`.

    Returns columns parameter, S1, S1_conf, ST, ST_conf. `n` should be a power of 2.
    `executor` (any :class:`concurrent.futures.Executor`) solves the design's chunks; with
    a process pool, `measure` must be picklable (a module-level function, not a lambda).
    """
    sobol_sample, sobol_analyze = _salib("sobol")

    problem, chosen = _problem(model, names, n, "samples")
    check_batch(n * (len(chosen) + 2), f"Sobol indices with N = {n} and {len(chosen)} parameters", "lower N")
    X = sobol_sample.sample(problem, n, calc_second_order=False, seed=seed)
    Y = _run(model, measure, X, chosen, base, executor)
    res = sobol_analyze.analyze(problem, Y, calc_second_order=False, seed=seed)
    return _frame(chosen, res, ("S1", "S1_conf", "ST", "ST_conf"))


def morris(
    model: Any,
    measure: Callable[[Any], np.ndarray],
    n: int = 100,
    *,
    names: Iterable[str] | None = None,
    base: Mapping[str, Any] | None = None,
    levels: int = 4,
    seed: int | None = None,
    executor: Executor | None = None,
) -> pd.DataFrame:
    """Morris elementary effects: columns parameter, mu, mu_star, sigma, mu_star_conf.

    `executor` as for :func:`sobol_indices`.
    """
    morris_sample, morris_analyze = _salib("morris")

    problem, chosen = _problem(model, names, n, "trajectories")
    check_batch(n * (len(chosen) + 1), f"Morris screening with {n} trajectories", "ask for fewer trajectories")
    X = morris_sample.sample(problem, n, num_levels=levels, seed=seed)
    Y = _run(model, measure, X, chosen, base, executor)
    res = morris_analyze.analyze(problem, X, Y, num_levels=levels, seed=seed)
    return _frame(chosen, res, ("mu", "mu_star", "sigma", "mu_star_conf"))


def _frame(chosen: tuple[str, ...], res: Mapping[str, Any], columns: tuple[str, ...]) -> pd.DataFrame:
    """One row per parameter: its name, then SALib's `columns`."""
    return pd.DataFrame({"parameter": list(chosen), **{c: res[c] for c in columns}})
