"""Every solution method, one record each: what it solves, for which concept, and what it promises.

:data:`METHODS` is the single source for :func:`strategy.solvers.dispatch.solve`, the tree
and signalling dispatch, the command line's ``--method`` help and the documentation's
tables. A record names its function as ``"module:function"``, imported only when the method
is first used, so listing the methods imports no solver. Adding a method is adding a record:
the contract suite (``tests/solvers/test_contract.py``) picks it up.

Each function takes ``(game, **options)`` and returns a
:class:`~strategy.solvers.result.SolveResult` whose ``method`` is the record's name (a tree
solved on its reduced normal form reports ``"normal_form/<name>"``).

:func:`parse_concept` reads a solution concept with its aliases (``"spe"``,
``"subgame-perfect"``, ``"pbe"``, ``"ce"``, ...); :func:`check_concept` refuses a concept that
does not apply to a game or a method, with the fix, instead of ignoring it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from strategy.errors import UnknownLabelError, UnsupportedGameError
from strategy.solvers.concepts import Concept, Guarantee

if TYPE_CHECKING:
    from strategy.solvers.result import SolveResult

__all__ = ["CONCEPT_ALIASES", "FORMS", "METHODS", "Method", "check_concept", "markdown_table", "parse_concept", "table"]

FORMS = ("normal", "tree", "signalling")
"""The forms of game a method can be asked to solve. A Bayesian game is solved through its
ex-ante normal form; a tree for Nash equilibria, by any normal-form method on its reduced
normal form."""


@dataclass(frozen=True)
class Method:
    """One solution method.

    Attributes
    ----------
    name : str
        The key users pass as ``method=`` (and ``--method``).
    function : str
        ``"module:function"``; the function takes ``(game, **options)`` and returns a
        :class:`SolveResult`.
    forms : tuple of str
        The forms it solves directly (:data:`FORMS`).
    players : tuple of (int, int or None)
        The fewest and most players (``None``: no upper bound).
    concept : Concept
        The solution concept its equilibria satisfy.
    guarantee : Guarantee
        The strongest guarantee it gives (a result may state a weaker one, saying why).
    summary : str
        One line for ``--method help`` and the docs.
    constant_sum : bool
        Whether it solves constant-sum games only (it refuses others, saying where the
        payoffs' sum changes).
    perfect_information : bool
        Whether it solves perfect-information trees only (it refuses others, naming the
        method that solves them).
    """

    name: str
    function: str
    forms: tuple[str, ...]
    players: tuple[int, int | None]
    concept: Concept
    guarantee: Guarantee
    summary: str
    constant_sum: bool = False
    perfect_information: bool = False

    def load(self) -> Callable[..., SolveResult]:
        """The solver function, imported on first use."""
        module, _, attribute = self.function.partition(":")
        solver: Callable[..., SolveResult] = getattr(importlib.import_module(module), attribute)
        return solver

    def refusal(self, form: str, n_players: int) -> str | None:
        """Why this method cannot solve a game of this form and size (``None``: it can)."""
        if form not in self.forms:
            solves = " and ".join(_FORM_NAMES[f] for f in self.forms)
            return f"method {self.name!r} solves {solves}, not {_FORM_NAMES[form]}"
        low, high = self.players
        if n_players < low or (high is not None and n_players > high):
            span = f"exactly {low}" if low == high else f"{low} or more" if high is None else f"{low} to {high}"
            return f"method {self.name!r} solves games of {span} players; this one has {n_players}"
        return None


_FORM_NAMES = {"normal": "normal-form games", "tree": "game trees", "signalling": "signalling games"}


def _normal(
    name: str, function: str, players: tuple[int, int | None], guarantee: Guarantee, summary: str, **kw: Any
) -> Method:
    forms, concept = kw.pop("forms", ("normal",)), kw.pop("concept", Concept.NASH)
    return Method(name, function, forms, players, concept, guarantee, summary, **kw)


_S = "strategy.solvers"
METHODS: Mapping[str, Method] = MappingProxyType(
    {
        m.name: m
        for m in (
            _normal("pure", f"{_S}.pure:pure_equilibria", (1, None), Guarantee.ALL_PURE, "every pure equilibrium"),
            _normal(
                "enumeration",
                f"{_S}.bimatrix.enumeration:enumerate_equilibria",
                (2, 2),
                Guarantee.ALL,
                "all equilibria, exact, components on degenerate games (feasible bases of the polytopes)",
            ),
            _normal(
                "vertex_enumeration",
                f"{_S}.bimatrix.vertex_enumeration:vertex_enumeration",
                (2, 2),
                Guarantee.ALL,
                "all extreme equilibria: float vertex search of the best-response polytopes, exact check",
            ),
            _normal(
                "lemke_howson",
                f"{_S}.bimatrix.lemke_howson:lemke_howson",
                (2, 2),
                Guarantee.ONE,
                "one equilibrium per starting label (complementary pivoting)",
            ),
            _normal(
                "zero_sum_lp",
                f"{_S}.bimatrix.zero_sum:zero_sum_lp",
                (2, 2),
                Guarantee.ONE,
                "one optimal strategy pair and the value of a zero-sum game (linear programming)",
                constant_sum=True,
            ),
            _normal(
                "sequence_form",
                f"{_S}.trees.sequence_form:sequence_form_lemke",
                (2, 2),
                Guarantee.ONE,
                "one equilibrium by Lemke's algorithm on the sequence-form LCP",
                forms=("normal", "tree"),
            ),
            _normal(
                "nplayer",
                f"{_S}.nplayer.enumeration:nplayer_equilibria",
                (2, None),
                Guarantee.ALL,
                "all equilibria of small games of any number of players (support enumeration)",
            ),
            _normal(
                "simpdiv",
                f"{_S}.nplayer.simpdiv:simplicial_subdivision",
                (1, None),
                Guarantee.ONE,
                "one equilibrium by simplicial subdivision, refined grid",
            ),
            _normal(
                "qre",
                f"{_S}.nplayer.qre:qre_solve",
                (1, None),
                Guarantee.ONE,
                "the limit of the logit quantal response path (or the QRE at --lambda)",
            ),
            *(
                _normal(
                    name,
                    f"{_S}.correlated:{name}_solve",
                    (1, None),
                    Guarantee.SOME,
                    f"the {name.replace('_', ' ')} equilibria of most welfare and of each player's best and worst payoff (LP)",
                    concept=Concept(name),
                    forms=("normal", "tree"),
                )
                for name in ("correlated", "coarse_correlated")
            ),
            Method(
                "backward_induction",
                f"{_S}.trees.sequential:backward_induction_solve",
                ("tree",),
                (1, None),
                Concept.SUBGAME_PERFECT,
                Guarantee.ALL_PURE,
                "every pure subgame-perfect equilibrium of a perfect-information tree",
                perfect_information=True,
            ),
            Method(
                "subgames",
                f"{_S}.trees.sequential:subgame_perfect",
                ("tree",),
                (1, None),
                Concept.SUBGAME_PERFECT,
                Guarantee.SOME,
                "subgame-perfect equilibria, each subgame solved bottom-up (Selten 1965)",
            ),
            Method(
                "signalling_enumeration",
                f"{_S}.signalling.enumeration:perfect_bayesian_equilibria",
                ("signalling",),
                (2, 2),
                Concept.PERFECT_BAYESIAN,
                Guarantee.ALL,
                "all perfect Bayesian equilibria of a signalling game, exact (belief sets included)",
            ),
        )
    }
)
"""Method name -> :class:`Method`, in the order ``--method help`` lists them."""


CONCEPT_ALIASES: Mapping[str, Concept] = MappingProxyType(
    {
        **{c.value: c for c in Concept},
        "ne": Concept.NASH,
        "spe": Concept.SUBGAME_PERFECT,
        "subgame-perfect": Concept.SUBGAME_PERFECT,
        "pbe": Concept.PERFECT_BAYESIAN,
        "perfect-bayesian": Concept.PERFECT_BAYESIAN,
        "ce": Concept.CORRELATED,
        "cce": Concept.COARSE_CORRELATED,
        "coarse-correlated": Concept.COARSE_CORRELATED,
        "qre": Concept.QUANTAL_RESPONSE,
        "quantal-response": Concept.QUANTAL_RESPONSE,
    }
)
"""Every spelling :func:`parse_concept` accepts (case and surrounding spaces ignored)."""


def parse_concept(concept: Any) -> Concept | None:
    """Read a solution concept: a :class:`Concept`, one of its values, or an alias; ``None`` stays ``None``.

    Examples
    --------
    >>> parse_concept("SPE"), parse_concept(" subgame-perfect "), parse_concept(None)
    (<Concept.SUBGAME_PERFECT: 'subgame_perfect'>, <Concept.SUBGAME_PERFECT: 'subgame_perfect'>, None)
    """
    if concept is None or isinstance(concept, Concept):
        return concept
    key = str(concept).strip().lower()
    if key not in CONCEPT_ALIASES:
        raise UnknownLabelError("concept", str(concept), sorted(CONCEPT_ALIASES))
    return CONCEPT_ALIASES[key]


_FORM_CONCEPTS = {
    "normal": (Concept.NASH, Concept.CORRELATED, Concept.COARSE_CORRELATED, Concept.QUANTAL_RESPONSE),
    "tree": (Concept.SUBGAME_PERFECT, Concept.NASH, Concept.CORRELATED, Concept.COARSE_CORRELATED),
    "signalling": (Concept.PERFECT_BAYESIAN, Concept.NASH),
}
_CONCEPT_METHOD = {
    Concept.CORRELATED: "correlated",
    Concept.COARSE_CORRELATED: "coarse_correlated",
    Concept.QUANTAL_RESPONSE: "qre",
}
"""For a concept only one method computes: that method (what ``method="auto"`` picks)."""


def check_concept(concept: Concept | None, form: str, method: str) -> str:
    """The method to run for `concept` on a game of this `form`; refuse a mismatch with the fix.

    ``method="auto"`` with a concept that one method alone computes (correlated, coarse
    correlated, quantal response) picks that method; a named method must compute the concept.
    """
    if concept is None:
        return method
    if concept not in _FORM_CONCEPTS[form]:
        usable = ", ".join(repr(c.value) for c in _FORM_CONCEPTS[form])
        why = {
            Concept.SUBGAME_PERFECT: "subgame perfection needs a tree (a normal-form game has no proper subgames)",
            Concept.PERFECT_BAYESIAN: "perfect Bayesian equilibrium needs a signalling game (types, messages, beliefs)",
        }.get(concept, f"{concept.value!r} does not apply to a {form} form")
        raise UnsupportedGameError(f"concept {concept.value!r}: {why}; for this game use concept {usable}")
    if method == "auto":
        return _CONCEPT_METHOD.get(concept, "auto")
    record = METHODS.get(method)
    if record is None:
        return method  # the dispatcher names the unknown method
    tree_method_for_spe = form == "tree" and "tree" in record.forms and concept == Concept.SUBGAME_PERFECT
    computes = record.concept == concept or _CONCEPT_METHOD.get(concept) == method
    if not computes and not (tree_method_for_spe and record.concept == Concept.NASH):
        fix = _CONCEPT_METHOD.get(concept)
        hint = f"use method={fix!r}" if fix else "use method='auto'"
        if form == "tree" and record.concept == Concept.NASH:
            hint = "pass concept='nash' for the tree's Nash equilibria by this method, or use method='auto'"
        short = {Concept.SUBGAME_PERFECT: "spe", Concept.PERFECT_BAYESIAN: "pbe"}.get(concept, concept.value)
        raise UnsupportedGameError(
            f"method {method!r} finds {record.concept.value.replace('_', ' ')} equilibria; it has no {short} "
            f"version: {hint}, or drop the concept"
        )
    return method


def table() -> list[dict[str, str]]:
    """One row per method (name, forms, players, concept, guarantee, summary): the docs' table
    and ``strategy solve --method help``."""
    rows = []
    for m in METHODS.values():
        low, high = m.players
        players = str(low) if low == high else f"{low}+" if high is None else f"{low}-{high}"
        rows.append(
            {
                "method": m.name,
                "forms": ", ".join(m.forms),
                "players": players,
                "concept": m.concept.value,
                "guarantee": m.guarantee.value,
                "summary": m.summary,
            }
        )
    return rows


def markdown_table() -> str:
    """The methods as a Markdown table (the documentation's, built from :data:`METHODS`)."""
    rows = table()
    keys = ("method", "forms", "players", "concept", "guarantee", "summary")
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for row in rows:
        cells = [f"`{row['method']}`", *(row[k].replace("|", "\\|") for k in keys[1:])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
