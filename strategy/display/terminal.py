r"""Text that is safe to print on a terminal.

Labels, titles and messages come from game files, and a file is data: a label holding
``ESC [ 2 J`` would clear the screen, one holding a carriage return or a bidirectional
override (U+202E) would make the output lie about what it says. :func:`printable`
escapes every control character (Unicode category ``Cc``, except the newline and tab
that the toolkit's own layout uses) and the bidirectional controls as ``\x1b``,
``\u202e``: visible, unambiguous, and unchanged when already printable.

>>> printable("Row\x1b[2J")
'Row\\x1b[2J'
>>> printable("a\tb\nc")
'a\tb\nc'
"""

from __future__ import annotations

import io
import re
from typing import TextIO

__all__ = ["PrintableStream", "printable"]

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with control and bidirectional-control characters escaped (newlines and tabs kept)."""
    return _UNSAFE.sub(_escape, text)


class PrintableStream(io.TextIOBase):
    """A text stream that passes everything written through :func:`printable`."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "encoding", "utf-8")
