"""The page ``strategy explore CASE`` serves: the notebook explorer laid out for a browser.

:func:`explorer_page` arranges the widgets of :func:`strategy.display.widgets.explore`:
sliders beside the regime, the game and its equilibria, then the regime map beside the
tipping points. Voila renders it (:mod:`strategy.cli.explore`).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from strategy.cases import Case
from strategy.display.widgets import _ipywidgets, explore

__all__ = ["explorer_page"]


_PAGE_STYLE = """<style>
.strategy-page { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; }
.strategy-page h1 { font-size: 1.5em; margin: 0.2em 0; }
.strategy-page h3 { font-size: 1.05em; margin: 0.8em 0 0.3em; color: #444; }
.strategy-page .strategy-hint { color: #555; margin: 0.2em 0 0.6em; }
.strategy-page .strategy-regime { font-size: 1.1em; background: #eef4fb; border-left: 4px solid #3c78b4;
  padding: 0.4em 0.6em; margin: 0.3em 0; }
.strategy-page table { border-collapse: collapse; font-size: 0.92em; }
.strategy-page th, .strategy-page td { border: 1px solid #d0d0d0; padding: 0.2em 0.5em; vertical-align: top;
  line-height: 1.35; }
.strategy-page th { background: #f3f3f3; }
.strategy-page .strategy-regime-map { max-width: 100%; height: auto; }
</style>"""


def explorer_page(case: Case, values: Mapping[str, float] | None = None, *, background: bool = True) -> Any:
    """The page served by ``strategy explore``: :func:`explore` laid out for a browser.

    A title and the first paragraph of the case's description; the sliders on the left and
    the regime line, the game and its equilibria on the right; below, the regime map (the
    current point starred) beside the table of tipping points. `values` are the starting
    values (the default scenario's if None). The analysis runs in the background (see
    :func:`explore`), so the page stays responsive for slow games.
    """
    widgets = _ipywidgets()
    start = dict(values) if values is not None else dict(case.values())
    box = explore(case, scenario=start, background=background)
    sliders, status, game_view, result_view, map_box, tipping_view = box.children
    for slider in sliders.children:  # one label width, so that the tracks line up
        slider.layout = widgets.Layout(width="98%")
        slider.style.description_width = "150px"
    intro = case.description.strip().split("\n\n", 1)[0].replace("\n", " ") if case.description else ""
    header = widgets.HTML(
        _PAGE_STYLE
        + f"<h1>{html.escape(case.title)}</h1>"
        + (f"<p>{html.escape(intro)}</p>" if intro and intro != case.title else "")
        + "<p class='strategy-hint'>Move a slider, or click its number and type a value: the equilibria, "
        "the regime map and the tipping points follow. Hover over a parameter's name for its meaning.</p>"
    )

    def heading(text: str) -> Any:
        return widgets.HTML(f"<h3>{html.escape(text)}</h3>")

    column = {"flex": "1 1 0", "min_width": "0", "padding": "0 12px"}
    left = widgets.VBox([heading("Parameters"), sliders], layout=widgets.Layout(flex="0 0 400px", padding="0 12px"))
    right = widgets.VBox(
        [heading("Equilibrium regime"), status, heading("Game"), game_view, heading("Equilibria"), result_view],
        layout=widgets.Layout(**column),
    )
    below = widgets.HBox(
        [
            widgets.VBox([heading("Regime map"), map_box], layout=widgets.Layout(**column)),
            widgets.VBox([heading("Tipping points"), tipping_view], layout=widgets.Layout(**column)),
        ]
    )
    page = widgets.VBox([header, widgets.HBox([left, right]), below])
    page.add_class("strategy-page")
    return page
