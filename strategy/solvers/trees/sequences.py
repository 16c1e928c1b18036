r"""The sequence form of a two-player game: sequences, realization-plan constraints and payoffs.

Built from a tree with perfect recall (or from a bimatrix game, whose sequences are its
actions) for :mod:`strategy.solvers.trees.sequence_form`, which solves it; the definitions
and references are there (Koller, Megiddo and von Stengel 1996; von Stengel 1996).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from strategy.errors import UnsupportedGameError
from strategy.forms.extensive import Chance, ExtensiveFormGame, Terminal, path_label
from strategy.forms.normal import NormalFormGame

__all__ = ["SequenceForm", "SequenceLabel", "sequence_form"]


SequenceLabel = tuple[str, str] | tuple[()]
"""``()`` for the empty sequence, else ``(information set label, action)``."""


@dataclass(frozen=True, eq=False)
class SequenceForm:
    """The sequence form of a two-player game: sequences, plan constraints and payoffs.

    Attributes
    ----------
    players : pair of str
    sequences : pair of tuples
        Each player's sequences; index 0 is the empty sequence ``()``, the others are
        ``(information set label, action)``.
    constraints : pair of tuples
        The rows of :math:`E` (then :math:`F`) as ``{sequence index: coefficient}``; row 0
        is :math:`x(\\emptyset) = 1`, row ``1 + k`` is the player's ``k``-th information set
        (right-hand side 0).
    parents : pair of tuples
        For each row ``1 + k``, the index of the information set's parent sequence.
    payoffs : pair of mappings
        Sparse :math:`A` and :math:`B`: ``{(sequence of player 1, sequence of player 2): value}``
        (chance probabilities folded in).
    chance : mapping
        ``{(sequence of player 1, sequence of player 2): probability}``: the probability that
        nature's moves lead the pair to a leaf (its support is where :math:`A, B` live).
    """

    players: tuple[str, str]
    sequences: tuple[tuple[SequenceLabel, ...], tuple[SequenceLabel, ...]]
    constraints: tuple[tuple[Mapping[int, int], ...], tuple[Mapping[int, int], ...]]
    parents: tuple[tuple[int, ...], tuple[int, ...]]
    payoffs: tuple[Mapping[tuple[int, int], Fraction], Mapping[tuple[int, int], Fraction]]
    chance: Mapping[tuple[int, int], Fraction]

    @property
    def shape(self) -> tuple[int, int]:
        """Numbers of sequences of the two players."""
        return len(self.sequences[0]), len(self.sequences[1])

    def reduced_strategy_counts(self) -> tuple[int, int]:
        """Numbers of reduced pure strategies, counted without listing them.

        :math:`N(\\sigma) = \\prod_{I: \\sigma(I) = \\sigma} \\sum_{a} N(I, a)`, and the
        count is :math:`N(\\emptyset)` (the sizes of the reduced normal form).
        """
        out = []
        for rows, parents in zip(self.constraints, self.parents, strict=True):
            count: dict[int, int] = {}
            for k in range(len(rows) - 1, 0, -1):  # children information sets come later
                total = sum(count.get(s, 1) for s in rows[k] if s != parents[k - 1])
                count[parents[k - 1]] = count.get(parents[k - 1], 1) * total
            out.append(count.get(0, 1))
        return out[0], out[1]

    def constant_sum(self) -> Fraction | None:
        """The constant :math:`c` with :math:`A + B = c` times the chance weights at every
        sequence pair (the players' payoffs sum to :math:`c` at every leaf nature may
        reach), or None when the game is not constant-sum."""
        a, b = self.payoffs
        sums = {(a.get(st, Fraction(0)) + b.get(st, Fraction(0))) / w for st, w in self.chance.items()}
        return next(iter(sums)) if len(sums) == 1 else None

    def value(self, plans: Sequence[Sequence[Any]]) -> tuple[Any, Any]:
        """Expected payoffs :math:`(x^\\top A y, x^\\top B y)` of two realization plans."""
        x, y = plans
        return tuple(  # type: ignore[return-value]
            sum((v * x[s] * y[t] for (s, t), v in pay.items()), Fraction(0)) for pay in self.payoffs
        )


def sequence_form(game: ExtensiveFormGame | NormalFormGame) -> SequenceForm:
    """Build the sequence form of a two-player tree with perfect recall (or of a bimatrix game).

    Float payoffs and probabilities are read exactly (each float is a dyadic fraction).

    Raises
    ------
    UnsupportedGameError
        Unless there are exactly two players; for a tree with imperfect recall.
    """
    if isinstance(game, NormalFormGame):
        return _bimatrix_sequence_form(game)
    if game.n_players != 2:
        raise UnsupportedGameError(
            f"the sequence form here is for two-player trees; this tree has {game.n_players} players "
            f"({', '.join(game.players)}): use concept='nash' through the reduced normal form instead"
        )
    if not game.has_perfect_recall:
        raise UnsupportedGameError(
            f"imperfect recall: the sequence form needs perfect recall ({game.perfect_recall_violation})"
        )
    players = (game.players[0], game.players[1])
    own = [[j for j, info in enumerate(game.infosets) if info.player == p] for p in players]
    sequences: list[list[SequenceLabel]] = [[()], [()]]
    index: list[dict[tuple[int, str], int]] = [{}, {}]
    for i in (0, 1):
        for j in own[i]:
            info = game.infosets[j]
            for a in info.actions:
                index[i][(j, a)] = len(sequences[i])
                sequences[i].append((info.label, a))
    parent_of: list[dict[int, int]] = [{}, {}]
    leaves: list[tuple[int, int, Fraction, int]] = []
    state: list[tuple[int, int, Fraction]] = [(0, 0, Fraction(1))] * game.n_nodes
    for k, node in enumerate(game.nodes):
        s1, s2, prob = state[k]
        if isinstance(node, Terminal):
            leaves.append((s1, s2, prob, k))
            continue
        if isinstance(node, Chance):
            for a, c in game.children[k]:
                state[c] = (s1, s2, prob * Fraction(node.outcomes[a][0]))
            continue
        i = players.index(node.player)
        j = game.node_infoset[k]
        mine = (s1, s2)[i]
        seen = parent_of[i].setdefault(j, mine)
        if seen != mine:  # pragma: no cover - the tree's own perfect-recall check comes first
            raise UnsupportedGameError(
                f"imperfect recall at {path_label(game.paths[k])}: information set "
                f"{game.infosets[j].label!r} follows different own moves of {node.player}"
            )
        for a, c in game.children[k]:
            t = index[i][(j, a)]
            state[c] = (t, s2, prob) if i == 0 else (s1, t, prob)
    pays: list[dict[tuple[int, int], Fraction]] = [{}, {}]
    mass: dict[tuple[int, int], Fraction] = {}
    for s1, s2, prob, k in leaves:
        if not prob:
            continue
        mass[(s1, s2)] = mass.get((s1, s2), Fraction(0)) + prob
        for i, v in enumerate(game.leaf_payoffs(k)):
            pays[i][(s1, s2)] = pays[i].get((s1, s2), Fraction(0)) + prob * Fraction(v)
    rows: list[list[Mapping[int, int]]] = [[MappingProxyType({0: 1})], [MappingProxyType({0: 1})]]
    parents: list[list[int]] = [[], []]
    for i in (0, 1):
        for j in own[i]:
            parent = parent_of[i][j]
            row = {parent: -1}
            row.update({index[i][(j, a)]: 1 for a in game.infosets[j].actions})
            rows[i].append(MappingProxyType(row))
            parents[i].append(parent)
    return SequenceForm(
        players,
        (tuple(sequences[0]), tuple(sequences[1])),
        (tuple(rows[0]), tuple(rows[1])),
        (tuple(parents[0]), tuple(parents[1])),
        (MappingProxyType(pays[0]), MappingProxyType(pays[1])),
        MappingProxyType(mass),
    )


def _bimatrix_sequence_form(game: NormalFormGame) -> SequenceForm:
    if game.n_players != 2:
        raise UnsupportedGameError(f"the sequence form here is for two players; this game has {game.n_players}")
    source = game.exact_payoffs if game.exact_payoffs is not None else game.payoffs
    m, n = game.shape
    pays = tuple(
        MappingProxyType(
            {(1 + s, 1 + t): Fraction(source[i][s][t]) for s in range(m) for t in range(n) if source[i][s][t]}
        )
        for i in (0, 1)
    )
    seqs: list[tuple[SequenceLabel, ...]] = [((), *(("root", a) for a in p.actions)) for p in game.players]
    rows = tuple((MappingProxyType({0: 1}), MappingProxyType({0: -1, **{1 + s: 1 for s in range(k)}})) for k in (m, n))
    return SequenceForm(
        (game.players[0].name, game.players[1].name),
        (seqs[0], seqs[1]),
        (rows[0], rows[1]),
        ((0,), (0,)),
        (pays[0], pays[1]),
        MappingProxyType({(1 + s, 1 + t): Fraction(1) for s in range(m) for t in range(n)}),
    )
