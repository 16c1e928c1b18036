r"""Games of incomplete information: Bayesian games and signalling games.

A **Bayesian game** (Harsanyi 1967-68) has players :math:`i`, finite type sets
:math:`T_i`, a common prior :math:`\pi` on :math:`T = \prod_i T_i`, finite actions
:math:`A_i` and payoffs :math:`u_i(t, a)`. A player with one type is an ordinary player.

A **signalling game** has a sender with private type :math:`t \in T` drawn from
:math:`\pi`, who sends a message :math:`m \in M`; the receiver sees :math:`m`, not
:math:`t`, and chooses :math:`a \in A`. Payoffs are :math:`u_S(t, m, a)` and
:math:`u_R(t, m, a)`. Its perfect Bayesian equilibria are computed by
:mod:`strategy.solvers.signalling.enumeration`.

**The ex-ante normal form** (Harsanyi transformation). A pure strategy of player *i* is a
map :math:`s_i : T_i \to A_i`; its payoff is the prior expectation
:math:`U_i(s) = \sum_t \pi(t)\, u_i(t, s_1(t_1), \dots, s_n(t_n))`. Strategy labels list
the action of each type **in the declared type order**, joined by ``"/"``: with types
``("W", "U")`` the label ``"S/C"`` means "W plays S, U plays C". Strategies are ordered
lexicographically (the first type's action varies slowest). A player with one type keeps
its action labels. For a signalling game the sender's strategies are type-contingent
messages and the receiver's are message-contingent actions (``"R/Q"``: R after the first
declared message, Q after the second). The Bayes-Nash equilibria are the Nash equilibria
of this normal form.

Probabilities of a prior are validated at the edge: non-negative, summing to one exactly
for exact numbers and within ``1e-9`` for floats.

References
----------
Harsanyi, J. (1967-68). Games with incomplete information played by "Bayesian" players.
Management Science 14.
Fudenberg, D. and Tirole, J. (1991). *Game Theory*, ch. 6 and 8. MIT Press.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from strategy.errors import InvalidGameError, UnknownLabelError
from strategy.forms.normal import NormalFormGame
from strategy.forms.players import Player, as_players
from strategy.forms.priors import _index, _labels, validate_prior
from strategy.forms.shapes import readonly
from strategy.numbers import to_number_array

__all__ = ["BayesianGame", "SignallingGame", "ex_ante_normal_form", "signalling_tree", "validate_prior"]


@dataclass(frozen=True, eq=False)
class BayesianGame:
    """A finite Bayesian game with a common prior over type profiles.

    Parameters
    ----------
    players : sequence of Player or (name, actions)
    types : mapping
        Player name -> type labels; players not listed have one type, ``"-"``.
    prior : mapping
        Type profile (tuple, one type per player in player order) -> probability. Profiles
        left out have probability zero.
    payoffs : mapping
        ``(type_profile, action_profile) -> payoffs`` (one per player, in player order).
        Every pair whose type profile has positive prior must be present.

    Examples
    --------
    >>> g = BayesianGame([("A", ("x", "y")), ("B", ("l", "r"))], {"A": ("t1", "t2")},
    ...     {("t1", "-"): Fraction(1, 2), ("t2", "-"): Fraction(1, 2)},
    ...     {((t, "-"), (a, b)): (int(a == "x") if t == "t1" else int(a == "y"), int(b == "l"))
    ...      for t in ("t1", "t2") for a in "xy" for b in "lr"})
    >>> ex_ante_normal_form(g).players[0].actions
    ('x/x', 'x/y', 'y/x', 'y/y')
    """

    players: tuple[Player, ...]
    types: Mapping[str, tuple[str, ...]]
    prior: Mapping[tuple[str, ...], Any]
    payoffs: Mapping[Any, Any]
    title: str = ""
    prior_array: np.ndarray = field(init=False, repr=False)
    payoff_array: np.ndarray = field(init=False, repr=False)
    exact: bool = field(init=False, repr=False)

    def __post_init__(self) -> None:
        players = as_players(self.players)
        object.__setattr__(self, "players", players)
        names = tuple(p.name for p in players)
        for name in self.types:
            if name not in names:
                raise UnknownLabelError("player", name, names, "in types")
        types = {p.name: _labels(self.types.get(p.name, ("-",)), f"types of {p.name}") for p in players}
        object.__setattr__(self, "types", types)
        tshape = tuple(len(types[n]) for n in names)
        keys, probs = [], []
        for key, prob in self.prior.items():
            key_t = (key,) if isinstance(key, str) else tuple(key)
            if len(key_t) != len(players):
                raise InvalidGameError(f"prior key {key_t} must name one type per player ({len(players)})")
            keys.append(
                tuple(_index(types[n], t, "type", f"of {n} in the prior") for n, t in zip(names, key_t, strict=True))
            )
            probs.append(prob)
        checked = validate_prior(probs, "the prior")
        exact = all(isinstance(v, Fraction) for v in checked)
        prior = np.full(tshape, Fraction(0) if exact else 0.0, dtype=object)
        for k, v in zip(keys, checked, strict=True):
            prior[k] = v
        ashape = tuple(p.n_actions for p in players)
        raw = np.zeros((len(players), *tshape, *ashape), dtype=object)
        seen = np.zeros((*tshape, *ashape), dtype=bool)
        for key, value in self.payoffs.items():
            try:
                tkey, akey = key
            except (TypeError, ValueError):
                raise InvalidGameError(f"payoff key {key!r} must be (type_profile, action_profile)") from None
            tkey = (tkey,) if isinstance(tkey, str) else tuple(tkey)
            akey = (akey,) if isinstance(akey, str) else tuple(akey)
            if len(tkey) != len(players) or len(akey) != len(players):
                raise InvalidGameError(f"payoff key {key!r} must name one type and one action per player")
            ti = tuple(
                _index(types[n], t, "type", f"of {n} in payoff key {key!r}") for n, t in zip(names, tkey, strict=True)
            )
            ai = tuple(p.index(a) for p, a in zip(players, akey, strict=True))
            row = list(value)
            if len(row) != len(players):
                raise InvalidGameError(f"payoff {key!r} has {len(row)} numbers; expected one per player")
            for i, v in enumerate(row):
                raw[(i, *ti, *ai)] = v
            seen[(*ti, *ai)] = True
        for idx in itertools.product(*(range(n) for n in tshape)):
            if prior[idx] != 0 and not seen[idx].all():
                tl = tuple(types[n][k] for n, k in zip(names, idx, strict=True))
                raise InvalidGameError(f"payoffs missing for type profile {tl} (it has positive prior)")
        floats, fractions = to_number_array(raw.tolist())
        if exact and fractions is not None:
            values: np.ndarray = fractions
        else:
            exact, values = False, floats
        object.__setattr__(self, "exact", exact)
        object.__setattr__(self, "prior_array", readonly(prior))
        object.__setattr__(self, "payoff_array", readonly(values))

    @property
    def player_names(self) -> tuple[str, ...]:
        """Names of the players, in order."""
        return tuple(p.name for p in self.players)

    def normal_form(self) -> NormalFormGame:
        """Return the ex-ante normal form (see :func:`ex_ante_normal_form`)."""
        return ex_ante_normal_form(self)


@dataclass(frozen=True, eq=False)
class SignallingGame:
    """A finite sender-receiver signalling game.

    Parameters
    ----------
    types : sequence of str
        The sender's types.
    prior : sequence or mapping
        Probability of each type (in type order, or type -> probability).
    messages, actions : sequence of str
        The sender's messages and the receiver's actions.
    sender_payoffs, receiver_payoffs : array_like
        Shape ``(types, messages, actions)``: :math:`u_S(t, m, a)` and :math:`u_R(t, m, a)`.
    sender, receiver : str
        Player names.

    Examples
    --------
    >>> g = SignallingGame.from_table(("H", "L"), (Fraction(1, 2), Fraction(1, 2)), ("E", "N"), ("M", "C"),
    ...     {(t, m, a): (0, 0) for t in "HL" for m in "EN" for a in "MC"})
    >>> g.player_names
    ('Sender', 'Receiver')
    """

    types: tuple[str, ...]
    prior: Any
    messages: tuple[str, ...]
    actions: tuple[str, ...]
    sender_payoffs: Any
    receiver_payoffs: Any
    sender: str = "Sender"
    receiver: str = "Receiver"
    title: str = ""
    exact: bool = field(init=False, repr=False, default=False)

    def __post_init__(self) -> None:
        types = _labels(self.types, "the types")
        messages = _labels(self.messages, "the messages")
        actions = _labels(self.actions, "the actions")
        if self.sender == self.receiver:
            raise InvalidGameError(f"sender and receiver need different names; both are {self.sender!r}")
        prior = self.prior
        if isinstance(prior, Mapping):
            for t in prior:
                _index(types, t, "type", "in the prior")
            prior = [prior.get(t, 0) for t in types]
        prior = list(prior)
        if len(prior) != len(types):
            raise InvalidGameError(f"the prior has {len(prior)} probabilities; expected {len(types)}, one per type")
        checked = validate_prior(prior, "the prior")
        shape = (len(types), len(messages), len(actions))
        arrays = []
        for what, data in (("sender payoffs", self.sender_payoffs), ("receiver payoffs", self.receiver_payoffs)):
            try:
                floats, fractions = to_number_array(data)
            except ValueError as err:
                raise InvalidGameError(f"invalid {what}: {err}") from None
            if floats.shape != shape:
                raise InvalidGameError(
                    f"{what} must have shape {shape} = (types, messages, actions); got {floats.shape}"
                )
            arrays.append((floats, fractions))
        exact_arrays = [f for _, f in arrays if f is not None]
        exact = all(isinstance(v, Fraction) for v in checked) and len(exact_arrays) == len(arrays)
        values = exact_arrays if exact else [f for f, _ in arrays]
        for name, value in (("types", types), ("messages", messages), ("actions", actions)):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "exact", exact)
        object.__setattr__(
            self, "prior", readonly(np.array(checked if exact else [float(v) for v in checked], dtype=object))
        )
        object.__setattr__(self, "sender_payoffs", readonly(values[0]))
        object.__setattr__(self, "receiver_payoffs", readonly(values[1]))

    @classmethod
    def from_table(
        cls,
        types: Sequence[str],
        prior: Any,
        messages: Sequence[str],
        actions: Sequence[str],
        table: Mapping[tuple[str, str, str], Sequence[Any]],
        **kwargs: Any,
    ) -> SignallingGame:
        """Build from ``{(type, message, action): (u_S, u_R)}``; every cell must appear."""
        types_t, messages_t, actions_t = (
            _labels(types, "the types"),
            _labels(messages, "the messages"),
            _labels(actions, "the actions"),
        )
        us = np.empty((len(types_t), len(messages_t), len(actions_t)), dtype=object)
        ur = np.empty_like(us)
        seen = np.zeros(us.shape, dtype=bool)
        for key, value in table.items():
            if len(key) != 3:
                raise InvalidGameError(f"table key {key!r} must be (type, message, action)")
            t, m, a = key
            idx = (
                _index(types_t, t, "type", "in the table"),
                _index(messages_t, m, "message", "in the table"),
                _index(actions_t, a, "action", "in the table"),
            )
            pair = list(value)
            if len(pair) != 2:
                raise InvalidGameError(f"table cell {key!r} must hold (sender payoff, receiver payoff)")
            us[idx], ur[idx] = pair
            seen[idx] = True
        if not seen.all():
            i = tuple(np.argwhere(~seen)[0])
            raise InvalidGameError(f"the table has no cell for {(types_t[i[0]], messages_t[i[1]], actions_t[i[2]])}")
        return cls(types_t, prior, messages_t, actions_t, us.tolist(), ur.tolist(), **kwargs)

    @property
    def player_names(self) -> tuple[str, str]:
        """(sender, receiver)."""
        return (self.sender, self.receiver)

    @property
    def payoffs(self) -> np.ndarray:
        """Float array ``(2, types, messages, actions)``: sender's then receiver's payoffs."""
        return np.array([self.sender_payoffs, self.receiver_payoffs], dtype=np.float64)

    def _repr_html_(self) -> str:
        """The game as a table: one row per type and message, the payoffs of each reply."""
        import html

        from strategy.numbers import format_number

        esc = html.escape
        head = "".join(f"<th>{esc(a)}: u({esc(self.sender)}), u({esc(self.receiver)})</th>" for a in self.actions)
        rows = [f"<table class='strategy-table'><tr><th>type (prior)</th><th>message</th>{head}</tr>"]
        for i, t in enumerate(self.types):
            for j, m in enumerate(self.messages):
                cells = "".join(
                    f"<td>{format_number(self.sender_payoffs[i, j, k])}, {format_number(self.receiver_payoffs[i, j, k])}</td>"
                    for k in range(len(self.actions))
                )
                label = f"{esc(t)} ({format_number(self.prior[i])})" if j == 0 else ""
                rows.append(f"<tr><td>{label}</td><td>{esc(m)}</td>{cells}</tr>")
        rows.append("</table>")
        title = (
            f"<p><b>{esc(self.title)}</b>: {esc(self.sender)} knows its type and sends a message; "
            if self.title
            else "<p>"
        )
        return title + f"{esc(self.receiver)} sees the message, not the type, and replies.</p>" + "".join(rows)

    def relabel(self, *, messages: Sequence[int] | None = None, actions: Sequence[int] | None = None) -> SignallingGame:
        """Return the same game with messages and/or actions declared in another order."""
        mi = list(messages) if messages is not None else list(range(len(self.messages)))
        ai = list(actions) if actions is not None else list(range(len(self.actions)))
        if sorted(mi) != list(range(len(self.messages))) or sorted(ai) != list(range(len(self.actions))):
            raise InvalidGameError("relabel() needs permutations of the message and action indices")

        def perm(x: np.ndarray) -> list[Any]:
            out: list[Any] = np.asarray(x, dtype=object)[:, mi][:, :, ai].tolist()
            return out

        return SignallingGame(
            self.types,
            list(self.prior),
            tuple(self.messages[i] for i in mi),
            tuple(self.actions[i] for i in ai),
            perm(self.sender_payoffs),
            perm(self.receiver_payoffs),
            self.sender,
            self.receiver,
            self.title,
        )

    @property
    def n_players(self) -> int:
        """Two: the sender and the receiver."""
        return 2

    def normal_form(self) -> NormalFormGame:
        """Return the ex-ante normal form (see :func:`ex_ante_normal_form`)."""
        return ex_ante_normal_form(self)


def _strategy_labels(per_type: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    if len(per_type) == 1:
        return per_type[0]
    return tuple("/".join(c) for c in itertools.product(*per_type))


def ex_ante_normal_form(game: BayesianGame | SignallingGame) -> NormalFormGame:
    """Return the Harsanyi transformation of `game`: type-contingent strategies, prior-expected payoffs.

    Labels are actions (or messages) per type in declared type order, joined by ``"/"``
    (see the module docstring). Exact games give exact normal forms.

    Examples
    --------
    >>> g = SignallingGame.from_table(("t1", "t2"), (Fraction(1, 2), Fraction(1, 2)), ("m1", "m2"), ("a",),
    ...     {(t, m, "a"): (int(m == "m1"), 0) for t in ("t1", "t2") for m in ("m1", "m2")})
    >>> nf = ex_ante_normal_form(g)
    >>> nf.players[0].actions, nf.payoff({"Sender": "m1/m2", "Receiver": "a/a"})["Sender"]
    (('m1/m1', 'm1/m2', 'm2/m1', 'm2/m2'), Fraction(1, 2))
    """
    if isinstance(game, SignallingGame):
        return _signalling_normal_form(game)
    if not isinstance(game, BayesianGame):
        raise InvalidGameError(
            f"ex_ante_normal_form() needs a BayesianGame or SignallingGame, not {type(game).__name__}"
        )
    names = game.player_names
    n = len(names)
    per_player = [list(itertools.product(range(p.n_actions), repeat=len(game.types[p.name]))) for p in game.players]
    labels = [_strategy_labels([p.actions] * len(game.types[p.name])) for p in game.players]
    zero = Fraction(0) if game.exact else 0.0
    out = np.full((n, *(len(s) for s in per_player)), zero, dtype=object)
    tshape = game.prior_array.shape
    for sidx in itertools.product(*(range(len(s)) for s in per_player)):
        strategies = [per_player[i][sidx[i]] for i in range(n)]
        for tidx in itertools.product(*(range(k) for k in tshape)):
            prob = game.prior_array[tidx]
            if prob == 0:
                continue
            aidx = tuple(strategies[i][tidx[i]] for i in range(n))
            for i in range(n):
                out[(i, *sidx)] += prob * game.payoff_array[(i, *tidx, *aidx)]
    players = [Player(name, lab) for name, lab in zip(names, labels, strict=True)]
    return NormalFormGame(players, out.tolist(), title=game.title or "ex-ante normal form")


def _signalling_normal_form(game: SignallingGame) -> NormalFormGame:
    nt, nm, na = len(game.types), len(game.messages), len(game.actions)
    sender = list(itertools.product(range(nm), repeat=nt))
    receiver = list(itertools.product(range(na), repeat=nm))
    zero = Fraction(0) if game.exact else 0.0
    out = np.full((2, len(sender), len(receiver)), zero, dtype=object)
    for i, s in enumerate(sender):
        for j, r in enumerate(receiver):
            for t in range(nt):
                m = s[t]
                a = r[m]
                out[0, i, j] += game.prior[t] * game.sender_payoffs[t, m, a]
                out[1, i, j] += game.prior[t] * game.receiver_payoffs[t, m, a]
    players = [
        Player(game.sender, _strategy_labels([game.messages] * nt)),
        Player(game.receiver, _strategy_labels([game.actions] * nm)),
    ]
    return NormalFormGame(players, out.tolist(), title=game.title or "ex-ante normal form")


def signalling_tree(game: SignallingGame) -> Any:
    """Return the Harsanyi tree of a signalling game as an :class:`~strategy.forms.extensive.ExtensiveFormGame`.

    Nature draws the type (chance node labelled ``"Nature"``, probabilities from the prior);
    the sender moves at one singleton information set per type (``"type t"``); the receiver
    moves at one information set per message (``"after m"``) that pools the nodes of all
    types. Payoffs are copied exactly.
    """
    from strategy.forms.extensive import Decision, ExtensiveFormGame, chance, leaf

    def receiver_node(t: int, m: int) -> Decision:
        moves = {
            a: leaf(**{game.sender: game.sender_payoffs[t, m, k], game.receiver: game.receiver_payoffs[t, m, k]})
            for k, a in enumerate(game.actions)
        }
        return Decision(game.receiver, moves, infoset=f"after {game.messages[m]}")

    def sender_node(t: int) -> Decision:
        moves = {msg: receiver_node(t, m) for m, msg in enumerate(game.messages)}
        return Decision(game.sender, moves, infoset=f"type {game.types[t]}")

    root = chance("Nature", **{ty: (game.prior[t], sender_node(t)) for t, ty in enumerate(game.types)})
    return ExtensiveFormGame((game.sender, game.receiver), root)
