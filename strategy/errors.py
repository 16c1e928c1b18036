"""The toolkit's exceptions.

Every error the toolkit raises on purpose is a :class:`StrategyError`. Each class also
inherits the built-in exception a caller would naturally catch (``ValueError``,
``KeyError``, ``RuntimeError``), so ``except ValueError`` keeps working.

Messages say what was wrong, where (player, action, file and line), and how to fix it.
The command line catches :class:`StrategyError` in one place and prints ``error: ...``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "ConvergenceError",
    "InvalidGameError",
    "InvalidProfileError",
    "ResourceLimitError",
    "SpecError",
    "StrategyError",
    "UnknownLabelError",
    "UnsupportedGameError",
]


class StrategyError(Exception):
    """Base class of every error raised on purpose by the toolkit."""


class InvalidGameError(StrategyError, ValueError):
    """A malformed game: ragged or non-numeric payoffs, NaN, duplicate labels, bad trees."""


class InvalidProfileError(StrategyError, ValueError):
    """A profile that is not a probability distribution over a game's actions."""


class UnknownLabelError(StrategyError, KeyError):
    """No player, action or parameter of that name.

    The message lists the known labels and the closest match.
    """

    def __init__(self, kind: str, label: object, known: Iterable[str], where: str = "") -> None:
        known = list(known)
        hint = ""
        lowered = {k.lower(): k for k in known}
        close = difflib.get_close_matches(str(label).lower(), list(lowered), n=1)
        if close:
            hint = f" Did you mean {lowered[close[0]]!r}?"
        place = f" {where}" if where else ""
        listed = ", ".join(repr(k) for k in known)
        self.message = f"unknown {kind} {label!r}{place}; known: {listed}.{hint}"
        super().__init__(self.message)

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return self.message


class UnsupportedGameError(StrategyError, ValueError):
    """The method cannot handle this kind of game (for example, three players)."""


class ConvergenceError(StrategyError, RuntimeError):
    """An iterative method stopped before meeting its tolerance."""


class SpecError(StrategyError, ValueError):
    """A malformed game file or argument; the message names the file and, where known, the line.

    ``message`` is the text without the place, so a reader that re-raises the error for
    another file or line can reuse it.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        place = path or ""
        if line is not None:
            place = f"{place}, line {line}" if place else f"line {line}"
        super().__init__(f"{place}: {message}" if place else message)


class ResourceLimitError(SpecError):
    """An input that asks for more than a documented limit (size, count, digits, time).

    The message names the limit, the amount asked for, and an alternative.
    """
