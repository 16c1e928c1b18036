r"""The Intuitive Criterion of Cho and Kreps (1987): which perfect Bayesian equilibria of a
signalling game survive when off-path beliefs must not put weight on types that could not
gain from the deviation.

References
----------
Cho, I.-K. and Kreps, D. M. (1987). Signaling games and stable equilibria. QJE 102(2).
"""

from __future__ import annotations

from dataclasses import replace

from strategy.errors import UnknownLabelError
from strategy.forms.bayesian import SignallingGame
from strategy.numbers import to_fraction
from strategy.solvers.result import Equilibrium, SolveResult
from strategy.solvers.signalling.assessment import PBE
from strategy.solvers.signalling.beliefs import ExactSignalling

__all__ = ["intuitive_criterion", "refine"]


def intuitive_criterion(game: SignallingGame, pbe: PBE | Equilibrium) -> tuple[bool, str]:
    r"""Test a PBE with the Intuitive Criterion of Cho and Kreps (1987).

    For each off-path message *m*: type *t* is **equilibrium-dominated** at *m* if
    :math:`u^*_t > \max_{a \in BR(m, \Delta(T))} u_S(t, m, a)` (no receiver best reply to
    any belief makes *m* worth sending). Let *J* be the other types (all types if every
    type is dominated, in which case *m* imposes nothing). The PBE **fails** if some type
    *t'* has :math:`u^*_{t'} < \min_{a \in BR(m, \Delta(J))} u_S(t', m, a)`: it gains from
    *m* against every best reply to beliefs concentrated on *J*. Pure best replies suffice
    for both the max and the min, because the payoff is linear in the receiver's mix.

    Returns
    -------
    (passes, explanation)
    """
    p = pbe.profile if isinstance(pbe, Equilibrium) else pbe
    x = ExactSignalling(game)
    star = {t: to_fraction(v) for t, v in p.type_payoffs.items()}
    lines = []
    passes = True
    for m_label in p.off_path:
        m = game.messages.index(m_label)
        br_all = [a for a in range(x.na) if x.belief_vertices(m, (a,))]
        dominated = [t for t in range(x.nt) if star[game.types[t]] > max(x.us[t][m][a] for a in br_all)]
        names = [game.types[t] for t in dominated]
        if len(dominated) == x.nt:
            lines.append(f"{m_label}: equilibrium-dominated for every type; no restriction")
            continue
        j = tuple(t for t in range(x.nt) if t not in dominated)
        br_j = [a for a in range(x.na) if x.belief_vertices(m, (a,), j)]
        gainers = [game.types[t] for t in range(x.nt) if star[game.types[t]] < min(x.us[t][m][a] for a in br_j)]
        jn = [game.types[t] for t in j]
        if gainers:
            passes = False
            lines.append(
                f"{m_label}: dominated for {names or 'no type'}; against every best reply to beliefs on "
                f"{jn} ({[game.actions[a] for a in br_j]}) type(s) {gainers} gain -> fails"
            )
        else:
            lines.append(
                f"{m_label}: dominated for {names or 'no type'}; no type gains against every best reply to "
                f"beliefs on {jn} -> passes"
            )
    if not p.off_path:
        lines.append("no off-path messages; the criterion holds trivially")
    return passes, "; ".join(lines)


def refine(result: SolveResult, criterion: str = "intuitive") -> SolveResult:
    """Keep the equilibria of `result` that pass `criterion` (``"intuitive"``)."""
    if criterion != "intuitive":
        raise UnknownLabelError("refinement", criterion, ["intuitive"])
    kept = tuple(e for e in result if intuitive_criterion(result.game, e)[0])
    return replace(
        result,
        equilibria=kept,
        notes=(*result.notes, f"refined by the Intuitive Criterion: {len(kept)} of {len(result)} kept"),
    )
