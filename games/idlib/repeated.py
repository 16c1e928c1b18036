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

import html
from dataclasses import dataclass
from typing import Any

from games.idlib import stage
from games.idlib.case import idlib_case
from strategy import InvalidGameError, NormalFormGame, solve
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

    def _stage_words(self) -> str:
        return ", ".join(f"{who} {' or '.join(acts)}" for who, acts in self.stage_equilibrium.support().items())

    def _rows(self) -> list[tuple[str, str, str, str]]:
        rows = []
        for name, code in self.grim.items():
            coop = ", ".join(f"{who} {a}" for who, a in zip(("Russia", "Turkey"), code.cooperative, strict=True))
            rows.append(
                (f"grim trigger, Sochi {name}", coop, _num(code.critical["Russia"]), _num(code.critical["Turkey"]))
            )
        for k, code in self.stick.items():
            coop = ", ".join(f"{who} {a}" for who, a in zip(("Russia", "Turkey"), code.cooperative, strict=True))
            rows.append(
                (
                    f"stick and carrot, {k} round{'s' if k > 1 else ''} of Squeeze/Arm",
                    coop,
                    _num(code.critical["Russia"]),
                    _num(code.critical["Turkey"]),
                )
            )
        return rows

    def to_text(self) -> str:
        """A readable summary for the terminal: the smallest discount factor each code needs."""
        lines = [f"punishment of grim trigger (the stage equilibrium): {self._stage_words()}"]
        lines += [f"{a}: {b}; needs δ_R ≥ {c}, δ_T ≥ {d}" for a, b, c, d in self._rows()]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        body = "".join(
            f"<tr><td>{html.escape(a)}</td><td>{html.escape(b)}</td><td>{c}</td><td>{d}</td></tr>"
            for a, b, c, d in self._rows()
        )
        return (
            f"<p>Grim trigger punishes with the stage equilibrium: {html.escape(self._stage_words())}.</p>"
            "<table class='strategy-table'><tr><th>code</th><th>cooperative profile</th><th>smallest δ_R</th>"
            f"<th>smallest δ_T</th></tr>{body}</table>"
            "<p>∞: no discount factor below 1 sustains the code; 0: the player never wants to deviate.</p>"
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "grim": {k: v.to_dict() for k, v in self.grim.items()},
            "stick_and_carrot_as_written": {str(k): v.to_dict() for k, v in self.stick.items()},
        }


def _num(x: Any) -> str:
    return "∞" if x == float("inf") else f"{float(x):.3g}"


def analyse(game: NormalFormGame, ks: tuple[int, ...] = (1, 2, 3, 4)) -> RepeatedReport:
    """Critical discount factors at one stage game (Nash reversion to its unique equilibrium)."""
    result = solve(game)
    if len(result.equilibria) != 1:
        raise InvalidGameError(f"grim trigger here needs a unique stage equilibrium; found {len(result.equilibria)}")
    eq = result.equilibria[0].profile
    grim = {name: grim_trigger(game, coop, eq) for name, coop in REGIMES.items()}
    stick = {k: stick_and_carrot(game, REGIMES["as written"], PUNISHMENT, k) for k in ks}
    return RepeatedReport(eq, grim, stick)


CASE = idlib_case(
    "repeated",
    "Idlib Game 6: the stage game repeated (grim trigger, stick and carrot)",
    stage.GAME.game,
    description=__doc__,
    solve=analyse,
)
