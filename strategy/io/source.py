"""Reading a game file's text, with one error for every way that can fail.

A game file is a *regular* file of at most :data:`MAX_FILE_BYTES` bytes of text. The
file is opened without blocking and checked with ``fstat`` before anything is read, so
a FIFO (which would wait for a writer forever), a device (``/dev/zero`` and
``/dev/urandom`` never end), a socket or a folder is refused at once, and a file that
grows while it is read is cut off at the cap.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from strategy.errors import SpecError

__all__ = ["MAX_FILE_BYTES", "MAX_NAME_BYTES", "MAX_PATH_BYTES", "check_path", "read_source"]

MAX_FILE_BYTES = 16 * 1024 * 1024
"""The largest game file read, in bytes (16 MiB). Gambit's own example collection tops out
below 1 MB, and a 1000 x 1000 bimatrix written as ``.nfg`` takes about 8 MB; anything
larger is almost surely not a game, and the parsed form of a file costs tens of times its
size in memory."""

MAX_NAME_BYTES = 255
"""The longest file name (one path component) in bytes, as on every common file system."""

MAX_PATH_BYTES = 4096
"""The longest path in bytes (Linux's ``PATH_MAX``)."""


def check_path(path: str | Path) -> Path:
    """Return `path` as a Path; a :class:`SpecError` if it or a component is longer than the system allows
    (``Path.exists`` would raise ``OSError`` on such a path)."""
    p = Path(path)
    if len(os.fsencode(str(p))) > MAX_PATH_BYTES:
        raise SpecError(f"the path is longer than {MAX_PATH_BYTES} bytes; shorten it", path=_shown(p))
    for part in p.parts:
        if len(os.fsencode(part)) > MAX_NAME_BYTES:
            raise SpecError(
                f"a file name is longer than {MAX_NAME_BYTES} bytes ({part[:20]}...); shorten it",
                path=_shown(p),
            )
    return p


def _shown(p: Path) -> str:
    text = str(p)
    return text if len(text) <= 300 else text[:120] + "..." + text[-60:]


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_source(path: str | Path, *, encoding: str = "utf-8", limit: int = MAX_FILE_BYTES) -> str:
    """The text of `path`; a :class:`SpecError` naming the file if it is missing, unreadable,
    not a regular file, larger than `limit` bytes, binary, or not text in `encoding`."""
    p = check_path(path)
    where = _shown(p)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(p, flags)
    except FileNotFoundError:
        raise SpecError("no such file; check the path", path=where) from None
    except IsADirectoryError:
        raise SpecError("this is a folder; give a game file", path=where) from None
    except OSError as err:
        if err.errno == errno.ENAMETOOLONG:
            raise SpecError("the path is too long for the system; shorten it", path=where) from None
        raise SpecError(f"cannot read the file: {err.strerror}", path=where) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise SpecError("this is a folder; give a game file", path=where)
        if not stat.S_ISREG(info.st_mode):
            raise SpecError(f"this is {_kind(info.st_mode)}, not a game file; give a regular file", path=where)
        if info.st_size > limit:
            raise SpecError(_too_large(info.st_size, limit), path=where)
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise SpecError(_too_large(size, limit), path=where)
    except OSError as err:
        raise SpecError(f"cannot read the file: {err.strerror}", path=where) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    zero = data.find(b"\x00")
    if zero >= 0:
        raise SpecError(
            f"a binary file (a zero byte at byte {zero}), not text; save the game as {encoding} text",
            path=where,
        )
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise SpecError(
            f"not {encoding} text ({err.reason} at byte {err.start}); save the file as {encoding}", path=where
        ) from None


def _too_large(size: int, limit: int) -> str:
    return (
        f"the file has {size} bytes or more; game files are limited to {limit // (1024 * 1024)} MiB: "
        "split the game or give a smaller one"
    )
