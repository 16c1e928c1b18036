"""What :func:`games.exercises.check` says back: a verdict in a sentence, the reason a wrong
answer is wrong (computed from the game), and a hint on request.

Answers are read the same way in every exercise:

* **labels** ignore case, surrounding blanks and repeated inner blanks (``" squeeze "``
  reads as ``"Squeeze"``); a near miss is named (``"Midle"``: did you mean ``"Middle"``?);
* **profiles** are one label per player in player order (a tuple, a list, a string
  ``"Up, Left"``, or a mapping ``{player: action}`` in any order); **paths** are labels in
  the order they are played;
* **numbers** may be ints, floats, :class:`~fractions.Fraction` or text (``"3/8"``,
  ``"0.375"``). A decimal (a float, or text with a decimal point) is accepted within
  :data:`FLOAT_TOL` of the answer, relative to ``max(1, |answer|)``; a fraction or an integer
  given for an exact answer must be exact.
"""

from __future__ import annotations

import difflib
import html
import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import Any

from strategy.errors import StrategyError
from strategy.numbers import parse_number

__all__ = ["FLOAT_TOL", "Feedback", "Unreadable", "read_label", "read_labels", "read_number", "same_number"]

FLOAT_TOL = 1e-3
"""Tolerance for decimal answers, relative to ``max(1, |correct answer|)``: three decimals."""

_STYLE = {
    "correct": ("#e6f4ea", "#137333", "✔"),
    "wrong": ("#fce8e6", "#a50e0e", "✘"),
    "unanswered": ("#f1f3f4", "#3c4043", "…"),
    "unreadable": ("#fef7e0", "#8a5a00", "?"),
}


class Unreadable(Exception):
    """An answer in a form the exercise cannot read; the message says what form it wants."""


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer.

    ``verdict`` is ``"correct"``, ``"wrong"``, ``"unanswered"`` or ``"unreadable"`` (the
    answer's form, not its value, is the problem); ``message`` says so in a sentence,
    ``reason`` says why a wrong answer is wrong where the game can tell, and
    :meth:`hint` returns the same feedback with the exercise's hint shown. ``bool()`` is
    True only for a correct answer.
    """

    exercise: object
    verdict: str
    message: str
    reason: str = ""
    hint_text: str = ""
    show_hint: bool = False

    @property
    def correct(self) -> bool:
        """Whether the answer is right."""
        return self.verdict == "correct"

    def __bool__(self) -> bool:
        return self.correct

    def hint(self) -> Feedback:
        """The same feedback with the hint shown."""
        return replace(self, show_hint=True)

    def lines(self) -> list[str]:
        """The feedback as lines of text."""
        out = [f"Exercise {self.exercise}: {self.message}"]
        if self.reason:
            out.append(f"Why: {self.reason}.")
        if self.show_hint and self.hint_text:
            out.append(f"Hint: {self.hint_text}")
        elif self.verdict in ("wrong", "unreadable") and self.hint_text:
            out.append("(call .hint() on this result for a hint)")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())

    __repr__ = __str__

    def _repr_html_(self) -> str:
        background, colour, mark = _STYLE[self.verdict]
        first, *rest = (html.escape(line) for line in self.lines())
        body = "".join(f"<div style='margin-top:0.3em'>{line}</div>" for line in rest)
        return (
            f"<div style='background:{background};border-left:4px solid {colour};padding:0.5em 0.8em'>"
            f"<strong style='color:{colour}'>{mark} {first}</strong>{body}</div>"
        )


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def read_label(answer: Any, known: Sequence[str], what: str) -> str:
    """The label in `known` that `answer` names (case and blanks ignored)."""
    if not isinstance(answer, str):
        raise Unreadable(f"{what} is a label (a string) such as {known[0]!r}; got {type(answer).__name__} {answer!r}")
    lookup = {_norm(k): k for k in known}
    found = lookup.get(_norm(answer))
    if found is not None:
        return found
    close = difflib.get_close_matches(_norm(answer), list(lookup), n=1, cutoff=0.6)
    suggestion = f"; did you mean {lookup[close[0]]!r}?" if close else ""
    raise Unreadable(f"{answer.strip()!r} is not {what}; the choices are {', '.join(known)}{suggestion}")


def read_labels(answer: Any, slots: Sequence[tuple[str, Sequence[str]]], what: str) -> tuple[str, ...]:
    """One label per slot ``(name, known labels)``: from a sequence, a comma-separated
    string, or a mapping ``{slot name: label}``."""
    names = [name for name, _ in slots]
    if isinstance(answer, Mapping):
        by_name = {}
        for key, value in answer.items():
            by_name[read_label(key, names, "a player" if what == "a profile" else "a name")] = value
        missing = [name for name in names if name not in by_name]
        if missing:
            raise Unreadable(f"{what} needs an entry for {', '.join(missing)}")
        items: list[Any] = [by_name[name] for name in names]
    elif isinstance(answer, str):
        items = [part for part in answer.strip().strip("()[]").split(",") if part.strip()]
    elif isinstance(answer, Sequence):
        items = list(answer)
    else:
        raise Unreadable(f"{what} is {len(slots)} labels in order ({', '.join(names)}); got {answer!r}")
    if len(items) != len(slots):
        raise Unreadable(f"{what} has {len(slots)} entries, in order {', '.join(names)}; yours has {len(items)}")
    return tuple(
        read_label(item, known, f"an action of {name}") for item, (name, known) in zip(items, slots, strict=True)
    )


def read_number(answer: Any) -> tuple[Fraction | float, bool]:
    """``(value, decimal)``: the number `answer` gives, and whether it was written as a
    decimal (a float, or text with a point or exponent) rather than an integer or fraction."""
    if isinstance(answer, bool) or answer is None:
        raise Unreadable(f"the answer is a number; got {answer!r}")
    if isinstance(answer, str):
        try:
            value = parse_number(answer.strip())
        except (StrategyError, ValueError):
            raise Unreadable(f"{answer!r} is not a number; write e.g. 0.25 or 1/4") from None
        return value, any(c in answer for c in ".eE")
    if isinstance(answer, numbers.Rational):
        return Fraction(int(answer.numerator), int(answer.denominator)), False
    if isinstance(answer, numbers.Real | Decimal):
        value_f = float(answer)
        if not math.isfinite(value_f):
            raise Unreadable(f"the answer is a finite number; got {answer!r}")
        return value_f, True
    raise Unreadable(f"the answer is a number; got {type(answer).__name__} {answer!r}")


def same_number(value: Fraction | float, decimal: bool, correct: Fraction | float) -> bool:
    """Whether `value` matches `correct`: exactly for an exact answer given exactly, else
    within :data:`FLOAT_TOL` relative to ``max(1, |correct|)``."""
    if isinstance(correct, Fraction) and not decimal:
        return Fraction(value) == correct
    return abs(float(value) - float(correct)) <= FLOAT_TOL * max(1.0, abs(float(correct)))
