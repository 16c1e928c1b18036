"""The Idlib 2019 case family: Russia, Turkey and the US over Idlib and the S-400.

Built from the op-ed by Simon Waldman (*The National*, late May/early June 2019; the
seed text is ``oped.txt``) and the case model ``case-model.md``. Ten cases; scenarios
``offensive_2019`` (the default), ``sochi_2018`` and the dated scenarios of
:mod:`games.idlib.scenarios` (``apr2019`` ... ``caatsa_2020``):

========== ==============================================================
stage      Game 1: Russia x Turkey stage game (normal form)
escalation Game 1b: the stage game with a Turkish Strike posture
triangle   Game 2a: Russia x Turkey x US, simultaneous (normal form)
inducement Game 2b: the US offers, Turkey chooses, Russia replies (tree)
timing     Game 2c: the US offers, Russia and Turkey simultaneous (tree)
sochi      Game 3: the Sochi deal and its breakdown (tree)
types      Game 4: unwilling or unable? (signalling game)
resolve    Game 4b: will Turkey waver on the S-400? (signalling game)
bargaining Game 5: bargaining over the buffer zone (bargaining problem)
repeated   Game 6: the stage game repeated (critical discount factors)
========== ==============================================================

Run the whole analysis with ``python -m games.idlib``.
"""

from __future__ import annotations

from games.idlib import bargaining, escalation, repeated, resolve, sochi, stage, triangle, types
from games.idlib.params import SPACE
from games.idlib.scenarios import DEFAULT_SCENARIO, SCENARIOS
from strategy.cases import case_registry

__all__ = ["CASES", "DEFAULT_SCENARIO", "SCENARIOS", "SPACE"]

CASES = case_registry(
    stage.CASE,
    triangle.CASE,
    triangle.INDUCEMENT_CASE,
    triangle.TIMING_CASE,
    sochi.CASE,
    types.CASE,
    resolve.CASE,
    escalation.CASE,
    bargaining.CASE,
    repeated.CASE,
)
