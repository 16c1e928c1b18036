"""Tornado analysis: one parameter at a time at its low and high ends."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from strategy.sensitivity.model import base_values, model_space, solve_points

__all__ = ["tornado"]


def tornado(
    model: Any,
    measure: Callable[[Any], np.ndarray],
    names: Iterable[str] | None = None,
    *,
    base: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Evaluate a numeric `measure` with each parameter at its low and high, others at base.

    `measure` maps a BatchEquilibria to one number per game (for example
    ``lambda r: action_probability(r, "Row", "D")``). All ``2 d + 1`` games are solved in
    one batch. Returns columns parameter, low, high, at_low, at_high, base, swing
    (``|at_high - at_low|``), sorted by decreasing swing.
    """
    space = model_space(model)
    chosen = tuple(names) if names is not None else space.names
    start = base_values(model, base)
    d = len(chosen)
    columns = {k: np.full(2 * d + 1, float(v)) for k, v in start.items()}
    for k, name in enumerate(chosen):
        p = space[name]
        columns[name][2 * k] = p.low
        columns[name][2 * k + 1] = p.high
    out = np.asarray(measure(solve_points(model, start.replace(**columns))), dtype=float).reshape(-1)
    frame = pd.DataFrame(
        {
            "parameter": list(chosen),
            "low": [space[n].low for n in chosen],
            "high": [space[n].high for n in chosen],
            "at_low": out[0 : 2 * d : 2],
            "at_high": out[1 : 2 * d : 2],
            "base": np.full(d, out[-1]),
        }
    )
    frame["swing"] = (frame["at_high"] - frame["at_low"]).abs()
    return frame.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)
