"""Learning and evolutionary dynamics: can players learn, or populations evolve, their way
to an equilibrium?

* learning by two players: :func:`fictitious_play` (Brown 1951),
  :func:`stochastic_fictitious_play` (Fudenberg & Kreps 1993), and
  :func:`best_response_dynamics` on pure profiles for any number of players;
* populations: :func:`replicator` (Taylor & Jonker 1978) for a symmetric game,
  :func:`two_population_replicator` for an asymmetric one, and the finite-population
  :func:`moran_process` with its exact :func:`fixation_probability` (Nowak 2006);
* stability: :func:`evolutionarily_stable` and :func:`evolutionarily_stable_strategies`
  (Maynard Smith & Price 1973).

Inputs and outputs are labelled: players and actions come from the
:class:`~strategy.forms.normal.NormalFormGame`, and each run is a :class:`pandas.DataFrame`
(pandas is imported only when a run is made). :func:`strategy.plot.plot_simplex` draws a
three-action trajectory on the simplex.
"""

from strategy.dynamics.best_response import best_response_dynamics
from strategy.dynamics.ess import evolutionarily_stable, evolutionarily_stable_strategies
from strategy.dynamics.fictitious import fictitious_play, stochastic_fictitious_play
from strategy.dynamics.moran import fixation_probability, moran_process
from strategy.dynamics.replicator import replicator, two_population_replicator

__all__ = [
    "best_response_dynamics",
    "evolutionarily_stable",
    "evolutionarily_stable_strategies",
    "fictitious_play",
    "fixation_probability",
    "moran_process",
    "replicator",
    "stochastic_fictitious_play",
    "two_population_replicator",
]
