r"""Elicited uncertainty: participants' low / most likely / high, pooled, then a stress test.

A seminar elicits, for the parameters that matter, each participant's three-point
judgement (low ``a``, most likely ``m``, high ``b``) in a CSV file (``docs/elicitation.md``)::

    participant,parameter,low,mode,high
    P1,refugee_cost,6,10,16

Each judgement becomes a distribution on ``[a, b]``: **PERT** (the default), the beta
distribution with

.. math:: \alpha = 1 + 4\,\frac{m - a}{b - a}, \qquad \beta = 1 + 4\,\frac{b - m}{b - a}

(mean (a + 4m + b)/6; Malcolm et al. 1959, Vose 2008 ch. 9), or the **triangular**
distribution with mode m. Participants are pooled per parameter by the equal-weight
**linear opinion pool** (Stone 1961; O'Hagan et al. 2006, *Uncertain Judgements*, ch. 9):
the mixture :math:`\frac1J \sum_j f_j`, sampled by drawing a participant uniformly for
each sample and then a value from that participant's distribution. Parameters are drawn
independently of each other; a participant may skip parameters (the pool for a parameter
is over those who gave it).

:func:`stress_elicited` samples only the elicited parameters the game reads
(:func:`strategy.sensitivity.usage.used_parameters`); every other parameter stays at its
base value, and the result lists the elicited parameters it ignored.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from strategy.errors import InvalidGameError, SpecError, UnknownLabelError
from strategy.numbers import DEFAULT_TOL, parse_number
from strategy.sensitivity.montecarlo import StressResult

if TYPE_CHECKING:
    from concurrent.futures import Executor

__all__ = ["COLUMNS", "Elicitation", "ElicitedStress", "Judgement", "read_elicitation", "stress_elicited"]

COLUMNS = ("participant", "parameter", "low", "mode", "high")
SHAPES = ("pert", "triangular")


@dataclass(frozen=True)
class Judgement:
    """One participant's three-point judgement of one parameter (low <= mode <= high)."""

    participant: str
    parameter: str
    low: float
    mode: float
    high: float

    def ppf(self, u: np.ndarray, shape: str = "pert") -> np.ndarray:
        """Map uniform(0, 1) draws `u` to this judgement's PERT or triangular distribution."""
        from scipy import stats

        width = self.high - self.low
        if width == 0:
            return np.full_like(u, self.low, dtype=float)
        c = (self.mode - self.low) / width
        if shape == "triangular":
            return np.asarray(stats.triang.ppf(u, c, loc=self.low, scale=width))
        return np.asarray(self.low + width * stats.beta.ppf(u, 1 + 4 * c, 1 + 4 * (1 - c)))


@dataclass(frozen=True)
class Elicitation:
    """The judgements of a file, grouped by parameter (in first-appearance order)."""

    judgements: tuple[Judgement, ...]
    source: str = "<text>"

    @property
    def parameters(self) -> tuple[str, ...]:
        """Elicited parameter names."""
        return tuple(dict.fromkeys(j.parameter for j in self.judgements))

    @property
    def participants(self) -> tuple[str, ...]:
        """Participant labels."""
        return tuple(dict.fromkeys(j.participant for j in self.judgements))

    def of(self, parameter: str) -> tuple[Judgement, ...]:
        """The judgements of one parameter."""
        return tuple(j for j in self.judgements if j.parameter == parameter)

    def sample(self, parameter: str, n: int, rng: Any = None, shape: str = "pert") -> np.ndarray:
        """`n` draws from the linear opinion pool of `parameter` (equal weights)."""
        if shape not in SHAPES:
            raise UnknownLabelError("elicitation shape", shape, SHAPES)
        pool = self.of(parameter)
        if not pool:
            raise UnknownLabelError("elicited parameter", parameter, self.parameters)
        generator = np.random.default_rng(rng)
        who = generator.integers(len(pool), size=n)
        u = generator.random(n)
        out = np.empty(n)
        for k, judgement in enumerate(pool):
            mask = who == k
            out[mask] = judgement.ppf(u[mask], shape)
        return out


def read_elicitation(source: str | Path, names: Any = None) -> Elicitation:
    """Read an elicitation CSV (a path, or the text itself if it contains a newline).

    Columns :data:`COLUMNS` (any order, header required); blank lines and lines starting
    with ``#`` are skipped. Numbers are read by :func:`strategy.numbers.parse_number`.
    `names` (a ParameterSpace or names), if given, must contain every parameter. Every
    problem raises :class:`~strategy.errors.SpecError` naming the file and line.
    """
    if isinstance(source, Path) or "\n" not in str(source):
        path = str(source)
        try:
            text = Path(source).read_text(encoding="utf-8-sig")  # tolerate the BOM spreadsheets write
        except OSError as err:
            raise SpecError(f"cannot read the elicitation file: {err.strerror}", path=path) from None
    else:
        path, text = "<text>", str(source)
    known = None if names is None else tuple(getattr(names, "names", names))
    rows = [
        (n, line)
        for n, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not rows:
        raise SpecError(f"no header: the first line must name the columns {', '.join(COLUMNS)}", path=path)
    header_line, header = rows[0][0], next(csv.reader([rows[0][1]]))
    header = [h.strip().lower() for h in header]
    if sorted(header) != sorted(COLUMNS):
        raise SpecError(
            f"the columns must be exactly {', '.join(COLUMNS)} (any order); got {', '.join(header)}",
            path=path,
            line=header_line,
        )
    judgements: list[Judgement] = []
    seen: set[tuple[str, str]] = set()
    for line, raw in rows[1:]:
        cells = next(csv.reader(io.StringIO(raw)))
        if len(cells) != len(COLUMNS):
            raise SpecError(
                f"expected {len(COLUMNS)} cells ({', '.join(header)}), got {len(cells)}", path=path, line=line
            )
        row = dict(zip(header, (c.strip() for c in cells), strict=True))
        who, name = row["participant"], row["parameter"]
        if not who or not name:
            raise SpecError("participant and parameter must not be empty", path=path, line=line)
        if known is not None and name not in known:
            raise SpecError(f"unknown parameter {name!r}; known: {', '.join(known)}", path=path, line=line)
        if (who, name) in seen:
            raise SpecError(f"{who} gave {name} twice; keep one row", path=path, line=line)
        seen.add((who, name))
        numbers = []
        for column in ("low", "mode", "high"):
            try:
                numbers.append(float(parse_number(row[column])))
            except ValueError as err:
                raise SpecError(f"{column} {row[column]!r}: {err}", path=path, line=line) from None
        low, mode, high = numbers
        if not low <= mode <= high:
            raise SpecError(
                f"{who}, {name}: need low <= mode <= high; got {low:g}, {mode:g}, {high:g} (reorder the three)",
                path=path,
                line=line,
            )
        judgements.append(Judgement(who, name, low, mode, high))
    if not judgements:
        raise SpecError("the file has a header but no judgements", path=path)
    return Elicitation(tuple(judgements), path)


@dataclass(frozen=True, eq=False)
class ElicitedStress:
    """A stress result from an elicitation: the regimes with Wilson intervals, and what was sampled."""

    result: StressResult
    sampled: tuple[str, ...]
    ignored: tuple[str, ...]
    participants: tuple[str, ...]
    shape: str

    @property
    def frame(self) -> Any:
        """The regime table (as :class:`StressResult`)."""
        return self.result.frame

    def to_dict(self) -> dict[str, Any]:
        """JSON form: the stress result plus an ``elicitation`` record."""
        out = self.result.to_dict()
        out["elicitation"] = {
            "participants": list(self.participants),
            "sampled": list(self.sampled),
            "ignored": list(self.ignored),
            "distribution": self.shape,
            "pool": "equal-weight linear opinion pool (mixture of participants)",
        }
        return out


def stress_elicited(
    model: Any,
    elicitation: Elicitation,
    n_samples: int,
    *,
    rng: Any = None,
    shape: str = "pert",
    base: Mapping[str, Any] | None = None,
    scenario: str | None = None,
    select: str = "all",
    chunk: int = 20_000,
    tol: float = DEFAULT_TOL,
    executor: Executor | None = None,
) -> ElicitedStress:
    """Regime frequencies when the elicited parameters the game reads follow the pooled judgements.

    As :func:`~strategy.sensitivity.montecarlo.stress`: the chunks are drawn here in order
    and solved on `executor` if one is given; the result does not depend on it.
    """
    from collections import Counter

    import pandas as pd

    from strategy.sensitivity._distribute import map_ordered
    from strategy.sensitivity.model import base_values, model_space
    from strategy.sensitivity.montecarlo import _count, _count_tasks, wilson_interval
    from strategy.sensitivity.usage import used_parameters

    if isinstance(n_samples, bool) or not isinstance(n_samples, int | np.integer) or n_samples <= 0:
        raise InvalidGameError(f"the number of samples must be a positive integer; got {n_samples!r}")
    if shape not in SHAPES:
        raise UnknownLabelError("elicitation shape", shape, SHAPES)
    space = model_space(model)
    unknown = [n for n in elicitation.parameters if n not in space.names]
    if unknown:
        raise UnknownLabelError("parameter", unknown[0], space.names, f"in {elicitation.source}")
    used = set(used_parameters(model, base, scenario))
    sampled = tuple(n for n in elicitation.parameters if n in used)
    ignored = tuple(n for n in elicitation.parameters if n not in used)
    start = dict(base_values(model, base, scenario))
    generator = np.random.default_rng(rng)

    def draw(size: int) -> dict[str, np.ndarray]:
        values = {k: np.broadcast_to(float(np.asarray(v)), (size,)) for k, v in start.items()}
        for name in sampled:
            values[name] = elicitation.sample(name, size, generator, shape)
        return values

    sizes = (min(chunk, n_samples - begin) for begin in range(0, n_samples, chunk))
    total: Counter = Counter()
    for found in map_ordered(_count, _count_tasks(model, map(draw, sizes), select, tol), executor):
        total += found
    labels = sorted(total, key=lambda r: (-total[r], r))
    counts = np.array([total[r] for r in labels])
    lo, hi = wilson_interval(counts, n_samples)
    frame = pd.DataFrame(
        {"regime": labels, "count": counts, "frequency": counts / n_samples, "ci_low": lo, "ci_high": hi}
    )
    return ElicitedStress(StressResult(n_samples, frame), sampled, ignored, elicitation.participants, shape)
