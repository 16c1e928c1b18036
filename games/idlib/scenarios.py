"""The named Idlib scenarios (case model sections 0.5 and 2; dated scenarios of issue 17).

``offensive_2019`` (the default) is spring 2019 as the op-ed reports it: every parameter
at its registry default. ``sochi_2018`` is September 2018: goodwill from restraint still
unbanked (``goodwill_value = 3``) and a weaker HTS threat (``hts_threat = 3``).

The dated scenarios follow the record after the op-ed: ``apr2019`` (Putin's "not
expedient now"), ``peace_spring_2019`` (October 2019), ``winter_2020`` (the offensive of
December 2019 - March 2020, the Balyun strike and Operation Spring Shield),
``moscow_protocol_2020`` (the ceasefire of 5 March 2020) and ``caatsa_2020`` (the US
sanctions of 14 December 2020). Each moves only the parameters its dated facts touch;
:data:`SCENARIO_NOTES` gives, per scenario, its date, a one-line justification, and per
moved parameter the reason and the source (``[S0]`` the op-ed; ``[X1]``... external facts
cited in ``docs/case-model-notes.md``). The sizes are assumptions like every payoff; a
scenario whose prediction misses the record is a finding, not a bug to tune away
(``games/idlib/record.py`` holds what was observed).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["DEFAULT_SCENARIO", "SCENARIOS", "SCENARIO_NOTES", "ScenarioNote", "Shift"]

DEFAULT_SCENARIO = "offensive_2019"


@dataclass(frozen=True)
class Shift:
    """One parameter moved by a scenario: its value, why, and the source tags."""

    value: float
    reason: str
    source: str


@dataclass(frozen=True)
class ScenarioNote:
    """A scenario's date, one-line justification and parameter shifts."""

    date: str
    summary: str
    shifts: Mapping[str, Shift]


_AFTER_DELIVERY = {
    "goodwill_value": Shift(0.0, "the S-400 is delivered: restraint no longer buys it", "[X3] A"),
    "f35_exclusion_cost": Shift(0.0, "Turkey is already out of the F-35 programme: nothing left to threaten", "[X1]"),
    "switch_cost": Shift(3.0, "a delivered system makes reneging dearer (top of the range)", "[X3] A"),
    "waver_prob": Shift(0.2, "a Turkey that took delivery is less likely to waver", "[X3] A"),
}

SCENARIO_NOTES: Mapping[str, ScenarioNote] = MappingProxyType(
    {
        "offensive_2019": ScenarioNote(
            "May 2019", "the op-ed's present: the regime offensive with Russian air support", MappingProxyType({})
        ),
        "sochi_2018": ScenarioNote(
            "September 2018",
            "the Sochi memorandum: goodwill from restraint unbanked, HTS weaker",
            MappingProxyType(
                {
                    "goodwill_value": Shift(3.0, "restraint still wins goodwill from Ankara", "[S0] A"),
                    "hts_threat": Shift(3.0, "HTS had not yet frustrated Russia", "[S0] A"),
                }
            ),
        ),
        "apr2019": ScenarioNote(
            "April 2019",
            'Putin: an assault is "not expedient now"; the S-400 not yet delivered, the F-35 stick threatened',
            MappingProxyType(
                {
                    "goodwill_value": Shift(
                        2.0,
                        "restraint still protects the pending S-400 delivery (between 2018's 3 and May's 0.5)",
                        "[S0] A",
                    ),
                }
            ),
        ),
        "peace_spring_2019": ScenarioNote(
            "October 2019",
            "Operation Peace Spring: the US steps aside from the SDF; the S-400 delivered, Turkey out of the F-35",
            MappingProxyType(
                {
                    **_AFTER_DELIVERY,
                    "sdf_betrayal_cost": Shift(
                        0.5, "the US withdrew from the border ahead of the operation (bottom of the range)", "[X6] A"
                    ),
                }
            ),
        ),
        "winter_2020": ScenarioNote(
            "December 2019 - March 2020",
            "the winter offensive against a loyal Turkey, the Balyun strike, Operation Spring Shield",
            MappingProxyType(
                {
                    **_AFTER_DELIVERY,
                    "leverage_loss": Shift(
                        0.3, "with the S-400 delivered, playing the trump card forfeits less of the alignment", "[X3] A"
                    ),
                    "hts_threat": Shift(8.0, "HTS entrenched, Sochi's disarmament never happened", "[S0] [X5] A"),
                    "strike_effect": Shift(0.3, "Turkish drones and artillery struck regime forces directly", "[X4] A"),
                }
            ),
        ),
        "moscow_protocol_2020": ScenarioNote(
            "5 March 2020",
            "the Moscow protocol: ceasefire on the lines reached, M4 corridor and joint patrols",
            MappingProxyType(
                {
                    **_AFTER_DELIVERY,
                    "hts_threat": Shift(8.0, "as in winter 2020", "[X5] A"),
                    "strike_effect": Shift(0.3, "Spring Shield showed what Turkish strikes do", "[X4] A"),
                    "assault_cost": Shift(4.0, "Spring Shield raised the cost of each further advance", "[X4] A"),
                }
            ),
        ),
        "caatsa_2020": ScenarioNote(
            "14 December 2020",
            "the US imposes CAATSA sanctions on Turkey's defence procurement agency",
            MappingProxyType(
                {
                    **_AFTER_DELIVERY,
                    "caatsa_cost": Shift(3.0, "sanctions on the procurement agency (SSB) and its head", "[X2] A"),
                }
            ),
        ),
    }
)

SCENARIOS: Mapping[str, Mapping[str, float]] = MappingProxyType(
    {name: MappingProxyType({k: s.value for k, s in note.shifts.items()}) for name, note in SCENARIO_NOTES.items()}
)
"""Scenario name -> parameter overrides (what ``--scenario`` and ``strategy cases`` read)."""
