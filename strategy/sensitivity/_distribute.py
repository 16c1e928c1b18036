"""Chunks of parameter points, solved in order in this process or on any executor.

Every batch analysis (sweep, regime map, threshold scan, stress test, Sobol and Morris
indices) splits its points into chunks fixed by the number of points alone
(:func:`split`), prepares each chunk's inputs in the calling process and in order (random
draws included), and lets :func:`map_ordered` solve them: inline without an executor, else
on any :class:`concurrent.futures.Executor` -- a ``ProcessPoolExecutor``, or
``dask.distributed.Client(address).get_executor()`` for a cluster. Workers only solve;
their results come back in submission order and are combined in that order, so the
analysis gives the same bits whatever the executor, the number of workers or the order
in which the chunks finish. At most :func:`window` chunks are prepared and in flight at
once, so memory does not grow with the number of chunks.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from strategy.errors import StrategyError
from strategy.numbers import DEFAULT_TOL
from strategy.sensitivity.model import labelled_by_point, labels_at
from strategy.sensitivity.parameters import Values

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

__all__ = ["BATCH_CHUNK", "POINT_CHUNK", "chunk_size", "flatten", "labels", "map_ordered", "split", "take", "window"]

R = TypeVar("R")

BATCH_CHUNK = 2_000
"""Most points per chunk for models solved as one array batch (normal forms): the batched
solvers' fixed cost per call (one pass per support pair) stays small next to the work,
and a sweep of 100,000 points still makes 50 tasks."""

POINT_CHUNK = 50
"""Most points per chunk for models built and solved one point at a time (trees,
signalling games), where a point costs milliseconds rather than microseconds."""


def chunk_size(model: Any) -> int:
    """The most points per chunk for `model` (:data:`POINT_CHUNK` or :data:`BATCH_CHUNK`)."""
    return POINT_CHUNK if labelled_by_point(model) else BATCH_CHUNK


def split(n: int, most: int) -> list[slice]:
    """`n` points as ``ceil(n / most)`` contiguous slices whose sizes differ by at most one.

    Examples
    --------
    >>> split(5, 2)
    [slice(0, 1, None), slice(1, 3, None), slice(3, 5, None)]
    """
    parts = max(1, -(-n // most))
    bounds = [n * k // parts for k in range(parts + 1)]
    return [slice(a, b) for a, b in itertools.pairwise(bounds)]


def flatten(values: Values) -> Values:
    """`values` with every array broadcast to the batch shape and flattened in C order
    (scalars stay scalars), so that chunks are slices."""
    shape = values.batch_shape
    return Values(
        {
            k: (np.broadcast_to(np.asarray(v, dtype=float), shape).reshape(-1) if np.ndim(v) else v)
            for k, v in values.items()
        }
    )


def take(flat: Values, part: slice) -> Values:
    """The points `part` of flattened values (:func:`flatten`)."""
    return Values({k: (v[part] if np.ndim(v) else v) for k, v in flat.items()})


def window(executor: Executor) -> int:
    """How many chunks to keep in flight: twice the executor's workers, at least 4.

    ``max_workers`` of the standard pools; the threads of a ``dask.distributed`` client's workers.
    """
    slots = getattr(executor, "_max_workers", None)
    client = getattr(executor, "_client", None)
    if slots is None and client is not None:
        try:
            slots = sum(client.nthreads().values())
        except Exception:  # noqa: BLE001 -- a client that cannot say gets the default
            slots = None
    return 2 * max(int(slots or 0), 2)


def map_ordered(
    fn: Callable[..., R], tasks: Iterable[tuple[Any, ...]], executor: Executor | None = None
) -> Iterator[R]:
    """``fn(*task)`` for each task, in the order of `tasks`.

    Without an executor the tasks run here, one after the other. With one, the tasks are
    taken from `tasks` (so prepared) only as slots free up: at most :func:`window` are
    pending at once; if a result fails or the caller stops early, the pending ones are
    cancelled. A pool whose worker died, or a task that cannot be pickled for another
    process, raises a :class:`~strategy.errors.StrategyError` that says so.
    """
    if executor is None:
        for task in tasks:
            yield fn(*task)
        return
    most = window(executor)
    pending: deque[Future[R]] = deque()
    try:
        for task in tasks:
            pending.append(executor.submit(fn, *task))
            if len(pending) >= most:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        for future in pending:
            future.cancel()


def _result(future: Future[R]) -> R:
    import pickle
    from concurrent.futures import BrokenExecutor

    try:
        return future.result()
    except BrokenExecutor as err:
        raise StrategyError(
            f"a worker process stopped before finishing its chunk ({err}); run with fewer workers or less memory per chunk"
        ) from None
    except (pickle.PicklingError, TypeError, AttributeError) as err:
        if "pickle" not in str(err):
            raise
        raise StrategyError(
            f"the analysis cannot be sent to worker processes: {err}. Process pools pickle the model and "
            "measure with the standard pickle, so their functions must be defined at module level in an "
            "importable module (not a lambda or a notebook function); a dask.distributed client "
            "(cloudpickle) or running without an executor avoids this"
        ) from None


def labels(
    model: Any, values: Values, select: str = "all", *, tol: float = DEFAULT_TOL, executor: Executor | None = None
) -> np.ndarray:
    """:func:`~strategy.sensitivity.model.labels_at` of every point of `values`, chunk by chunk
    (:func:`chunk_size`); shape ``values.batch_shape``."""
    shape = values.batch_shape
    size = int(np.prod(shape, dtype=np.int64))
    flat, parts = flatten(values), split(size, chunk_size(model))
    found = list(map_ordered(_labels_of, ((model, take(flat, p), select, tol) for p in parts), executor))
    out = np.empty(size, dtype=object)
    out[:] = [label for chunk in found for label in np.asarray(chunk).reshape(-1).tolist()]
    return out.reshape(shape)


def _labels_of(model: Any, values: Values, select: str, tol: float) -> np.ndarray:
    return labels_at(model, values, select, tol=tol)
