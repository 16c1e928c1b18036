"""LaTeX export: structure of the tables, best-reply marks on textbook games, escaping."""

import re
from fractions import Fraction

import pytest

from strategy import NormalFormGame, solve
from strategy.display.latex import escape_latex, game_to_latex, number_to_latex, result_to_latex

DILEMMA = NormalFormGame.from_bimatrix(
    [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Column"), actions=(("C", "D"), ("C", "D"))
)


def balanced(text: str) -> bool:
    depth = 0
    for match in re.finditer(r"(?<!\\)[{}]", text):
        depth += 1 if match.group() == "{" else -1
        if depth < 0:
            return False
    return depth == 0


def body_rows(text: str) -> list[list[str]]:
    """Data rows of the tabular(s): cells split on unescaped &."""
    rows = []
    for line in text.splitlines():
        if line.endswith("\\\\") and "\\hline" not in line:
            rows.append([c.strip() for c in re.split(r"(?<!\\)&", line[:-2])])
    return rows


def test_prisoners_dilemma_marks() -> None:
    # Textbook: D is each player's best reply to everything; (D, D) is the only pure equilibrium.
    text = game_to_latex(DILEMMA)
    assert balanced(text)
    assert text.count("\\begin{tabular}") == text.count("\\end{tabular}") == 1
    (c_row, d_row) = body_rows(text)
    assert c_row == ["C", "$3,\\ 3$", "$0,\\ \\underline{5}$"]
    assert d_row == ["D", "$\\underline{5},\\ 0$", "\\fbox{$\\underline{1},\\ \\underline{1}$}"]
    assert text.count("\\fbox") == 1


def test_marks_can_be_turned_off() -> None:
    text = game_to_latex(DILEMMA, mark_best_replies=False)
    assert "\\underline" not in text
    assert "\\fbox" not in text


def test_battle_of_the_sexes_has_two_boxed_cells() -> None:
    battle = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert game_to_latex(battle).count("\\fbox") == 2


def test_three_players_one_table_per_third_player_action() -> None:
    # In a game where every payoff is 0 every payoff is a best reply: all 12 cells are equilibria.
    zeros = [[[0] * 3] * 2] * 2
    game = NormalFormGame.from_arrays([("P", ("a", "b")), ("Q", ("c", "d")), ("R", ("x", "y", "z"))], [zeros] * 3)
    text = game_to_latex(game)
    assert balanced(text)
    assert text.count("\\begin{tabular}") == text.count("\\end{tabular}") == 3
    assert text.count("\\fbox") == 12
    assert "plays z" in text


def test_special_characters_are_escaped() -> None:
    game = NormalFormGame.from_bimatrix(
        [[1, 0], [0, 1]], [[1, 0], [0, 1]], players=("R&D_lab", "Tax 50%"), actions=(("cut_costs", "a&b"), ("x%", "y"))
    )
    text = game_to_latex(game)
    assert balanced(text)
    for escaped in ("R\\&D\\_lab", "Tax 50\\%", "cut\\_costs", "a\\&b", "x\\%"):
        assert escaped in text
    # No raw special characters outside the column separators and comments.
    body = "\n".join(line for line in text.splitlines() if not line.startswith("%"))
    assert not re.search(r"(?<!\\)[%_]", body)
    assert all(len(row) == 3 for row in body_rows(text))  # & inside labels did not add columns


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [("#1", "\\#1"), ("$5", "\\$5"), ("a{b}", "a\\{b\\}"), ("~^", "\\textasciitilde{}\\textasciicircum{}")],
)
def test_escape_latex(raw: str, escaped: str) -> None:
    assert escape_latex(raw) == escaped


def test_numbers_fractions_and_floats() -> None:
    assert number_to_latex(Fraction(1, 3)) == "\\frac{1}{3}"
    assert number_to_latex(Fraction(-7, 2)) == "-\\frac{7}{2}"
    assert number_to_latex(Fraction(4, 1)) == "4"
    assert number_to_latex(0.25) == "0.25"
    assert number_to_latex(1.5e-12) == "1.5\\times10^{-12}"


def test_result_table_of_matching_pennies() -> None:
    # Matching pennies: unique equilibrium, both mix 1/2-1/2, value 0.
    pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]], players=("Even", "Odd"), actions=(("H", "T"), ("H", "T")))
    text = result_to_latex(solve(pennies))
    assert balanced(text)
    assert text.count("\\begin{tabular}") == 1
    assert "\\# & Even & Odd & $u$(Even) & $u$(Odd) & max regret \\\\ \\hline" in text
    rows = body_rows(text)
    assert len(rows) == 1
    assert rows[0] == [
        "1",
        "H $\\frac{1}{2}$, T $\\frac{1}{2}$",
        "H $\\frac{1}{2}$, T $\\frac{1}{2}$",
        "$0$",
        "$0$",
        "$0$",
    ]
    assert "guarantee" in text.splitlines()[0]


def test_result_table_lists_every_equilibrium_of_battle_of_the_sexes() -> None:
    # Three equilibria: two pure and the mixed one (2/3, 1/3), (1/3, 2/3).
    battle = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], actions=(("F", "O"), ("F", "O")))
    rows = body_rows(result_to_latex(solve(battle)))
    assert len(rows) == 3
    assert ["F $\\frac{2}{3}$, O $\\frac{1}{3}$", "F $\\frac{1}{3}$, O $\\frac{2}{3}$"] in [r[1:3] for r in rows]


def test_tree_to_tikz() -> None:
    extensive = pytest.importorskip("strategy.forms.extensive")
    from strategy.display.latex import tree_to_latex

    # Entry game: E chooses Out (0, 2) or In; then I chooses Fight (-1, -1) or Accommodate (1, 1).
    tree = extensive.ExtensiveFormGame(
        ("E", "I_1"),
        extensive.decide(
            "E",
            Out=extensive.leaf(E=0, I_1=2),
            In=extensive.decide("I_1", Fight=extensive.leaf(E=-1, I_1=-1), Accommodate=extensive.leaf(E=1, I_1=1)),
        ),
    )
    text = tree_to_latex(tree)
    assert balanced(text)
    assert text.count("\\begin{tikzpicture}") == text.count("\\end{tikzpicture}") == 1
    assert text.count("\\draw (n") == tree.n_nodes - 1 == 4  # one edge per node but the root
    assert "{I\\_1}" in text
    assert "$(-1, -1)$" in text
    assert "{Accommodate}" in text
    assert all(line.endswith(";") for line in text.splitlines() if line.startswith(("\\node", "\\draw")))
    # top-down: the root sits above the middle of its children, leaves on one spacing
    coords = dict(re.findall(r"\\node\[\w+\] \((n\d+)\) at \(([-\d.]+), [-\d.]+\)", text))
    assert float(coords["n0"]) == (float(coords["n1"]) + float(coords["n2"])) / 2


def test_tree_with_chance_labels_probabilities_as_fractions() -> None:
    extensive = pytest.importorskip("strategy.forms.extensive")
    from strategy.display.latex import tree_to_latex

    tree = extensive.ExtensiveFormGame(
        ("A",), extensive.chance(good=(Fraction(1, 3), extensive.leaf(A=1)), bad=(Fraction(2, 3), extensive.leaf(A=0)))
    )
    text = tree_to_latex(tree)
    assert balanced(text)
    assert "{good $\\frac{1}{3}$}" in text
    assert "{bad $\\frac{2}{3}$}" in text
    assert "(n0) at (0.90, -0.00) {Chance}" in text


def test_deep_tree_grows_right_with_information_sets_dashed() -> None:
    from games.idlib import CASES
    from strategy.display.latex import tree_to_latex
    from strategy.forms.extensive import ExtensiveFormGame, decide, leaf

    sochi = tree_to_latex(CASES["sochi"].game())
    assert "anchor=west" in sochi  # 26 leaves: grows to the right
    assert sochi.count("\\draw (n") == CASES["sochi"].game().n_nodes - 1
    xs = [float(x) for x in re.findall(r"\\node\[\w+\] \(n\d+\) at \(([-\d.]+),", sochi)]
    assert max(xs) <= 5 * 2.6  # five levels deep, whatever the number of leaves
    matching = ExtensiveFormGame(
        ("A", "B"),
        decide(
            "A",
            H=decide("B", infoset="guess", h=leaf(A=1, B=-1), t=leaf(A=-1, B=1)),
            T=decide("B", infoset="guess", h=leaf(A=-1, B=1), t=leaf(A=1, B=-1)),
        ),
    )
    text = tree_to_latex(matching, direction="down")
    assert text.count("\\draw[infoset]") == 1
    assert "{B (guess)}" in text
