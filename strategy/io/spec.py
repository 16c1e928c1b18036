"""TOML game specifications: labelled players, exact payoffs, optional parameters.

See ``docs/formats.md`` for the format. In short::

    title = "Prisoner's dilemma"

    [players]
    Row = ["Cooperate", "Defect"]
    Column = ["Cooperate", "Defect"]

    [payoffs]                       # one entry per profile, actions joined by commas
    "Cooperate, Cooperate" = [3, 3]
    "Cooperate, Defect" = [0, "temptation"]
    "Defect, Cooperate" = ["temptation", 0]
    "Defect, Defect" = [1, 1]

    [parameters.temptation]         # optional; makes the game parametric
    default = 5
    low = 3
    high = 8

    [scenarios.mild]                # optional named overrides
    temptation = 3.5

Instead of ``[payoffs]``, a ``[matrices]`` table may give each player's payoffs as a
nested array indexed by the players' actions in order. Integers and strings such as
``"1/3"`` or ``"0.25"`` are exact; other strings are payoff expressions over the
declared parameters (see :mod:`strategy.sensitivity.expressions`). A file with a
``[tree]`` table is a game tree, read by :mod:`strategy.io.tree_spec`.

Examples
--------
>>> spec = parse_spec('''
... [players]
... Row = ["U", "D"]
... Column = ["L", "R"]
... [matrices]
... Row = [[1, 0], [0, "1/2"]]
... Column = [[1, 0], [0, 2]]
... ''')
>>> spec.game.payoff({"Row": "D", "Column": "R"})
{'Row': Fraction(1, 2), 'Column': Fraction(2, 1)}
>>> parse_spec(format_spec(spec.game)).game == spec.game
True
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from strategy.errors import InvalidGameError, SpecError, StrategyError
from strategy.forms.normal import NormalFormGame, check_size
from strategy.forms.players import Player
from strategy.io.source import read_source
from strategy.io.spec_writer import format_spec, write_spec
from strategy.numbers import exact_integer, is_number_text, parse_number
from strategy.sensitivity.expressions import Expression
from strategy.sensitivity.parameters import Distribution, Parameter, ParameterSpace, Values
from strategy.sensitivity.parametric import ParametricGame

__all__ = ["GameSpec", "SpecParametricGame", "format_spec", "parse_spec", "read_spec", "write_spec"]

_PARAMETER_KEYS = {"default", "low", "high", "unit", "meaning", "basis", "quote", "source", "distribution"}
_TOP_KEYS = {
    "title",
    "description",
    "players",
    "payoffs",
    "matrices",
    "parameters",
    "scenarios",
    "default_scenario",
    "tree",
}


@dataclass(frozen=True)
class GameSpec:
    """What a TOML file declares: the game and its named scenarios.

    ``game`` is a :class:`NormalFormGame`, a :class:`ParametricGame` (when parameters are
    declared) or a tree from :mod:`strategy.io.tree_spec`.
    """

    game: Any
    scenarios: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    default_scenario: str | None = None
    title: str = ""
    description: str = ""

    @property
    def parametric(self) -> bool:
        """Whether the game has parameters."""
        return isinstance(self.game, ParametricGame)


@dataclass(frozen=True)
class SpecParametricGame(ParametricGame):
    """A :class:`ParametricGame` read from TOML; keeps its payoff cells (numbers and
    :class:`~strategy.sensitivity.expressions.Expression` objects) so it can be written back."""

    cells: Any = field(default=None, repr=False, compare=False)


def _line_of(text: str, *keys: str) -> int | None:
    """Return the first line mentioning the last of `keys` after the others (best effort)."""
    lines = text.splitlines()
    start = 0
    for key in keys:
        pattern = re.compile(r'(^|[\s\[."\'])' + re.escape(key) + r'($|[\s\]."\'=])')
        for k in range(start, len(lines)):
            if pattern.search(lines[k]):
                start = k
                break
        else:
            return start + 1 if start else None
    return start + 1


def parse_spec(text: str, path: str | None = None) -> GameSpec:
    """Parse a TOML game specification.

    Raises
    ------
    SpecError
        For TOML syntax errors (with their line) and for semantic errors, with the line
        of the offending key where it can be found.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None)
        message = getattr(err, "msg", str(err))
        if line is None:
            found = re.search(r"line (\d+)", str(err))
            line = int(found.group(1)) if found else None
        raise SpecError(f"invalid TOML: {message}", path=path, line=line) from None
    except RecursionError:
        raise SpecError("arrays or tables nested too deeply to read; flatten the file", path=path) from None
    except ValueError:  # an integer beyond Python's digit limit (4300 digits)
        raise SpecError(
            "an integer has more than 4300 digits, far beyond 1e300; rescale the payoffs", path=path
        ) from None
    try:
        return _build(data, text, path)
    except SpecError as err:
        if err.path is None and path is not None:
            raise SpecError(err.message, path=path, line=err.line) from None
        raise
    except StrategyError as err:
        raise SpecError(str(err), path=path) from None
    except RecursionError:
        raise SpecError("nested too deeply to read; flatten the file", path=path) from None


def _build(data: dict[str, Any], text: str, path: str | None) -> GameSpec:
    def fail(message: str, *keys: str) -> SpecError:
        return SpecError(message, path=path, line=_line_of(text, *keys) if keys else None)

    if "tree" in data:
        from strategy.io.tree_spec import parse_tree_spec

        return GameSpec(parse_tree_spec(data, path), title=str(data.get("title", "")))
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise fail(f"unknown top-level key {unknown[0]!r}; expected one of {sorted(_TOP_KEYS)}", unknown[0])
    title = data.get("title", "")
    if not isinstance(title, str):
        raise fail("title must be a string", "title")
    players_raw = data.get("players")
    if not isinstance(players_raw, dict) or not players_raw:
        raise fail('missing [players] table: one line per player, e.g. Row = ["Up", "Down"]', "players")
    players = []
    for name, actions in players_raw.items():
        if not isinstance(actions, list) or not actions or not all(isinstance(a, str) for a in actions):
            raise fail(f"player {name!r} needs a non-empty list of action names (strings)", "players", name)
        if len(set(actions)) != len(actions):
            dup = next(a for a in actions if actions.count(a) > 1)
            raise fail(f"player {name!r} lists action {dup!r} twice; action labels must be distinct", "players", name)
        players.append(Player(name, tuple(actions)))
    players_t = tuple(players)
    shape = tuple(p.n_actions for p in players_t)
    n = len(players_t)
    try:
        check_size(shape, "[players]")
    except StrategyError as err:
        raise fail(str(err), "players") from None

    space = _parameters(data.get("parameters", {}), fail)
    names = space.names

    def entry(value: Any, *where: str) -> Fraction | Expression:
        if isinstance(value, bool):
            raise fail(f"payoff {value!r} is a boolean, not a number", *where)
        if isinstance(value, int):
            try:
                return exact_integer(value)
            except ValueError as err:
                raise fail(f"payoff: {err}", *where) from None
        if isinstance(value, float):
            if not math.isfinite(value):
                raise fail(f"payoff {value!r} is not finite; payoffs must be finite numbers", *where)
            return parse_number(repr(value))
        if isinstance(value, str):
            if is_number_text(value):
                try:
                    return parse_number(value)
                except ValueError as err:
                    raise fail(f"payoff: {err}", *where) from None
            if not names:
                raise fail(
                    f'payoff {value!r} is not a number (use 3, 2.5 or "1/3"); to use an expression, '
                    "declare its parameters in [parameters.NAME] tables",
                    *where,
                )
            try:
                return Expression.parse(value, names)
            except StrategyError as err:
                raise fail(err.message if isinstance(err, SpecError) else str(err), *where) from None
        raise fail(f"payoff {value!r} is not a number", *where)

    cells = np.empty((n, *shape), dtype=object)
    if ("payoffs" in data) == ("matrices" in data):
        raise fail(
            "give the payoffs either as a [payoffs] table keyed by profile or as [matrices], not "
            + ("both" if "payoffs" in data else "neither"),
            "payoffs" if "payoffs" in data else "players",
        )
    if "payoffs" in data:
        table = data["payoffs"]
        if not isinstance(table, dict):
            raise fail('[payoffs] must be a table of "action, action" = [payoff, payoff]', "payoffs")
        for key, value in table.items():
            labels = tuple(part.strip() for part in key.split(","))
            if len(labels) != n:
                raise fail(
                    f"profile {key!r} names {len(labels)} actions; expected {n} separated by commas "
                    "(one per player, in [players] order)",
                    "payoffs",
                    key,
                )
            try:
                index = tuple(p.index(a) for p, a in zip(players_t, labels, strict=True))
            except StrategyError as err:
                raise fail(f"in profile {key!r}: {err}", "payoffs", key) from None
            if cells[(0, *index)] is not None:
                raise fail(f"profile {key!r} appears twice", "payoffs", key)
            if isinstance(value, dict):
                extra = sorted(set(value) - {p.name for p in players_t})
                if extra:
                    raise fail(f"profile {key!r} names unknown player {extra[0]!r}", "payoffs", key)
                missing = [p.name for p in players_t if p.name not in value]
                if missing:
                    raise fail(f"profile {key!r} has no payoff for {missing}", "payoffs", key)
                value = [value[p.name] for p in players_t]
            if not isinstance(value, list) or len(value) != n:
                count = len(value) if isinstance(value, list) else 1
                raise fail(f"profile {key!r} has {count} payoffs; expected {n}, one per player", "payoffs", key)
            for i, v in enumerate(value):
                cells[(i, *index)] = entry(v, "payoffs", key)
        missing_profiles = [
            ", ".join(p.actions[a] for p, a in zip(players_t, idx, strict=True))
            for idx in np.ndindex(*shape)
            if cells[(0, *idx)] is None
        ]
        if missing_profiles:
            raise fail(
                f"[payoffs] has no entry for profile(s) {missing_profiles[:3]}; every profile needs one", "payoffs"
            )
    else:
        matrices = data["matrices"]
        if not isinstance(matrices, dict):
            raise fail("[matrices] must map each player to a nested array of payoffs", "matrices")
        for name in matrices:
            if name not in {p.name for p in players_t}:
                raise fail(
                    f"[matrices] names unknown player {name!r}; players are {[p.name for p in players_t]}",
                    "matrices",
                    name,
                )
        for i, p in enumerate(players_t):
            if p.name not in matrices:
                raise fail(f"[matrices] has no payoffs for player {p.name!r}", "matrices")
            array = np.empty(shape, dtype=object)
            try:
                _fill(array, matrices[p.name], shape, ())
            except ValueError as err:
                raise fail(f"payoffs of {p.name!r}: {err}", "matrices", p.name) from None
            for idx in np.ndindex(*shape):
                cells[(i, *idx)] = entry(array[idx], "matrices", p.name)

    scenarios = _scenarios(data.get("scenarios", {}), space, fail)
    default_scenario = data.get("default_scenario")
    if default_scenario is not None and default_scenario not in scenarios:
        raise fail(
            f"default_scenario {default_scenario!r} is not among the scenarios {list(scenarios)}", "default_scenario"
        )
    description = str(data.get("description", ""))
    if not names:
        try:
            game = NormalFormGame(players_t, cells.tolist(), title=title, exact=True)
        except InvalidGameError as err:
            raise fail(str(err)) from None
        return GameSpec(game, title=title, description=description)

    def payoff_function(values: Values) -> list[Any]:
        out = np.empty(cells.shape, dtype=object)
        for idx, cell in np.ndenumerate(cells):
            out[idx] = cell.evaluate(values) if isinstance(cell, Expression) else float(cell)
        nested: list[Any] = out.tolist()
        return nested

    game_p = SpecParametricGame(players_t, payoff_function, space, title=title, cells=cells)
    return GameSpec(game_p, scenarios, default_scenario, title, description)


def _fill(array: np.ndarray, raw: Any, shape: tuple[int, ...], prefix: tuple[int, ...]) -> None:
    if not isinstance(raw, list):
        raise ValueError(f"expected a list of {shape[0]} entries at index {list(prefix)}, found {raw!r}")
    if len(raw) != shape[0]:
        where = f" at index {list(prefix)}" if prefix else ""
        raise ValueError(f"expected {shape[0]} entries{where} (one per action), found {len(raw)}")
    for k, item in enumerate(raw):
        if len(shape) == 1:
            if isinstance(item, list):
                raise ValueError(f"too deeply nested at index {[*prefix, k]}")
            array[(*prefix, k)] = item
        else:
            _fill(array, item, shape[1:], (*prefix, k))


def _parameters(raw: Any, fail: Any) -> ParameterSpace:
    if not isinstance(raw, dict):
        raise fail("[parameters] must contain [parameters.NAME] tables", "parameters")
    out = []
    for name, spec in raw.items():
        if not isinstance(spec, dict):
            raise fail(f"parameter {name!r} must be a table with default, low, high", "parameters", name)
        extra = sorted(set(spec) - _PARAMETER_KEYS)
        if extra:
            raise fail(
                f"parameter {name!r}: unknown key {extra[0]!r}; allowed: {sorted(_PARAMETER_KEYS)}", "parameters", name
            )
        if "default" not in spec:
            raise fail(f"parameter {name!r} needs a default", "parameters", name)
        default = _real(spec["default"], f"parameter {name!r}: default", fail, name)
        low = _real(spec.get("low", default), f"parameter {name!r}: low", fail, name)
        high = _real(spec.get("high", default), f"parameter {name!r}: high", fail, name)
        dist = spec.get("distribution", "uniform")
        try:
            if isinstance(dist, str):
                distribution = Distribution(dist)
            elif isinstance(dist, dict):
                shape = {
                    k: _real(dist[k], f"parameter {name!r}: distribution {k}", fail, name)
                    for k in ("a", "b")
                    if dist.get(k) is not None
                }
                distribution = Distribution(str(dist.get("kind", "uniform")), shape.get("a"), shape.get("b"))
            else:
                raise InvalidGameError("distribution must be a name or a table {kind, a, b}")
            text = {k: str(spec.get(k, "")) for k in ("meaning", "quote", "source")}
            out.append(
                Parameter(
                    name,
                    default,
                    low,
                    high,
                    unit=str(spec.get("unit", "utils")),
                    basis=str(spec.get("basis", "A")),
                    distribution=distribution,
                    **text,
                )
            )
        except SpecError:
            raise
        except StrategyError as err:
            raise fail(str(err), "parameters", name) from None
    return ParameterSpace(tuple(out))


def _real(value: Any, what: str, fail: Any, key: str) -> float:
    try:
        if isinstance(value, str):
            value = parse_number(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            value = exact_integer(value)
    except ValueError as err:
        raise fail(f"{what} must be a number: {err}", "parameters", key) from None
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction) or not math.isfinite(value):
        raise fail(f"{what} must be a finite number; got {_shown(value)}", "parameters", key)
    return float(value)


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, dict | list) else type(value).__name__
    return text if len(text) <= 60 else text[:57] + "..."


def _scenarios(raw: Any, space: ParameterSpace, fail: Any) -> dict[str, dict[str, float]]:
    if not isinstance(raw, dict):
        raise fail("[scenarios] must contain [scenarios.NAME] tables", "scenarios")
    out = {}
    for name, overrides in raw.items():
        if not isinstance(overrides, dict):
            raise fail(f"scenario {name!r} must be a table of parameter = value", "scenarios", name)
        values = {}
        for key, value in overrides.items():
            if key not in space.names:
                raise fail(
                    f"scenario {name!r} sets unknown parameter {key!r}; parameters are {list(space.names)}",
                    "scenarios",
                    name,
                    key,
                )
            values[key] = _real(value, f"scenario {name!r}: {key}", fail, key)
        out[name] = values
    return out


def read_spec(path: str | Path) -> GameSpec:
    """Read a TOML game specification file."""
    return parse_spec(read_source(path), str(path))
