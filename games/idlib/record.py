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

Further dated scenarios add their entries here in the same shape; the prediction table is
generic over every scenario of ``SCENARIOS`` that has one.
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
    }
)
