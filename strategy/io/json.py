"""Normal-form games as JSON (schema version 1).

The document is ``{"schema": 1, "kind": "normal", "title": ..., "players": [{"name":
..., "actions": [...]}], "payoffs": nested lists shaped (players, actions...),
"exact": bool}``. Exact payoffs are strings (``"1/3"``, ``"2"``) so nothing is lost;
float payoffs are JSON numbers.

Examples
--------
>>> from strategy.forms.normal import NormalFormGame
>>> game = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
>>> from_dict(to_dict(game)) == game
True
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

from strategy.errors import SpecError, StrategyError, UnsupportedGameError
from strategy.forms.normal import NormalFormGame, check_size
from strategy.io.source import read_source
from strategy.numbers import exact_integer, is_number_text, parse_number

__all__ = ["SCHEMA_VERSION", "from_dict", "read_json", "to_dict", "write_json"]

SCHEMA_VERSION = 1


def to_dict(game: NormalFormGame) -> dict[str, Any]:
    """Return the JSON-ready dictionary of a normal-form game."""
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"JSON export supports normal-form games; got a {type(game).__name__}")
    exact = game.exact_payoffs is not None
    payoffs = game.values.tolist()

    def convert(x: Any) -> Any:
        if isinstance(x, list):
            return [convert(v) for v in x]
        return str(x) if isinstance(x, Fraction) else float(x)

    return {
        "schema": SCHEMA_VERSION,
        "kind": "normal",
        "title": game.title,
        "players": [{"name": p.name, "actions": list(p.actions)} for p in game.players],
        "exact": exact,
        "payoffs": convert(payoffs),
    }


def from_dict(data: Any, path: str | None = None) -> NormalFormGame:
    """Build a game from :func:`to_dict`'s output; malformed input raises SpecError."""
    if not isinstance(data, dict):
        raise SpecError("a game document must be a JSON object", path=path)
    if data.get("schema") != SCHEMA_VERSION:
        raise SpecError(
            f"unsupported schema {data.get('schema')!r}; this version reads schema {SCHEMA_VERSION}", path=path
        )
    if data.get("kind", "normal") != "normal":
        raise SpecError(f"unsupported game kind {data.get('kind')!r}; only 'normal' is supported", path=path)
    players = data.get("players")
    if not isinstance(players, list) or not all(
        isinstance(p, dict) and isinstance(p.get("name"), str) and isinstance(p.get("actions"), list) for p in players
    ):
        raise SpecError('\'players\' must be a list of {"name": ..., "actions": [...]}', path=path)

    def convert(x: Any, depth: int) -> Any:
        if depth > len(players) + 1:
            raise SpecError(f"payoffs are nested deeper than the {len(players)} players' actions", path=path)
        if isinstance(x, list):
            return [convert(v, depth + 1) for v in x]
        try:
            if isinstance(x, str):
                return parse_number(x)
            if isinstance(x, int) and not isinstance(x, bool):
                return exact_integer(x)
        except ValueError as err:
            reason = str(err) if isinstance(x, int) or is_number_text(x) else f"{_short(x)} is not a number"
            raise SpecError(f"payoff: {reason}", path=path) from None
        return x

    exact = bool(data.get("exact", False))
    try:
        check_size([len(p["actions"]) for p in players], "'players'")
        return NormalFormGame(
            tuple((p["name"], tuple(p["actions"])) for p in players),
            convert(data.get("payoffs"), 0),
            title=str(data.get("title", "")),
            exact=True if exact else None,
        )
    except SpecError as err:
        if err.path is None:
            raise SpecError(err.message, path=path) from None
        raise
    except StrategyError as err:
        raise SpecError(str(err), path=path) from None


def _short(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


def read_json(path: str | Path) -> NormalFormGame:
    """Read a game from a JSON file."""
    p = Path(path)
    text = read_source(p)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise SpecError(f"invalid JSON: {err.msg}", path=str(p), line=err.lineno) from None
    except RecursionError:
        raise SpecError("invalid JSON: arrays or objects nested too deeply", path=str(p)) from None
    except ValueError:  # an integer beyond Python's digit limit (4300 digits)
        raise SpecError(
            "an integer has more than 4300 digits, far beyond 1e300; rescale the payoffs", path=str(p)
        ) from None
    return from_dict(data, str(p))


def write_json(game: NormalFormGame, path: str | Path) -> None:
    """Write a game as JSON."""
    Path(path).write_text(json.dumps(to_dict(game), indent=2) + "\n", encoding="utf-8")
