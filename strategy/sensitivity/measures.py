"""Outcome measures: what a sensitivity analysis records at each parameter point.

The *regime* of a game is a label of its equilibrium set by supports:
``"Russia=Squeeze, Turkey=Arm"`` for a pure equilibrium,
``"mixed(Russia: Restrain+Squeeze; Turkey: Hold+Arm)"`` for a mixed one, and the labels
of several equilibria joined with ``" | "`` (in a fixed order: by support code). When a
game has several equilibria the choice is explicit, through ``select``:

* ``"all"`` -- the label of the whole set (default);
* ``"first"`` -- the first equilibrium in that fixed order;
* ``"payoff_dominant"`` -- the equilibrium with the largest sum of payoffs (ties: first).

For trees, pass any callable ``game -> label`` as the measure instead.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from strategy.errors import UnknownLabelError
from strategy.solvers.bimatrix.batch import BatchEquilibria

__all__ = [
    "SELECTIONS",
    "action_probability",
    "equilibrium_labels",
    "regime",
    "regime_counts",
    "regimes",
    "selected",
    "signalling_regime",
]

SELECTIONS = ("all", "first", "payoff_dominant")


def _codes(result: BatchEquilibria) -> np.ndarray:
    supp = result.supports()
    n, width = supp.shape[1], supp.shape[2]
    weights = (1 << np.arange(n * width, dtype=np.int64)).reshape(n, width)
    return (supp * weights).sum(axis=(1, 2)) if len(supp) else np.zeros(0, np.int64)


def _label(result: BatchEquilibria, support: np.ndarray) -> str:
    parts = [[a for j, a in enumerate(p.actions) if support[i, j]] for i, p in enumerate(result.players)]
    if all(len(s) == 1 for s in parts):
        return ", ".join(f"{p.name}={s[0]}" for p, s in zip(result.players, parts, strict=True))
    inner = "; ".join(f"{p.name}: {'+'.join(s)}" for p, s in zip(result.players, parts, strict=True))
    return f"mixed({inner})"


def equilibrium_labels(result: BatchEquilibria) -> list[str]:
    """The label of each equilibrium (row) of `result`."""
    codes = _codes(result)
    supp = result.supports()
    cache: dict[int, str] = {}
    out = []
    for e, c in enumerate(codes.tolist()):
        if c not in cache:
            cache[c] = _label(result, supp[e])
        out.append(cache[c])
    return out


def selected(result: BatchEquilibria, select: str = "all") -> np.ndarray:
    """Boolean mask over equilibria kept by the selection rule `select`."""
    if select not in SELECTIONS:
        raise UnknownLabelError("selection rule", select, SELECTIONS)
    keep = np.ones(len(result.game), bool)
    if select == "all" or not len(keep):
        return keep
    order = _order(result)
    games = result.game[order]
    if select == "first":
        first = np.r_[True, games[1:] != games[:-1]]
    else:
        total = result.payoffs.sum(axis=1)[order]
        key = np.lexsort((-total, games))  # by game, then best total first
        games2 = games[key]
        first_sorted = np.r_[True, games2[1:] != games2[:-1]]
        first = np.zeros(len(games), bool)
        first[key[first_sorted]] = True
    keep = np.zeros(len(keep), bool)
    keep[order[first]] = True
    return keep


def _order(result: BatchEquilibria) -> np.ndarray:
    return np.lexsort((_codes(result), result.game))


def regimes(result: BatchEquilibria, select: str = "all") -> np.ndarray:
    """The regime label of every game of the batch, shape ``batch_shape`` (object array).

    Games without an equilibrium (possible only for pure-only searches) get ``"none"``.
    """
    keep = selected(result, select)
    codes = _codes(result)
    order = [e for e in _order(result) if keep[e]]
    labels = equilibrium_labels(result)
    per_game: list[list[str]] = [[] for _ in range(result.size)]
    # group identical code tuples to avoid building strings per game
    for e in order:
        per_game[int(result.game[e])].append(labels[e])
    del codes
    cache: dict[tuple[str, ...], str] = {}
    out = np.empty(result.size, dtype=object)
    for g, ls in enumerate(per_game):
        key = tuple(ls)
        if key not in cache:
            cache[key] = " | ".join(key) if key else "none"
        out[g] = cache[key]
    return out.reshape(result.batch_shape)


def regime_counts(result: BatchEquilibria, select: str = "all") -> Counter[str]:
    """How many games of the batch fall in each regime: ``Counter(regimes(result, select).flat)``.

    No string is built per game. Each equilibrium's support code ``c`` (a bit per action)
    is packed, as ``c + 1``, into the game's integer key at the equilibrium's rank by code,
    so that the key determines the game's label exactly; keys are counted, and one label is
    built per distinct key. Games whose key would not fit 63 bits are labelled one by one.
    """
    keep = selected(result, select)
    all_codes = _codes(result)
    codes, games = all_codes[keep], result.game[keep]
    bits = int(np.prod(result.probabilities.shape[1:])) + 1  # a code c < 2**(bits - 1); c + 1 needs bits
    counts = np.bincount(games, minlength=result.size)
    if not len(codes) or int(counts.max()) * bits > 62:
        return Counter(regimes(result, select).reshape(-1).tolist())
    # rank of each equilibrium within its game by code (games are non-decreasing): one integer sort
    if result.size.bit_length() + bits <= 62:
        order = np.argsort(games.astype(np.int64) << (bits - 1) | codes, kind="stable")
    else:
        order = np.lexsort((codes, games))
    games, codes = games[order], codes[order]
    rank = np.arange(len(games)) - (np.cumsum(counts) - counts)[games]
    key = np.zeros(result.size, np.int64)
    np.bitwise_or.at(key, games, (codes + 1) << (bits * rank))
    keys, n_games = np.unique(key, return_counts=True)
    supports = result.supports()
    mask = (1 << bits) - 1
    out: Counter[str] = Counter()
    for k, count in zip(keys.tolist(), n_games.tolist(), strict=True):
        parts = []
        while k:
            e = int(np.argmax(all_codes == (k & mask) - 1))  # an equilibrium with this support
            parts.append(_label(result, supports[e]))
            k >>= bits
        out[" | ".join(parts) if parts else "none"] += count
    return out


def regime(result: BatchEquilibria, select: str = "all") -> str:
    """The regime label of a single game (a batch of one).

    Examples
    --------
    >>> import numpy as np
    >>> from strategy.solvers.bimatrix.batch import support_enumeration_batch
    >>> pd = np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], dtype=float)
    >>> regime(support_enumeration_batch(pd[None], (("Row", ("C", "D")), ("Col", ("C", "D")))))
    'Row=D, Col=D'
    """
    return str(regimes(result, select).reshape(-1)[0])


def action_probability(result: BatchEquilibria, player: str, action: str, select: str = "first") -> np.ndarray:
    """Probability that `player` plays `action` in the selected equilibrium of each game.

    With ``select="all"`` the mean over the game's equilibria is returned.
    """
    names = [p.name for p in result.players]
    if player not in names:
        raise UnknownLabelError("player", player, names)
    i = names.index(player)
    j = result.players[i].index(action)
    keep = selected(result, select)
    prob = result.probabilities[keep, i, j]
    games = result.game[keep]
    total = np.bincount(games, weights=prob, minlength=result.size)
    count = np.bincount(games, minlength=result.size)
    out = np.divide(total, count, out=np.full(result.size, np.nan), where=count > 0)
    return out.reshape(result.batch_shape)


def signalling_regime(result: Any) -> str:
    """The regime of a signalling game: the kinds of its perfect Bayesian equilibria.

    Each PBE is named by its classification (``pooling on m``, ``separating``,
    ``semi-separating``, ``partially pooling``) and, for separating ones, the message of
    each type (``separating (Unwilling: Stall, Unable: Crackdown)``); the distinct names are
    sorted and joined by ``" | "``. Two equilibria of one kind with different replies count
    once: the regime says what the sender can reveal, not how the receiver mixes.
    """
    kinds = set()
    for eq in result:
        pbe = eq.profile
        kind = pbe.classification
        if kind == "separating":
            sent = ", ".join(f"{t}: {next(m for m, p in d.items() if p > 0)}" for t, d in pbe.sender.items())
            kind = f"separating ({sent})"
        kinds.add(kind)
    return " | ".join(sorted(kinds)) if kinds else "none"
