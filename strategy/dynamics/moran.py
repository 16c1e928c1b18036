r"""The Moran process: a finite population under frequency-dependent selection.

A population of :math:`N` individuals, each of one type (an action of a symmetric game),
plays every other individual once; individual :math:`k`'s fitness is its total payoff
:math:`\sum_{l \ne k} A_{t_k t_l}`. Each step one individual is chosen to reproduce with
probability proportional to fitness and one (possibly the same) to die uniformly at random;
the offspring replaces the dead (if every fitness is zero the parent is drawn uniformly,
as in nashpy). The run ends when one type has taken over (fixation).
Moran (1958); Nowak, Sasaki, Taylor & Fudenberg (2004); Nowak (2006), *Evolutionary
Dynamics*, ch. 6.

With :math:`i` mutants of type *m* among residents of type *r*, the fitnesses are
:math:`f_i = a(i-1) + b(N-i)` and :math:`g_i = c\,i + d(N-i-1)` with
:math:`a = A_{mm}, b = A_{mr}, c = A_{rm}, d = A_{rr}`, and one mutant fixes with probability

.. math:: \rho = \Big(1 + \sum_{k=1}^{N-1} \prod_{j=1}^{k} g_j / f_j\Big)^{-1}

(Nowak 2006, eq. 6.13); :math:`\rho = 1/N` under neutral selection.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from strategy.dynamics._games import Seed, randint, random_state, symmetric_matrix
from strategy.errors import InvalidGameError, UnsupportedGameError
from strategy.forms.normal import NormalFormGame

__all__ = ["fixation_probability", "moran_process"]


def _fitness_matrix(game: NormalFormGame, what: str, *, strict: bool) -> np.ndarray:
    a = symmetric_matrix(game, what)
    if np.min(a) < 0 or (strict and np.min(a) <= 0):
        sign = "positive" if strict else "non-negative"
        raise UnsupportedGameError(
            f"{what} selects parents in proportion to payoffs, so every payoff must be {sign}; the smallest "
            f"is {np.min(a):g} (add a constant to all payoffs, which also weakens selection)"
        )
    return a


def _population(actions: Sequence[str], given: Sequence[str] | Mapping[str, int]) -> list[int]:
    if isinstance(given, Mapping):
        labels = [action for action, count in given.items() for _ in range(int(count))]
        if any(int(c) != c or c < 0 for c in given.values()):
            raise InvalidGameError(f"the population counts must be non-negative integers; got {dict(given)}")
    elif isinstance(given, str):
        raise InvalidGameError("the initial population is a sequence of action labels, one per individual")
    else:
        labels = list(given)
    unknown = [a for a in labels if a not in actions]
    if unknown:
        raise InvalidGameError(f"unknown type {unknown[0]!r} in the population; the types are {', '.join(actions)}")
    if len(labels) < 2:
        raise InvalidGameError(f"the population needs at least two individuals; got {len(labels)}")
    return [list(actions).index(a) for a in labels]


def moran_process(
    game: NormalFormGame,
    initial_population: Sequence[str] | Mapping[str, int],
    *,
    rng: Seed = None,
    seed: Seed = None,
    max_steps: int = 1_000_000,
) -> Any:
    """Run the Moran process until fixation; return the count of each type per generation.

    `initial_population` lists one action label per individual (positions matter for the
    random draws, as in nashpy) or maps labels to counts. Returns a
    :class:`pandas.DataFrame` indexed by ``generation`` (0 is the start) with one column per
    action; its last row has a single non-zero count. Follows ``nashpy.Game.moran_process``
    draw for draw with the same seed (see :data:`strategy.dynamics._games.Seed`).
    """
    import pandas as pd

    a = _fitness_matrix(game, "the Moran process", strict=False)
    actions = game.players[0].actions
    population = np.array(_population(actions, initial_population))
    n = len(population)
    draw = random_state(rng, seed)
    history = [np.bincount(population, minlength=len(actions))]
    while len(set(population.tolist())) != 1:
        if len(history) > max_steps:
            from strategy.errors import ConvergenceError

            raise ConvergenceError(f"no fixation after {max_steps} steps; raise max_steps")
        meetings = a[np.ix_(population, population)]
        np.fill_diagonal(meetings, 0.0)  # nobody plays themself
        scores = meetings.sum(axis=1)
        total = np.sum(scores)  # all zero: nashpy then picks the parent uniformly
        birth = int(draw.choice(range(n), p=scores / total) if total > 0 else draw.choice(range(n)))
        death = randint(draw, n)
        population = population.copy()
        population[death] = population[birth]
        history.append(np.bincount(population, minlength=len(actions)))
    frame = pd.DataFrame(np.array(history), columns=pd.Index(actions, name="action"))
    frame.index.name = "generation"
    return frame


def fixation_probability(game: NormalFormGame, mutant: str, resident: str, population_size: int) -> Fraction | float:
    """The probability that one `mutant` among ``population_size - 1`` `resident` individuals
    takes over (exact when the game is exact).

    Examples
    --------
    >>> from strategy import NormalFormGame
    >>> neutral = NormalFormGame.from_bimatrix([[1, 1], [1, 1]], [[1, 1], [1, 1]], actions=(("A", "B"), ("A", "B")))
    >>> fixation_probability(neutral, "A", "B", 10)
    Fraction(1, 10)
    """
    _fitness_matrix(game, "the fixation probability", strict=True)
    actions = game.players[0]
    m, r = actions.index(mutant), actions.index(resident)
    if m == r:
        raise InvalidGameError("the mutant and the resident must be different types")
    if isinstance(population_size, bool) or not isinstance(population_size, int) or population_size < 2:
        raise InvalidGameError(f"population_size must be an integer of at least 2; got {population_size!r}")
    values = game.values[0]
    a, b, c, d = values[m, m], values[m, r], values[r, m], values[r, r]
    size = population_size
    if game.exact:  # exact rational arithmetic on the exact payoffs
        total: Fraction = Fraction(1)
        product = Fraction(1)
        for j in range(1, size):
            product *= Fraction(c * j + d * (size - j - 1)) / Fraction(a * (j - 1) + b * (size - j))
            total += product
        return 1 / total
    total_f, product_f = 1.0, 1.0
    for j in range(1, size):
        product_f *= float(c * j + d * (size - j - 1)) / float(a * (j - 1) + b * (size - j))
        total_f += product_f
    return 1.0 / total_f
