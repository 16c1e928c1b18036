"""Every batch analysis gives the same bits on a Dask cluster as in this process (issue 16).

The cluster has two worker processes, so models, parameter values and measures really
travel by pickle. The analyses on the cluster split their points into many small chunks
(the chunk sizes are lowered), so the chunks go to both workers and come back in any
order; the serial reference keeps the default sizes (one chunk for these small runs).
The equality checked is exact: frames with ``DataFrame.equals``, floats with ``==``.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from concurrent.futures import Executor, ThreadPoolExecutor

import numpy as np
import pytest

from games.classics import PRISONERS_DILEMMA
from strategy import get_case
from strategy.errors import StrategyError
from strategy.sensitivity import _distribute
from strategy.sensitivity._distribute import map_ordered, split
from strategy.sensitivity.measures import action_probability
from strategy.sensitivity.montecarlo import stress
from strategy.sensitivity.regimes import regime_map
from strategy.sensitivity.sweep import sweep
from strategy.sensitivity.thresholds import find_thresholds

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Executor]:
    """Two single-threaded worker processes."""
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local,
        distributed.Client(local) as client,
    ):
        yield client.get_executor()


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 16 points for array batches and 4 for point-by-point models."""
    monkeypatch.setattr(_distribute, "BATCH_CHUNK", 16)
    monkeypatch.setattr(_distribute, "POINT_CHUNK", 4)


@pytest.mark.parametrize(("case", "n"), [("idlib.stage", 101), ("idlib.sochi", 21), ("idlib.types", 9)])
def test_sweep(cluster, monkeypatch, case, n):
    # a normal form (rows per equilibrium), a tree (SPE paths), a signalling game (kinds of PBE)
    model = get_case(case)
    serial = sweep(model, "hts_threat", 1, 9, n)
    monkeypatch.setattr(_distribute, "BATCH_CHUNK", 16)
    monkeypatch.setattr(_distribute, "POINT_CHUNK", 4)
    spread = sweep(model, "hts_threat", 1, 9, n, executor=cluster)
    assert spread.frame.equals(serial.frame)
    assert spread.regimes == serial.regimes
    assert len(serial.regimes) >= 3  # the line crosses regimes, so order matters
    assert serial.frame.to_json() == spread.frame.to_json()


def test_regime_map(cluster, monkeypatch):
    model = get_case("idlib.stage")
    axes = ("hts_threat", 1.0, 9.0, 15), ("assault_cost", 1.0, 5.0, 11)
    serial = regime_map(model, *axes)
    monkeypatch.setattr(_distribute, "BATCH_CHUNK", 16)
    spread = regime_map(model, *axes, executor=cluster)
    assert np.array_equal(spread.labels, serial.labels)
    assert spread.frame.equals(serial.frame)
    assert len(set(serial.labels.flat)) == 4


@pytest.mark.parametrize("case", ["idlib.stage", "idlib.sochi"])
def test_thresholds(cluster, small_chunks, case):
    model = get_case(case)
    serial = find_thresholds(model, "assault_cost", 1, 5)
    spread = find_thresholds(model, "assault_cost", 1, 5, executor=cluster)
    assert spread == serial  # values to the last bit, regimes on both sides
    assert len(serial) == 2


def test_thresholds_match_the_unsplit_scan(cluster, monkeypatch):
    model = get_case("idlib.stage")
    whole = find_thresholds(model, "hts_threat", 1, 9)  # 2001 points: one chunk
    monkeypatch.setattr(_distribute, "BATCH_CHUNK", 100)
    assert find_thresholds(model, "hts_threat", 1, 9, executor=cluster) == whole


def test_stress(cluster):
    model = get_case("idlib.stage")
    serial = stress(model, 3_000, rng=11, chunk=400, progress=False)
    spread = stress(model, 3_000, rng=11, chunk=400, progress=False, executor=cluster)
    assert spread.frame.equals(serial.frame)
    assert spread.to_dict() == serial.to_dict()
    assert len(serial.frame) >= 2


@pytest.mark.parametrize("kind", ["sobol_indices", "morris"])
def test_sobol_and_morris(cluster, monkeypatch, kind):
    pytest.importorskip("SALib")
    from strategy.sensitivity import variance

    analyse = getattr(variance, kind)
    # a picklable measure: P(Row cooperates), which moves with the parameters
    measure = functools.partial(action_probability, player="Row", action="Cooperate")
    serial = analyse(PRISONERS_DILEMMA, measure, 32, seed=5)
    monkeypatch.setattr(_distribute, "BATCH_CHUNK", 16)
    spread = analyse(PRISONERS_DILEMMA, measure, 32, seed=5, executor=cluster)
    assert spread.equals(serial)
    assert np.isfinite(serial.drop(columns="parameter").to_numpy()).all()


def test_split_covers_every_point_once_in_near_equal_slices():
    for n, most in [(1, 5), (5, 5), (6, 5), (2001, 2000), (100, 7)]:
        parts = split(n, most)
        sizes = [p.stop - p.start for p in parts]
        assert parts[0].start == 0
        assert parts[-1].stop == n
        assert all(a.stop == b.start for a, b in itertools.pairwise(parts))
        assert max(sizes) <= most
        assert max(sizes) - min(sizes) <= 1
        assert len(parts) == -(-n // most)


def _fail_on(bad: int, k: int) -> int:
    if k == bad:
        raise ValueError(f"task {k} failed")
    return k * k


def test_map_ordered_keeps_order_and_raises_the_tasks_own_error():
    with ThreadPoolExecutor(max_workers=3) as pool:
        assert list(map_ordered(_fail_on, ((-1, k) for k in range(20)), pool)) == [k * k for k in range(20)]
        done = []
        with pytest.raises(ValueError, match="task 5 failed"):
            done.extend(map_ordered(_fail_on, ((5, k) for k in range(20)), pool))
        assert done == [k * k for k in range(5)]


def test_a_model_standard_pickle_cannot_send_is_a_clear_error(dilemma):
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1) as pool, pytest.raises(StrategyError, match="cannot be sent to worker"):
        sweep(dilemma, "t", 0, 8, 5, executor=pool)  # its payoffs are a lambda
