"""strategy: game-theoretic strategy analysis with certified equilibria and sensitivity analysis.

The public surface, by layer:

* forms: :class:`Player`, :class:`NormalFormGame`, :class:`MixedProfile`,
  :class:`ExtensiveFormGame` (built with :func:`decide`, :func:`chance`, :func:`leaf`),
  :class:`BehaviorProfile`, :class:`BayesianGame`, :class:`SignallingGame`;
* solvers: :func:`solve` and the result types :class:`SolveResult`, :class:`Equilibrium`,
  :class:`Guarantee`; the families in :mod:`strategy.solvers`;
* sensitivity: :class:`Parameter`, :class:`ParameterSpace`, :class:`Values`,
  :class:`ParametricGame`; the analyses in :mod:`strategy.sensitivity`;
* dynamics: :func:`fictitious_play`, :func:`stochastic_fictitious_play`,
  :func:`best_response_dynamics`, :func:`replicator`, :func:`two_population_replicator`,
  :func:`moran_process`, :func:`fixation_probability`, :func:`evolutionarily_stable` and
  :func:`evolutionarily_stable_strategies` (:mod:`strategy.dynamics`);
* io: :func:`read_game`, :func:`write_game`;
* cases: :class:`Case`, :func:`get_case`, :func:`discover_cases`.
"""

from strategy.cases import Case, discover_cases, get_case
from strategy.display import text as _text  # noqa: F401 - registers str() of games and results
from strategy.dynamics import (
    best_response_dynamics,
    evolutionarily_stable,
    evolutionarily_stable_strategies,
    fictitious_play,
    fixation_probability,
    moran_process,
    replicator,
    stochastic_fictitious_play,
    two_population_replicator,
)
from strategy.errors import (
    ConvergenceError,
    InvalidGameError,
    InvalidProfileError,
    SpecError,
    StrategyError,
    UnknownLabelError,
    UnsupportedGameError,
)
from strategy.forms import (
    BayesianGame,
    BehaviorProfile,
    Chance,
    Decision,
    ExtensiveFormGame,
    MixedProfile,
    NormalFormGame,
    Player,
    SignallingGame,
    Terminal,
    chance,
    decide,
    leaf,
)
from strategy.io import read_game, write_game
from strategy.sensitivity import Distribution, Parameter, ParameterSpace, ParametricGame, Values
from strategy.solvers import (
    Concept,
    Elimination,
    Equilibrium,
    Guarantee,
    SolveResult,
    backward_induction,
    dominated_actions,
    eliminate_dominated,
    game_value,
    non_credible,
    perfect_bayesian_equilibria,
    solve,
)

__all__ = [
    "BayesianGame",
    "BehaviorProfile",
    "Case",
    "Chance",
    "Concept",
    "ConvergenceError",
    "Decision",
    "Distribution",
    "Elimination",
    "Equilibrium",
    "ExtensiveFormGame",
    "Guarantee",
    "InvalidGameError",
    "InvalidProfileError",
    "MixedProfile",
    "NormalFormGame",
    "Parameter",
    "ParameterSpace",
    "ParametricGame",
    "Player",
    "SignallingGame",
    "SolveResult",
    "SpecError",
    "StrategyError",
    "Terminal",
    "UnknownLabelError",
    "UnsupportedGameError",
    "Values",
    "backward_induction",
    "best_response_dynamics",
    "chance",
    "decide",
    "discover_cases",
    "dominated_actions",
    "eliminate_dominated",
    "evolutionarily_stable",
    "evolutionarily_stable_strategies",
    "fictitious_play",
    "fixation_probability",
    "game_value",
    "get_case",
    "leaf",
    "moran_process",
    "non_credible",
    "perfect_bayesian_equilibria",
    "read_game",
    "replicator",
    "solve",
    "stochastic_fictitious_play",
    "two_population_replicator",
    "write_game",
]
