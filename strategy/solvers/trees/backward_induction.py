"""Backward induction: every pure subgame-perfect equilibrium of a perfect-information tree.

With ties the set of subgame-perfect equilibria (SPE) is not a product of per-node
choices: which action is optimal at a node can depend on the tie-breaking chosen further
down (a tie for one player may leave different payoffs to another). The exact recursion
keeps, for each node :math:`n`, the multiset :math:`V(n)` of payoff vectors of the SPE of
the subgame at :math:`n` with their counts:

* leaf: :math:`V = \\{u\\}` once;
* chance: the sums :math:`\\sum_c p_c v_c` over one vector per child, counts multiplied;
* decision of player :math:`i`: action :math:`a` with continuation vector :math:`v\\in V(a)`
  is an SPE choice when every other child :math:`b` continues with some :math:`w\\in V(b)`,
  :math:`w_i \\le v_i`; the count is :math:`N_a(v)\\prod_{b\\ne a}\\#\\{w\\in V(b): w_i\\le v_i\\}`.

Individual equilibria are enumerated lazily (with a cap) from the same recursion; each is
certified by :meth:`BehaviorProfile.max_regret` which recomputes every player's best
response in every subgame from the tree, not from these values.

:func:`~strategy.solvers.trees.batch.backward_induction_batch` (re-exported here) solves a
batch of payoff samples on a flattened tree with array operations, level by level (Kuhn 1953;
Zermelo 1913).

Examples
--------
>>> from strategy.forms.extensive import ExtensiveFormGame, decide, leaf
>>> game = ExtensiveFormGame(("Entrant", "Incumbent"), decide("Entrant",
...     Out=leaf(Entrant=0, Incumbent=2),
...     In=decide("Incumbent", Fight=leaf(Entrant=-1, Incumbent=-1),
...               Accommodate=leaf(Entrant=1, Incumbent=1))))
>>> spe = backward_induction(game)
>>> spe.count, spe[0].path()
(1, [('Entrant', 'In'), ('Incumbent', 'Accommodate')])
>>> print(spe.trace[0])
Incumbent at In: Accommodate 1 > Fight -1
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from strategy.errors import UnsupportedGameError
from strategy.forms.behavior import BehaviorProfile
from strategy.forms.extensive import Chance, Decision, ExtensiveFormGame, Terminal, path_label
from strategy.numbers import DEFAULT_TOL, format_number
from strategy.solvers.result import Concept, Equilibrium, Guarantee, SolveResult
from strategy.solvers.trees.batch import FlatTree, backward_induction_batch

__all__ = ["FlatTree", "SPESet", "backward_induction", "backward_induction_batch", "spe_result"]

Vector = tuple[Any, ...]


def _tolerance(game: ExtensiveFormGame) -> float:
    if game.exact:
        return 0.0
    scale = max(
        (abs(float(v)) for k, n in enumerate(game.nodes) if isinstance(n, Terminal) for v in game.leaf_payoffs(k)),
        default=1.0,
    )
    return DEFAULT_TOL * max(1.0, scale)


@dataclass(frozen=True, eq=False)
class SPESet(Sequence[BehaviorProfile]):
    """All pure SPE of a perfect-information tree, held compactly.

    ``values[k]`` maps each SPE payoff vector of the subgame at node ``k`` to the number of
    SPE of that subgame reaching it; ``count`` is the number of SPE of the game. Indexing
    and iteration enumerate individual equilibria up to ``cap``.
    """

    game: ExtensiveFormGame = field(repr=False)
    values: tuple[dict[Vector, int], ...] = field(repr=False)
    trace: tuple[str, ...] = field(repr=False)
    cap: int = 1000
    tol: float = 0.0
    _cache: list[BehaviorProfile] = field(default_factory=list, repr=False)

    @property
    def count(self) -> int:  # type: ignore[override]  # public property, shadows Sequence.count(value)
        """Number of pure subgame-perfect equilibria."""
        return sum(self.values[0].values())

    @property
    def payoff_set(self) -> set[Vector]:
        """The distinct SPE payoff vectors (player order)."""
        return set(self.values[0])

    def profiles(self, cap: int | None = None) -> Iterator[BehaviorProfile]:
        """Enumerate SPE as behaviour profiles (at most `cap`, default ``self.cap``)."""
        limit = self.cap if cap is None else cap
        gen = self._enum(0, None)
        for choices, _ in itertools.islice(gen, limit):
            yield BehaviorProfile(self.game, choices, "subgame_perfect")

    def _all(self) -> list[BehaviorProfile]:
        if not self._cache:
            self._cache.extend(self.profiles())
        return self._cache

    def __getitem__(self, i: Any) -> Any:
        return self._all()[i]

    def __len__(self) -> int:
        return len(self._all())

    def _enum(self, k: int, accept: Any) -> Iterator[tuple[dict[str, str], Vector]]:
        """Yield (choices in subtree, vector) for SPE of the subgame at `k` whose vector passes `accept`."""
        game = self.game
        node = game.nodes[k]
        if isinstance(node, Terminal):
            v = game.leaf_payoffs(k)
            if accept is None or accept(v):
                yield {}, v
            return
        kids = game.children[k]
        if isinstance(node, Chance):
            probs = [node.outcomes[a][0] for a, _ in kids]
            for combo in _product([lambda c=c: self._enum(c, None) for _, c in kids]):
                v = tuple(
                    sum(p * part[1][i] for p, part in zip(probs, combo, strict=True)) for i in range(game.n_players)
                )
                if accept is None or accept(v):
                    merged: dict[str, str] = {}
                    for part in combo:
                        merged.update(part[0])
                    yield merged, v
            return
        i = game.players.index(node.player)
        label = game.infosets[game.node_infoset[k]].label
        tol = self.tol
        for a, c in kids:
            for v in list(self.values[c]):
                if accept is not None and not accept(v):
                    continue
                if any(all(w[i] > v[i] + tol for w in self.values[b]) for _, b in kids if b != c):
                    continue
                makers = []
                for _, b in kids:
                    if b == c:
                        makers.append(lambda b=b, v=v: self._enum(b, lambda x, v=v: x == v))
                    else:
                        makers.append(lambda b=b, v=v: self._enum(b, lambda x, v=v: x[i] <= v[i] + tol))
                for combo in _product(makers):
                    merged = {label: a}
                    for part in combo:
                        merged.update(part[0])
                    yield merged, v

    def result(self, cap: int | None = None) -> SolveResult:
        """The SPE as a certified :class:`SolveResult` (see :func:`spe_result`)."""
        return spe_result(self, cap)

    def __repr__(self) -> str:
        return f"<SPESet: {self.count} subgame-perfect equilibria, payoffs {sorted(map(_fmt_vec, self.payoff_set))}>"


def _fmt_vec(v: Vector) -> str:
    return "(" + ", ".join(format_number(x) for x in v) + ")"


def _product(makers: list[Any]) -> Iterator[tuple[Any, ...]]:
    """Lazy cartesian product of generators made on demand (re-made for each prefix)."""
    if not makers:
        yield ()
        return
    for first in makers[0]():
        for rest in _product(makers[1:]):
            yield (first, *rest)


def backward_induction(game: ExtensiveFormGame, *, cap: int = 1000) -> SPESet:
    """Return every pure subgame-perfect equilibrium of a perfect-information tree.

    Parameters
    ----------
    game : ExtensiveFormGame
        A tree with singleton information sets (chance nodes allowed).
    cap : int
        Most equilibria materialised when iterating; ``count`` is always exact.

    Returns
    -------
    SPESet
        Compact set of SPE with ``count``, ``payoff_set``, ``trace`` (one line per decision
        node, deepest first, as in the textbook procedure) and lazy enumeration.

    Raises
    ------
    UnsupportedGameError
        If an information set has several nodes (use :func:`strategy.solvers.trees.sequential.solve_tree`).
    """
    if not game.is_perfect_information:
        raise UnsupportedGameError(
            "backward induction needs perfect information; "
            "use strategy.solvers.trees.sequential.solve_tree for information sets"
        )
    tol = _tolerance(game)
    n = game.n_players
    values: list[dict[Vector, int]] = [{} for _ in range(game.n_nodes)]
    trace: list[str] = []
    for k in range(game.n_nodes - 1, -1, -1):
        node = game.nodes[k]
        if isinstance(node, Terminal):
            values[k] = {game.leaf_payoffs(k): 1}
            continue
        kids = game.children[k]
        if isinstance(node, Chance):
            probs = [node.outcomes[a][0] for a, _ in kids]
            acc: dict[Vector, int] = {(0,) * n: 1}
            for p, (_, c) in zip(probs, kids, strict=True):
                nxt: dict[Vector, int] = {}
                for base, m in acc.items():
                    for v, cnt in values[c].items():
                        key = tuple(b + p * x for b, x in zip(base, v, strict=True))
                        nxt[key] = nxt.get(key, 0) + m * cnt
                acc = nxt
            values[k] = acc
            continue
        assert isinstance(node, Decision)
        i = game.players.index(node.player)
        out: dict[Vector, int] = {}
        for _, c in kids:
            for v, cnt in values[c].items():
                total = cnt
                for _, b in kids:
                    if b != c:
                        total *= sum(m for w, m in values[b].items() if w[i] <= v[i] + tol)
                if total:
                    out[v] = out.get(v, 0) + total
        values[k] = out
        trace.append(_trace_line(game, k, i, values, tol))
    return SPESet(game, tuple(values), tuple(trace), cap, tol)


def _trace_line(game: ExtensiveFormGame, k: int, i: int, values: list[dict[Vector, int]], tol: float) -> str:
    options = []
    for a, c in game.children[k]:
        own = sorted({v[i] for v in values[c]}, reverse=True)
        options.append((own[0], a, "/".join(format_number(x) for x in own)))
    options.sort(key=lambda t: -float(t[0]))
    parts = []
    for t, (best, a, text) in enumerate(options):
        if t:
            prev = options[t - 1][0]
            parts.append(" = " if abs(float(prev) - float(best)) <= tol else " > ")
        parts.append(f"{a} {text}")
    return f"{game.players[i]} at {path_label(game.paths[k])}: {''.join(parts)}"


def spe_result(spe: SPESet, cap: int | None = None) -> SolveResult:
    """Certify each enumerated SPE (max regret over every subgame) and wrap them."""
    limit = spe.cap if cap is None else cap
    eqs = tuple(Equilibrium.certify(p, Concept.SUBGAME_PERFECT) for p in spe.profiles(limit))
    notes = [f"{spe.count} pure subgame-perfect equilibria"]
    guarantee = Guarantee.ALL_PURE
    if spe.count > len(eqs):
        notes.append(f"only the first {len(eqs)} listed (cap={limit}); raise cap to see more")
        guarantee = Guarantee.SOME
    if spe.tol == 0 and any(len(v) > 1 for v in spe.values):
        notes.append("ties: mixed subgame-perfect equilibria may also exist")
    return SolveResult(spe.game, eqs, "backward_induction", guarantee, {"cap": limit}, None, (), tuple(notes), spe)
