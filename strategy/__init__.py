"""strategy: game-theoretic strategy analysis with certified equilibria and sensitivity analysis.

The public surface, by layer:

* forms: :class:`Player`, :class:`NormalFormGame`, :class:`MixedProfile`;
* solvers: :func:`solve` and the result types :class:`SolveResult`, :class:`Equilibrium`,
  :class:`Guarantee`;
* sensitivity: :class:`Parameter`, :class:`ParameterSpace`, :class:`Values`,
  :class:`ParametricGame`;
* cases: :class:`Case`, :func:`get_case`, :func:`discover_cases`.
"""

from strategy.cases import Case, discover_cases, get_case
from strategy.errors import (
    ConvergenceError,
    InvalidGameError,
    InvalidProfileError,
    SpecError,
    StrategyError,
    UnknownLabelError,
    UnsupportedGameError,
)
from strategy.forms import MixedProfile, NormalFormGame, Player
from strategy.sensitivity import Distribution, Parameter, ParameterSpace, ParametricGame, Values
from strategy.solvers import (
    Concept,
    Elimination,
    Equilibrium,
    Guarantee,
    SolveResult,
    dominated_actions,
    eliminate_dominated,
    game_value,
    solve,
)

__all__ = [
    "Case",
    "Concept",
    "ConvergenceError",
    "Distribution",
    "Elimination",
    "Equilibrium",
    "Guarantee",
    "InvalidGameError",
    "InvalidProfileError",
    "MixedProfile",
    "NormalFormGame",
    "Parameter",
    "ParameterSpace",
    "ParametricGame",
    "Player",
    "SolveResult",
    "SpecError",
    "StrategyError",
    "UnknownLabelError",
    "UnsupportedGameError",
    "Values",
    "discover_cases",
    "dominated_actions",
    "eliminate_dominated",
    "game_value",
    "get_case",
    "solve",
]
