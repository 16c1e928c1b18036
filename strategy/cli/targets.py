"""Shared target loading for the commands: a game file or a registered case.

A *target* is either a path to a game file (``.nfg``, ``.efg``, ``.toml``, ``.csv``,
``.json``) or the name of a registered case (``idlib.stage``). Parametric targets (cases
and TOML files with ``[parameters]``) are built at a scenario's values with ``--set``
overrides.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from strategy.errors import SpecError
from strategy.numerals import parse_number

__all__ = ["add_target_arguments", "load_target", "parse_sets", "spec_case"]


def add_target_arguments(parser: argparse.ArgumentParser, what: str, *, optional: bool = False) -> None:
    """Add ``target``, ``--scenario`` and ``--set`` to a command; `what` says which targets it takes
    (`optional`: the command checks for the target itself)."""
    parser.add_argument("target", help=what, nargs="?" if optional else None)
    parser.add_argument("--scenario", help="scenario of a parametric case or TOML file")
    parser.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a parameter (repeatable)",
    )


def parse_sets(sets: Iterable[str]) -> dict[str, float]:
    """Parse ``name=value`` strings into floats (the values of ``--set``); the numbers are read
    by :func:`strategy.numbers.parse_number` (bounded digits and exponent)."""
    out: dict[str, float] = {}
    for item in sets:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise SpecError(f"--set {item!r}: expected name=value, e.g. --set cost=2.5")
        try:
            value = float(parse_number(raw))
        except ValueError as err:
            raise SpecError(f"--set {item!r}: {err}") from None
        out[name] = value
    return out


def spec_case(spec: Any, path: Path) -> Any:
    """The :class:`~strategy.cases.Case` of a parametric TOML spec read from `path`."""
    from strategy.cases import Case

    parametric = spec.game
    return Case(
        name=path.stem,
        title=spec.title or path.stem,
        build=parametric.game,
        space=parametric.space,
        scenarios=spec.scenarios,
        default_scenario=spec.default_scenario,
        description=spec.description,
    )


def _is_file_target(target: str) -> bool:
    from strategy.io import SUFFIXES
    from strategy.io.source import check_path

    p = Path(target)
    if p.suffix.lower() in SUFFIXES or "/" in target or "\\" in target:
        return True
    return check_path(p).exists()


def load_target(target: str, scenario: str | None = None, sets: Iterable[str] = ()) -> tuple[Any, Any]:
    """Return ``(game, case)`` for a file path or a registered case name.

    For a parametric target the game is built at the scenario's values (the default
    scenario if none is named) with the ``name=value`` overrides in `sets`, and `case`
    is a :class:`~strategy.cases.Case` (for a TOML file, one made from the file). For a
    plain game file `case` is ``None``.

    Raises
    ------
    UnknownLabelError
        For an unknown case, scenario or parameter name (the message lists known ones).
    SpecError
        For a missing or malformed file.
    """
    overrides = parse_sets(sets)
    if _is_file_target(target):
        from strategy.io import read_game

        path = Path(target)
        if path.suffix.lower() == ".toml":
            from strategy.io.spec import read_spec

            if not path.exists():
                raise SpecError("no such file", path=str(path))
            spec = read_spec(path)
            if spec.parametric:
                case = spec_case(spec, path)
                try:
                    return case.game(scenario, overrides), case
                except SpecError as err:  # an expression that fails at these values
                    if err.path is not None:
                        raise
                    raise SpecError(err.message, path=str(path)) from None
            game = spec.game
        else:
            game = read_game(path)
        if overrides:
            raise SpecError(
                f"--set {next(iter(overrides))}: the game has no parameters; --set needs a case or "
                "a TOML file with [parameters.NAME] tables",
                path=str(path),
            )
        if scenario is not None:
            raise SpecError(f"--scenario {scenario}: the game has no scenarios", path=str(path))
        return game, None
    from strategy.cases import discover_cases, get_case
    from strategy.errors import UnknownLabelError

    try:
        case = get_case(target)
    except UnknownLabelError:
        families = {name.split(".", 1)[0] for name in discover_cases()}
        if Path(target).suffix and target.split(".", 1)[0] not in families:
            from strategy.io import read_game

            read_game(target)  # raises the file error: unknown type or missing file
        raise
    return case.game(scenario, overrides), case
