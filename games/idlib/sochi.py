"""Game 3: the Sochi deal and its breakdown, a perfect-information tree (case model section 6).

Russia offers the Deal or assaults now; after the Deal Turkey Disarms or Stalls; Russia
Restrains, Squeezes or goes AllOut; Turkey Keeps the S-400 or Switches (the US carrot
``us_inducement`` I is exogenous); after a Switch under Restrain/Squeeze Russia may
Escalate (play the trump card, f = 1) or Hold. At each leaf, with d = [Disarm],
H0 = 1 - kappa d, f the final force level and k = [Keep],

.. math::

    U_R &= V k (1 - \\ell [f = 1]) + G k [f = 0] - h H_0 (1 - f) + (g - c) f \\\\
    U_T &= -E f - \\tau H_0 (1 - f) - D d + k (v_S + \\pi_T [f = 0]) + (1 - k)(v_P + v_N - k_{sw} + I)

Solved by backward induction (subgame perfection); the reduced strategic form (26 x 32
strategies) shows the Nash equilibria resting on non-credible threats.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from games.idlib.case import idlib_case
from strategy import SolveResult, Values
from strategy.forms.extensive import Decision, ExtensiveFormGame, Terminal

__all__ = ["CASE", "PLAYERS", "build", "leaf_payoffs", "solve_tree"]

PLAYERS = ("Russia", "Turkey")


def leaf_payoffs(p: Values, *, disarm: bool, force: Any, keep: bool) -> tuple[Any, Any]:
    """(U_R, U_T) at a leaf with d = `disarm`, final force level `force`, k = `keep`."""
    d = float(disarm)
    k = float(keep)
    h0 = 1 - p.turkey_capability * d
    f = force
    full = np.asarray(f) == 1
    calm = np.asarray(f) == 0
    cost = p.assault_cost + p.condemnation_cost
    exposure = p.refugee_cost + p.fall_cost
    u_r = (
        p.nato_rift_value * k * (1 - p.leverage_loss * full)
        + p.goodwill_value * k * calm
        - p.hts_threat * h0 * (1 - f)
        + (p.idlib_gain - cost) * f
    )
    u_t = (
        -exposure * f
        - p.hts_cost_turkey * h0 * (1 - f)
        - p.disarm_cost * d
        + k * (p.s400_value + p.partnership_value * calm)
        + (1 - k) * (p.patriot_value + p.nato_compat_value - p.switch_cost + p.us_inducement)
    )
    return u_r, u_t


def _leaf(p: Values, disarm: bool, force: Any, keep: bool) -> Terminal:
    u_r, u_t = leaf_payoffs(p, disarm=disarm, force=force, keep=keep)
    return Terminal({"Russia": float(np.asarray(u_r)), "Turkey": float(np.asarray(u_t))})


def _after_compliance(p: Values, disarm: bool) -> Decision:
    lam = float(np.asarray(p.limited_scale))
    moves: dict[str, Any] = {}
    for r, f in (("Restrain", 0.0), ("Squeeze", lam)):
        moves[r] = Decision(
            "Turkey",
            {
                "Keep": _leaf(p, disarm, f, True),
                "Switch": Decision(
                    "Russia", {"Escalate": _leaf(p, disarm, 1.0, False), "Hold": _leaf(p, disarm, f, False)}
                ),
            },
        )
    moves["AllOut"] = Decision("Turkey", {"Keep": _leaf(p, disarm, 1.0, True), "Switch": _leaf(p, disarm, 1.0, False)})
    return Decision("Russia", moves)


def build(p: Values) -> ExtensiveFormGame:
    """The Sochi tree at scalar parameter values."""
    root = Decision(
        "Russia",
        {
            "Deal": Decision("Turkey", {"Disarm": _after_compliance(p, True), "Stall": _after_compliance(p, False)}),
            "AssaultNow": Decision(
                "Turkey", {"Keep": _leaf(p, False, 1.0, True), "Switch": _leaf(p, False, 1.0, False)}
            ),
        },
    )
    return ExtensiveFormGame(PLAYERS, root, title="Idlib Game 3: the Sochi deal")


def solve_tree(game: ExtensiveFormGame) -> SolveResult:
    """Subgame-perfect equilibria by backward induction."""
    from strategy.solvers.trees.sequential import solve_tree as _solve

    return _solve(game, concept="spe")


CASE = idlib_case(
    "sochi",
    "Idlib Game 3: the Sochi deal (Deal/AssaultNow, Disarm/Stall, ..., Escalate/Hold), SPE",
    build,
    description=__doc__,
    solve=solve_tree,
)
