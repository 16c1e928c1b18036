"""Infinitely repeated games with discounting: when can a cooperative profile be sustained?

Works from any stage :class:`~strategy.forms.normal.NormalFormGame`: grim trigger with
reversion to a (possibly mixed) stage equilibrium, and k-period stick-and-carrot codes.
"""

from strategy.repeated.critical import (
    CriticalDiscounts,
    DiscountCondition,
    grim_trigger,
    minimum_punishment_length,
    stick_and_carrot,
)

__all__ = ["CriticalDiscounts", "DiscountCondition", "grim_trigger", "minimum_punishment_length", "stick_and_carrot"]
