"""How much work an analysis may ask for, checked before any work starts.

A batch of parameter points is solved at once (payoff arrays, support enumeration
temporaries and one frame row per equilibrium), so memory grows with the number of points
in a batch. Analyses that must hold all their points (a sweep's table, Saltelli's Sobol
design) are limited to :data:`MAX_BATCH_POINTS`; Monte Carlo stress tests are drawn and
solved in chunks, so their memory stays flat and only their running time grows: they are
limited to :data:`MAX_SAMPLES`.
"""

from __future__ import annotations

from strategy.errors import ResourceLimitError

__all__ = ["MAX_BATCH_POINTS", "MAX_SAMPLES", "check_batch", "check_samples"]

MAX_BATCH_POINTS = 100_000
"""Most parameter points solved in one batch (a sweep's grid, a Sobol design). At the
stress test's chunk of 20,000 points a batch of small games takes some 100 MB; five
chunks' worth keeps a batch well under 1 GiB."""

MAX_SAMPLES = 100_000_000
"""Most Monte Carlo draws of a stress test (solved 20,000 at a time): hours of work at
most; beyond that the Wilson interval is narrower than any modelling error anyway."""


def check_batch(points: int, what: str, fix: str) -> None:
    """Refuse more than :data:`MAX_BATCH_POINTS` points held at once; `fix` says what to do instead."""
    if points > MAX_BATCH_POINTS:
        raise ResourceLimitError(
            f"{what} asks for {points:,} parameter points solved at once; the limit is {MAX_BATCH_POINTS:,} "
            f"(memory grows with every point): {fix}"
        )


def check_samples(samples: int, what: str) -> None:
    """Refuse more than :data:`MAX_SAMPLES` Monte Carlo draws."""
    if samples > MAX_SAMPLES:
        raise ResourceLimitError(
            f"{what} asks for {samples:,} draws; the limit is {MAX_SAMPLES:,} (solved in chunks of 20,000, that "
            "is already hours of work, and the intervals are then far narrower than the model's own "
            "uncertainty): ask for fewer"
        )
