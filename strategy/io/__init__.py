"""File formats: text <-> forms. Game files are data and never run code.

:func:`read_game` and :func:`write_game` pick the format by the file's suffix:

========= =====================================================
``.nfg``  Gambit strategic form (:mod:`strategy.io.nfg`)
``.efg``  Gambit extensive form (:mod:`strategy.io.efg`)
``.toml`` game specification, possibly parametric (:mod:`strategy.io.spec`)
``.csv``  two-player table (:mod:`strategy.io.tables`)
``.json`` JSON, schema 1 (:mod:`strategy.io.json`)
========= =====================================================
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from strategy.errors import SpecError, UnsupportedGameError
from strategy.io.source import check_path

__all__ = ["SUFFIXES", "read_game", "write_game"]

SUFFIXES = (".nfg", ".efg", ".toml", ".csv", ".json")


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SpecError(f"unknown file type {suffix or '(none)'!r}; supported: {', '.join(SUFFIXES)}", path=str(path))
    return suffix


def read_game(path: str | Path, *, exact: bool | None = None) -> Any:
    """Read a game file; the suffix chooses the format.

    Parameters
    ----------
    path : str or Path
        A ``.nfg``, ``.efg``, ``.toml``, ``.csv`` or ``.json`` file.
    exact : bool or None
        ``False`` returns float payoffs for normal-form games; ``None`` and ``True`` keep
        the exact numbers the files give.

    Returns
    -------
    NormalFormGame, ParametricGame or a game tree
        A TOML file with parameters gives a
        :class:`~strategy.sensitivity.parametric.ParametricGame` (use
        :func:`strategy.io.spec.read_spec` to also get its scenarios).
    """
    p = check_path(path)
    suffix = _suffix(p)
    if not p.exists():
        raise SpecError("no such file", path=str(p))
    if suffix == ".nfg":
        from strategy.io.nfg import read_nfg

        game: Any = read_nfg(p)
    elif suffix == ".efg":
        from strategy.io.efg import read_efg

        game = read_efg(p)
    elif suffix == ".toml":
        from strategy.io.spec import read_spec

        game = read_spec(p).game
    elif suffix == ".csv":
        from strategy.io.tables import read_csv

        game = read_csv(p)
    else:
        from strategy.io.json import read_json

        game = read_json(p)
    if exact is False and hasattr(game, "as_float"):
        game = game.as_float()
    elif exact is True and hasattr(game, "as_exact"):
        game = game.as_exact()
    return game


def write_game(game: Any, path: str | Path) -> None:
    """Write `game` in the format given by the suffix of `path`."""
    p = check_path(path)
    suffix = _suffix(p)
    writer: Callable[[Any, str | Path], None]
    if suffix == ".nfg":
        from strategy.io.nfg import write_nfg as writer
    elif suffix == ".efg":
        from strategy.io.efg import write_efg as writer
    elif suffix == ".toml":
        from strategy.io.spec import write_spec as writer
    elif suffix == ".csv":
        from strategy.io.tables import write_csv as writer
    else:
        from strategy.io.json import write_json as writer
    from strategy.forms.normal import NormalFormGame

    if suffix in (".nfg", ".csv", ".json") and not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(
            f"{suffix} files hold normal-form games; got a {type(game).__name__} (convert it to normal form first)"
        )
    try:
        writer(game, p)
    except OSError as err:
        raise SpecError(f"cannot write the file: {err}", path=str(p)) from None
