"""``--workers N`` and ``--scheduler ADDRESS``: where a batch command solves its chunks.

Without either option the analysis runs in this process. ``--workers N`` starts ``N``
local processes (a :class:`concurrent.futures.ProcessPoolExecutor`); ``--scheduler``
connects to a running Dask scheduler and uses its workers
(``dask.distributed.Client(ADDRESS).get_executor()``). The analyses prepare every
chunk here and combine the results in order, so the output is the same either way.
Process pools and dask are imported only when asked for.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from strategy.errors import SpecError, StrategyError
from strategy.numerals import parse_number

if TYPE_CHECKING:
    from concurrent.futures import Executor

__all__ = ["CONNECT_TIMEOUT", "Shipped", "add_executor_arguments", "executor_from", "shipped"]

CONNECT_TIMEOUT = 10.0
"""Seconds to wait for a Dask scheduler to answer before giving up."""


def add_executor_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the mutually exclusive ``--workers`` and ``--scheduler`` options to a batch command."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--workers", metavar="N", default=None, help="solve on N local processes")
    group.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="solve on the workers of a running Dask scheduler, e.g. tcp://head:8786 (needs dask[distributed])",
    )


def most_workers() -> int:
    """The most local processes ``--workers`` starts: four per core of this machine."""
    return 4 * (os.cpu_count() or 1)


def _workers(text: str) -> int:
    try:
        value = parse_number(text)
    except ValueError as err:
        raise SpecError(f"--workers {text!r}: {err}") from None
    if value.denominator != 1 or value <= 0:
        raise SpecError(f"--workers {text!r}: the number of processes must be a positive whole number")
    if value > most_workers():
        raise SpecError(
            f"--workers {text!r}: at most {most_workers()} processes on this machine ({os.cpu_count()} cores; "
            "more processes than cores only add overhead); for more, use --scheduler with a Dask cluster"
        )
    return int(value)


@contextlib.contextmanager
def executor_from(args: argparse.Namespace) -> Iterator[Executor | None]:
    """The executor that ``--workers`` / ``--scheduler`` ask for (None for neither), shut down on exit."""
    workers, address = getattr(args, "workers", None), getattr(args, "scheduler", None)
    if workers is not None:
        import signal
        from concurrent.futures import ProcessPoolExecutor

        # Ctrl-C reaches the whole process group: the workers ignore it and this process stops them
        ignore = (signal.SIGINT, signal.SIG_IGN)
        with ProcessPoolExecutor(max_workers=_workers(workers), initializer=signal.signal, initargs=ignore) as pool:
            yield pool
    elif address is not None:
        client = _connect(address)
        try:
            yield client.get_executor()
        except OSError as err:  # the scheduler or a worker went away mid-run
            raise StrategyError(f"lost the Dask scheduler at {address}: {err}") from None
        finally:
            client.close()
    else:
        yield None


def _connect(address: str) -> Any:
    """A ``dask.distributed.Client`` of the scheduler at `address`, or a StrategyError saying why not."""
    if not address.strip():
        raise SpecError("--scheduler: give the scheduler's address, e.g. tcp://head:8786")
    try:
        from dask.distributed import Client
    except ImportError:
        raise StrategyError(
            "--scheduler needs dask.distributed, an optional dependency: pip install 'dask[distributed]'"
        ) from None
    _check_address(address)
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, ValueError, TypeError) as err:  # refused or timed out
        raise StrategyError(f"cannot reach a Dask scheduler at {address!r}: {err}") from None


def _check_address(address: str) -> None:
    """Refuse an address without host and port before a Client is made (a half-made Client
    hangs for seconds on exit)."""
    from distributed.comm import get_address_host_port, parse_address

    try:
        scheme, _ = parse_address(address)
        if scheme in ("inproc", "ucx"):
            return
        _, port = get_address_host_port(address)
    except ValueError as err:
        raise SpecError(f"--scheduler {address!r}: {err}; give SCHEME://HOST:PORT, e.g. tcp://head:8786") from None
    if not 0 < port < 65536:
        raise SpecError(f"--scheduler {address!r}: the port must be from 1 to 65535")


class Shipped:
    """A command-line model that travels to the workers as its source, not as objects.

    The standard pickle of process pools cannot send the model of a registered case (its
    scenarios are read-only mappings) nor of a TOML file (compiled payoff closures). This
    wrapper stands for the model here (attributes are the model's) and pickles as the
    case's registered name or the TOML file's text; each worker process rebuilds the model
    from it once and keeps it (:func:`_registered`, :func:`_from_toml`), so a task carries a
    few bytes of model and the workers need no access to the file.
    """

    __slots__ = ("_model", "_source")

    def __init__(self, model: Any, source: tuple[Any, tuple[str, ...]]) -> None:
        object.__setattr__(self, "_model", model)
        object.__setattr__(self, "_source", source)

    def __getattr__(self, name: str) -> Any:
        return getattr(object.__getattribute__(self, "_model"), name)

    def __reduce__(self) -> tuple[Any, tuple[str, ...]]:
        return self._source


def shipped(case: Any, target: str) -> Any:
    """`case`, loaded from `target` (a TOML file or a registered name), wrapped as :class:`Shipped`."""
    from pathlib import Path

    path = Path(target)
    if path.suffix.lower() == ".toml" and path.is_file():
        from strategy.io.source import read_source

        return Shipped(case, (_from_toml, (read_source(path), str(path))))
    from strategy.cases import discover_cases

    if case.qualified_name in discover_cases():
        return Shipped(case, (_registered, (case.qualified_name,)))
    return case


@functools.lru_cache(maxsize=8)
def _registered(name: str) -> Any:
    from strategy.cases import get_case

    return get_case(name)


@functools.lru_cache(maxsize=8)
def _from_toml(text: str, path: str) -> Any:
    from pathlib import Path

    from strategy.cli.targets import spec_case
    from strategy.io.spec import parse_spec

    return spec_case(parse_spec(text, path), Path(path))
