"""The two named Idlib scenarios (case model sections 0.5 and 2).

``offensive_2019`` (the default) is spring 2019 as the op-ed reports it: every parameter
at its registry default. ``sochi_2018`` is September 2018: goodwill from restraint still
unbanked (``goodwill_value = 3``) and a weaker HTS threat (``hts_threat = 3``); nothing
else changes. "What changed?" is then a question about which of these shifts flips the
equilibrium.
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = ["DEFAULT_SCENARIO", "SCENARIOS"]

DEFAULT_SCENARIO = "offensive_2019"

SCENARIOS = MappingProxyType(
    {
        "offensive_2019": MappingProxyType({}),
        "sochi_2018": MappingProxyType({"goodwill_value": 3.0, "hts_threat": 3.0}),
    }
)
