"""Game 1b: the stage game with a Turkish Strike posture (issue 17; Operation Spring Shield).

Game 1 with a fourth Turkish posture, Strike: Turkey arms its proxies *and* strikes regime
forces directly, as in Operation Spring Shield (February-March 2020, after the Balyun
strike of 27 February). With sigma = ``strike_effect`` and c_S = ``strike_cost``,

.. math::

    e(r, Strike) = f(r)(1 - \\rho - \\sigma), \\qquad
    U_T(r, Strike) = U_T(r, Arm)|_{e \\to e(r, Strike)} - c_S .

The default sigma = 0 makes Strike Arm minus c_S for Turkey and Arm for Russia, so it is
strictly dominated whenever c_S > 0 and the equilibria of Game 1 are unchanged; the
``winter_2020`` and ``moscow_protocol_2020`` scenarios give strikes an effect.
"""

from __future__ import annotations

from typing import Any

from games.idlib import stage
from games.idlib.case import idlib_case
from games.idlib.params import SPACE
from strategy import ParametricGame, Values

__all__ = ["CASE", "GAME", "TURKEY"]

TURKEY = (*stage.TURKEY, "Strike")


def payoffs(p: Values) -> list[list[list[Any]]]:
    """Nested payoffs ``[player][russia_action][turkey_action]`` (Game 1's formulas)."""
    return stage.payoffs(p, TURKEY)


GAME = ParametricGame(
    (("Russia", stage.RUSSIA), ("Turkey", TURKEY)), payoffs, SPACE, title="Idlib Game 1b: the stage game with strikes"
)

CASE = idlib_case(
    "escalation",
    "Idlib Game 1b: the stage game with a Turkish Strike posture (Spring Shield)",
    GAME.game,
    description=__doc__,
)
