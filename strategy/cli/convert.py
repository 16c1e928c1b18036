"""``strategy convert IN OUT``: translate a game file between formats (by suffix)."""

from __future__ import annotations

import argparse

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``convert`` command."""
    parser = subparsers.add_parser("convert", help="convert a game file, e.g. game.nfg -> game.toml")
    for name, shown, what in (
        ("source", "IN", "input file (.nfg .efg .toml .csv .json)"),
        ("target", "OUT", "output file; the suffix chooses the format"),
    ):
        parser.add_argument(name, metavar=shown, help=what)
    parser.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    from strategy.io import read_game, write_game

    game = read_game(args.source)
    write_game(game, args.target)
    print(f"wrote {args.target}")
    return 0
