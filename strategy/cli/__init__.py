"""The ``strategy`` command: argv -> public API -> stdout.

Each subcommand lives in its own module of this package and exposes
``register(subparsers)``, which adds a parser whose ``run`` default is a function
``(args) -> int``. :func:`main` is the only place in the toolkit that catches
:class:`~strategy.errors.StrategyError`: it prints ``error: ...`` on stderr and returns
exit code 1, with no traceback. Everything printed passes through
:func:`strategy.display.terminal.printable`, so control characters in labels from a
file reach the terminal escaped.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from collections.abc import Sequence

from strategy.display.terminal import PrintableStream, printable
from strategy.errors import StrategyError

__all__ = ["main"]

_COMMANDS = ("solve", "convert", "cases", "sensitivity", "report", "explore")  # solve also registers "show"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="strategy",
        description="Solve games, stress-test their equilibria, and report on case studies.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in _COMMANDS:
        importlib.import_module(f"strategy.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse already printed its message
        return int(exit_.code or 0)
    try:
        with contextlib.redirect_stdout(PrintableStream(sys.stdout)):
            return int(args.run(args))
    except StrategyError as err:
        print(f"error: {printable(str(err))}", file=sys.stderr)
        return 1
    except RecursionError:
        print("error: the input is nested too deeply to process; flatten it", file=sys.stderr)
        return 1
    except MemoryError:
        print("error: out of memory; give a smaller game or ask for less work", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
