"""How conclusions move with the assumptions: parameters, parametric games, analyses.

The analyses live in submodules named after them (``sweep.sweep``,
``thresholds.find_thresholds``, ``regimes.regime_map``, ``montecarlo.stress``,
``variance.sobol_indices``/``morris``, ``tornado.tornado``, ``margin.stability_margin``);
those whose name differs from a submodule are also attributes of this package, imported
lazily on first use, so ``import strategy`` does not load pandas.
"""

from strategy.lazy import lazy_exports
from strategy.sensitivity.parameters import Distribution, Parameter, ParameterSpace, Values
from strategy.sensitivity.parametric import ParametricGame

_LAZY = {
    "SweepResult": "sweep",
    "find_thresholds": "thresholds",
    "Threshold": "thresholds",
    "with_closed_forms": "closed_form",
    "regime_map": "regimes",
    "RegimeMap": "regimes",
    "stress": "montecarlo",
    "StressResult": "montecarlo",
    "wilson_interval": "montecarlo",
    "sobol_indices": "variance",
    "morris": "variance",
    "stability_margin": "margin",
    "regime": "measures",
    "action_probability": "measures",
    "signalling_regime": "measures",
}

__all__ = [
    "Distribution",
    "Parameter",
    "ParameterSpace",
    "ParametricGame",
    "RegimeMap",
    "StressResult",
    "SweepResult",
    "Threshold",
    "Values",
    "action_probability",
    "find_thresholds",
    "morris",
    "regime",
    "regime_map",
    "signalling_regime",
    "sobol_indices",
    "stability_margin",
    "stress",
    "wilson_interval",
    "with_closed_forms",
]

__getattr__, __dir__ = lazy_exports(
    __name__, {name: f"strategy.sensitivity.{module}" for name, module in _LAZY.items()}, __all__
)
