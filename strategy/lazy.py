"""Names a package exports but loads on first use, so that importing it stays cheap.

A package lists ``{name: "module.path"}`` and installs the two module hooks of PEP 562::

    __getattr__, __dir__ = lazy_exports(__name__, {"solve": "strategy.solvers.dispatch"}, __all__)

``package.solve`` then imports :mod:`strategy.solvers.dispatch` on first access and keeps the
value as a module attribute, so later look-ups cost nothing; ``dir(package)`` lists every
exported name, loaded or not (what tab completion and the documentation read).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, names: Mapping[str, str], public: Iterable[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of `package`, which loads each of `names` from its module."""
    listed = tuple(public)

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)  # later look-ups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *listed})

    return __getattr__, __dir__
