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

Every name but the errors is loaded on first use (module ``__getattr__``, as SciPy does):
``import strategy`` loads no solver, SciPy submodule, pandas or sympy until asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from strategy.errors import (
    ConvergenceError,
    InvalidGameError,
    InvalidProfileError,
    SpecError,
    StrategyError,
    UnknownLabelError,
    UnsupportedGameError,
)
from strategy.lazy import lazy_exports

if TYPE_CHECKING:
    from strategy.cases import Case, discover_cases, get_case
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
    from strategy.forms.bayesian import BayesianGame, SignallingGame
    from strategy.forms.behavior import BehaviorProfile
    from strategy.forms.extensive import Chance, Decision, ExtensiveFormGame, Terminal, chance, decide, leaf
    from strategy.forms.normal import NormalFormGame
    from strategy.forms.players import Player
    from strategy.forms.profiles import MixedProfile
    from strategy.io import read_game, write_game
    from strategy.sensitivity.parameters import Distribution, Parameter, ParameterSpace, Values
    from strategy.sensitivity.parametric import ParametricGame
    from strategy.solvers.bimatrix.zero_sum import game_value
    from strategy.solvers.dispatch import solve
    from strategy.solvers.dominance import Elimination, dominated_actions, eliminate_dominated
    from strategy.solvers.result import Concept, Equilibrium, Guarantee, SolveResult
    from strategy.solvers.signalling.enumeration import perfect_bayesian_equilibria
    from strategy.solvers.trees.backward_induction import backward_induction
    from strategy.solvers.trees.sequential import non_credible

_LAZY = {
    "BayesianGame": "strategy.forms.bayesian",
    "BehaviorProfile": "strategy.forms.behavior",
    "Case": "strategy.cases",
    "Chance": "strategy.forms.extensive",
    "Concept": "strategy.solvers.result",
    "Decision": "strategy.forms.extensive",
    "Distribution": "strategy.sensitivity.parameters",
    "Elimination": "strategy.solvers.dominance",
    "Equilibrium": "strategy.solvers.result",
    "ExtensiveFormGame": "strategy.forms.extensive",
    "Guarantee": "strategy.solvers.result",
    "MixedProfile": "strategy.forms.profiles",
    "NormalFormGame": "strategy.forms.normal",
    "Parameter": "strategy.sensitivity.parameters",
    "ParameterSpace": "strategy.sensitivity.parameters",
    "ParametricGame": "strategy.sensitivity.parametric",
    "Player": "strategy.forms.players",
    "SignallingGame": "strategy.forms.bayesian",
    "SolveResult": "strategy.solvers.result",
    "Terminal": "strategy.forms.extensive",
    "Values": "strategy.sensitivity.parameters",
    "backward_induction": "strategy.solvers.trees.backward_induction",
    "best_response_dynamics": "strategy.dynamics",
    "evolutionarily_stable": "strategy.dynamics",
    "evolutionarily_stable_strategies": "strategy.dynamics",
    "fictitious_play": "strategy.dynamics",
    "fixation_probability": "strategy.dynamics",
    "moran_process": "strategy.dynamics",
    "replicator": "strategy.dynamics",
    "stochastic_fictitious_play": "strategy.dynamics",
    "two_population_replicator": "strategy.dynamics",
    "chance": "strategy.forms.extensive",
    "decide": "strategy.forms.extensive",
    "discover_cases": "strategy.cases",
    "dominated_actions": "strategy.solvers.dominance",
    "eliminate_dominated": "strategy.solvers.dominance",
    "game_value": "strategy.solvers.bimatrix.zero_sum",
    "get_case": "strategy.cases",
    "leaf": "strategy.forms.extensive",
    "non_credible": "strategy.solvers.trees.sequential",
    "perfect_bayesian_equilibria": "strategy.solvers.signalling.enumeration",
    "read_game": "strategy.io",
    "solve": "strategy.solvers.dispatch",
    "write_game": "strategy.io",
}
"""Public name -> the module that defines it."""

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

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__)
