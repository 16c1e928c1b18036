"""Numbers written as text, read exactly and with bounded work.

A game file is data from anywhere: ``1e1000000000`` is twelve characters, and making it
exact naively builds a ten-billion-digit integer. :func:`parse_number` reads integers,
decimals and fractions exactly within documented bounds (:data:`MAX_DIGITS` digits and
exponent, :data:`MAX_MAGNITUDE` in absolute value) and refuses the rest with a message
that says how to fix it. This module needs nothing beyond the standard library, so the
command line can check its arguments without loading numpy.
"""

from __future__ import annotations

import re
from fractions import Fraction

__all__ = ["MAX_DIGITS", "MAX_MAGNITUDE", "exact_integer", "is_number_text", "parse_number"]

MAX_MAGNITUDE = 10**300
"""The largest absolute value a number read from text may have. Every game keeps a float64
copy of its payoffs, so a value must stay finite as a float (``1.8e308``); a margin keeps
sums and products of payoffs finite too."""

MAX_DIGITS = 400
"""The most significant digits (and the largest decimal exponent) a number read from text
may carry. It bounds the work of making ``1e1000000000`` exact, which would otherwise build
a ten-billion-digit integer."""

_DECIMAL = re.compile(r"([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?")
_RATIO = re.compile(r"([+-]?\d+)\s*/\s*(\d+)")


def is_number_text(text: str) -> bool:
    """Whether `text` is written as a number (integer, decimal or fraction), however large;
    :func:`parse_number` may still refuse it for its size."""
    raw = text.strip()
    if _RATIO.fullmatch(raw):
        return True
    decimal = _DECIMAL.fullmatch(raw)
    return bool(decimal and (decimal.group(2) or decimal.group(3)))


def exact_integer(value: int) -> Fraction:
    """An integer read from a file (JSON, TOML) as a Fraction; ``ValueError`` beyond
    :data:`MAX_MAGNITUDE`, as for :func:`parse_number`."""
    if abs(value) > MAX_MAGNITUDE:
        digits = int(value.bit_length() * 0.30103) + 1
        raise ValueError(f"an integer of about {digits} digits is larger than 1e300; rescale the payoffs")
    return Fraction(value)


def parse_number(text: str) -> Fraction:
    """Read an integer, decimal (``0.25``, ``-3e-2``) or fraction (``1/3``) exactly.

    The work is bounded whatever the text: at most :data:`MAX_DIGITS` digits and a decimal
    exponent of at most :data:`MAX_DIGITS` in absolute value are read, and the value must
    not exceed :data:`MAX_MAGNITUDE` in absolute value. Raises ``ValueError`` with a
    message saying what is wrong and how to fix it; readers add the file and line.

    >>> parse_number("0.25"), parse_number("-3e-2"), parse_number("1/3")
    (Fraction(1, 4), Fraction(-3, 100), Fraction(1, 3))
    """
    raw = text.strip()
    if len(raw) > 4 * MAX_DIGITS:
        raise ValueError(f"{raw[:20]!r}... is too long for a number (at most {MAX_DIGITS} digits)")
    ratio = _RATIO.fullmatch(raw)
    if ratio:
        num, den = ratio.groups()
        if len(num) > MAX_DIGITS + 1 or len(den) > MAX_DIGITS:
            raise ValueError(f"{raw!r} has more than {MAX_DIGITS} digits; rescale the numbers")
        if int(den) == 0:
            raise ValueError(f"{raw!r} divides by zero")
        return _bounded(Fraction(int(num), int(den)), raw)
    decimal = _DECIMAL.fullmatch(raw)
    if not decimal or not (decimal.group(2) or decimal.group(3)):
        raise ValueError(f"{raw!r} is not a number (write e.g. 3, -0.5, 1/3 or 2.5e3)")
    sign, whole, frac, exp = decimal.groups()
    digits = (whole + (frac or "")).lstrip("0")
    if len(digits) > MAX_DIGITS:
        raise ValueError(f"{raw[:20]!r}... has more than {MAX_DIGITS} significant digits; round it")
    if exp is not None and len(exp.lstrip("+-").lstrip("0")) > len(str(MAX_DIGITS)):
        raise ValueError(f"{raw!r}: the exponent is beyond ±{MAX_DIGITS}; rescale the payoffs")
    power = (int(exp) if exp else 0) - len(frac or "")
    if abs(power) > 2 * MAX_DIGITS:
        raise ValueError(f"{raw!r}: the exponent is beyond ±{MAX_DIGITS}; rescale the payoffs")
    mantissa = int(digits or "0")
    value = Fraction(mantissa * 10**power) if power >= 0 else Fraction(mantissa, 10**-power)
    return _bounded(-value if sign == "-" else value, raw)


def _bounded(value: Fraction, raw: str) -> Fraction:
    if abs(value) > MAX_MAGNITUDE:
        raise ValueError(f"{raw!r} is larger than 1e300 in absolute value; rescale the payoffs")
    return value
