"""Interactive exploration in Jupyter: move a parameter, see the game and its equilibria change.

:func:`explore` builds an ``ipywidgets.VBox`` with one slider per parameter. Each change
rebuilds the game at the new parameter values, solves it again and redraws the payoff
table (or tree) and the table of equilibria from their ``_repr_html_``, with a one-line
status naming the equilibrium regime, e.g. ``regime: Russia=Squeeze, Turkey=Arm``.

``ipywidgets`` is optional (``pip install ipywidgets``); it is imported only when
:func:`explore` is called. The widgets work without a browser, so they can be driven
programmatically (set ``slider.value``) and tested headless.

Outside a live kernel (a notebook saved with its outputs and opened on a repository page or
nbviewer) sliders cannot move, so the widget also carries a static HTML view: the regime,
the game and its equilibria at the current values and, for a case, the regime map over the
two most pivotal slider parameters with the current point marked. Front ends that run
widgets show the sliders; the others fall back to the static view.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from strategy.cases import Case
from strategy.display.html import strategy_text
from strategy.errors import StrategyError, UnsupportedGameError
from strategy.sensitivity.parametric import ParametricGame

__all__ = ["explore", "regime_text"]

_STEPS = 100


def _ipywidgets() -> Any:
    try:
        import ipywidgets
    except ImportError:
        raise ImportError(
            "strategy.display.explore needs ipywidgets: pip install ipywidgets (then restart the notebook kernel)"
        ) from None
    return ipywidgets


def regime_text(result: Any) -> str:
    """Name the equilibria of a result: ``"regime: Row=D, Column=D"``; several joined by ``" | "``.

    Pure strategies print as the action, mixed ones as their support with probabilities in
    parentheses; for trees, each player's choice at each information set.

    Examples
    --------
    >>> from strategy import NormalFormGame, solve
    >>> dilemma = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...     actions=(("C", "D"), ("C", "D")))
    >>> regime_text(solve(dilemma))
    'regime: Row=D, Column=D'
    """
    equilibria = getattr(result, "equilibria", None)
    if equilibria is None:  # e.g. a bargaining report: no list of equilibria to name
        return f"result: {type(result).__name__}"
    if len(equilibria) == 0:
        return "regime: no equilibrium found"
    names = list(result.game.player_names)
    regimes = []
    for eq in equilibria:
        if hasattr(eq.profile, "choices"):
            regimes.append(_behaviour_text(eq.profile, names))
            continue
        parts = []
        for name in names:
            try:
                parts.append(f"{name}={_mixed_text(eq.profile[name])}")
            except (KeyError, TypeError, AttributeError):
                parts.append(f"{name}=(see table)")
        regimes.append(", ".join(parts))
    return "regime: " + " | ".join(regimes)


def _mixed_text(distribution: Mapping[str, Any]) -> str:
    """``H`` for a pure strategy, ``(H 1/2, T 1/2)`` for a mixed one."""
    text = strategy_text(dict(distribution))
    return text if sum(1 for p in distribution.values() if p != 0) == 1 else f"({text})"


def _choice_text(choice: Any) -> str:
    if isinstance(choice, str):
        return choice
    if isinstance(choice, Mapping):
        return _mixed_text(choice)
    return "(unreached)" if choice is None else str(choice)


def _behaviour_text(profile: Any, names: list[str]) -> str:
    """A behaviour profile of a tree: ``Entrant=In, Incumbent=Accommodate``; with several
    information sets per player, ``P=(label: action; label: action)``."""
    infosets = getattr(getattr(profile, "game", None), "infosets", ())
    by_player: dict[str, list[str]] = {n: [] for n in names}
    for info in infosets:
        if info.label in profile.choices:
            by_player.setdefault(info.player, []).append(f"{info.label}: {_choice_text(profile.choices[info.label])}")
    parts = []
    for name, moves in by_player.items():
        if len(moves) == 1:
            parts.append(f"{name}={moves[0].split(': ', 1)[1]}")
        elif moves:
            parts.append(f"{name}=({'; '.join(moves)})")
    return ", ".join(parts) if parts else repr(profile)


def _html_of(obj: Any) -> str:
    render = getattr(obj, "_repr_html_", None)
    return render() if render is not None else f"<pre>{html.escape(repr(obj))}</pre>"


def _regime_figure(case: Case, names: list[str], values: Mapping[str, float]) -> str:
    """The regime map over two slider parameters (the most pivotal ones) with the current
    point starred, as an ``<img>`` with an inline PNG; empty when it cannot be drawn."""
    from matplotlib.figure import Figure

    from strategy.plot.case import pivotal_parameters
    from strategy.plot.sensitivity import plot_regime_map
    from strategy.sensitivity.regimes import regime_map

    if len(names) < 2:
        return ""
    try:
        ranked = [name for name, _ in pivotal_parameters(case) if name in names]
        x, y = ranked[:2]
        px, py = case.space[x], case.space[y]
        rmap = regime_map(case, (x, px.low, px.high, 41), (y, py.low, py.high, 41), base=dict(values))
    except (StrategyError, ValueError):
        return ""
    figure = Figure(figsize=(7.0, 4.2))
    ax = figure.subplots()
    plot_regime_map(rmap, ax=ax)
    ax.plot([values[x]], [values[y]], marker="*", markersize=16, color="black", linestyle="none", label="now")
    ax.set_title(f"{case.qualified_name}: regimes over {x} and {y} (star: the values above)", fontsize="small")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=80, bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f"<img alt='regime map over {html.escape(x)} and {html.escape(y)}' src='data:image/png;base64,{data}'/>"


def explore(
    case_or_parametric: Case | ParametricGame,
    *,
    scenario: str | Mapping[str, float] | None = None,
    parameters: Iterable[str] | None = None,
    solver: str | Callable[[Any], Any] | None = None,
) -> Any:
    """Return an interactive widget: parameter sliders, the game and its equilibria.

    Parameters
    ----------
    case_or_parametric : Case or ParametricGame
        What to explore. A :class:`~strategy.cases.Case` is built with ``case.build`` and
        solved with ``case.solve`` (its own concept, e.g. subgame perfection) unless
        `solver` is given; a :class:`ParametricGame` with ``game()`` and
        :func:`strategy.solve`.
    scenario : str or mapping, optional
        Starting values: a scenario name of the case (its default scenario if None), or a
        mapping of parameter overrides (for either kind).
    parameters : iterable of str, optional
        The parameters that get a slider (default: all); the others stay at their
        starting values.
    solver : str or callable, optional
        A method name for :func:`strategy.solve` (``"enumeration"``), or a function
        ``game -> SolveResult``.

    Returns
    -------
    ipywidgets.VBox
        ``children`` are: a VBox of ``FloatSlider`` (one per parameter, range
        ``[low, high]`` of the :class:`~strategy.sensitivity.parameters.Parameter`,
        description = its name), an ``HTML`` status line (the regime), an ``HTML`` game
        and an ``HTML`` result. Errors at some parameter values (for example a game that
        becomes invalid) are shown in the status line instead of raised. Its display
        also carries the static ``text/html`` view described in the module docstring.

    Raises
    ------
    ImportError
        If ipywidgets is not installed.
    UnknownLabelError
        For a parameter or scenario name that does not exist.
    UnsupportedGameError
        If `case_or_parametric` is neither a Case nor a ParametricGame.
    """
    widgets = _ipywidgets()
    from strategy.solvers.dispatch import solve as default_solve

    if isinstance(case_or_parametric, Case):
        case = case_or_parametric
        space = case.space
        start = case.values(None, scenario) if isinstance(scenario, Mapping) else case.values(scenario)
        build: Callable[[Any], Any] = case.build
        case_solver = case.solve
    elif isinstance(case_or_parametric, ParametricGame):
        parametric = case_or_parametric
        space = parametric.space
        if isinstance(scenario, str):
            raise StrategyError(
                f"explore(): a ParametricGame has no named scenarios (got {scenario!r}); "
                "pass a mapping of parameter values, e.g. scenario={'cost': 5.0}, or wrap it in a Case"
            )
        start = space.values(scenario)
        build = parametric.game
        case_solver = None
    else:
        raise UnsupportedGameError(
            f"explore() takes a Case or a ParametricGame, not a {type(case_or_parametric).__name__}; "
            "wrap a fixed game's payoffs in a ParametricGame to explore them"
        )

    if callable(solver):
        run_solver: Callable[[Any], Any] = solver
    elif isinstance(solver, str):
        method = solver

        def run_solver(game: Any) -> Any:
            return default_solve(game, method=method)
    else:
        run_solver = case_solver if case_solver is not None else default_solve

    names = list(space.names) if parameters is None else list(parameters)
    for name in names:
        space[name]  # unknown names raise UnknownLabelError here, at the edge
    sliders = []
    for name in names:
        p = space[name]
        low, high = float(p.low), float(p.high)
        step = (high - low) / _STEPS if high > low else 1.0
        tip = f"{p.meaning} [{p.unit}]" if p.meaning else p.unit
        slider = widgets.FloatSlider(
            value=float(start[name]),
            min=low,
            max=max(high, low + step),
            step=step,
            description=name,
            continuous_update=False,
            readout_format=".3g",
            disabled=high <= low,
            tooltip=tip,
            style={"description_width": "initial"},
        )
        sliders.append(slider)

    status = widgets.HTML()
    game_view = widgets.HTML()
    result_view = widgets.HTML()

    def redraw(_change: Any = None) -> None:
        overrides = dict(start)
        overrides.update({s.description: float(s.value) for s in sliders})
        try:
            game = build(space.values(overrides))
            game_view.value = _html_of(game)
            result = run_solver(game)
        except StrategyError as err:
            status.value = f"<p><b>error:</b> {html.escape(str(err))}</p>"
            result_view.value = ""
            return
        status.value = f"<p><b>{html.escape(regime_text(result))}</b></p>"
        result_view.value = _html_of(result)

    for slider in sliders:
        slider.observe(redraw, names="value")
    redraw()

    def static_view() -> str:
        values = dict(start)
        values.update({s.description: float(s.value) for s in sliders})
        shown = ", ".join(f"{s.description} = {float(s.value):.3g}" for s in sliders)
        figure = _regime_figure(case_or_parametric, names, values) if isinstance(case_or_parametric, Case) else ""
        return (
            f"<div><p><i>Static view at {html.escape(shown)}; run the notebook to move the sliders.</i></p>"
            f"{status.value}{game_view.value}{result_view.value}{figure}</div>"
        )

    class Explorer(widgets.VBox):  # type: ignore[misc, name-defined]
        def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
            bundle = dict(super()._repr_mimebundle_(**kwargs) or {})
            bundle["text/html"] = static_view()
            return bundle

    return Explorer([widgets.VBox(sliders), status, game_view, result_view])
