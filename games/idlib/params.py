"""The Idlib parameter registry (case model section 3, extended by issue 17), with provenance.

The registry is data: ``params.toml`` (:data:`TABLE`) holds one ``[parameters.NAME]``
table per parameter, with its default (the ``offensive_2019`` value), sensitivity range,
unit, meaning, basis tag and the op-ed text, in the layout of a game spec file's
parameters. The tags (:data:`games.idlib.provenance.BASIS_TAGS`): ``Q`` quoted from the
op-ed, ``X`` external fact, ``A`` modelling assumption, ``M`` assumed but motivated by a
quoted phrase; ``"Q/A"`` = quoted for its existence, assumed for its size. Quotes are
verbatim fragments of the op-ed's text (HTML removed) in source order, joined by ``" … "``
where text is elided; :func:`games.idlib.provenance.quote_problems` checks all of it.

The payoffs are assumptions, not estimates: ``refugee_cost = 10`` is the scale anchor
and every other stake is sized against it (case model section 0).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from games.idlib.provenance import ELLIPSIS, quote_fragments
from strategy import Parameter, ParameterSpace
from strategy.errors import SpecError, StrategyError

__all__ = ["ELLIPSIS", "PARAMETERS", "SPACE", "TABLE", "quote_fragments", "read_parameters"]

TABLE = Path(__file__).with_name("params.toml")

_REQUIRED = ("default", "low", "high", "unit", "meaning", "basis")
_KEYS = frozenset((*_REQUIRED, "quote", "source"))


def read_parameters(path: Path = TABLE) -> tuple[Parameter, ...]:
    """Every ``[parameters.NAME]`` table of `path` as a :class:`strategy.Parameter`, in file order.

    Each table has ``default``, ``low``, ``high``, ``unit``, ``meaning`` and ``basis``, and
    may have ``quote`` and ``source``; numbers keep the type they are written with.

    Raises
    ------
    SpecError
        For an unreadable file, invalid TOML, a missing or unknown key, a value of the wrong type or an
        invalid range, naming the file and the line of the parameter's table.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise SpecError(f"cannot read the parameter table: {err}", path=str(path)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise SpecError(f"invalid TOML: {err}", path=str(path)) from None
    tables = data.get("parameters")
    if set(data) != {"parameters"} or not isinstance(tables, dict):
        raise SpecError("expected only [parameters.NAME] tables", path=str(path))
    return tuple(_parameter(name, record, text, path) for name, record in tables.items())


def _parameter(name: str, record: Any, text: str, path: Path) -> Parameter:
    def fail(message: str, prefix: str = f"parameter {name!r}: ") -> SpecError:
        header = f"[parameters.{name}]"
        line = next((k for k, row in enumerate(text.splitlines(), 1) if row.strip() == header), None)
        return SpecError(prefix + message, path=str(path), line=line)

    if not isinstance(record, dict):
        raise fail("must be a table of default, low, high, unit, meaning, basis")
    missing = [key for key in _REQUIRED if key not in record]
    if missing:
        raise fail(f"missing {', '.join(missing)}")
    unknown = sorted(set(record) - _KEYS)
    if unknown:
        raise fail(f"unknown key {unknown[0]!r}; allowed: {sorted(_KEYS)}")
    for key, value in record.items():
        number = key in ("default", "low", "high")
        if number and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise fail(f"{key} must be a number; got {value!r}")
        if not number and not isinstance(value, str):
            raise fail(f"{key} must be a string; got {value!r}")
    try:
        return Parameter(name, **record)
    except StrategyError as err:  # the message already names the parameter
        raise fail(str(err), prefix="") from None


PARAMETERS: tuple[Parameter, ...] = read_parameters()

SPACE = ParameterSpace(PARAMETERS)
