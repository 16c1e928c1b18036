"""Two-player bargaining over a one-dimensional issue: Nash's solution and Rubinstein's game.

Bargaining models are not normal forms, so they have their own small result types
(:class:`BargainingSolution`, :class:`RubinsteinOutcome`); a case whose model is a
bargaining problem gives its :class:`~strategy.cases.Case` a ``solve`` returning them.
"""

from strategy.bargaining.nash import BargainingSolution, Issue, bargaining_range, nash_bargaining
from strategy.bargaining.rubinstein import RubinsteinOutcome, rubinstein

__all__ = ["BargainingSolution", "Issue", "RubinsteinOutcome", "bargaining_range", "nash_bargaining", "rubinstein"]
