"""Equilibria of extensive-form games: subgame-perfect (default) and Nash.

* Perfect information: :func:`strategy.solvers.trees.backward_induction.backward_induction`
  gives every pure SPE (ties included).
* Imperfect information: subgames are solved bottom-up (Selten 1965). Each minimal subgame
  is turned into its reduced normal form and solved with :func:`strategy.solvers.dispatch.solve`
  (all extreme equilibria for two players); it is then replaced by a leaf paying the
  equilibrium payoffs, once for each equilibrium found, and the enclosing subgame is solved
  in turn. Every combination spawns an SPE, up to ``cap``. The guarantee is honest: the
  SPE found are those built from the equilibria each subgame solver returns, so with
  continua of equilibria in a subgame (degenerate games) only their extreme points are used.
  A two-player subgame too large for complete enumeration (more than ``AUTO_ALL_LIMIT``
  strategy pairs or 63 strategies in its reduced normal form) is solved for one
  equilibrium by the sequence form
  (:mod:`strategy.solvers.trees.sequence_form`), and the notes say which subgames were.
* Nash: the reduced normal form of the whole tree, solved by the normal-form dispatcher,
  with each equilibrium mapped back to behaviour strategies (Kuhn 1953); for two players
  with perfect recall, when the reduced normal form is too large to build
  (``AUTO_PURE_LIMIT``), one equilibrium by the sequence form (guarantee ``one``).
  :func:`non_credible` flags the Nash equilibria that are not subgame perfect and where.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from typing import Any

from strategy.errors import UnknownLabelError, UnsupportedGameError
from strategy.forms.behavior import BehaviorProfile
from strategy.forms.convert import behavior_from_mixed, to_normal_form
from strategy.forms.extensive import Chance, Decision, ExtensiveFormGame, Terminal, path_label
from strategy.numbers import DEFAULT_TOL
from strategy.solvers.result import Concept, Equilibrium, Guarantee, SolveResult
from strategy.solvers.trees.backward_induction import backward_induction, spe_result

__all__ = [
    "AUTO_ALL_LIMIT",
    "AUTO_PURE_LIMIT",
    "MAX_SOLVE_DEPTH",
    "backward_induction_solve",
    "nash_equilibria",
    "non_credible",
    "solve_tree",
    "subgame_perfect",
]


def solve_tree(
    game: ExtensiveFormGame, method: str = "auto", concept: Any = None, *, cap: int = 1000, **options: Any
) -> SolveResult:
    """Solve a tree: ``concept="spe"`` (default) or ``"nash"`` (any spelling of
    :func:`~strategy.solvers.registry.parse_concept`).

    Parameters
    ----------
    method : str
        ``"auto"``, ``"backward_induction"`` (perfect information), ``"subgames"``,
        ``"sequence_form"`` (two players: Nash by Lemke's algorithm on the sequence form;
        SPE with every subgame solved that way), or, for Nash, a normal-form method name
        passed to :func:`strategy.solvers.dispatch.solve`.
    cap : int
        Most equilibria listed.

    Examples
    --------
    >>> from strategy.forms.extensive import ExtensiveFormGame, decide, leaf
    >>> g = ExtensiveFormGame(("E", "I"), decide("E", Out=leaf(E=0, I=2),
    ...     In=decide("I", Fight=leaf(E=-1, I=-1), Accommodate=leaf(E=1, I=1))))
    >>> [e.profile.path() for e in solve_tree(g)]
    [[('E', 'In'), ('I', 'Accommodate')]]
    >>> sorted(e.profile["root"] for e in solve_tree(g, concept="nash"))  # the "Out" ones threaten Fight
    ['In', 'Out', 'Out']
    """
    from strategy.solvers.registry import METHODS, check_concept, parse_concept

    _check_solvable(game)
    wanted = parse_concept(concept)
    method = check_concept(wanted, "tree", method)
    record = METHODS.get(method)
    if method != "auto" and record is None:
        raise UnknownLabelError("method", method, ["auto", *METHODS])
    if record is not None and record.concept in (Concept.CORRELATED, Concept.COARSE_CORRELATED):
        return _joint_on_normal_form(game, method, **options)
    if record is not None and "normal" not in record.forms and record.refusal("tree", game.n_players):
        raise UnsupportedGameError(f"{record.refusal('tree', game.n_players)}; for a tree use method 'auto'")
    if wanted in (None, Concept.SUBGAME_PERFECT):
        spe = [
            m for m, r in METHODS.items() if "tree" in r.forms and r.concept in (Concept.SUBGAME_PERFECT, Concept.NASH)
        ]
        if method not in ("auto", *spe):
            raise UnsupportedGameError(
                f"method {method!r} is a normal-form solver; subgame perfect equilibria use 'auto', "
                f"{', '.join(repr(m) for m in spe)}. For Nash equilibria of the tree by "
                "this method, pass concept='nash' (--concept nash)"
            )
        if method == "backward_induction" or (method == "auto" and game.is_perfect_information):
            return backward_induction_solve(game, cap=cap)
        chosen = {"method": "sequence_form"} if method == "sequence_form" else {}
        return subgame_perfect(game, cap=cap, **chosen, **options)
    return nash_equilibria(game, method=method, **options)


def backward_induction_solve(game: ExtensiveFormGame, *, cap: int = 1000) -> SolveResult:
    """Every pure subgame-perfect equilibrium of a perfect-information tree, as a
    :class:`SolveResult` (its :class:`~strategy.solvers.trees.backward_induction.SPESet` is
    ``result.spe``); the registry's ``"backward_induction"``."""
    if not game.is_perfect_information:
        raise UnsupportedGameError(
            "backward induction needs perfect information (every information set a single node); "
            "use method='subgames' (or 'auto') for this tree"
        )
    return spe_result(backward_induction(game, cap=cap), cap)


MAX_SOLVE_DEPTH = 300
"""The deepest tree the tree solvers take: listing subgame-perfect profiles and copying
subgames recurse once per level of the tree (about three Python frames each), and
Python's default limit of 1,000 frames is reached near 450 levels. Deeper trees are
refused before any work with an :class:`UnsupportedGameError` saying so."""


def _check_solvable(game: ExtensiveFormGame) -> None:
    """Refuse, in words, a tree the solvers cannot handle: no perfect recall, or too deep."""
    if not game.has_perfect_recall:
        raise UnsupportedGameError(f"imperfect recall: {game.perfect_recall_violation}; the tree solvers need it")
    if game.depth > MAX_SOLVE_DEPTH:
        raise UnsupportedGameError(
            f"the tree is {game.depth} moves deep; the tree solvers handle at most {MAX_SOLVE_DEPTH} "
            "(strategy show still reads and displays it)"
        )


def _nf_solve(nf: Any, method: str, **options: Any) -> SolveResult:
    from strategy.solvers.dispatch import solve

    if nf.n_players == 1:
        from strategy.solvers.pure import pure_equilibria

        return pure_equilibria(nf)
    return solve(nf, method=method, **options)


def _mixed_to_dicts(profile: Any) -> dict[str, dict[str, Any]]:
    game = profile.game
    out = {}
    for i, player in enumerate(game.players):
        probs = profile.probabilities[i]
        out[player.name] = {a: probs[t] for t, a in enumerate(player.actions) if probs[t]}
    return out


AUTO_ALL_LIMIT = 256
"""Largest reduced normal form (strategy pairs) whose equilibria ``method="auto"`` enumerates in full."""

AUTO_PURE_LIMIT = 4096
"""Largest reduced normal form (strategy pairs) that ``method="auto"`` builds for a two-player
tree; beyond it (or when a player has more than ``2**16`` unreduced plans) one equilibrium
comes from the sequence form."""

_UNREDUCED_LIMIT = 2**16


def _normal_form_size(game: ExtensiveFormGame) -> tuple[int, int]:
    """Strategy pairs of a two-player tree's reduced normal form, and the most unreduced
    plans of a player (what listing the reduced plans walks through)."""
    from strategy.solvers.trees.sequence_form import sequence_form

    n1, n2 = sequence_form(game).reduced_strategy_counts()
    unreduced = max(math.prod(len(i.actions) for i in game.infosets if i.player == p) for p in game.players)
    return n1 * n2, unreduced


def _too_large(game: ExtensiveFormGame) -> str | None:
    """Why ``method="auto"`` does not build a two-player tree's reduced normal form, or None."""
    pairs, unreduced = _normal_form_size(game)
    if pairs > AUTO_PURE_LIMIT:
        return f"the reduced normal form would have {pairs} strategy pairs (limit {AUTO_PURE_LIMIT})"
    if unreduced > _UNREDUCED_LIMIT:
        return f"a player has {unreduced} unreduced plans to list (limit {_UNREDUCED_LIMIT})"
    return None


def _joint_on_normal_form(game: ExtensiveFormGame, method: str, **options: Any) -> SolveResult:
    """(Coarse) correlated equilibria of a tree: distributions over the plan profiles of its
    reduced normal form, reported on that normal form."""
    from dataclasses import replace

    from strategy.solvers.dispatch import solve

    nf, _ = to_normal_form(game)
    res = solve(nf, method=method, **options)
    shape = "x".join(map(str, nf.shape))
    note = f"reported on the tree's reduced normal form ({shape}): a mediator recommends a plan to each player"
    return replace(res, notes=(*res.notes, note))


def nash_equilibria(game: ExtensiveFormGame, method: str = "auto", **options: Any) -> SolveResult:
    """Nash equilibria of the tree via its reduced normal form, as behaviour profiles.

    Each is certified by its regret at the root computed on the tree (a deviation may
    change any of the deviator's choices). A choice at an information set that the
    owner's own strategy makes unreachable is left unspecified (``None``), as in the
    reduced normal form.

    The reduced normal form grows quickly and is highly degenerate (many strategies differ
    only off the path), so enumerating *all* equilibria can take very long on deep trees:
    on Game 3 of the Idlib case (26 x 32) it ran for minutes and past 1.3 GB. With
    ``method="auto"``, a reduced normal form of more than ``AUTO_ALL_LIMIT`` strategy
    pairs is therefore solved for its pure equilibria only (guarantee ``all pure``, with a
    note); ``method="enumeration"`` forces the complete enumeration and
    ``method="lemke_howson"`` gives some mixed equilibria.

    Two-player trees skip the reduced normal form where it is too large to build (more
    than ``AUTO_PURE_LIMIT`` strategy pairs, or a player with more than ``2**16``
    unreduced plans): one equilibrium comes from the sequence form
    (:mod:`strategy.solvers.trees.sequence_form`; the LP when constant-sum, else Lemke's
    algorithm), guarantee ``one``. So does a tree past ``AUTO_ALL_LIMIT`` pairs without any
    pure equilibrium. ``method="sequence_form"`` asks for Lemke's algorithm directly.
    """
    if not game.has_perfect_recall:
        raise UnsupportedGameError(
            f"imperfect recall: Nash equilibria as behaviour strategies need perfect recall "
            f"({game.perfect_recall_violation})"
        )
    two = game.n_players == 2
    if method == "sequence_form" or (two and method == "auto" and _too_large(game)):
        return _nash_by_sequence_form(game, method, **options)
    nf, mapping = to_normal_form(game)
    skipped = method == "auto" and nf.n_players == 2 and nf.payoffs[0].size > AUTO_ALL_LIMIT
    res = _nf_solve(nf, "pure" if skipped else method, **options)
    eqs = []
    for e in res:
        choices = behavior_from_mixed(game, mapping, _mixed_to_dicts(e.profile))
        eqs.append(Equilibrium.certify(BehaviorProfile(game, choices, "nash"), Concept.NASH))
    notes = (*res.notes, f"reduced normal form {'x'.join(map(str, nf.shape))} solved by {res.method}")
    if res.components:
        notes = (*notes, "components are stated in strategies of the reduced normal form")
    if skipped:
        notes = (
            *notes,
            (
                f"the reduced normal form has {nf.payoffs[0].size} strategy pairs (more than {AUTO_ALL_LIMIT}): "
                "mixed equilibria were not sought; pass method='enumeration' to enumerate all of them (slow)"
            ),
        )
        if not eqs:  # no pure equilibrium: one mixed one from the sequence form
            from strategy.solvers.trees.sequence_form import sequence_form_lemke

            one = sequence_form_lemke(game, **options)
            return SolveResult(
                game,
                one.equilibria,
                "sequence_form",
                Guarantee.ONE,
                dict(options),
                None,
                (),
                (*notes, "no pure equilibrium exists: one mixed equilibrium from the sequence form", *one.notes),
            )
    return SolveResult(
        game,
        tuple(eqs),
        f"normal_form/{res.method}",
        res.guarantee,
        dict(options),
        res.degenerate,
        res.components,
        notes,
    )


def _nash_by_sequence_form(game: ExtensiveFormGame, method: str, **options: Any) -> SolveResult:
    """One Nash equilibrium of a two-player tree from its sequence form (the LP when constant-sum)."""
    from dataclasses import replace

    from strategy.solvers.trees.sequence_form import sequence_form, sequence_form_lemke, sequence_form_lp

    if game.n_players != 2:
        raise UnsupportedGameError(
            f"method 'sequence_form' solves two-player trees; this one has {game.n_players} players: "
            "use method='auto' (the reduced normal form)"
        )
    if method == "auto" and sequence_form(game).constant_sum() is not None:
        res = sequence_form_lp(game, **options)
    else:
        res = sequence_form_lemke(game, **options)
    if method == "auto":
        why = f"{_too_large(game)}: one equilibrium from the sequence form instead; there may be others"
        res = replace(res, notes=(*res.notes, why))
    return res


def non_credible(game: ExtensiveFormGame, result: SolveResult, *, tol: float = DEFAULT_TOL) -> list[dict[str, Any]]:
    """For each equilibrium of `result`, the subgames where someone's choice is not a best reply.

    Returns one dict per equilibrium: ``{"index", "subgame_perfect", "violations":
    [{"subgame", "player", "regret"}]}``; an equilibrium with violations rests on a
    non-credible threat.
    """
    out = []
    for idx, e in enumerate(result):
        profile = BehaviorProfile(game, e.profile.choices, "subgame_perfect")
        violations = []
        for where, regrets in profile.regrets().items():
            for player, r in regrets.items():
                if float(r) > tol:
                    violations.append({"subgame": where, "player": player, "regret": r})
        out.append({"index": idx, "subgame_perfect": not violations, "violations": violations})
    return out


# ---------------------------------------------------------------------- SPE by subgames
def _copy(node: Any, replace: Mapping[int, Any]) -> Any:
    if id(node) in replace:
        return replace[id(node)]
    if isinstance(node, Terminal):
        return Terminal(dict(node.payoffs), node.label)
    if isinstance(node, Chance):
        return Chance({a: (p, _copy(c, replace)) for a, (p, c) in node.outcomes.items()}, node.label)
    return Decision(node.player, {a: _copy(c, replace) for a, c in node.moves.items()}, node.infoset, node.label)


def subgame_perfect(game: ExtensiveFormGame, *, cap: int = 1000, method: str = "auto", **options: Any) -> SolveResult:
    """Subgame-perfect equilibria by solving subgames bottom-up with normal-form solvers
    (or, for two-player subgames too large for them or with ``method="sequence_form"``,
    one equilibrium each from the sequence form)."""
    if not game.has_perfect_recall:
        raise UnsupportedGameError(
            f"imperfect recall: SPE via subgames needs perfect recall ({game.perfect_recall_violation})"
        )
    from strategy.solvers.trees.sequence_form import sequence_form_lemke

    roots = set(game.subgame_roots())
    by_sequence_form: list[str] = []
    notes: list[str] = []
    capped = [False]
    guarantees: set[str] = set()

    def solve_at(k: int) -> list[tuple[dict[str, Any], tuple[Any, ...]]]:
        # maximal proper subgames strictly inside k
        inner = []
        t = k + 1
        while t < game.ends[k]:
            if t in roots:
                inner.append(t)
                t = game.ends[t]
            else:
                t += 1
        solved = [solve_at(t) for t in inner]
        out: list[tuple[dict[str, Any], tuple[Any, ...]]] = []
        for combo in itertools.product(*solved):
            replace = {
                id(game.nodes[t]): Terminal(dict(zip(game.players, sol[1], strict=True)))
                for t, sol in zip(inner, combo, strict=True)
            }
            sub_root = _copy(game.nodes[k], replace)
            if isinstance(sub_root, Terminal):
                continue
            sub = ExtensiveFormGame(game.players, sub_root)
            movers = tuple(p for p in game.players if any(i.player == p for i in sub.infosets))
            base: dict[str, Any] = {}
            for sol in combo:
                base.update(sol[0])
            if not movers:  # only chance: one SPE
                prof = BehaviorProfile(sub, {}, "nash")
                out.append((base, tuple(prof.payoffs()[p] for p in game.players)))
                continue
            if (
                len(movers) == 2
                and sub.n_players == 2
                and (method == "sequence_form" or _beyond_enumeration(sub, method))
            ):
                res = sequence_form_lemke(sub)
                guarantees.add("one (sequence form)")
                by_sequence_form.append(path_label(game.paths[k]))
                found = [(dict(e.profile.choices), e.profile) for e in res]
            else:
                nf, mapping = to_normal_form(sub, movers)
                res = _nf_solve(nf, method, **options)
                guarantees.add(str(res.guarantee))
                found = []
                for e in res:
                    choices = behavior_from_mixed(sub, mapping, _mixed_to_dicts(e.profile))
                    found.append((choices, BehaviorProfile(sub, choices, "nash")))
            for choices, prof in found:
                merged = dict(base)
                merged.update(_relabel(game, k, sub, choices))
                out.append((merged, tuple(prof.payoffs()[p] for p in game.players)))
                if len(out) >= cap:
                    capped[0] = True
                    return out
        return out

    sols = solve_at(0)
    eqs = []
    for choices, _ in sols[:cap]:
        full = {i.label: choices.get(i.label) for i in game.infosets}
        eqs.append(Equilibrium.certify(BehaviorProfile(game, full, "subgame_perfect"), Concept.SUBGAME_PERFECT))
    guarantee = Guarantee.SOME
    if capped[0] or len(sols) > cap:
        notes.append(f"stopped at cap={cap} equilibria")
    notes.append(
        "each subgame solved on its reduced normal form (subgame solvers: "
        f"{', '.join(sorted(guarantees)) or 'none'}); each subgame equilibrium spawns an SPE, so with "
        "continua of equilibria only their extreme points are combined"
    )
    if by_sequence_form:
        where = ", ".join(sorted(set(by_sequence_form)))
        notes.append(
            f"subgames at {where} solved for one equilibrium each by the sequence form"
            + (
                ""
                if method == "sequence_form"
                else f" (more than {AUTO_ALL_LIMIT} strategy pairs or {_ENUMERATION_LIMIT} strategies: "
                "beyond complete enumeration)"
            )
            + "; other equilibria of those subgames, and the SPE built on them, may exist"
        )
    return SolveResult(game, tuple(eqs), "subgames", guarantee, {"cap": cap, **options}, None, (), tuple(notes))


_ENUMERATION_LIMIT = 63
"""Most strategies in all that exact enumeration takes (:mod:`strategy.solvers.bimatrix.enumeration`)."""


def _beyond_enumeration(sub: ExtensiveFormGame, method: str) -> bool:
    """Whether ``method="auto"`` leaves a two-player subgame to the sequence form: more than
    ``AUTO_ALL_LIMIT`` strategy pairs (complete enumeration can take minutes on such
    degenerate reduced normal forms) or more strategies than enumeration takes."""
    if method != "auto":
        return False
    from strategy.solvers.trees.sequence_form import sequence_form

    n1, n2 = sequence_form(sub).reduced_strategy_counts()
    return n1 * n2 > AUTO_ALL_LIMIT or n1 + n2 > _ENUMERATION_LIMIT


def _relabel(game: ExtensiveFormGame, k: int, sub: ExtensiveFormGame, choices: Mapping[str, Any]) -> dict[str, Any]:
    """Map infoset labels of a subgame copy (paths relative to node k) to the game's labels."""
    prefix = game.paths[k]
    out = {}
    for info in sub.infosets:
        node = sub.nodes[info.nodes[0]]
        assert isinstance(node, Decision)
        label = node.infoset if node.infoset is not None else path_label(prefix + sub.paths[info.nodes[0]])
        out[label] = choices[info.label]
    return out
