"""How a game is written down: players, normal-form games, trees, Bayesian games, profiles (no algorithms here)."""

from strategy.forms.bayesian import BayesianGame, SignallingGame, ex_ante_normal_form, signalling_tree
from strategy.forms.behavior import BehaviorProfile
from strategy.forms.extensive import Chance, Decision, ExtensiveFormGame, Terminal, chance, decide, leaf
from strategy.forms.normal import NormalFormGame
from strategy.forms.players import Player
from strategy.forms.profiles import MixedProfile

__all__ = [
    "BayesianGame",
    "BehaviorProfile",
    "Chance",
    "Decision",
    "ExtensiveFormGame",
    "MixedProfile",
    "NormalFormGame",
    "Player",
    "SignallingGame",
    "Terminal",
    "chance",
    "decide",
    "ex_ante_normal_form",
    "leaf",
    "signalling_tree",
]
