"""Monte Carlo stress tests: regime frequencies under parameter uncertainty.

Every parameter the game reads (:func:`strategy.sensitivity.usage.used_parameters`;
or the `names` given) is drawn from its distribution on its range
(:meth:`ParameterSpace.sample`), the others stay at their base values; the games are solved in chunks of ``chunk`` points so
that memory stays bounded (a chunk of 3x3 games holds ``chunk * 18`` floats plus the
support-enumeration temporaries), and each regime's frequency is reported with a Wilson
score interval (Wilson 1927; Brown, Cai and DasGupta 2001):

.. math:: \\frac{\\hat p + z^2/2n \\pm z\\sqrt{\\hat p(1-\\hat p)/n + z^2/4n^2}}{1 + z^2/n}.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from strategy.errors import InvalidGameError
from strategy.numbers import DEFAULT_TOL
from strategy.sensitivity._distribute import chunk_size, map_ordered, split
from strategy.sensitivity.budget import check_batch, check_samples
from strategy.sensitivity.model import base_values, counts_at, labelled_by_point, model_space

if TYPE_CHECKING:
    from concurrent.futures import Executor

__all__ = ["StressResult", "stress", "wilson_interval"]


def wilson_interval(k: np.ndarray | int, n: int, z: float = 1.959963984540054) -> tuple[Any, Any]:
    """Wilson score interval for `k` successes in `n` trials (95% by default).

    Examples
    --------
    >>> lo, hi = wilson_interval(0, 10)
    >>> float(lo), round(float(hi), 4)
    (0.0, 0.2775)
    """
    p = np.asarray(k, float) / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return np.maximum(centre - half, 0.0), np.minimum(centre + half, 1.0)


@dataclass(frozen=True, eq=False)
class StressResult:
    """Regime frequencies: ``frame`` has columns regime, count, frequency, ci_low, ci_high."""

    samples: int
    frame: pd.DataFrame

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "samples": self.samples,
            "regimes": [
                {"regime": r.regime, "frequency": float(r.frequency), "ci": [float(r.ci_low), float(r.ci_high)]}
                for r in self.frame.itertuples()
            ],
        }


def _count(model: Any, values: dict[str, Any], size: int, select: str, tol: float) -> Counter:
    """The regimes of `size` points: `values` maps each parameter to its draws or one value."""
    from strategy.sensitivity.parameters import Values

    points = {k: np.broadcast_to(np.asarray(v, float), (size,)) for k, v in values.items()}
    return counts_at(model, Values(points), select, tol=tol)


def _count_tasks(
    model: Any, drawn: Iterable[dict[str, np.ndarray]], select: str, tol: float
) -> Iterator[tuple[Any, dict[str, Any], int, str, float]]:
    """The :func:`_count` tasks of the drawn chunks, in order.

    A parameter held at one value travels as that value, not as a column (a chunk of
    20,000 points of a case with 50 parameters, 2 of them drawn, is 0.3 MB instead of 8 MB).
    A chunk of a model built point by point (trees, signalling games: milliseconds a point)
    is cut into pieces of :data:`~strategy.sensitivity._distribute.POINT_CHUNK` so that the
    workers share it; array batches go whole. The draws, so the result, stay the chunks'.
    """
    most = chunk_size(model) if labelled_by_point(model) else None
    for values in drawn:
        size = len(next(iter(values.values())))
        fixed = {k: float(v[0]) for k, v in values.items() if size and v.strides == (0,)}
        for part in split(size, most) if most else [slice(0, size)]:
            piece = {k: fixed[k] if k in fixed else v[part] for k, v in values.items()}
            yield model, piece, part.stop - part.start, select, tol


def stress(
    model: Any,
    n_samples: int,
    *,
    rng: Any = None,
    chunk: int = 20_000,
    method: str = "random",
    names: Any = None,
    base: Mapping[str, Any] | None = None,
    select: str = "all",
    executor: Executor | None = None,
    progress: bool = True,
    tol: float = DEFAULT_TOL,
) -> StressResult:
    """Sample the parameters `n_samples` times, solve every game, count the regimes.

    `executor` (any :class:`concurrent.futures.Executor`, for example
    ``dask.distributed.Client.get_executor()``) maps the chunks; the samples are drawn
    chunk by chunk from `rng` in order, so results do not depend on the executor, and
    only a few chunks are in flight at once, so memory does not grow with `n_samples`
    (at most :data:`~strategy.sensitivity.budget.MAX_SAMPLES`).
    """
    if isinstance(n_samples, bool) or not isinstance(n_samples, int | np.integer) or n_samples <= 0:
        raise InvalidGameError(f"the number of samples must be a positive integer; got {n_samples!r}")
    if chunk <= 0:
        raise InvalidGameError(f"the chunk size must be positive; got {chunk}")
    check_samples(int(n_samples), "the stress test")
    check_batch(chunk, "a chunk of the stress test", "lower chunk")
    space = model_space(model)
    start = base_values(model, base)
    if names is None:  # never sample a parameter the game does not read
        from strategy.sensitivity.usage import used_parameters

        names = used_parameters(model, base)
    generator = np.random.default_rng(rng)
    sizes = (min(chunk, n_samples - s) for s in range(0, n_samples, chunk))

    def draw(size: int) -> dict[str, np.ndarray]:
        vals = space.sample(size, method=method, rng=generator, names=names, base=dict(start))
        return {k: np.broadcast_to(np.asarray(v, float), (size,)) for k, v in vals.items()}

    total: Counter = Counter()
    bar = None
    if progress and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=n_samples, unit="game")
    try:
        for found in map_ordered(_count, _count_tasks(model, map(draw, sizes), select, tol), executor):
            total += found
            if bar is not None:
                bar.update(sum(found.values()))
    finally:
        if bar is not None:
            bar.close()
    labels = sorted(total, key=lambda r: (-total[r], r))
    counts = np.array([total[r] for r in labels])
    lo, hi = wilson_interval(counts, n_samples)
    frame = pd.DataFrame(
        {"regime": labels, "count": counts, "frequency": counts / n_samples, "ci_low": lo, "ci_high": hi}
    )
    return StressResult(n_samples, frame)
