"""Game 2: the triangle Russia x Turkey x US (case model section 5).

Turkey's Idlib posture is fixed at Hold; the game isolates the alignment channel. With
k = [s = KeepS400], f(r) the force level and C(u) = d [u != NoCarrot] + A_S [u = DiscountSDF]
(offers are conditional: paid only if Turkey takes the Patriot),

.. math::

    U_R &= V k (1 - \\ell [r = AllOut]) + G k [r = Restrain] - h (1 - f) + (g - c) f \\\\
    U_T &= -E f - \\tau (1 - f) + k (v_S + \\pi_T [r = Restrain]) + (1 - k)(v_P + v_N - k_{sw} + C(u)) \\\\
    U_{US} &= (1 - k)(W - d [u \\ne NoCarrot] - B [u = DiscountSDF]) - \\varepsilon k [u \\ne NoCarrot] - \\omega f

Three timings of the same payoffs:

* **2a** :data:`GAME` -- simultaneous three-player normal form (a ParametricGame);
* **2b** :func:`build_sequential` -- the US offers, Turkey chooses, Russia replies (perfect
  information; subgame perfection by backward induction);
* **2c** :func:`build_timing` -- the US offers, then Russia and Turkey move simultaneously
  (information sets; subgame perfection via the subgames' normal forms).

**The US chooses (issue 17).** In 2b the US picks a rung of a carrot ladder and a stick,
:data:`US_LADDER` = {NoCarrot, Discount, DiscountSDF, Buyout} x {no stick, +F35,
+F35+CAATSA}. Sticks are conditional, like the offers: executed only if Turkey keeps the
S-400, costing Turkey e_F (F-35 exclusion) and s_C (CAATSA sanctions) and the US k_US
each. Buyout is the continuous carrot solved exactly: Turkey accepts a transfer x iff
x >= I*(S) = I* - S (S the stick's harm), so the US's best transfer is I*(S) or nothing;
the rung pays I*(S)^+ + epsilon_B (the margin stands in for the continuum's
accept-when-indifferent tie-break). The ladder's NoCarrot/Discount/DiscountSDF rungs
without a stick are the old game: its SPE and I*, C_max are unchanged. 2a and 2c keep the
old three offers (:data:`US`): see ``docs/case-model-notes.md``.

:func:`required_inducement` (I*) and :func:`max_carrot` (C_max) are read off the 2b tree's
backward-induction values, not from the closed forms of the case model;
:func:`q3_answer` gathers I*, the most the US will pay and the stick that closes the gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from games.idlib.case import idlib_case
from games.idlib.params import SPACE
from strategy import ParametricGame, SolveResult, UnsupportedGameError, Values
from strategy.forms.extensive import Decision, ExtensiveFormGame, Terminal

__all__ = [
    "CASE",
    "GAME",
    "INDUCEMENT_CASE",
    "PLAYERS",
    "RUSSIA",
    "TIMING_CASE",
    "TURKEY",
    "US",
    "US_LADDER",
    "Q3Answer",
    "build_sequential",
    "build_timing",
    "max_carrot",
    "payoff_vector",
    "q3_answer",
    "required_inducement",
    "solve_tree",
]

RUSSIA = ("Restrain", "Squeeze", "AllOut")
TURKEY = ("KeepS400", "Patriot")
US = ("NoCarrot", "Discount", "DiscountSDF")
CARROTS = (*US, "Buyout")
STICKS = ("", "+F35", "+F35+CAATSA")
US_LADDER = tuple(c + s for s in STICKS for c in CARROTS)
PLAYERS = ("Russia", "Turkey", "US")


def _split(u: str) -> tuple[str, str]:
    carrot, plus, stick = u.partition("+")
    return carrot, plus + stick


def stick_harm(p: Values, stick: str) -> Any:
    """S: what a stick costs Turkey if it keeps the S-400 (0, e_F, or e_F + s_C)."""
    if not stick:
        return 0.0
    return p.f35_exclusion_cost + (p.caatsa_cost if stick == "+F35+CAATSA" else 0.0)


def _russia_reply_values(p: Values, s: str) -> list[float]:
    """Turkey's payoffs at Russia's best replies to `s` (several if Russia is indifferent)."""
    pays = [payoff_vector(p, r, s, "NoCarrot") for r in RUSSIA]
    best = max(float(v[0]) for v in pays)
    return [float(v[1]) for v in pays if float(v[0]) >= best - 1e-12]


def buyout_price(p: Values, stick: str = "") -> float:
    """The Buyout transfer: I*(S)^+ + epsilon_B with I*(S) = I* - S (scalar values).

    I* is Turkey's value of keeping minus its value of switching with no offer, each at
    Russia's best reply; if Russia is indifferent the US prices the flip against the
    reply best for a loyal Turkey and worst for a defecting one (a flip for sure).
    """
    i_star = max(_russia_reply_values(p, "KeepS400")) - min(_russia_reply_values(p, "Patriot"))
    return max(0.0, i_star - float(stick_harm(p, stick))) + float(p.buyout_margin)


def payoff_vector(p: Values, r: str, s: str, u: str) -> tuple[Any, Any, Any]:
    """(U_R, U_T, U_US) at Russia's `r`, Turkey's `s`, the US's `u` (array expressions; Buyout scalar)."""
    f = {"Restrain": 0.0, "Squeeze": p.limited_scale, "AllOut": 1.0}[r]
    k = float(s == "KeepS400")
    rung, stick = _split(u)
    offer = float(rung != "NoCarrot")
    sdf = float(rung == "DiscountSDF")
    if rung == "Buyout":
        transfer: Any = buyout_price(p, stick)
    else:
        transfer = p.patriot_discount * offer
    carrot = transfer + p.sdf_assurance_value * sdf
    harm = stick_harm(p, stick)
    executed = 0.0 if not stick else float(stick.count("+"))
    cost = p.assault_cost + p.condemnation_cost
    exposure = p.refugee_cost + p.fall_cost
    u_r = (
        p.nato_rift_value * k * (1 - p.leverage_loss * (r == "AllOut"))
        + p.goodwill_value * k * (r == "Restrain")
        - p.hts_threat * (1 - f)
        + (p.idlib_gain - cost) * f
    )
    u_t = (
        -exposure * f
        - p.hts_cost_turkey * (1 - f)
        + k * (p.s400_value + p.partnership_value * (r == "Restrain"))
        + (1 - k) * (p.patriot_value + p.nato_compat_value - p.switch_cost + carrot)
        - k * harm
    )
    u_us = (
        (1 - k) * (p.us_alignment_value - transfer - p.sdf_betrayal_cost * sdf)
        - p.offer_cost * k * offer
        - (p.stick_cost_us * k * executed if stick else 0.0)
        - p.us_humanitarian_weight * f
    )
    return (u_r, u_t, u_us)


def _table(p: Values) -> dict[tuple[str, str, str], tuple[Any, Any, Any]]:
    return {(r, s, u): payoff_vector(p, r, s, u) for r in RUSSIA for s in TURKEY for u in US}


GAME = ParametricGame(
    (("Russia", RUSSIA), ("Turkey", TURKEY), ("US", US)),
    _table,
    SPACE,
    title="Idlib Game 2a: the triangle, simultaneous",
)


def _leaf(p: Values, r: str, s: str, u: str) -> Terminal:
    return Terminal({name: float(np.asarray(v)) for name, v in zip(PLAYERS, payoff_vector(p, r, s, u), strict=True)})


def build_sequential(p: Values, offers: tuple[str, ...] = US_LADDER) -> ExtensiveFormGame:
    """Game 2b: US offer and stick, then Turkey's choice (observed), then Russia's reply (scalar values).

    `offers` defaults to the full :data:`US_LADDER`; ``offers=US`` is the old game.
    """
    root = Decision(
        "US",
        {
            u: Decision("Turkey", {s: Decision("Russia", {r: _leaf(p, r, s, u) for r in RUSSIA}) for s in TURKEY})
            for u in offers
        },
    )
    return ExtensiveFormGame(PLAYERS, root, title="Idlib Game 2b: US leads, Russia observes Turkey")


def build_timing(p: Values) -> ExtensiveFormGame:
    """Game 2c: US offer, then Russia and Turkey simultaneously (Turkey does not see Russia's move)."""
    root = Decision(
        "US",
        {
            u: Decision(
                "Russia",
                {
                    r: Decision("Turkey", {s: _leaf(p, r, s, u) for s in TURKEY}, infoset=f"Turkey after {u}")
                    for r in RUSSIA
                },
            )
            for u in US
        },
    )
    return ExtensiveFormGame(PLAYERS, root, title="Idlib Game 2c: US leads, Russia and Turkey simultaneous")


def solve_tree(game: ExtensiveFormGame) -> SolveResult:
    """Subgame-perfect equilibria of a tree (backward induction or subgames)."""
    from strategy.solvers.trees.sequential import solve_tree as _solve

    return _solve(game, concept="spe")


def _spe_after(p: Values, offer: str) -> dict[str, tuple[float, ...]]:
    """SPE payoff vector of the 2b subgame after the US's `offer` and each Turkish choice."""
    from strategy.solvers.trees.backward_induction import backward_induction

    game = build_sequential(p)
    out: dict[str, tuple[float, ...]] = {}
    for s in TURKEY:
        node = game.nodes[game.index_of((offer, s))]
        sub = ExtensiveFormGame(PLAYERS, node)
        values = backward_induction(sub).payoff_set
        if len(values) != 1:
            raise UnsupportedGameError(
                f"Russia is indifferent after {offer} > {s} at these values, so I* is set-valued; move a parameter "
                "off the tie"
            )
        out[s] = tuple(float(x) for x in next(iter(values)))
    return out


def required_inducement(p: Values) -> float:
    """I*: the carrot value that makes Turkey indifferent between KeepS400 and Patriot in 2b.

    Computed from the backward-induction values of the subgames after NoCarrot: Turkey's
    payoff on the KeepS400 branch minus its payoff on the Patriot branch (each with Russia's
    subgame-perfect reply). Turkey switches iff C(u) >= I*.
    """
    after = _spe_after(p, "NoCarrot")
    return after["KeepS400"][1] - after["Patriot"][1]


def max_carrot(p: Values) -> float:
    """C_max: the most the US can deliver to Turkey and still gain from the flip (2b).

    The US's gain from a flip before paying for carrots is read off the NoCarrot subgame
    values; a divisible discount is worth to Turkey what it costs the US, and the SDF
    assurance adds A_S - B on top when A_S > B (it is the "efficient" carrot).
    """
    after = _spe_after(p, "NoCarrot")
    gain = after["Patriot"][2] - after["KeepS400"][2]
    return float(gain + max(0.0, float(p.sdf_assurance_value) - float(p.sdf_betrayal_cost)))


@dataclass(frozen=True)
class Q3Answer:
    """Q3 at one parameter point: can the US flip Turkey, and with what?

    ``required`` is I* (the carrot that flips Turkey with no stick), ``us_gain`` the US's
    gain from a flip before paying (the most it will pay in a pure transfer),
    ``max_carrot`` C_max (with the SDF assurance when efficient), ``shortfall`` =
    I* - C_max, ``sticks`` the harm S of each stick, and ``closing_stick`` the first stick
    with S >= shortfall (``None``: no stick on the ladder closes the gap).
    """

    required: float
    us_gain: float
    max_carrot: float
    shortfall: float
    sticks: dict[str, float]
    closing_stick: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "required_inducement": self.required,
            "us_gain": self.us_gain,
            "max_carrot": self.max_carrot,
            "shortfall": self.shortfall,
            "sticks": dict(self.sticks),
            "closing_stick": self.closing_stick,
        }


def q3_answer(p: Values) -> Q3Answer:
    """I*, the most the US will pay, and the stick that closes the gap (2b, scalar values)."""
    after = _spe_after(p, "NoCarrot")
    required = after["KeepS400"][1] - after["Patriot"][1]
    gain = after["Patriot"][2] - after["KeepS400"][2]
    c_max = max_carrot(p)
    shortfall = required - c_max
    sticks = {s.lstrip("+"): float(stick_harm(p, s)) for s in STICKS if s}
    closing = next((name for name, harm in sticks.items() if harm >= shortfall), None)
    return Q3Answer(required, gain, c_max, shortfall, sticks, closing)


CASE = idlib_case(
    "triangle",
    "Idlib Game 2a: Russia x Turkey x US, simultaneous (carrots are dominated)",
    GAME.game,
    description=__doc__,
)

INDUCEMENT_CASE = idlib_case(
    "inducement",
    "Idlib Game 2b: the US picks a carrot and a stick, Turkey chooses, Russia replies (SPE)",
    build_sequential,
    description=build_sequential.__doc__,
    solve=solve_tree,
)

TIMING_CASE = idlib_case(
    "timing",
    "Idlib Game 2c: the US offers, Russia and Turkey move simultaneously (SPE)",
    build_timing,
    description=build_timing.__doc__,
    solve=solve_tree,
)
