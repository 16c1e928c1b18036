"""Game 4b: Turkey's resolve on the S-400 as a type (issue 17; a signalling game beside Game 4).

"Russia is also concerned that Turkey might eventually waver in its commitment to purchase
S-400s, especially if the US were to dangle carrots in front of Ankara." Nature draws
Turkey's resolve: Firm with probability p_F, or a Waverer that defects to the US offer
with probability w. Turkey sends Commit (visible commitment: delivery, training; cost k_F
or k_V) or Hedge (talks with the US); Russia sees the message, not the type, and chooses
Squeeze or AllOut (playing the trump card). With k_Firm = 1, k_Waverer = 1 - w the
share of the alignment Russia keeps, N_H = h + g - c and f(Squeeze) = lambda:

.. math::

    U_R(\\theta, m, Q) &= k_\\theta V - h (1 - \\lambda) + \\lambda (g - c) \\\\
    U_R(\\theta, m, A) &= k_\\theta V (1 - \\ell) + g - c \\\\
    U_T(\\theta, m, a) &= -E f(a) - \\tau (1 - f(a)) - k_\\theta^{m} [m = Commit]

Russia's gain from squeezing rather than going all-out against type theta is
D_theta = k_theta V l - (1 - lambda) N_H, so D_Firm - D_Waverer = w V l and, when
D_Firm > 0 > D_Waverer, Russia squeezes at belief mu(Firm) iff

.. math:: \\mu \\ge p^* = \\frac{(1 - \\lambda) N_H - (1 - w) V \\ell}{w V \\ell}

(at the defaults (3.15 - 2.4) / 2.4 = 0.3125). Solved for all perfect Bayesian
equilibria by :func:`strategy.solvers.signalling.perfect_bayesian_equilibria`; the
Intuitive Criterion by :func:`strategy.solvers.signalling.refine`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from games.idlib.case import idlib_case
from games.idlib.types import turkey_signals
from strategy import Values
from strategy.forms.bayesian import SignallingGame

__all__ = ["ACTIONS", "CASE", "MESSAGES", "TYPES", "build", "payoff_arrays", "russia_payoff", "turkey_payoff"]

TYPES = ("Firm", "Waverer")
MESSAGES = ("Commit", "Hedge")
ACTIONS = ("Squeeze", "AllOut")


def russia_payoff(p: Values, theta: str, action: str) -> Any:
    """U_R(theta, ., action): plain arithmetic, so it also accepts symbolic values."""
    kept = 1 if theta == "Firm" else 1 - p.waver_prob
    net = p.idlib_gain - p.assault_cost - p.condemnation_cost
    if action == "Squeeze":
        return kept * p.nato_rift_value - p.hts_threat * (1 - p.limited_scale) + p.limited_scale * net
    return kept * p.nato_rift_value * (1 - p.leverage_loss) + net


def turkey_payoff(p: Values, theta: str, message: str, action: str) -> Any:
    """U_T(theta, message, action): plain arithmetic, so it also accepts symbolic values."""
    f = p.limited_scale if action == "Squeeze" else 1
    cost = p.commit_cost_firm if theta == "Firm" else p.commit_cost_waverer
    exposure = p.refugee_cost + p.fall_cost
    return -exposure * f - p.hts_cost_turkey * (1 - f) - cost * (message == "Commit")


def payoff_arrays(p: Values) -> tuple[np.ndarray, np.ndarray]:
    """Sender (Turkey) and receiver (Russia) payoffs, shape ``(*batch, types, messages, actions)``."""
    batch = p.batch_shape
    u_t = np.empty((*batch, 2, 2, 2))
    u_r = np.empty((*batch, 2, 2, 2))
    for i, t in enumerate(TYPES):
        for j, m in enumerate(MESSAGES):
            for k, a in enumerate(ACTIONS):
                u_t[..., i, j, k] = turkey_payoff(p, t, m, a)
                u_r[..., i, j, k] = russia_payoff(p, t, a)
    return u_t, u_r


def build(p: Values) -> SignallingGame:
    """The signalling game at scalar parameter values."""
    labels = (TYPES, MESSAGES, ACTIONS)
    return turkey_signals(p.prior_firm, payoff_arrays(p), labels, "Idlib Game 4b: will Turkey waver on the S-400?")


CASE = idlib_case(
    "resolve",
    "Idlib Game 4b: will Turkey waver on the S-400? (signalling, PBE)",
    build,
    description=__doc__,
)
