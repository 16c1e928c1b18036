"""Writing a game as a TOML game specification (the reader is :mod:`strategy.io.spec`).

A normal-form game, or a parametric game read from TOML, becomes ``[players]``, optional
``[parameters]`` and ``[scenarios]``, and a ``[payoffs]`` table keyed by profile; exact
non-integers are written as ``"p/q"`` strings, expressions as their text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from strategy.errors import UnsupportedGameError
from strategy.forms.normal import NormalFormGame
from strategy.sensitivity.expressions import Expression
from strategy.sensitivity.parametric import ParametricGame

__all__ = ["format_spec", "write_spec"]


def _toml_number(value: Any) -> Any:
    if isinstance(value, Fraction):
        return int(value) if value.denominator == 1 else str(value)
    return float(value)


def format_spec(
    game: NormalFormGame | ParametricGame, scenarios: Mapping[str, Mapping[str, float]] | None = None
) -> str:
    """Return the TOML text of a normal-form game (or of a parametric game read from TOML).

    Payoffs are written as a ``[payoffs]`` table keyed by profile; exact non-integers as
    ``"p/q"`` strings.
    """
    import tomli_w

    if not isinstance(game, NormalFormGame | ParametricGame):
        kind = type(game).__name__
        hint = "; write the tree as .efg, or convert it to normal form first" if hasattr(game, "infosets") else ""
        raise UnsupportedGameError(f"a TOML file is written from a normal-form or parametric game (got {kind}){hint}")
    doc: dict[str, Any] = {}
    if game.title:
        doc["title"] = game.title
    doc["players"] = {p.name: list(p.actions) for p in game.players}
    if any("," in a for p in game.players for a in p.actions):
        raise UnsupportedGameError("an action label contains a comma, which the [payoffs] keys use as separator")
    if isinstance(game, NormalFormGame):
        values: Any = game.exact_payoffs if game.exact_payoffs is not None else game.payoffs
        convert: Callable[[Any], Any] = _toml_number
    else:
        values = getattr(game, "cells", None)
        if values is None:
            raise UnsupportedGameError(
                "only parametric games read from TOML can be written back; evaluate it with game(values) first"
            )
        doc["parameters"] = {
            p.name: {
                "default": p.default,
                "low": p.low,
                "high": p.high,
                "unit": p.unit,
                "meaning": p.meaning,
                "basis": p.basis,
                "quote": p.quote,
                "source": p.source,
                "distribution": {
                    "kind": p.distribution.kind,
                    **{k: getattr(p.distribution, k) for k in ("a", "b") if getattr(p.distribution, k) is not None},
                },
            }
            for p in game.space
        }

        def convert_cell(v: Any) -> Any:
            return v.text if isinstance(v, Expression) else _toml_number(v)

        convert = convert_cell

    shape = tuple(p.n_actions for p in game.players)
    doc["payoffs"] = {
        ", ".join(p.actions[a] for p, a in zip(game.players, idx, strict=True)): [
            convert(values[(i, *idx)]) for i in range(len(game.players))
        ]
        for idx in np.ndindex(*shape)
    }
    if scenarios:
        doc["scenarios"] = {k: dict(v) for k, v in scenarios.items()}
    return tomli_w.dumps(doc)


def write_spec(game: NormalFormGame | ParametricGame, path: str | Path) -> None:
    """Write `game` as a TOML game specification."""
    Path(path).write_text(format_spec(game), encoding="utf-8")
