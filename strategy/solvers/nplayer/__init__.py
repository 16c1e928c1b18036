"""Normal-form games of three or more players: all equilibria by support enumeration
(:mod:`~strategy.solvers.nplayer.enumeration`), simplicial subdivision
(:mod:`~strategy.solvers.nplayer.simpdiv`) and the logit QRE path
(:mod:`~strategy.solvers.nplayer.qre`).

``nplayer_equilibria`` is re-exported here for ``from strategy.solvers.nplayer import
nplayer_equilibria``; it is loaded on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from strategy.lazy import lazy_exports

if TYPE_CHECKING:
    from strategy.solvers.nplayer.enumeration import MAX_SUPPORT_PROFILES, nplayer_equilibria

__all__ = ["MAX_SUPPORT_PROFILES", "nplayer_equilibria"]

__getattr__, __dir__ = lazy_exports(__name__, dict.fromkeys(__all__, "strategy.solvers.nplayer.enumeration"), __all__)
