"""Reading a game file's text, with one error for every way that can fail."""

from __future__ import annotations

from pathlib import Path

from strategy.errors import SpecError

__all__ = ["read_source"]


def read_source(path: str | Path, *, encoding: str = "utf-8") -> str:
    """The text of `path`; a :class:`SpecError` naming the file if it is missing, unreadable or not text."""
    p = Path(path)
    try:
        return p.read_text(encoding=encoding)
    except FileNotFoundError:
        raise SpecError("no such file; check the path", path=str(p)) from None
    except IsADirectoryError:
        raise SpecError("this is a folder; give a game file", path=str(p)) from None
    except UnicodeDecodeError as err:
        raise SpecError(
            f"not {encoding} text ({err.reason} at byte {err.start}); save the file as {encoding}", path=str(p)
        ) from None
    except OSError as err:
        raise SpecError(f"cannot read the file: {err.strerror}", path=str(p)) from None
