"""The dated Idlib scenarios (issue 17, item 3): notes, record labels, every scenario solves."""

import pytest

from games.idlib import CASES, SCENARIOS
from games.idlib.record import RECORD
from games.idlib.scenarios import SCENARIO_NOTES
from strategy import SignallingGame, solve
from strategy.forms.extensive import Decision, ExtensiveFormGame
from strategy.forms.normal import NormalFormGame

DATED = ("apr2019", "peace_spring_2019", "winter_2020", "moscow_protocol_2020", "caatsa_2020")


def test_every_dated_scenario_is_registered_with_notes_and_sources():
    for name in DATED:
        assert name in SCENARIOS
        note = SCENARIO_NOTES[name]
        assert note.date
        assert note.summary
        assert dict(SCENARIOS[name]) == {k: s.value for k, s in note.shifts.items()}
        for param, shift in note.shifts.items():
            assert param in CASES["stage"].space.names
            assert shift.reason
            assert shift.source.startswith("[")
    for case in CASES.values():
        assert set(DATED) <= set(case.scenarios)


def test_external_sources_are_cited_in_the_notes():
    from pathlib import Path

    notes = (Path(__file__).resolve().parents[2] / "docs" / "case-model-notes.md").read_text(encoding="utf-8")
    tags = {t for note in SCENARIO_NOTES.values() for s in note.shifts.values() for t in s.source.split()}
    for tag in sorted(t for t in tags if t.startswith("[X")):
        assert f"- {tag}" in notes, tag
    for p in CASES["stage"].space:
        for tag in p.source.split():
            if tag.startswith("[X"):
                assert f"- {tag}" in notes, (p.name, tag)


def _actions(game):
    if isinstance(game, NormalFormGame):
        return {p.name: set(p.actions) for p in game.players}
    if isinstance(game, SignallingGame):
        return {game.sender: set(game.messages), game.receiver: set(game.actions)}
    assert isinstance(game, ExtensiveFormGame)
    out: dict[str, set] = {}
    for node in game.nodes:
        if isinstance(node, Decision):
            out.setdefault(node.player, set()).update(node.moves)
    return out


def test_record_labels_are_actions_of_the_cases():
    for scenario, cases in RECORD.items():
        assert scenario in SCENARIOS
        for name, observed in cases.items():
            actions = _actions(CASES[name].game(scenario))
            for player, moves in observed.items():
                for label in moves.split(", "):  # a player moving twice on the path: moves in order
                    assert label in actions[player], (scenario, name, player, label)


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
@pytest.mark.parametrize("name", sorted(CASES))
def test_every_scenario_solves_under_every_concept(name, scenario):
    case = CASES[name]
    game = case.game(scenario)
    result = (case.solve or solve)(game)
    assert result is not None
    if hasattr(result, "equilibria"):
        assert result.equilibria, (name, scenario)
        assert all(e.max_regret <= 1e-6 for e in result.equilibria)
    if isinstance(game, SignallingGame):
        assert solve(game, concept="nash").equilibria
    if isinstance(game, ExtensiveFormGame) and name == "sochi":
        assert solve(game, concept="nash").equilibria
