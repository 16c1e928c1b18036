"""Game 6: the stage game repeated (case model section 9): can restraint be sustained?

The stage game is Game 1, repeated infinitely with per-round discount factors
delta_R, delta_T and perfect monitoring. Two cooperative regimes:

* (i) "Sochi as written", (Restrain, Disarm);
* (ii) "Sochi as practised", (Restrain, Hold).

Grim trigger reverts to the stage equilibrium (found by :func:`strategy.solve`, mixed if
need be); the k-period stick-and-carrot code punishes with (Squeeze, Arm). The case's
``solve`` takes the stage game and returns a :class:`RepeatedReport`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from games.idlib import stage
from games.idlib.params import SPACE
from games.idlib.scenarios import DEFAULT_SCENARIO, SCENARIOS
from strategy import Case, InvalidGameError, NormalFormGame, solve
from strategy.repeated import CriticalDiscounts, grim_trigger, stick_and_carrot

__all__ = ["CASE", "PUNISHMENT", "REGIMES", "RepeatedReport", "analyse"]

REGIMES = {"as written": ("Restrain", "Disarm"), "as practised": ("Restrain", "Hold")}
PUNISHMENT = ("Squeeze", "Arm")


@dataclass(frozen=True)
class RepeatedReport:
    """Grim-trigger and stick-and-carrot critical discount factors for both regimes."""

    stage_equilibrium: Any
    grim: dict[str, CriticalDiscounts]
    stick: dict[int, CriticalDiscounts]

    def to_text(self) -> str:
        """A readable summary for the terminal."""
        lines = [f"stage equilibrium (punishment of grim trigger): {self.stage_equilibrium}"]
        for name, code in self.grim.items():
            lines.append(
                f"grim trigger, Sochi {name} {code.cooperative}: "
                + ", ".join(f"delta*_{p} = {v:.4f}" for p, v in code.critical.items())
            )
        for k, code in self.stick.items():
            lines.append(
                f"stick and carrot k={k}, (Squeeze, Arm): "
                + ", ".join(f"delta*_{p} = {v:.4f}" for p, v in code.critical.items())
            )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "grim": {k: v.to_dict() for k, v in self.grim.items()},
            "stick_and_carrot_as_written": {str(k): v.to_dict() for k, v in self.stick.items()},
        }


def analyse(game: NormalFormGame, ks: tuple[int, ...] = (1, 2, 3, 4)) -> RepeatedReport:
    """Critical discount factors at one stage game (Nash reversion to its unique equilibrium)."""
    result = solve(game)
    if len(result.equilibria) != 1:
        raise InvalidGameError(f"grim trigger here needs a unique stage equilibrium; found {len(result.equilibria)}")
    eq = result.equilibria[0].profile
    grim = {name: grim_trigger(game, coop, eq) for name, coop in REGIMES.items()}
    stick = {k: stick_and_carrot(game, REGIMES["as written"], PUNISHMENT, k) for k in ks}
    return RepeatedReport(eq, grim, stick)


CASE = Case(
    name="repeated",
    title="Idlib Game 6: the stage game repeated (grim trigger, stick and carrot)",
    build=stage.GAME.game,
    space=SPACE,
    scenarios=SCENARIOS,
    default_scenario=DEFAULT_SCENARIO,
    description=__doc__ or "",
    solve=analyse,
)
