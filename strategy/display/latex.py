r"""LaTeX export: payoff tables, tables of equilibria and game trees, for papers and slides.

Only strings are built; nothing is compiled. The output needs these packages:

* tables (:func:`game_to_latex`, :func:`result_to_latex`): none beyond standard LaTeX
  (``tabular``, ``\underline``, ``\fbox``, ``\frac``);
* trees (:func:`tree_to_latex`): ``\usepackage{tikz}`` (plain TikZ ``child`` syntax).

Conventions. In a payoff table a payoff is underlined when it is a best reply of its player
to the others' actions in that cell (ties are all underlined); a cell where every payoff is
underlined is a pure Nash equilibrium and its payoffs are boxed (``\fbox``). Exact numbers
print as ``\frac{p}{q}``, floats with four significant digits, always in math mode. Labels
are escaped, so ``R&D``, ``50%`` or ``hts_threat`` typeset as written.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from strategy.errors import InvalidGameError
from strategy.numbers import format_number
from strategy.solvers.pure import best_reply_mask

if TYPE_CHECKING:
    from strategy.forms.extensive import ExtensiveFormGame
    from strategy.forms.normal import NormalFormGame
    from strategy.solvers.result import SolveResult

__all__ = ["escape_latex", "game_to_latex", "number_to_latex", "result_to_latex", "tree_to_latex"]

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def escape_latex(text: str) -> str:
    r"""Escape the ten LaTeX special characters in a label.

    Examples
    --------
    >>> escape_latex("R&D_costs 50%")
    'R\\&D\\_costs 50\\%'
    """
    return "".join(_SPECIAL.get(ch, ch) for ch in str(text))


def number_to_latex(value: Any) -> str:
    r"""Format a number for math mode: ``\frac{1}{3}`` for fractions, ``0.3333`` for floats.

    Examples
    --------
    >>> number_to_latex(Fraction(-2, 3))
    '-\\frac{2}{3}'
    >>> number_to_latex(2.5)
    '2.5'
    """
    if isinstance(value, Fraction) and value.denominator != 1:
        sign = "-" if value < 0 else ""
        return f"{sign}\\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"
    text = format_number(value)
    if "e" in text:  # 1.5e-10 -> 1.5\times10^{-10}
        mantissa, exponent = text.split("e")
        return f"{mantissa}\\times10^{{{int(exponent)}}}"
    return text


def _cell(game: NormalFormGame, mask: Any, index: tuple[int, ...], mark: bool) -> str:
    parts = []
    for i in range(game.n_players):
        text = number_to_latex(game.values[(i, *index)])
        parts.append(f"\\underline{{{text}}}" if mark and mask[(i, *index)] else text)
    body = "$" + ",\\ ".join(parts) + "$"
    if mark and all(mask[(i, *index)] for i in range(game.n_players)):
        body = f"\\fbox{{{body}}}"
    return body


def game_to_latex(game: NormalFormGame, *, mark_best_replies: bool = True) -> str:
    r"""Return a normal-form game as LaTeX ``tabular`` payoff tables.

    Rows are the first player's actions, columns the second's; for three or more players
    there is one table per combination of the other players' actions, headed by what they
    play. Each cell lists the payoffs of all players in order.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    mark_best_replies : bool
        Underline best replies and box pure Nash equilibria (see the module notes).

    Examples
    --------
    >>> from strategy.forms.normal import NormalFormGame
    >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=(["C", "D"], ["C", "D"]))
    >>> "\\fbox{$\\underline{1},\\ \\underline{1}$}" in game_to_latex(g)
    True
    """
    mask = best_reply_mask(game)
    row = game.players[0]
    col = game.players[1] if game.n_players > 1 else None
    out: list[str] = []
    if game.title:
        out.append(f"% {escape_latex(game.title)}")
    names = ", ".join(escape_latex(p.name) for p in game.players)
    legend = f"% payoffs ({names})"
    if mark_best_replies:
        legend += "; underlined: best reply; boxed: pure Nash equilibrium"
    out.append(legend)
    n_cols = col.n_actions if col else 1
    for tail in itertools.product(*(range(p.n_actions) for p in game.players[2:])):
        if tail:
            fixed = ", ".join(
                f"{escape_latex(p.name)} plays {escape_latex(p.actions[a])}"
                for p, a in zip(game.players[2:], tail, strict=True)
            )
            out.append(f"\\par\\noindent {fixed}:\\par")
        out.append("\\begin{tabular}{r|" + "c" * n_cols + "}")
        corner = f"{escape_latex(row.name)} $\\backslash$ {escape_latex(col.name)}" if col else escape_latex(row.name)
        header = " & ".join(escape_latex(a) for a in col.actions) if col else ""
        out.append(f"{corner} & {header} \\\\ \\hline")
        for r, action in enumerate(row.actions):
            if col:
                cells = " & ".join(_cell(game, mask, (r, c, *tail), mark_best_replies) for c in range(col.n_actions))
            else:
                cells = _cell(game, mask, (r,), mark_best_replies)
            out.append(f"{escape_latex(action)} & {cells} \\\\")
        out.append("\\end{tabular}")
    return "\n".join(out) + "\n"


def _strategy_latex(distribution: Any) -> str:
    try:
        support = {a: p for a, p in distribution.items() if p != 0}
    except AttributeError:
        return "(see profile)"
    if len(support) == 1:
        return escape_latex(next(iter(support)))
    return ", ".join(f"{escape_latex(a)} ${number_to_latex(p)}$" for a, p in support.items())


def result_to_latex(result: SolveResult) -> str:
    r"""Return a table of equilibria: strategies (support with probabilities), payoffs, regret.

    One row per equilibrium; a comment line above the table states the method and the
    guarantee (whether the list is complete).

    Examples
    --------
    >>> from strategy import NormalFormGame, solve
    >>> pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]], actions=(["H", "T"], ["H", "T"]))
    >>> print(result_to_latex(solve(pennies)).splitlines()[-2])
    1 & H $\frac{1}{2}$, T $\frac{1}{2}$ & H $\frac{1}{2}$, T $\frac{1}{2}$ & $0$ & $0$ & $0$ \\
    """
    names = list(result.game.player_names)
    out = [f"% method: {escape_latex(result.method)}; guarantee: {escape_latex(str(result.guarantee))}"]
    out.extend(f"% note: {escape_latex(note)}" for note in result.notes)
    out.append("\\begin{tabular}{r|" + "l" * len(names) + "|" + "c" * len(names) + "|c}")
    head = [escape_latex(n) for n in names] + [f"$u$({escape_latex(n)})" for n in names] + ["max regret"]
    out.append("\\# & " + " & ".join(head) + " \\\\ \\hline")
    for k, eq in enumerate(result.equilibria):
        cells = []
        for n in names:
            try:
                cells.append(_strategy_latex(eq.profile[n]))
            except (KeyError, TypeError):
                cells.append("(see profile)")
        cells += [f"${number_to_latex(v)}$" for v in eq.payoffs.values()]
        cells.append(f"${number_to_latex(eq.max_regret)}$")
        out.append(f"{k + 1} & " + " & ".join(cells) + " \\\\")
    out.append("\\end{tabular}")
    return "\n".join(out) + "\n"


def _node_label(tree: ExtensiveFormGame, k: int) -> tuple[str, str]:
    """(style, text) of node `k`: decision or chance nodes, or a leaf's payoff vector."""
    from strategy.forms.extensive import Chance, Decision

    node = tree.nodes[k]
    if isinstance(node, Decision):
        label = escape_latex(node.player)
        if node.infoset:
            label += f" ({escape_latex(node.infoset)})"
        return "decision", label
    if isinstance(node, Chance):
        return "decision", "Chance"
    return "leaf", "$(" + ", ".join(number_to_latex(v) for v in tree.leaf_payoffs(k)) + ")$"


def _edge_label(tree: ExtensiveFormGame, k: int, action: str) -> str:
    from strategy.forms.extensive import Chance

    node = tree.nodes[k]
    if isinstance(node, Chance):
        return f"{escape_latex(action)} ${number_to_latex(node.outcomes[action][0])}$"
    return escape_latex(action)


def tree_to_latex(tree: ExtensiveFormGame, *, direction: str | None = None) -> str:
    r"""Return a game tree as a ``tikzpicture`` (needs ``\usepackage{tikz}``).

    Decision nodes show the player (and information set, if named), edges the action (and
    the probability for moves of chance), leaves the payoff vector in the order of
    ``tree.players``; nodes of one information set are joined by a dashed line. Leaves are
    evenly spaced and every other node sits above the middle of its children, so the
    picture is as wide as the number of leaves requires: trees with more than eight leaves
    grow to the right (``direction="right"``), so a deep tree fits a page; pass
    ``direction="down"`` to force the top-down layout.

    Examples
    --------
    >>> from strategy.forms.extensive import ExtensiveFormGame, decide, leaf
    >>> entry = ExtensiveFormGame(("E", "I"), decide("E", Out=leaf(E=0, I=2),
    ...     In=decide("I", Fight=leaf(E=-1, I=-1), Accommodate=leaf(E=1, I=1))))
    >>> text = tree_to_latex(entry)
    >>> text.count("\\draw (n"), text.startswith("\\begin{tikzpicture}")
    (4, True)
    """
    from strategy.forms.extensive import Terminal

    if direction not in (None, "down", "right"):
        raise InvalidGameError(f"direction must be 'down' or 'right'; got {direction!r}")
    n = tree.n_nodes
    leaves = [k for k in range(n) if isinstance(tree.nodes[k], Terminal)]
    across = {k: float(i) for i, k in enumerate(leaves)}
    for k in range(n - 1, -1, -1):
        if k not in across:
            kids = [c for _, c in tree.children[k]]
            across[k] = sum(across[c] for c in kids) / len(kids)
    right = direction == "right" or (direction is None and len(leaves) > 8)
    spacing, level = (0.75, 2.6) if right else (1.8, 1.6)

    def at(k: int) -> str:
        down = tree.depths[k] * level
        if right:
            return f"({down:.2f}, {-across[k] * spacing:.2f})"
        return f"({across[k] * spacing:.2f}, {-down:.2f})"

    out = [
        "\\begin{tikzpicture}[",
        "  decision/.style={draw, rounded corners, inner sep=2pt, font=\\small},",
        f"  leaf/.style={{font=\\small{', anchor=west' if right else ''}}},",
        "  move/.style={midway, fill=white, inner sep=1pt, font=\\scriptsize},",
        "  infoset/.style={dashed},",
        "]",
    ]
    if tree.title:
        out.insert(0, f"% {escape_latex(tree.title)}")
    for k in range(n):
        style, text = _node_label(tree, k)
        out.append(f"\\node[{style}] (n{k}) at {at(k)} {{{text}}};")
    for k in range(n):
        for action, child in tree.children[k]:
            out.append(f"\\draw (n{k}) -- node[move] {{{_edge_label(tree, k, action)}}} (n{child});")
    for info in tree.infosets:
        for first, second in itertools.pairwise(info.nodes):
            out.append(f"\\draw[infoset] (n{first}) -- (n{second});")
    out.append("\\end{tikzpicture}")
    return "\n".join(out) + "\n"
