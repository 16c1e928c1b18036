"""Game 4: unwilling or unable? A signalling game (case model section 7).

Nature draws Turkey's type: Unwilling (capable, kappa_W, crackdown cost k_W) with
probability p, or Unable (weak, kappa_U, cost k_U). Turkey sends Crackdown or Stall;
Russia sees the message, not the type, and chooses Restrain or Squeeze. With
H0 = 1 - kappa_theta [m = Crackdown], X_Unwilling = 1 - phi kappa_W (pressure mobilises a
capable Turkey later), X_Unable = 1 + mu (pressure pushes a weak Turkey's proxies to HTS):

.. math::

    U_R(\\theta, m, R) &= V + G - h H_0 \\\\
    U_R(\\theta, m, Q) &= V - h H_0 (1 - \\lambda) X_\\theta + \\lambda (g - c) \\\\
    U_T(\\theta, m, a) &= -k_\\theta [m = C] - (E \\lambda + \\pi_T) [a = Q]

AllOut is left out (Game 1: Squeeze dominates it under the 2019 defaults). Solved for all
perfect Bayesian equilibria by :func:`strategy.solvers.signalling.perfect_bayesian_equilibria`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from games.idlib.case import idlib_case
from strategy import Values
from strategy.forms.bayesian import SignallingGame

__all__ = ["ACTIONS", "CASE", "MESSAGES", "TYPES", "build", "payoff_arrays", "turkey_signals"]

TYPES = ("Unwilling", "Unable")
MESSAGES = ("Crackdown", "Stall")
ACTIONS = ("Restrain", "Squeeze")


def payoff_arrays(p: Values) -> tuple[np.ndarray, np.ndarray]:
    """Sender (Turkey) and receiver (Russia) payoffs, shape ``(*batch, types, messages, actions)``."""
    batch = p.batch_shape
    kappa = {"Unwilling": p.capability_unwilling, "Unable": p.capability_unable}
    cost = {"Unwilling": p.crackdown_cost_unwilling, "Unable": p.crackdown_cost_unable}
    later = {"Unwilling": 1 - p.coercion_effect * p.capability_unwilling, "Unable": 1 + p.merge_prob}
    damage = (p.refugee_cost + p.fall_cost) * p.limited_scale + p.partnership_value
    lam = p.limited_scale
    net = p.idlib_gain - p.assault_cost - p.condemnation_cost
    u_t = np.empty((*batch, 2, 2, 2))
    u_r = np.empty((*batch, 2, 2, 2))
    for i, t in enumerate(TYPES):
        for j, m in enumerate(MESSAGES):
            h0 = 1 - kappa[t] * (m == "Crackdown")
            restrain = p.nato_rift_value + p.goodwill_value - p.hts_threat * h0
            squeeze = p.nato_rift_value - p.hts_threat * h0 * (1 - lam) * later[t] + lam * net
            u_r[..., i, j, 0] = restrain
            u_r[..., i, j, 1] = squeeze
            u_t[..., i, j, 0] = -cost[t] * (m == "Crackdown")
            u_t[..., i, j, 1] = -cost[t] * (m == "Crackdown") - damage
    return u_t, u_r


def turkey_signals(
    prior: Any, payoffs: tuple[np.ndarray, np.ndarray], labels: tuple[tuple[str, ...], ...], title: str
) -> SignallingGame:
    """Turkey, of the first of two types with probability `prior`, signals to Russia (Games 4, 4b).

    `payoffs` are the sender's and the receiver's arrays ``(types, messages, actions)`` and
    `labels` names the types, messages and actions.
    """
    u_t, u_r = payoffs
    types, messages, actions = labels
    first: Any = float(np.asarray(prior))
    return SignallingGame(
        types, (first, 1 - first), messages, actions, u_t, u_r, sender="Turkey", receiver="Russia", title=title
    )


def build(p: Values) -> SignallingGame:
    """The signalling game at scalar parameter values."""
    labels = (TYPES, MESSAGES, ACTIONS)
    return turkey_signals(p.prior_unwilling, payoff_arrays(p), labels, "Idlib Game 4: unwilling or unable?")


CASE = idlib_case(
    "types",
    "Idlib Game 4: unwilling or unable? (signalling, PBE)",
    build,
    description=__doc__,
)
