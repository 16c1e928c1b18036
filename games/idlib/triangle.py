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

:func:`required_inducement` (I*) and :func:`max_carrot` (C_max) are read off the 2b tree's
backward-induction values, not from the closed forms of the case model.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from games.idlib.params import SPACE
from games.idlib.scenarios import DEFAULT_SCENARIO, SCENARIOS
from strategy import Case, ParametricGame, SolveResult, UnsupportedGameError, Values
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
    "build_sequential",
    "build_timing",
    "max_carrot",
    "payoff_vector",
    "required_inducement",
    "solve_tree",
]

RUSSIA = ("Restrain", "Squeeze", "AllOut")
TURKEY = ("KeepS400", "Patriot")
US = ("NoCarrot", "Discount", "DiscountSDF")
PLAYERS = ("Russia", "Turkey", "US")


def payoff_vector(p: Values, r: str, s: str, u: str) -> tuple[Any, Any, Any]:
    """(U_R, U_T, U_US) at Russia's `r`, Turkey's `s`, the US's `u` (array expressions)."""
    f = {"Restrain": 0.0, "Squeeze": p.limited_scale, "AllOut": 1.0}[r]
    k = float(s == "KeepS400")
    offer = float(u != "NoCarrot")
    sdf = float(u == "DiscountSDF")
    carrot = p.patriot_discount * offer + p.sdf_assurance_value * sdf
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
    )
    u_us = (
        (1 - k) * (p.us_alignment_value - p.patriot_discount * offer - p.sdf_betrayal_cost * sdf)
        - p.offer_cost * k * offer
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


def build_sequential(p: Values) -> ExtensiveFormGame:
    """Game 2b: US offer, then Turkey's choice (observed), then Russia's reply (scalar values)."""
    root = Decision(
        "US",
        {
            u: Decision("Turkey", {s: Decision("Russia", {r: _leaf(p, r, s, u) for r in RUSSIA}) for s in TURKEY})
            for u in US
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
    from strategy.solvers.sequential import solve_tree as _solve

    return _solve(game, concept="spe")


def _spe_after(p: Values, offer: str) -> dict[str, tuple[float, ...]]:
    """SPE payoff vector of the 2b subgame after the US's `offer` and each Turkish choice."""
    from strategy.solvers.backward_induction import backward_induction

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


CASE = Case(
    name="triangle",
    title="Idlib Game 2a: Russia x Turkey x US, simultaneous (carrots are dominated)",
    build=GAME.game,
    space=SPACE,
    scenarios=SCENARIOS,
    default_scenario=DEFAULT_SCENARIO,
    description=__doc__ or "",
)

INDUCEMENT_CASE = Case(
    name="inducement",
    title="Idlib Game 2b: the US offers, Turkey chooses, Russia replies (SPE)",
    build=build_sequential,
    space=SPACE,
    scenarios=SCENARIOS,
    default_scenario=DEFAULT_SCENARIO,
    description=build_sequential.__doc__ or "",
    solve=solve_tree,
)

TIMING_CASE = Case(
    name="timing",
    title="Idlib Game 2c: the US offers, Russia and Turkey move simultaneously (SPE)",
    build=build_timing,
    space=SPACE,
    scenarios=SCENARIOS,
    default_scenario=DEFAULT_SCENARIO,
    description=build_timing.__doc__ or "",
    solve=solve_tree,
)
