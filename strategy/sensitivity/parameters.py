"""Model parameters: one declaration feeds sweeps, samples, ``--set`` and the report.

A :class:`Parameter` carries its default, its plausible range (for sensitivity work,
not a validity bound), an optional distribution, its unit, its meaning, and its
provenance: a basis tag (``Q`` quoted from the source text, ``X`` external fact, ``A``
modelling assumption, or combinations such as ``"Q/A"``) and the verbatim quote.

:class:`Values` is what a model's ``build`` receives: a read-only mapping from parameter
name to a float *or a NumPy array*. Models are written as array expressions, so the same
``build`` evaluated on arrays gives a whole batch of games at once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from numbers import Rational
from typing import Any

import numpy as np

from strategy.errors import InvalidGameError, UnknownLabelError

__all__ = ["Distribution", "Parameter", "ParameterSpace", "Values"]


def _shown(value: object) -> str:
    """A short repr: huge integers by their size (their repr may not even be allowed)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"an integer of about {int(value.bit_length() * 0.30103) + 1} digits"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _finite(value: object) -> bool:
    """A real number (not a bool) with a finite float value (huge integers are not)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Rational):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


@dataclass(frozen=True)
class Distribution:
    """A probability distribution for Monte Carlo sampling of one parameter.

    ``kind`` is one of ``uniform`` (on the range), ``triangular`` (mode ``a``),
    ``normal`` (mean ``a``, standard deviation ``b``, truncated to the range),
    ``beta`` (shape ``a``, ``b``, scaled to the range), ``loguniform`` (on the range).
    """

    kind: str = "uniform"
    a: float | None = None
    b: float | None = None

    KINDS = ("uniform", "triangular", "normal", "beta", "loguniform")

    def __post_init__(self) -> None:
        if self.kind not in self.KINDS:
            raise UnknownLabelError("distribution", self.kind, self.KINDS)
        needs = {"triangular": ("a",), "normal": ("a", "b"), "beta": ("a", "b")}.get(self.kind, ())
        for name in needs:
            if getattr(self, name) is None:
                raise InvalidGameError(f"a {self.kind} distribution needs {' and '.join(needs)}")
        for name in ("a", "b"):
            value = getattr(self, name)
            if value is None:
                continue
            if not _finite(value):
                raise InvalidGameError(
                    f"a {self.kind} distribution's {name} must be a finite number; got {_shown(value)}"
                )
            object.__setattr__(self, name, float(value))
        if self.kind == "normal" and self.b is not None and self.b <= 0:
            raise InvalidGameError(
                f"a normal distribution's standard deviation b must be positive; got {self.b:g} "
                "(for a fixed value, give the parameter low = high)"
            )
        if self.kind == "beta" and not (self.a is not None and self.b is not None and self.a > 0 and self.b > 0):
            raise InvalidGameError(f"a beta distribution's shapes a and b must be positive; got {self.a}, {self.b}")

    def check_range(self, low: float, high: float, name: str) -> None:
        """Refuse a triangular mode outside ``[low, high]`` (every draw would be NaN)."""
        if self.kind == "triangular" and self.a is not None and not low <= self.a <= high:
            raise InvalidGameError(
                f"parameter {name!r}: the triangular mode a = {self.a:g} is outside the range [{low:g}, {high:g}]"
            )

    def ppf(self, u: np.ndarray, low: float, high: float) -> np.ndarray:
        """Map uniform(0, 1) draws `u` to this distribution on ``[low, high]``."""
        width = high - low
        if self.kind == "uniform":
            return low + width * u
        if self.kind == "loguniform":
            return np.asarray(np.exp(np.log(low) + (np.log(high) - np.log(low)) * u))
        from scipy import stats  # slow to import: only for the shapes that need it

        if self.kind == "triangular":
            c = 0.5 if width == 0 else (float(self.a) - low) / width  # type: ignore[arg-type]
            return np.asarray(stats.triang.ppf(u, c, loc=low, scale=width))
        if self.kind == "beta":
            return np.asarray(low + width * stats.beta.ppf(u, self.a, self.b))
        mean, sd = float(self.a), float(self.b)  # type: ignore[arg-type]
        lo, hi = (low - mean) / sd, (high - mean) / sd
        return np.asarray(stats.truncnorm.ppf(u, lo, hi, loc=mean, scale=sd))


@dataclass(frozen=True)
class Parameter:
    """One named model parameter with its range and provenance."""

    name: str
    default: float
    low: float
    high: float
    unit: str = "utils"
    meaning: str = ""
    basis: str = "A"
    quote: str = ""
    source: str = ""
    distribution: Distribution = field(default_factory=Distribution)

    def __post_init__(self) -> None:
        if not self.name.isidentifier():
            raise InvalidGameError(f"parameter name {self.name!r} must be an identifier (letters, digits, _)")
        for label in ("default", "low", "high"):
            value = getattr(self, label)
            if not isinstance(value, int | float) or not _finite(value):
                raise InvalidGameError(f"parameter {self.name!r}: {label} must be a finite number; got {_shown(value)}")
        if self.low > self.high:
            raise InvalidGameError(f"parameter {self.name!r}: range low {self.low} > high {self.high}; swap them")
        if self.distribution.kind == "loguniform" and self.low <= 0:
            raise InvalidGameError(f"parameter {self.name!r}: a log-uniform range must be positive")
        self.distribution.check_range(self.low, self.high, self.name)


class Values(Mapping[str, Any]):
    """Read-only parameter values with attribute access (``p.hts_threat``).

    Values may be floats or arrays (all broadcastable to one batch shape).
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any] | None = None, /, **more: Any) -> None:
        merged = dict(data or {})
        merged.update(more)
        object.__setattr__(self, "_data", merged)

    def __getitem__(self, name: str) -> Any:
        try:
            return self._data[name]
        except KeyError:
            raise UnknownLabelError("parameter", name, self._data) from None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Values are read-only; use replace(...)")

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __reduce__(self) -> tuple[type[Values], tuple[dict[str, Any]]]:
        """Pickle as the mapping (slots without setattr), so Values reach worker processes."""
        return (Values, (self._data,))

    def replace(self, **changes: Any) -> Values:
        """Return a copy with some values changed (names must exist)."""
        for name in changes:
            if name not in self._data:
                raise UnknownLabelError("parameter", name, self._data)
        return Values({**self._data, **changes})

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """The broadcast shape of the array values (``()`` for scalars)."""
        return np.broadcast_shapes(*(np.shape(v) for v in self._data.values()))

    def __repr__(self) -> str:
        items = ", ".join(f"{k}={v!r}" for k, v in self._data.items())
        return f"Values({items})"


@dataclass(frozen=True)
class ParameterSpace:
    """An ordered set of parameters, with defaults, ranges and sampling."""

    parameters: tuple[Parameter, ...]

    def __post_init__(self) -> None:
        params = tuple(self.parameters)
        object.__setattr__(self, "parameters", params)
        names = [p.name for p in params]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise InvalidGameError(f"duplicate parameter names {duplicates}")

    @property
    def names(self) -> tuple[str, ...]:
        """Parameter names, in declaration order."""
        return tuple(p.name for p in self.parameters)

    def __getitem__(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        raise UnknownLabelError("parameter", name, self.names)

    def __iter__(self) -> Iterator[Parameter]:
        return iter(self.parameters)

    def __len__(self) -> int:
        return len(self.parameters)

    def defaults(self) -> Values:
        """The default values."""
        return Values({p.name: float(p.default) for p in self.parameters})

    def values(self, overrides: Mapping[str, Any] | None = None) -> Values:
        """Defaults with `overrides` applied; unknown names raise UnknownLabelError."""
        base = self.defaults()
        if not overrides:
            return base
        for name, value in overrides.items():
            self[name]
            if not isinstance(value, np.ndarray) and not (isinstance(value, int | float) and _finite(value)):
                raise InvalidGameError(f"parameter {name!r} must be a finite number; got {_shown(value)}")
        return base.replace(**dict(overrides))

    def subset(self, names: Iterable[str]) -> ParameterSpace:
        """The space of the named parameters only."""
        return ParameterSpace(tuple(self[n] for n in names))

    def sample(
        self,
        n: int,
        *,
        method: str = "random",
        rng: Any = None,
        names: Iterable[str] | None = None,
        base: Mapping[str, Any] | None = None,
    ) -> Values:
        """Draw `n` points; return Values whose sampled entries are arrays of length `n`.

        ``method`` is ``random`` (independent draws), ``lhs`` (Latin hypercube) or
        ``sobol`` (scrambled Sobol sequence), from :mod:`scipy.stats.qmc`. Each
        parameter's distribution maps the uniform draws to its range. Parameters not in
        `names` keep their value in `base` (defaults by default).
        """
        chosen = tuple(names) if names is not None else self.names
        params = [self[name] for name in chosen]
        generator = np.random.default_rng(rng)
        d = len(params)
        if n < 1:
            raise InvalidGameError(f"the number of samples must be positive; got {n}")
        if method == "random":
            u = generator.random((n, d))
        elif method in ("lhs", "sobol"):
            from scipy.stats import qmc  # slow to import: only for these two methods

            if method == "lhs":
                u = qmc.LatinHypercube(d=d, rng=generator).random(n)
            else:
                u = qmc.Sobol(d=d, scramble=True, rng=generator).random(n)
        else:
            raise UnknownLabelError("sampling method", method, ("random", "lhs", "sobol"))
        columns = np.ascontiguousarray(u.T)  # one contiguous row per parameter: same draws, faster to map
        drawn = {p.name: p.distribution.ppf(columns[k], p.low, p.high) for k, p in enumerate(params)}
        start = dict(self.values(base))
        start.update(drawn)
        return Values(start)
