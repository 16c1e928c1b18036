"""The case families' registries: each case under its own name, the shared parts shared."""

import pytest

from games.classics import CASES as CLASSICS
from games.idlib import CASES as IDLIB
from games.idlib.params import SPACE
from games.idlib.scenarios import DEFAULT_SCENARIO, SCENARIOS
from strategy.cases import case_registry
from strategy.errors import StrategyError


@pytest.mark.parametrize("cases", [CLASSICS, IDLIB], ids=["classics", "idlib"])
def test_every_case_is_registered_under_its_own_name(cases):
    assert list(cases) == [case.name for case in cases.values()]
    with pytest.raises(TypeError):
        cases["extra"] = next(iter(cases.values()))


def test_every_idlib_case_shares_the_registry_and_the_scenarios():
    for case in IDLIB.values():
        assert case.space is SPACE
        assert case.scenarios is SCENARIOS
        assert case.default_scenario == DEFAULT_SCENARIO
        assert case.description.strip(), case.name


def test_every_classic_names_its_family():
    assert {case.qualified_name for case in CLASSICS.values()} == {f"classics.{name}" for name in CLASSICS}


def test_a_name_used_twice_is_refused():
    stage = IDLIB["stage"]
    with pytest.raises(StrategyError, match="two cases are named 'stage'"):
        case_registry(stage, IDLIB["types"], stage)
