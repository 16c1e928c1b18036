"""Bargaining and repeated-game results have their own text and HTML views (no repr dumps)."""

from __future__ import annotations

import math
import re

from strategy.bargaining import Issue, nash_bargaining, rubinstein
from strategy.forms.normal import NormalFormGame
from strategy.repeated import grim_trigger

DUMP = re.compile(r"0x[0-9a-fA-F]{6,}|<function|mappingproxy|object at")


def test_bargaining_views_show_the_agreement() -> None:
    issue = Issue.linear(("A", "B"), (0.0, 1.0), (1.0, 1.0))
    nash = nash_bargaining(issue, {"A": 0.0, "B": 0.0})
    assert f"x = {nash.agreement:.4g}" in nash.to_text()
    first = rubinstein(issue, {"A": 0.0, "B": 0.0}, {"A": 0.9, "B": 0.9}, first="A")
    assert f"x = {first.agreement:.4g}" in first.to_text()
    walk = rubinstein(issue, {"A": 0.0, "B": 0.0}, {"A": 0.9, "B": 0.9}, first="A", outside={"B": 2.0})
    assert not walk.deal
    assert "no deal" in walk.to_text()
    for view in (nash._repr_html_(), first._repr_html_(), walk._repr_html_()):
        assert not DUMP.search(view)


def test_critical_discount_views_name_each_player() -> None:
    pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    code = grim_trigger(pd, tuple(p.actions[0] for p in pd.players), tuple(p.actions[1] for p in pd.players))
    text = code.to_text()
    for p, x in code.critical.items():
        assert p in text
        assert (f"{x:.4g}" in text) or math.isinf(x)
    html = code._repr_html_()
    assert "smallest δ" in html
    assert not DUMP.search(html + text)
