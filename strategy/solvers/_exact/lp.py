r"""One wrapper of the LP solver: HiGHS through :func:`scipy.optimize.linprog`.

.. math:: \min_x c^\top x \quad \text{s.t.} \quad A_{ub} x \le b_{ub},\; A_{eq} x = b_{eq},\;
          \ell \le x \le u .

The options, the scaling and the reading of the solver's status are decided here once:

* ``precise=True`` tightens HiGHS's primal and dual feasibility tolerances to
  :data:`~strategy.numbers.LP_FEASIBILITY_TOL`, for solutions that are then rounded to
  fractions and verified exactly;
* ``scale`` divides the cost and the inequality rows (a payoff scale), so that HiGHS's
  absolute tolerances act relative to the payoffs; the optimum and the duals are reported
  in the caller's units;
* an infeasible or unbounded programme is ``None``; the solver stopping without a verdict
  (iteration limit, numerical trouble) is a :class:`~strategy.errors.ConvergenceError`
  naming the programme.

SciPy's optimiser is imported on the first call (it is slow to import).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from strategy.errors import ConvergenceError
from strategy.numbers import LP_FEASIBILITY_TOL, FloatArray

__all__ = ["LPOptimum", "minimise"]

_NO_OPTIMUM = {2: "infeasible", 3: "unbounded"}
"""linprog's statuses that are answers about the programme, not failures of the solver."""


@dataclass(frozen=True)
class LPOptimum:
    """An optimal solution.

    Attributes
    ----------
    x : ndarray
        The optimal point.
    value : float
        The optimal cost :math:`c^\\top x`.
    upper_duals : ndarray
        The inequality rows' multipliers, :math:`\\partial\\,\\text{value} / \\partial b_{ub}`
        (``<= 0``); empty without inequality rows.
    """

    x: FloatArray
    value: float
    upper_duals: FloatArray


def minimise(
    cost: Any,
    *,
    a_ub: Any | None = None,
    b_ub: Any | None = None,
    a_eq: Any | None = None,
    b_eq: Any | None = None,
    bounds: Sequence[tuple[float | None, float | None]] | tuple[float | None, float | None] = (0.0, None),
    precise: bool = False,
    scale: float = 1.0,
    what: str = "the linear programme",
) -> LPOptimum | None:
    """Minimise ``cost @ x`` under the constraints (dense arrays or SciPy sparse matrices);
    None if the programme is infeasible or unbounded.

    Raises
    ------
    ConvergenceError
        When HiGHS stops without an optimum or a verdict; the message names `what`.
    """
    from scipy.optimize import linprog

    options = (
        {"primal_feasibility_tolerance": LP_FEASIBILITY_TOL, "dual_feasibility_tolerance": LP_FEASIBILITY_TOL}
        if precise
        else None
    )
    c = np.asarray(cost, dtype=float)
    if scale != 1.0:
        c = c / scale
        if a_ub is not None:
            a_ub = a_ub / scale
            b_ub = np.asarray(b_ub, dtype=float) / scale
    res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs", options=options)
    if res.status in _NO_OPTIMUM:
        return None
    if res.status != 0:
        raise ConvergenceError(f"HiGHS did not solve {what}: {res.message}")
    duals = np.asarray(res.ineqlin.marginals, dtype=float) if a_ub is not None else np.zeros(0)
    return LPOptimum(np.asarray(res.x, dtype=float), float(res.fun) * scale, duals)
