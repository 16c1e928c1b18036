"""Game 1: the Idlib stage game, Russia x Turkey, simultaneous and one-shot (case model section 4).

Russia chooses a force level f(r) in {Restrain: 0, Squeeze: lambda, AllOut: 1}; Turkey
chooses a posture in {Disarm, Hold, Arm}. With e = f(r)(1 - rho [t = Arm]) the effective
regime advance, H0(t) = (1 - kappa, 1, 1 + mu) HTS strength before Russian action and
H = H0 (1 - e) after it,

.. math::

    U_R = V(1 - \\ell [r = AllOut]) + G [r = Restrain] - h H + g e - (c_a + c_c) f(r)

    U_T = -(F + \\Phi) e - D [t = Disarm] - (a + \\mu m) [t = Arm] - \\tau H

The payoffs are numpy expressions of the parameter values, so :meth:`ParametricGame.payoff_array`
on arrays of values returns a whole batch of games (used by the regime maps and the Monte
Carlo stress test).

Examples
--------
>>> from strategy import solve
>>> [e.profile for e in solve(CASE.game("offensive_2019"))]
[MixedProfile(Russia: {Squeeze: 1}; Turkey: {Arm: 1})]
>>> [e.profile for e in solve(CASE.game("sochi_2018"))]
[MixedProfile(Russia: {Restrain: 1}; Turkey: {Hold: 1})]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from games.idlib.case import idlib_case
from games.idlib.params import SPACE
from strategy import ParametricGame, Values

__all__ = ["CASE", "GAME", "RUSSIA", "TURKEY", "force_levels", "net_gains", "payoffs"]

RUSSIA = ("Restrain", "Squeeze", "AllOut")
TURKEY = ("Disarm", "Hold", "Arm")


def force_levels(p: Values) -> tuple[Any, Any, Any]:
    """f(r) for Restrain, Squeeze, AllOut: (0, lambda, 1)."""
    lam = np.asarray(p.limited_scale, dtype=float)
    return (np.zeros_like(lam), lam, np.ones_like(lam))


def payoffs(p: Values, postures: tuple[str, ...] = TURKEY) -> list[list[list[Any]]]:
    """Nested payoffs ``[player][russia_action][turkey_action]`` as array expressions.

    `postures` may add ``"Strike"`` (Game 1b, :mod:`games.idlib.escalation`): Arm plus
    direct Turkish strikes, which blunt a further share sigma of the advance at cost c_S.
    """
    forces = force_levels(p)
    h0 = {"Disarm": 1 - p.turkey_capability, "Hold": 1.0, "Arm": 1 + p.merge_prob, "Strike": 1 + p.merge_prob}
    cost_r = p.assault_cost + p.condemnation_cost
    exposure = p.refugee_cost + p.fall_cost
    u_r: list[list[Any]] = []
    u_t: list[list[Any]] = []
    for r, f in zip(RUSSIA, forces, strict=True):
        row_r, row_t = [], []
        for t in postures:
            armed = t in ("Arm", "Strike")
            strike = t == "Strike"  # Game 1 itself never reads the strike parameters
            e = f * (1 - p.rebel_resistance * armed - (p.strike_effect if strike else 0.0))
            strength = h0[t] * (1 - e)
            row_r.append(
                p.nato_rift_value * (1 - p.leverage_loss * (r == "AllOut"))
                + p.goodwill_value * (r == "Restrain")
                - p.hts_threat * strength
                + p.idlib_gain * e
                - cost_r * f
            )
            row_t.append(
                -exposure * e
                - p.disarm_cost * (t == "Disarm")
                - (p.arming_cost + p.merge_prob * p.merge_cost) * armed
                - (p.strike_cost if strike else 0.0)
                - p.hts_cost_turkey * strength
            )
        u_r.append(row_r)
        u_t.append(row_t)
    return [u_r, u_t]


def net_gains(p: Values) -> dict[str, Any]:
    """Russia's net military gain from a full clearance against each posture (section 2).

    N_H = h + g - c, N_A = (1+mu)(1-rho)h + (1-rho)g - c, N_D = (1-kappa)h + g - c; these are
    read off the game's payoffs (U_R(AllOut, t) - U_R(Restrain, t) + G + V l), not re-derived.
    """
    u = np.asarray(GAME.payoff_array(p))
    base = p.goodwill_value + p.nato_rift_value * p.leverage_loss
    return {t: u[..., 0, 2, k] - u[..., 0, 0, k] + base for k, t in enumerate(TURKEY)}


GAME = ParametricGame((("Russia", RUSSIA), ("Turkey", TURKEY)), payoffs, SPACE, title="Idlib Game 1: the stage game")

CASE = idlib_case(
    "stage",
    "Idlib Game 1: Russia x Turkey stage game (Restrain/Squeeze/AllOut x Disarm/Hold/Arm)",
    GAME.game,
    description=__doc__,
)
