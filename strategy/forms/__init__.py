"""How a game is written down: players, normal-form games, profiles (no algorithms here)."""

from strategy.forms.normal import NormalFormGame
from strategy.forms.players import Player
from strategy.forms.profiles import MixedProfile

__all__ = ["MixedProfile", "NormalFormGame", "Player"]
