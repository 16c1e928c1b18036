"""What was observed in each dated scenario (issue 17, item 3), in the shape of ``RECORD``.

``DATED_RECORD[scenario][case] = {player: observed action label}``: observed actions on
the equilibrium path only, in each case's own labels; a player is left out where the
record does not pin its action down. Sources: ``[S0]`` the op-ed; ``[X1]``... external
facts cited in ``docs/case-model-notes.md``. The record is data for the
prediction-against-record table (``games/idlib/record.py``); nothing here is fitted.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["DATED_RECORD"]


def _freeze(record: dict[str, dict[str, dict[str, str]]]) -> Mapping[str, Mapping[str, Mapping[str, str]]]:
    return MappingProxyType(
        {s: MappingProxyType({c: MappingProxyType(dict(a)) for c, a in cases.items()}) for s, cases in record.items()}
    )


DATED_RECORD: Mapping[str, Mapping[str, Mapping[str, str]]] = _freeze(
    {
        # April 2019: "not expedient now" [S0]; Turkey neither disarms HTS nor (yet) escalates; the S-400
        # deal stands [S0]; the US halts F-35 deliveries and ties the programme to the S-400 [X1].
        "apr2019": {
            "stage": {"Russia": "Restrain", "Turkey": "Hold"},
            "escalation": {"Russia": "Restrain", "Turkey": "Hold"},
            "triangle": {"Russia": "Restrain", "Turkey": "KeepS400", "US": "NoCarrot"},
            "inducement": {"US": "NoCarrot+F35", "Turkey": "KeepS400", "Russia": "Restrain"},
        },
        # October 2019: the S-400 delivered [X3], Turkey out of the F-35 [X1], the Patriot offer expired
        # [C2]; the regime's summer offensive (Khan Shaykhun) continued as limited operations [X7].
        "peace_spring_2019": {
            "stage": {"Russia": "Squeeze"},
            "triangle": {"Russia": "Squeeze", "Turkey": "KeepS400", "US": "NoCarrot"},
            "inducement": {"US": "NoCarrot", "Turkey": "KeepS400", "Russia": "Squeeze"},
        },
        # December 2019 - March 2020: the all-out offensive (Maarat al-Numan, Saraqib) against a Turkey
        # that had taken delivery [X3] [X7]; Turkish arms to rebels, then Spring Shield strikes [X4].
        "winter_2020": {
            "stage": {"Russia": "AllOut", "Turkey": "Arm"},
            "escalation": {"Russia": "AllOut", "Turkey": "Strike"},
            "triangle": {"Russia": "AllOut", "Turkey": "KeepS400", "US": "NoCarrot"},
            "inducement": {"US": "NoCarrot", "Turkey": "KeepS400", "Russia": "AllOut"},
            "resolve": {"Turkey": "Commit", "Russia": "AllOut"},
        },
        # 5 March 2020: the Moscow protocol freezes the front (ceasefire, M4 corridor) [X5].
        "moscow_protocol_2020": {
            "stage": {"Russia": "Restrain", "Turkey": "Hold"},
            "escalation": {"Russia": "Restrain", "Turkey": "Hold"},
            "triangle": {"Russia": "Restrain", "Turkey": "KeepS400", "US": "NoCarrot"},
            "inducement": {"US": "NoCarrot", "Turkey": "KeepS400", "Russia": "Restrain"},
        },
        # 14 December 2020: CAATSA sanctions on the SSB on top of the F-35 exclusion; Turkey keeps the
        # S-400 [X1] [X2].
        "caatsa_2020": {
            "inducement": {"US": "NoCarrot+F35+CAATSA", "Turkey": "KeepS400"},
        },
    }
)
