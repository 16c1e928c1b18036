"""What the parties actually did, per scenario and game, as the op-ed reports it.

``RECORD[scenario][case][player]`` is the action label the player was observed to take on
the path of play, in that case's own labels. A player who moves more than once on the
path (the Sochi tree: Russia offers the Deal, then restrains or squeezes) has its moves
in order, joined by ``", "``. Only observed moves appear: Nature's draw of Turkey's type
(Game 4) and Russia's replies off the path are not observed. A case with no record in a
scenario (Game 5: no new agreement had been bargained when the op-ed was written) is
simply absent, and the prediction table of :mod:`games.idlib.prediction` skips it.

Sources (the seed op-ed, ``oped.txt``):

* September 2018 to spring 2019 (``sochi_2018``): Russia "agreed" to the Sochi deal and
  held the regime back ("By restraining Mr Al Assad in Idlib"); Turkey "has yet to disarm
  or neutralise" HTS; Ankara "reaffirmed its commitment to purchase the S-400"; the US
  only "might" dangle carrots (no offer was made).
* Spring 2019 (``offensive_2019``): "Bashar Al Assad's forces, backed by Russian air
  support, have launched a significant offensive" (a squeeze: 180,000 displaced, not an
  all-out assault); Ankara "has increased its arming of aligned rebel groups"; Turkey
  still keeps the S-400 and has not disarmed HTS; Moscow "is concerned that Turkey is
  either unwilling or unable" (it cannot tell).

The dated scenarios after the op-ed (issue 17: ``apr2019``, ``peace_spring_2019``,
``winter_2020``, ``moscow_protocol_2020``, ``caatsa_2020``) follow in the same shape, each
entry commented with its sources: ``[S0]`` the op-ed; ``[X1]``... external facts cited in
``docs/case-model-notes.md``. A player is left out where the record does not pin its action
down. Nothing here is fitted; the prediction table is generic over every scenario of
``SCENARIOS`` that has an entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["RECORD"]


def _frozen(data: dict[str, dict[str, dict[str, str]]]) -> Mapping[str, Mapping[str, Mapping[str, str]]]:
    return MappingProxyType(
        {s: MappingProxyType({c: MappingProxyType(dict(p)) for c, p in cases.items()}) for s, cases in data.items()}
    )


RECORD: Mapping[str, Mapping[str, Mapping[str, str]]] = _frozen(
    {
        "sochi_2018": {
            "stage": {"Russia": "Restrain", "Turkey": "Hold"},
            "triangle": {"Russia": "Restrain", "Turkey": "KeepS400", "US": "NoCarrot"},
            "inducement": {"US": "NoCarrot", "Turkey": "KeepS400", "Russia": "Restrain"},
            "timing": {"US": "NoCarrot", "Turkey": "KeepS400", "Russia": "Restrain"},
            "sochi": {"Russia": "Deal, Restrain", "Turkey": "Stall, Keep"},
            "types": {"Turkey": "Stall", "Russia": "Restrain"},
            "repeated": {"Russia": "Restrain", "Turkey": "Hold"},
        },
        "offensive_2019": {
            "stage": {"Russia": "Squeeze", "Turkey": "Arm"},
            "triangle": {"Russia": "Squeeze", "Turkey": "KeepS400", "US": "NoCarrot"},
            "inducement": {"US": "NoCarrot", "Turkey": "KeepS400", "Russia": "Squeeze"},
            "timing": {"US": "NoCarrot", "Turkey": "KeepS400", "Russia": "Squeeze"},
            "sochi": {"Russia": "Deal, Squeeze", "Turkey": "Stall, Keep"},
            "types": {"Turkey": "Stall", "Russia": "Squeeze"},
            "repeated": {"Russia": "Squeeze", "Turkey": "Arm"},
        },
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
