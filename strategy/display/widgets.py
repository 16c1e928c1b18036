"""Interactive exploration in Jupyter: move a parameter, see the game and its equilibria change.

:func:`explore` builds an ``ipywidgets.VBox`` with one slider per parameter the game reads.
Each change rebuilds the game at the new parameter values, solves it again and redraws the
payoff table (or tree) and the table of equilibria from their ``_repr_html_``, with a
one-line status naming the equilibrium regime, e.g. ``regime: Russia=Squeeze, Turkey=Arm``.
Below them, the regime map over two parameters (chosen from drop-downs; at first the two
whose range ends most often change the regime) with the current values starred, and the
tipping points of every slider parameter, nearest first (:mod:`strategy.display.tipping`).
:func:`strategy.display.explorer.explorer_page` lays the same widgets out for a browser; ``strategy explore CASE``
serves it with Voilà (:mod:`strategy.cli.explore`).

``ipywidgets`` is optional (``pip install ipywidgets``); it is imported only when
:func:`explore` is called. The widgets work without a browser, so they can be driven
programmatically (set ``slider.value``) and tested headless.

Outside a live kernel (a notebook saved with its outputs and opened on a repository page or
nbviewer) sliders cannot move, so the widget also carries a static HTML view: the regime,
the game and its equilibria at the current values, the regime map with the current point
marked and the tipping points. Front ends that run widgets show the sliders; the others fall
back to the static view.
"""

from __future__ import annotations

import html
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


class _Analysis:
    """Runs ``job(values, parts, current)`` for the latest request only.

    In the background (a daemon thread), a request made while a job runs replaces any
    request still waiting (their `parts` are merged), and ``current()`` turns False for the
    running job when the values it works on are no longer the latest, so that it can stop
    early. Without `background`, each request runs at once in the caller's thread.
    """

    def __init__(self, job: Callable[[dict[str, float], frozenset[str], Callable[[], bool]], None], background: bool):
        import threading

        self._job = job
        self._background = background
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self._pending: tuple[dict[str, float], frozenset[str]] | None = None
        self._latest: dict[str, float] = {}
        self._thread: Any = None

    def request(self, values: Mapping[str, float], parts: Iterable[str]) -> None:
        values, wanted = dict(values), frozenset(parts)
        if not self._background:
            self._latest = values
            self._job(values, wanted, lambda: True)
            return
        with self._lock:
            if self._pending is not None:
                wanted |= self._pending[1]
            self._pending, self._latest = (values, wanted), values
            self._idle.clear()
            if self._thread is None:
                self._start()

    def _start(self) -> None:
        """Start the worker (the lock is held)."""
        import threading

        self._thread = threading.Thread(target=self._run, name="strategy-explore", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        done = False
        try:
            while True:
                with self._lock:
                    if self._pending is None:  # idle, in the same lock as request() checks it
                        self._thread, done = None, True
                        self._idle.set()
                        return
                    values, parts = self._pending
                    self._pending = None
                self._job(values, parts, lambda v=values: v == self._latest)  # type: ignore[misc]
        finally:
            if not done:  # a job raised: go on with the next request in a new thread, if any
                with self._lock:
                    if self._pending is not None:
                        self._start()
                    else:
                        self._thread = None
                        self._idle.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until no job runs or waits; False on timeout."""
        return self._idle.wait(timeout)


def explore(
    case_or_parametric: Case | ParametricGame,
    *,
    scenario: str | Mapping[str, float] | None = None,
    parameters: Iterable[str] | None = None,
    solver: str | Callable[[Any], Any] | None = None,
    analysis: bool = True,
    background: bool = False,
) -> Any:
    """Return an interactive widget: parameter sliders, the game, its equilibria, the regime
    map with the current point starred and the tipping points.

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
        The parameters that get a slider (default: those the game reads, as found by
        :func:`strategy.sensitivity.usage.used_parameters`); the others stay at their
        starting values.
    solver : str or callable, optional
        A method name for :func:`strategy.solve` (``"enumeration"``), or a function
        ``game -> SolveResult``. The regime map and the tipping points are found by the
        batched solvers of :mod:`strategy.sensitivity` (every equilibrium), whatever `solver`.
    analysis : bool
        Whether to show the regime map and the tipping points (:mod:`strategy.display.tipping`).
    background : bool
        Compute the regime map and tipping points in a thread, so that the sliders, the
        regime line and the equilibria stay responsive while they are found (a newer slider
        move abandons an older computation). ``widget.wait()`` blocks until they are shown.

    Returns
    -------
    ipywidgets.VBox
        ``children`` are: a VBox of ``FloatSlider`` (one per parameter, range
        ``[low, high]`` of the :class:`~strategy.sensitivity.parameters.Parameter`,
        description = its name), an ``HTML`` status line (the regime), an ``HTML`` game,
        an ``HTML`` result and, with `analysis`, a VBox holding two axis ``Dropdown``
        widgets and the ``HTML`` regime map, then an ``HTML`` table of tipping points.
        Errors at some parameter values (for example a game that becomes invalid) are
        shown in the status line instead of raised. Its display also carries the static
        ``text/html`` view described in the module docstring.

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
    model = case_or_parametric

    if callable(solver):
        run_solver: Callable[[Any], Any] = solver
    elif isinstance(solver, str):
        method = solver

        def run_solver(game: Any) -> Any:
            return default_solve(game, method=method)
    else:
        run_solver = case_solver if case_solver is not None else default_solve

    names = list(parameters) if parameters is not None else _read_parameters(model, start)
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
    movable = [n for n in names if space[n].high > space[n].low]

    def current_values() -> dict[str, float]:
        values = {k: float(v) for k, v in start.items()}
        values.update({s.description: float(s.value) for s in sliders})
        return values

    children = [widgets.VBox(sliders), status, game_view, result_view]
    runner: _Analysis | None = None
    analysis_views: list[Any] = []  # the regime map and the tipping table, for the static view
    if analysis:
        from strategy.display.tipping import pivotal_order

        axes = pivotal_order(model, movable, current_values()) if len(movable) >= 2 else movable
        pick = {"layout": widgets.Layout(width="auto"), "style": {"description_width": "initial"}}
        x_axis = widgets.Dropdown(options=movable, value=axes[0] if axes else None, description="map across", **pick)
        y_axis = widgets.Dropdown(options=movable, value=axes[1] if len(axes) > 1 else None, description="and", **pick)
        map_view = widgets.HTML()
        tipping_view = widgets.HTML()
        job = _analysis_job(model, movable, x_axis, y_axis, map_view, tipping_view)
        runner = _Analysis(job, background)
        axis_row = widgets.HBox([x_axis, y_axis]) if len(movable) >= 2 else widgets.HBox([])
        children += [widgets.VBox([axis_row, map_view]), tipping_view]
        analysis_views += [map_view, tipping_view]

        def new_axes(_change: Any) -> None:
            runner.request(current_values(), {"map"})  # type: ignore[union-attr]

        x_axis.observe(new_axes, names="value")
        y_axis.observe(new_axes, names="value")

    def redraw(_change: Any = None) -> None:
        values = current_values()
        try:
            game = build(space.values(values))
            game_view.value = _html_of(game)
            result = run_solver(game)
        except StrategyError as err:
            status.value = f"<p><b>error:</b> {html.escape(str(err))}</p>"
            result_view.value = ""
        else:
            status.value = f"<p class='strategy-regime'><b>{html.escape(regime_text(result))}</b></p>"
            result_view.value = _html_of(result)
        if runner is not None:
            runner.request(values, {"map", "tipping"})

    for slider in sliders:
        slider.observe(redraw, names="value")
    redraw()

    def static_view() -> str:
        if runner is not None:
            runner.wait()
        shown = ", ".join(f"{s.description} = {float(s.value):.3g}" for s in sliders)
        extra = "".join(view.value for view in analysis_views)
        return (
            f"<div><p><i>Static view at {html.escape(shown)}; run the notebook to move the sliders.</i></p>"
            f"{status.value}{game_view.value}{result_view.value}{extra}</div>"
        )

    class Explorer(widgets.VBox):  # type: ignore[misc, name-defined]
        def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
            bundle = dict(super()._repr_mimebundle_(**kwargs) or {})
            bundle["text/html"] = static_view()
            return bundle

        def wait(self, timeout: float | None = None) -> bool:
            """Block until the regime map and tipping points show the current values."""
            return runner.wait(timeout) if runner is not None else True

    return Explorer(children)


def _read_parameters(model: Any, start: Mapping[str, float]) -> list[str]:
    """The parameters the model's game reads at `start` (all of them if that cannot be told)."""
    from strategy.sensitivity.usage import used_parameters

    try:
        return list(used_parameters(model, dict(start)))
    except (StrategyError, ValueError, TypeError):
        return list(model.space.names)


def _analysis_job(
    model: Any, movable: list[str], x_axis: Any, y_axis: Any, map_view: Any, tipping_view: Any
) -> Callable[[dict[str, float], frozenset[str], Callable[[], bool]], None]:
    """The work behind the regime map and the tipping table, for :class:`_Analysis`.

    The map is recomputed only when a parameter off its axes (or an axis) changes; moving
    an axis parameter moves the star. The tipping table fills in one parameter at a time.
    """
    from strategy.display.tipping import TippingPoints, regime_map_html, regime_map_of, tipping_html
    from strategy.sensitivity.model import labelled_by_point

    cache: dict[str, Any] = {}

    def draw_map(values: dict[str, float]) -> None:
        x, y = x_axis.value, y_axis.value
        if len(movable) < 2:
            map_view.value = "<p><i>A regime map needs two parameters that move.</i></p>"
            return
        if x == y:
            map_view.value = "<p><i>Choose two different parameters for the map.</i></p>"
            return
        key = (x, y, tuple(sorted((k, v) for k, v in values.items() if k not in (x, y))))
        if cache.get("key") != key:
            map_view.value = "<p><i>drawing the regime map&hellip;</i></p>"
            try:
                cache["map"] = regime_map_of(model, x, y, values)
            except (StrategyError, ValueError) as err:
                cache.clear()
                map_view.value = f"<p>No regime map: {html.escape(str(err))}</p>"
                return
            cache["key"] = key
        map_view.value = regime_map_html(cache["map"], values)

    def job(values: dict[str, float], parts: frozenset[str], current: Callable[[], bool]) -> None:
        try:
            if "map" in parts:
                draw_map(values)
            if "tipping" not in parts:
                return
            coarse = labelled_by_point(model)
            found: list[TippingPoints] = []
            for k, name in enumerate(movable):
                if not current():
                    return
                found.append(TippingPoints.along(model, name, values))
                if k + 1 < len(movable) and coarse:  # slow models: show the rows as they come
                    tipping_view.value = tipping_html(found, pending=len(movable) - k - 1, coarse=coarse)
            tipping_view.value = tipping_html(found, coarse=coarse)
        except (StrategyError, ArithmeticError, ValueError, TypeError, LookupError, MemoryError) as err:
            tipping_view.value = f"<p><b>error:</b> {html.escape(str(err))}</p>"

    return job
