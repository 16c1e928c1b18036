"""The model protocol of the sensitivity analyses, and batched evaluation.

A *model* is either

* a :class:`~strategy.sensitivity.parametric.ParametricGame` -- anything with ``.space``
  (a ParameterSpace), ``.players`` and ``.payoff_array(values)`` returning
  ``(*batch, n_players, *actions)``: the whole batch is evaluated in one call; or
* a :class:`~strategy.cases.Case` whose ``build(values)`` returns a
  :class:`~strategy.forms.normal.NormalFormGame` for scalar values: it is called once
  per point (a loop, slower) and the payoff arrays are stacked -- unless ``build`` is the
  bound method ``ParametricGame.game`` (as for TOML files), which is then used batched;
* a Case whose ``build`` returns a perfect-information tree (regimes are SPE paths) or a
  :class:`~strategy.forms.bayesian.SignallingGame` (regimes are the kinds of its perfect
  Bayesian equilibria: pooling / separating / semi-separating, see
  :func:`strategy.sensitivity.measures.signalling_regime`); both are built and solved point by point.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from strategy.errors import InvalidGameError, UnsupportedGameError
from strategy.forms.normal import NormalFormGame
from strategy.numbers import DEFAULT_TOL
from strategy.sensitivity.parameters import ParameterSpace, Values
from strategy.solvers.bimatrix.batch import BatchEquilibria, solve_batch

__all__ = ["counts_at", "evaluate", "model_space", "solve_points"]


def model_space(model: Any) -> ParameterSpace:
    """The parameter space of `model`."""
    space = getattr(model, "space", None)
    if not isinstance(space, ParameterSpace):
        raise UnsupportedGameError(f"a {type(model).__name__} is not a model: it needs a .space ParameterSpace")
    return space


def base_values(model: Any, base: Mapping[str, Any] | None = None, scenario: str | None = None) -> Values:
    """Defaults (then the scenario of a Case), then `base`."""
    if scenario is not None or hasattr(model, "scenarios"):
        return model.values(scenario, base)
    return model_space(model).values(base)


def evaluate(model: Any, values: Values) -> tuple[np.ndarray, tuple]:
    """Payoff array ``(B, n, *actions)`` of the flattened batch of `values`, and the players."""
    shape = values.batch_shape
    flat = Values(
        {k: (np.broadcast_to(np.asarray(v, dtype=float), shape).reshape(-1) if shape else v) for k, v in values.items()}
    )
    model = parametric_of(model)
    if hasattr(model, "payoff_array"):
        arr = model.payoff_array(flat)
        if not shape:
            arr = arr[None]
        return arr, model.players
    build = getattr(model, "build", None)
    if build is None:
        raise UnsupportedGameError(f"a {type(model).__name__} has neither payoff_array nor build")
    size = int(np.prod(shape, dtype=np.int64)) if shape else 1
    arrays, players = [], None
    for k in range(size):
        point = Values({n: (float(np.asarray(v).reshape(-1)[k]) if shape else v) for n, v in flat.items()})
        game = build(point)
        if not isinstance(game, NormalFormGame):
            raise UnsupportedGameError(
                f"this analysis needs normal-form games, but build() returned a {type(game).__name__}; "
                "sweep, regime_map, find_thresholds and stress also accept perfect-information trees (regimes are "
                "SPE paths) and signalling games (regimes are the kinds of PBE); for tornado charts and Sobol/Morris "
                "indices return to_normal_form(tree)[0] from build()"
            )
        arrays.append(game.payoffs)
        players = game.players
    if players is None:
        raise InvalidGameError("no points to evaluate")
    return np.stack(arrays), players


def parametric_of(model: Any) -> Any:
    """The ParametricGame behind `model`: itself, or a Case whose ``build`` is ``ParametricGame.game``."""
    if hasattr(model, "payoff_array"):
        return model
    owner = getattr(getattr(model, "build", None), "__self__", None)
    return owner if hasattr(owner, "payoff_array") else model


def solve_points(model: Any, values: Values, *, tol: float = DEFAULT_TOL) -> BatchEquilibria:
    """Solve the game at every point of `values` (all equilibria for two players)."""
    arr, players = evaluate(model, values)
    return solve_batch(arr, players, tol=tol)


def labels_at(model: Any, values: Values, select: str = "all", *, tol: float = DEFAULT_TOL) -> np.ndarray:
    """Regime label at every point of `values` (shape ``values.batch_shape``).

    Normal-form models: :func:`strategy.sensitivity.measures.regimes` of the batched
    equilibria. Tree models (a Case whose ``build`` returns a perfect-information
    ExtensiveFormGame): the games are built point by point, flattened, and solved together by
    :func:`strategy.solvers.trees.backward_induction.backward_induction_batch`; the label is the
    SPE path (``BatchSPE.regimes``: on-path moves joined by ``|``, ``"tie: "`` prefix when
    the SPE is not unique).
    """
    from strategy.sensitivity.measures import regimes

    if _is_tree_model(model):
        return _tree_labels(model, values, tol)
    if _is_signalling_model(model):
        return _signalling_labels(model, values, tol)
    return regimes(solve_points(model, values, tol=tol), select)


def _default_game(model: Any) -> Any:
    """The model's game at its default values when it is built point by point (a Case or
    model with ``build``), else None (parametric normal forms are evaluated as arrays)."""
    if hasattr(parametric_of(model), "payoff_array") or not hasattr(model, "build"):
        return None
    return model.build(model.values() if hasattr(model, "values") else model.space.defaults())


def _is_signalling_model(model: Any) -> bool:
    from strategy.forms.bayesian import SignallingGame

    return isinstance(_default_game(model), SignallingGame)


def _points(model: Any, values: Values) -> Iterator[Any]:
    """The model's game at each point of `values`, in C order of ``values.batch_shape``."""
    shape = values.batch_shape
    size = int(np.prod(shape, dtype=np.int64)) if shape else 1
    flat = {k: np.broadcast_to(np.asarray(v, dtype=float), shape).reshape(-1) for k, v in values.items()}
    for k in range(size):
        yield model.build(Values({n: float(v[k]) for n, v in flat.items()}))


def _signalling_labels(model: Any, values: Values, tol: float) -> np.ndarray:
    """Per point: build the SignallingGame, find all PBE, label by :func:`signalling_regime`."""
    from strategy.sensitivity.measures import signalling_regime
    from strategy.solvers.signalling.enumeration import perfect_bayesian_equilibria

    labels = [signalling_regime(perfect_bayesian_equilibria(game, tol=tol)) for game in _points(model, values)]
    out = np.empty(len(labels), dtype=object)
    out[:] = labels
    return out.reshape(values.batch_shape)


def counts_at(model: Any, values: Values, select: str = "all", *, tol: float = DEFAULT_TOL) -> Counter[str]:
    """How many points of `values` fall in each regime: ``Counter(labels_at(...).flat)``.

    Normal-form models are counted by :func:`strategy.sensitivity.measures.regime_counts`,
    which builds one label per regime rather than one per point.
    """
    from strategy.sensitivity.measures import regime_counts

    if labelled_by_point(model):
        return Counter(labels_at(model, values, tol=tol).reshape(-1).tolist())
    return regime_counts(solve_points(model, values, tol=tol), select)


def labelled_by_point(model: Any) -> bool:
    """Whether the model's games are labelled one point at a time (trees by their SPE path,
    signalling games by the kind of their PBE) rather than solved as a batch of matrices."""
    return _is_tree_model(model) or _is_signalling_model(model)


def _is_tree_model(model: Any) -> bool:
    from strategy.forms.extensive import ExtensiveFormGame

    return isinstance(_default_game(model), ExtensiveFormGame)


def _tree_labels(model: Any, values: Values, tol: float) -> np.ndarray:
    from strategy.solvers.trees.backward_induction import FlatTree, backward_induction_batch

    shape = values.batch_shape
    tree, leaves = None, []
    for game in _points(model, values):
        t, pay = FlatTree.from_game(game)
        if tree is None:
            tree = t
        elif t.n_nodes != tree.n_nodes:
            raise UnsupportedGameError("the tree's shape changes with the parameters; batched analysis needs one shape")
        leaves.append(pay)
    if tree is None:
        raise ValueError("no parameter values to analyse: the batch is empty")
    result = backward_induction_batch(tree, np.stack(leaves), tol=tol)
    return np.array(result.regimes(), dtype=object).reshape(shape)
