"""Tipping points and the regime map of the explorer: known thresholds, ranking, live updates."""

import threading

import pytest

from strategy import Parameter, ParameterSpace, ParametricGame
from strategy.display.tipping import TippingPoints, pivotal_order, regime_map_html, regime_map_of, tipping_html

# Prisoner's dilemma with temptation t and sucker's payoff s. With s = 0 < 1, D is the best
# reply to D; C is the best reply to C iff 3 > t. So for t < 3 there are two pure equilibria
# (and a mixed one), for t > 3 only (D, D): one tipping point, t = 3. The extra parameter `u`
# is read by no payoff, so it can never tip.
SPACE = ParameterSpace(
    (
        Parameter("t", 5.0, 0.0, 8.0, meaning="temptation"),
        Parameter("s", 0.0, 0.0, 2.0, meaning="sucker's payoff"),
        Parameter("u", 1.0, 0.0, 2.0, meaning="read by nothing"),
    )
)
DILEMMA = ParametricGame(
    (("Row", ("C", "D")), ("Column", ("C", "D"))),
    lambda p: {("C", "C"): (3, 3), ("C", "D"): (p.s, p.t), ("D", "C"): (p.t, p.s), ("D", "D"): (1, 1)},
    SPACE,
)
START = {"t": 5.0, "s": 0.0, "u": 1.0}


def test_the_tipping_point_of_the_temptation_is_three() -> None:
    point = TippingPoints.along(DILEMMA, "t", START)
    assert [round(t.value, 6) for t in point.thresholds] == [3.0]
    assert point.thresholds[0].to_regime == "Row=D, Column=D"
    assert point.distance == pytest.approx(2.0 / 8.0)  # |3 - 5| over the range 0..8
    assert TippingPoints.along(DILEMMA, "u", START).thresholds == ()
    assert TippingPoints.along(DILEMMA, "u", START).distance == float("inf")


def test_the_table_puts_the_nearest_tipping_point_first_and_lists_the_quiet_parameters() -> None:
    # at s = 0.9, t = 5: s tips at 1 (0.1 away in a range of 2, i.e. 5%); t tips at 3 (25%)
    values = {"t": 5.0, "s": 0.9, "u": 1.0}
    points = [TippingPoints.along(DILEMMA, name, values) for name in ("t", "s", "u")]
    table = tipping_html(points)
    assert table.index("<b>s</b>") < table.index("<b>t</b>")
    assert "1 (+0.1)" in table
    assert "3 (-2)" in table
    assert "No tipping point within the range of: u." in table
    assert pivotal_order(DILEMMA, ["u", "t", "s"], values)[2] == "u"


def test_the_regime_map_stars_the_current_values() -> None:
    rmap = regime_map_of(DILEMMA, "t", "s", START)
    assert (rmap.x[0], rmap.x[-1], rmap.y[0], rmap.y[-1]) == (0.0, 8.0, 0.0, 2.0)
    assert rmap.labels[0, -1] == "Row=D, Column=D"  # t = 8, s = 0
    assert rmap.labels[-1, 0] == "Row=C, Column=C"  # t = 0, s = 2: C dominates
    shown = regime_map_html(rmap, START)
    assert shown.startswith("<img")
    assert "data:image/png;base64," in shown
    assert "t = 5, s = 0" in shown


@pytest.mark.parametrize("background", [False, True])
def test_the_explorer_updates_its_tipping_points_and_map_when_a_slider_moves(background: bool) -> None:
    pytest.importorskip("ipywidgets")
    from strategy.display.widgets import explore

    widget = explore(DILEMMA, background=background)
    sliders, _, _, _, map_box, tipping = widget.children
    assert widget.wait(30)
    assert [s.description for s in sliders.children] == ["t", "s"]  # u is read by no payoff
    assert "3 (-2)" in tipping.value
    before = map_box.children[1].value
    sliders.children[0].value = 2.0  # t = 2: the tipping point is now 1 above
    assert widget.wait(30)
    assert "3 (+1)" in tipping.value
    after = map_box.children[1].value
    assert after != before
    assert "t = 2, s = 0" in after


def test_a_newer_request_replaces_the_waiting_one_and_stops_the_running_one() -> None:
    from strategy.display.widgets import _Analysis

    release, started = threading.Event(), threading.Event()
    ran: list[tuple[float, frozenset[str]]] = []
    superseded: list[bool] = []

    def job(values, parts, current) -> None:
        ran.append((values["x"], parts))
        if values["x"] == 1:
            started.set()
            release.wait(10)
            superseded.append(not current())

    analysis = _Analysis(job, background=True)
    analysis.request({"x": 1}, {"map", "tipping"})
    assert started.wait(10)
    analysis.request({"x": 2}, {"map", "tipping"})
    analysis.request({"x": 3}, {"map"})
    release.set()
    assert analysis.wait(10)
    assert ran == [(1, frozenset({"map", "tipping"})), (3, frozenset({"map", "tipping"}))]
    assert superseded == [True]


def test_a_job_that_raises_does_not_wedge_the_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    from strategy.display.widgets import _Analysis

    failures: list[str] = []
    monkeypatch.setattr(threading, "excepthook", lambda hook: failures.append(str(hook.exc_value)))
    ran: list[float] = []

    def job(values, parts, current) -> None:
        ran.append(values["x"])
        if values["x"] == 1:
            raise RuntimeError("boom")

    analysis = _Analysis(job, background=True)
    analysis.request({"x": 1}, {"map"})
    assert analysis.wait(10)  # wait() returns although the job raised
    analysis.request({"x": 2}, {"map"})
    assert analysis.wait(10)
    assert ran == [1, 2]
    assert failures == ["boom"]
