"""Tree drawing: path highlighted, information sets dashed, payoffs written; SVG/PNG output."""

import pytest

pytest.importorskip("matplotlib")

from strategy.forms.extensive import ExtensiveFormGame, chance, decide, leaf
from strategy.plot.tree import PATH_COLOR, draw_tree
from strategy.solvers.dispatch import solve


def game():
    return ExtensiveFormGame(
        ("E", "I"),
        decide("E", Out=leaf(E=0, I=2), In=decide("I", Fight=leaf(E=-1, I=-1), Accommodate=leaf(E=1, I=1))),
        "Entry",
    )


def test_path_is_highlighted_and_payoffs_written(tmp_path):
    from matplotlib.colors import to_hex

    g = game()
    ax = draw_tree(g, solve(g))
    red = [line for line in ax.lines if line.get_color() != "none" and to_hex(line.get_color()) == PATH_COLOR]
    assert len(red) == 2  # root -> In -> Accommodate
    texts = {t.get_text() for t in ax.texts}
    assert {"(0, 2)", "(-1, -1)", "(1, 1)", "Fight", "E", "I"} <= texts
    ax.figure.savefig(tmp_path / "t.svg")
    ax.figure.savefig(tmp_path / "t.png")
    assert (tmp_path / "t.png").read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in (tmp_path / "t.svg").read_text()


def test_information_set_dashed_and_chance_probabilities():
    g = ExtensiveFormGame(
        ("A", "B"),
        chance(
            h=(0.5, decide("B", infoset="b", x=leaf(A=0, B=1), y=leaf(A=1, B=0))),
            t=(0.5, decide("B", infoset="b", x=leaf(A=1, B=0), y=leaf(A=0, B=1))),
        ),
    )
    ax = draw_tree(g)
    assert any(line.get_linestyle() == "--" for line in ax.lines)
    assert "h (0.5)" in {t.get_text() for t in ax.texts}


def test_repr_svg():
    svg = game()._repr_svg_()
    assert svg.startswith("<svg")
    assert "</svg>" in svg
