"""Registered cases: parametric games with named scenarios, found through entry points.

A package declares its cases in its ``pyproject.toml``::

    [project.entry-points."strategy.cases"]
    idlib = "games.idlib:CASES"

where ``CASES`` maps each case's name to the :class:`Case` (:func:`case_registry` builds
it). The command line addresses them as ``idlib.stage`` (entry-point name, dot, case
name). ``strategy`` itself never imports ``games``: it reads the entry points.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from types import MappingProxyType
from typing import Any

from strategy.errors import StrategyError, UnknownLabelError
from strategy.sensitivity.parameters import ParameterSpace, Values

__all__ = ["Case", "case_registry", "discover_cases", "get_case"]


@dataclass(frozen=True)
class Case:
    """A parametric game with its parameter space and named scenarios.

    Parameters
    ----------
    name : str
        Short name within its family (``"stage"``).
    title : str
        One line for listings.
    build : callable
        ``build(values) -> game``; written with array expressions, so that on array values
        it returns a batch where the game kind supports one.
    space : ParameterSpace
        Every parameter with default, range and provenance.
    scenarios : mapping
        Scenario name -> parameter overrides (on top of the defaults).
    default_scenario : str or None
        The scenario used when none is named.
    solve : callable or None
        ``solve(game) -> SolveResult`` with the concept the case is about (for example
        subgame perfection); ``None`` uses :func:`strategy.solve`.
    """

    name: str
    title: str
    build: Callable[[Values], Any]
    space: ParameterSpace
    scenarios: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    default_scenario: str | None = None
    description: str = ""
    solve: Callable[[Any], Any] | None = None
    family: str = ""

    def values(self, scenario: str | None = None, overrides: Mapping[str, Any] | None = None) -> Values:
        """Defaults, then the scenario's overrides, then `overrides`."""
        chosen = scenario if scenario is not None else self.default_scenario
        merged: dict[str, Any] = {}
        if chosen is not None:
            if chosen not in self.scenarios:
                raise UnknownLabelError("scenario", chosen, self.scenarios, f"of case {self.qualified_name!r}")
            merged.update(self.scenarios[chosen])
        merged.update(overrides or {})
        return self.space.values(merged)

    def game(self, scenario: str | None = None, overrides: Mapping[str, Any] | None = None) -> Any:
        """Build the game for a scenario with optional overrides."""
        return self.build(self.values(scenario, overrides))

    @property
    def qualified_name(self) -> str:
        """``family.name`` as used on the command line."""
        return f"{self.family}.{self.name}" if self.family else self.name


def case_registry(*cases: Case) -> Mapping[str, Case]:
    """A family's ``CASES``: each case under its own name, in the order given (a reading order).

    Keying by :attr:`Case.name` keeps the name on the command line (``family.name``) and
    the case's :attr:`Case.qualified_name` the same.

    Raises
    ------
    StrategyError
        If two cases share a name.
    """
    registry: dict[str, Case] = {}
    for case in cases:
        if case.name in registry:
            raise StrategyError(f"two cases are named {case.name!r}; a family's case names must be distinct")
        registry[case.name] = case
    return MappingProxyType(registry)


def discover_cases() -> Mapping[str, Case]:
    """Return every registered case by qualified name (``family.name``).

    Families come in name order; a family's cases keep the order of its registry, which is
    the order a report presents them in.
    """
    found: dict[str, Case] = {}
    for ep in entry_points(group="strategy.cases"):
        try:
            cases = ep.load()
        except (ImportError, AttributeError) as err:
            raise StrategyError(
                f"the case family {ep.name!r} ({ep.value}) failed to load: {err}; reinstall the package that provides it"
            ) from None
        for short, case in dict(cases).items():
            qualified = f"{ep.name}.{short}"
            found[qualified] = case if case.family else _with_family(case, ep.name)
    # families in name order; within a family the order of its registry (a reading order)
    return MappingProxyType(dict(sorted(found.items(), key=lambda item: item[0].split(".", 1)[0])))


def _with_family(case: Case, family: str) -> Case:
    from dataclasses import replace

    return replace(case, family=family)


def get_case(name: str) -> Case:
    """Return the case registered as `name` (``family.name``, or a family with one case)."""
    cases = discover_cases()
    if name in cases:
        return cases[name]
    family = [c for key, c in cases.items() if key.split(".", 1)[0] == name]
    if len(family) == 1:
        return family[0]
    raise UnknownLabelError("case", name, cases)
