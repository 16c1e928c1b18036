r"""The Lemke-Howson algorithm for two-player games (complementary pivoting).

Write :math:`A, B` for the row and column players' :math:`m \times n` payoff matrices,
shifted so that every entry is positive (this changes no best reply). The best-reply
polytopes are

.. math::

    P = \{x \in \mathbb{R}^m : x \ge 0,\; B^\top x \le \mathbf{1}\}, \qquad
    Q = \{y \in \mathbb{R}^n : y \ge 0,\; A y \le \mathbf{1}\}.

Label the row player's actions :math:`1, \dots, m` and the column player's
:math:`m+1, \dots, m+n`. A point of *P* has label *i* if :math:`x_i = 0` and label
:math:`m+j` if column *j* is a best reply to *x* (its constraint is tight); likewise for
*Q*. A pair :math:`(x, y) \ne (0, 0)` carrying every label is a Nash equilibrium after
normalising *x* and *y* to probabilities. Starting at the artificial equilibrium
:math:`(0, 0)`, Lemke-Howson drops one label *k* and follows the unique path of
almost-completely-labelled pairs by alternate pivots in the two tableaux (the variable
that leaves one tableau names the variable that enters the other) until *k* is picked
up again (Lemke & Howson 1964; Shapley 1974).

Degenerate games are handled by the **lexicographic** minimum-ratio test, which breaks
ties as a perturbation of the right-hand side would (von Stengel 2007, section 3.7).
Exact (integer/Fraction) games pivot in Fractions and their equilibria are exact;
float games pivot in float64 with the scaled tolerance.

Each label leads to one equilibrium; different labels may lead to the same one, and
equilibria not reachable from the artificial one by any label ("inaccessible") are never
found. So the guarantee is ``some`` when all labels are tried, ``one`` for one label.

References
----------
.. [LH1964] C. E. Lemke and J. T. Howson, "Equilibrium points of bimatrix games",
   *SIAM Journal on Applied Mathematics* 12 (1964) 413-423.
.. [Shapley1974] L. S. Shapley, "A note on the Lemke-Howson algorithm", *Mathematical
   Programming Study* 1 (1974) 175-189.
.. [vonStengel2007] B. von Stengel, "Equilibrium computation for two-player games in
   strategic and extensive form", ch. 3 in *Algorithmic Game Theory*, CUP, 2007.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from strategy.errors import ConvergenceError, UnknownLabelError, UnsupportedGameError
from strategy.forms.normal import NormalFormGame
from strategy.forms.profiles import MixedProfile
from strategy.numbers import DEFAULT_TOL
from strategy.solvers.result import Equilibrium, Guarantee, SolveResult

__all__ = ["lemke_howson"]

Label = int | tuple[str, str]


def lemke_howson(
    game: NormalFormGame,
    *,
    initial_label: Label | None = None,
    tol: float = DEFAULT_TOL,
    max_iter: int = 100_000,
) -> SolveResult:
    r"""Find equilibria of a two-player game by Lemke-Howson complementary pivoting.

    Parameters
    ----------
    game : NormalFormGame
        A game with exactly two players.
    initial_label : int, (player, action) or None
        The label dropped first: ``1..m`` are the row player's actions and
        ``m+1..m+n`` the column player's (Shapley's numbering), or a pair such as
        ``("Column", "Left")``. ``None`` (default) runs from every label and returns the
        distinct equilibria found.
    tol : float, default=DEFAULT_TOL
        Tolerance of the float pivoting, relative to payoffs rescaled to [1, 2] (unused
        for exact games).
    max_iter : int, default=100000
        Pivots allowed per path before :class:`ConvergenceError`; paths can be
        exponentially long (Savani & von Stengel 2006).

    Returns
    -------
    SolveResult
        Certified equilibria; guarantee ``some`` (all labels) or ``one`` (one label). The
        notes record which label led to which equilibrium. ``degenerate`` is True when a
        found equilibrium has more best replies than support actions for some player
        (a proof of degeneracy), None otherwise (not checked).

    Raises
    ------
    UnsupportedGameError
        If the game does not have two players.
    UnknownLabelError
        If `initial_label` is out of range or names an unknown action.
    ConvergenceError
        If a path exceeds `max_iter` pivots.

    Examples
    --------
    >>> battle = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]],
    ...     actions=(("Opera", "Football"), ("Opera", "Football")))
    >>> [e["Row"] for e in lemke_howson(battle, initial_label=1)]
    [{'Opera': Fraction(1, 1), 'Football': Fraction(0, 1)}]
    >>> len(lemke_howson(battle))  # both pure equilibria; the mixed one is never reached
    2
    """
    if game.n_players != 2:
        raise UnsupportedGameError(
            f"lemke_howson needs a two-player game; this one has {game.n_players} players "
            f"({', '.join(game.player_names)}). Use solve(game) (method 'nplayer') for more players."
        )
    m, n = game.shape
    labels = list(range(1, m + n + 1)) if initial_label is None else [_label_number(game, initial_label)]
    exact = game.exact_payoffs is not None
    slack = tol  # pivoting works on payoffs rescaled to [1, 2]
    found: list[MixedProfile] = []
    paths: list[str] = []
    for label in labels:
        x, y = _path(game, label - 1, exact, slack, max_iter)
        profile = MixedProfile.from_arrays(game, [x, y])
        index = next((k for k, p in enumerate(found) if _same(p, profile, tol)), None)
        if index is None:
            found.append(profile)
            index = len(found) - 1
        paths.append(f"{label} ({_label_name(game, label)}) -> #{index + 1}")
    equilibria = tuple(Equilibrium.certify(p) for p in found)
    notes = [
        "Lemke-Howson finds only equilibria accessible from the artificial equilibrium; there may be others",
        "labels dropped -> equilibrium found: " + ", ".join(paths),
    ]
    if not exact:
        notes.append("pivoting in floating point")
    return SolveResult(
        game,
        equilibria,
        method="lemke_howson",
        guarantee=Guarantee.ONE if initial_label is not None else Guarantee.SOME,
        options={"initial_label": initial_label, "tol": tol, "max_iter": max_iter},
        degenerate=True if any(_shows_degeneracy(p, tol) for p in found) else None,
        notes=tuple(notes),
    )


# ---------------------------------------------------------------------- labels
def _label_number(game: NormalFormGame, label: Label) -> int:
    m, n = game.shape
    if isinstance(label, tuple):
        player, action = label
        i = game.player_index(player)
        k = game.players[i].index(action)
        return k + 1 if i == 0 else m + k + 1
    if isinstance(label, int | np.integer) and not isinstance(label, bool) and 1 <= int(label) <= m + n:
        return int(label)
    raise UnknownLabelError(
        "initial label",
        label,
        [str(k) for k in range(1, m + n + 1)],
        f"(1..{m} are {game.player_names[0]}'s actions, {m + 1}..{m + n} {game.player_names[1]}'s)",
    )


def _label_name(game: NormalFormGame, label: int) -> str:
    m = game.shape[0]
    if label <= m:
        return f"{game.player_names[0]}: {game.players[0].actions[label - 1]}"
    return f"{game.player_names[1]}: {game.players[1].actions[label - m - 1]}"


# ---------------------------------------------------------------------- pivoting
class _Tableau:
    """Rows ``M z + s = 1`` with one column per label (0-based) and the rhs last.

    ``basis[r]`` is the label of the basic variable of row *r*; ``lex`` lists the columns
    of the initial basis, whose entries are the current basis inverse used by the
    lexicographic ratio test.
    """

    def __init__(self, table: np.ndarray, basis: list[int], lex: list[int], exact: bool, slack: float) -> None:
        self.table = table
        self.basis = basis
        self.lex = lex
        self.exact = exact
        self.slack = slack

    def pivot(self, entering: int) -> int:
        column = self.table[:, entering]
        if self.exact:
            rows = [r for r in range(len(column)) if column[r] > 0]
        else:
            rows = [r for r in range(len(column)) if column[r] > self.slack * max(1.0, float(np.abs(column).max()))]
        if not rows:  # pragma: no cover - impossible with positive payoffs (bounded polytopes)
            raise ConvergenceError("Lemke-Howson found an unbounded ray; this should not happen with positive payoffs")
        keys = [-1, *self.lex]  # rhs first, then the basis inverse
        for key in keys:
            if len(rows) == 1:
                break
            ratios = [self.table[r, key] / column[r] for r in rows]
            low = min(ratios)
            if self.exact:
                rows = [r for r, q in zip(rows, ratios, strict=True) if q == low]
            else:
                rows = [r for r, q in zip(rows, ratios, strict=True) if q <= low + self.slack * max(1.0, abs(low))]
        r = rows[0]
        self.table[r] = self.table[r] / column[r]
        for k in range(self.table.shape[0]):
            if k != r and self.table[k, entering] != 0:
                self.table[k] = self.table[k] - self.table[k, entering] * self.table[r]
        leaving = self.basis[r]
        self.basis[r] = entering
        return leaving

    def values(self, labels: range) -> dict[int, Any]:
        return {b: self.table[r, -1] for r, b in enumerate(self.basis) if b in labels}


def _path(game: NormalFormGame, drop: int, exact: bool, slack: float, max_iter: int) -> tuple[list[Any], list[Any]]:
    """Follow the path from the artificial equilibrium dropping 0-based label `drop`."""
    m, n = game.shape
    one: Any
    zero: Any
    if exact and game.exact_payoffs is not None:
        a, b = game.exact_payoffs[0], game.exact_payoffs[1]
        one, zero = Fraction(1), Fraction(0)
        dtype: Any = object
    else:
        a, b = game.payoffs[0], game.payoffs[1]
        one, zero = 1.0, 0.0
        dtype = np.float64
    # Positive payoffs give bounded polytopes and keep every best reply. Float payoffs are
    # also rescaled to [1, 2] so that the pivoting tolerance is scale-free.
    a = _positive(a, exact)
    b = _positive(b, exact)
    # Tableau of P (x, labels 0..m-1; slacks s_j, labels m..m+n-1): B^T x + s = 1.
    p_table = np.full((n, m + n + 1), zero, dtype=dtype)
    p_table[:, :m] = b.T
    for j in range(n):
        p_table[j, m + j] = one
    p_table[:, -1] = one
    # Tableau of Q (slacks r_i, labels 0..m-1; y, labels m..m+n-1): A y + r = 1.
    q_table = np.full((m, m + n + 1), zero, dtype=dtype)
    q_table[:, m : m + n] = a
    for i in range(m):
        q_table[i, i] = one
    q_table[:, -1] = one
    p = _Tableau(p_table, list(range(m, m + n)), list(range(m, m + n)), exact, slack)
    q = _Tableau(q_table, list(range(m)), list(range(m)), exact, slack)
    # x_k lives in P (k < m), y_k in Q; a label leaving one tableau enters the other.
    tableau, other = (p, q) if drop < m else (q, p)
    entering = drop
    for _ in range(max_iter):
        leaving = tableau.pivot(entering)
        if leaving == drop:
            break
        entering = leaving
        tableau, other = other, tableau
    else:
        raise ConvergenceError(
            f"Lemke-Howson from label {drop + 1} did not finish within max_iter={max_iter} pivots; raise max_iter"
        )
    xs = p.values(range(m))
    ys = q.values(range(m, m + n))
    x = [xs.get(i, zero) for i in range(m)]
    y = [ys.get(m + j, zero) for j in range(n)]
    if not exact:
        x = [max(float(v), 0.0) for v in x]
        y = [max(float(v), 0.0) for v in y]
    sx, sy = sum(x, zero), sum(y, zero)
    return [v / sx for v in x], [v / sy for v in y]


def _positive(matrix: np.ndarray, exact: bool) -> np.ndarray:
    low = matrix.min()
    if exact:
        return np.asarray(matrix - low + 1)
    spread = float(matrix.max() - low)
    return np.asarray((matrix - low) / (spread if spread > 0 else 1.0) + 1.0)


def _same(p: MixedProfile, q: MixedProfile, tol: float) -> bool:
    if p.is_exact and q.is_exact:
        return p == q
    return all(
        np.allclose(np.asarray(u, dtype=float), np.asarray(v, dtype=float), atol=max(tol, 1e-9) * 100, rtol=0)
        for u, v in zip(p.probabilities, q.probabilities, strict=True)
    )


def _shows_degeneracy(profile: MixedProfile, tol: float) -> bool:
    """Whether some player has more pure best replies than actions in their support."""
    support = profile.support(tol=tol * 100)
    other = {name: n for name, n in zip(profile.game.player_names, reversed(profile.game.player_names), strict=True)}
    return any(
        len(profile.best_responses(other[name], tol=tol * 100)) > len(actions) for name, actions in support.items()
    )
