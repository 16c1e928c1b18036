"""How conclusions move with the assumptions: parameters, parametric games, analyses."""

from strategy.sensitivity.parameters import Distribution, Parameter, ParameterSpace, Values
from strategy.sensitivity.parametric import ParametricGame

__all__ = ["Distribution", "Parameter", "ParameterSpace", "ParametricGame", "Values"]
