"""Classic teaching games with known answers.

Each is a :class:`strategy.Case` with a small parameter space (or none), so that
``strategy solve classics.prisoners_dilemma`` works like any case.

========================= =========================================================
prisoners_dilemma         (D, D) unique, strictly dominant (Tucker 1950; Osborne 2004, 2.2)
chicken                   two pure + one mixed equilibrium (Osborne 2004, ex. 4.4)
stag_hunt                 two pure + one mixed (Skyrms 2004; Osborne 2004, 2.7.2)
battle_of_the_sexes       two pure + one mixed (2/3, 1/3) (Luce and Raiffa 1957)
matching_pennies          unique mixed (1/2, 1/2), value 0 (von Neumann 1928)
rock_paper_scissors       unique mixed (1/3, 1/3, 1/3), value 0
entry_deterrence          Selten's chain-store stage: SPE (In, Accommodate); the Nash
                          equilibrium (Out, Fight) rests on a non-credible threat (Selten 1978)
centipede                 SPE: Take at the first node (Rosenthal 1981)
three_player_matching     three players, unique equilibrium uniform (Jordan 1993)
irrational_equilibrium    three players, unique equilibrium with irrational probabilities
                          (Nau, Gomez Canovas and Hansen 2004, sec. 4)
selten_horse              three players, player 3 does not know who moved: two continua of
                          Nash equilibria; (C, c, R) is the perfect one (Selten 1975, fig. 1)
========================= =========================================================

Examples
--------
>>> from strategy import solve
>>> result = solve(CASES["prisoners_dilemma"].game())
>>> [e.profile for e in result]
[MixedProfile(Row: {Defect: 1}; Column: {Defect: 1})]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from strategy import Case, NormalFormGame, Parameter, ParameterSpace, ParametricGame, Values
from strategy.cases import case_registry
from strategy.forms.extensive import Decision, ExtensiveFormGame, Terminal

__all__ = ["CASES", "centipede", "entry_deterrence", "selten_horse"]

EMPTY = ParameterSpace(())


def _fixed(players: Any, table: dict, title: str) -> Callable[..., NormalFormGame]:
    """A game without parameters, built with exact payoffs (so answers come as fractions)."""

    def build(p: Values | None = None) -> NormalFormGame:
        return NormalFormGame.from_table(players, table, title=title)

    return build


PD_SPACE = ParameterSpace(
    (
        Parameter("temptation", 5, 3.5, 8, meaning="T: payoff of defecting on a cooperator (T > R)"),
        Parameter("reward", 3, 1.5, 4.5, meaning="R: payoff of mutual cooperation"),
        Parameter("punishment", 1, 0, 2, meaning="P: payoff of mutual defection"),
        Parameter("sucker", 0, -2, 0.5, meaning="S: payoff of cooperating with a defector"),
    )
)


def _pd(p: Values) -> dict:
    return {
        ("Cooperate", "Cooperate"): (p.reward, p.reward),
        ("Cooperate", "Defect"): (p.sucker, p.temptation),
        ("Defect", "Cooperate"): (p.temptation, p.sucker),
        ("Defect", "Defect"): (p.punishment, p.punishment),
    }


PRISONERS_DILEMMA = ParametricGame(
    (("Row", ("Cooperate", "Defect")), ("Column", ("Cooperate", "Defect"))), _pd, PD_SPACE, title="Prisoner's dilemma"
)
CHICKEN = _fixed(
    (("Row", ("Swerve", "Straight")), ("Column", ("Swerve", "Straight"))),
    {
        ("Swerve", "Swerve"): (0, 0),
        ("Swerve", "Straight"): (-1, 1),
        ("Straight", "Swerve"): (1, -1),
        ("Straight", "Straight"): (-10, -10),
    },
    "Chicken",
)
STAG_HUNT = _fixed(
    (("Row", ("Stag", "Hare")), ("Column", ("Stag", "Hare"))),
    {("Stag", "Stag"): (4, 4), ("Stag", "Hare"): (0, 3), ("Hare", "Stag"): (3, 0), ("Hare", "Hare"): (3, 3)},
    "Stag hunt",
)
BATTLE = _fixed(
    (("Row", ("Opera", "Football")), ("Column", ("Opera", "Football"))),
    {
        ("Opera", "Opera"): (2, 1),
        ("Opera", "Football"): (0, 0),
        ("Football", "Opera"): (0, 0),
        ("Football", "Football"): (1, 2),
    },
    "Battle of the sexes",
)
PENNIES = _fixed(
    (("Row", ("Heads", "Tails")), ("Column", ("Heads", "Tails"))),
    {
        ("Heads", "Heads"): (1, -1),
        ("Heads", "Tails"): (-1, 1),
        ("Tails", "Heads"): (-1, 1),
        ("Tails", "Tails"): (1, -1),
    },
    "Matching pennies",
)
_RPS_BEATS = {("Rock", "Scissors"), ("Scissors", "Paper"), ("Paper", "Rock")}
RPS = _fixed(
    (("Row", ("Rock", "Paper", "Scissors")), ("Column", ("Rock", "Paper", "Scissors"))),
    {
        (a, b): ((1, -1) if (a, b) in _RPS_BEATS else (-1, 1) if (b, a) in _RPS_BEATS else (0, 0))
        for a in ("Rock", "Paper", "Scissors")
        for b in ("Rock", "Paper", "Scissors")
    },
    "Rock-paper-scissors",
)

# Jordan (1993), GEB 5: player 1 wants to match player 2, player 2 to match player 3,
# player 3 to mismatch player 1.
MATCHING3 = _fixed(
    tuple((name, ("H", "T")) for name in ("P1", "P2", "P3")),
    {
        (a, b, c): (1 if a == b else -1, 1 if b == c else -1, 1 if c != a else -1)
        for a in ("H", "T")
        for b in ("H", "T")
        for c in ("H", "T")
    },
    "Three-player matching",
)
# Nau, Gomez Canovas and Hansen (2004), IJGT 32, sec. 4 (Gambit catalogue nau2004/sec4).
IRRATIONAL = _fixed(
    (("P1", ("T", "B")), ("P2", ("L", "R")), ("P3", ("1", "2"))),
    {
        ("T", "L", "1"): (3, 0, 2),
        ("T", "L", "2"): (1, 0, 0),
        ("T", "R", "1"): (0, 2, 0),
        ("T", "R", "2"): (0, 1, 0),
        ("B", "L", "1"): (0, 1, 0),
        ("B", "L", "2"): (0, 3, 0),
        ("B", "R", "1"): (1, 0, 0),
        ("B", "R", "2"): (2, 0, 3),
    },
    "A game whose only equilibrium is irrational",
)


def entry_deterrence(p: Values | None = None) -> ExtensiveFormGame:
    """Selten's chain-store stage game: the entrant stays Out (0, 2) or enters; the incumbent
    Fights (-1, -1) or Accommodates (1, 1). SPE: (In, Accommodate)."""
    return ExtensiveFormGame(
        ("Entrant", "Incumbent"),
        Decision(
            "Entrant",
            {
                "Out": Terminal({"Entrant": 0, "Incumbent": 2}),
                "In": Decision(
                    "Incumbent",
                    {
                        "Fight": Terminal({"Entrant": -1, "Incumbent": -1}),
                        "Accommodate": Terminal({"Entrant": 1, "Incumbent": 1}),
                    },
                ),
            },
        ),
        title="Entry deterrence",
    )


CENTIPEDE_SPACE = ParameterSpace((Parameter("length", 4, 2, 10, unit="moves", meaning="number of decision nodes"),))


def centipede(p: Values | None = None) -> ExtensiveFormGame:
    """Rosenthal's centipede with linearly growing pot: at node n the mover may Take
    (n + 2 for the mover, n for the other) or Pass; after the last Pass the payoffs are those
    of a Take at a further node (length + 2 for its mover, length for the other).
    The unique SPE takes at the first node."""
    length = int(CENTIPEDE_SPACE.defaults()["length"] if p is None else float(p["length"]))
    players = ("A", "B")
    node: Any = Terminal({players[length % 2]: length + 2, players[(length + 1) % 2]: length})
    for n in range(length - 1, -1, -1):
        mover, other = players[n % 2], players[(n + 1) % 2]
        node = Decision(mover, {"Take": Terminal({mover: n + 2, other: n}), "Pass": node})
    return ExtensiveFormGame(players, node, title=f"Centipede ({length} moves)")


def selten_horse(p: Values | None = None) -> ExtensiveFormGame:
    """Selten's horse (Selten 1975, "Reexamination of the perfectness concept", fig. 1):
    P1 continues (C) or passes the move to P3 (D); after C, P2 ends the game (c) or passes
    it to P3 (d); P3 chooses L or R without knowing who passed it. Its Nash equilibria form
    two components, {(D, q c + (1-q) d, L) : q >= 1/3} and {(C, c, r L + (1-r) R) : r <= 1/4};
    there is no proper subgame, so every Nash equilibrium is subgame perfect, and only
    (C, c, R) is trembling-hand perfect."""

    def p3(left: tuple[int, int, int], right: tuple[int, int, int]) -> Decision:
        names = ("P1", "P2", "P3")
        return Decision(
            "P3",
            {"L": Terminal(dict(zip(names, left, strict=True))), "R": Terminal(dict(zip(names, right, strict=True)))},
            infoset="P3 (who passed?)",
        )

    p2 = Decision("P2", {"c": Terminal({"P1": 1, "P2": 1, "P3": 1}), "d": p3((4, 4, 0), (0, 0, 1))}, infoset="P2")
    return ExtensiveFormGame(
        ("P1", "P2", "P3"),
        Decision("P1", {"C": p2, "D": p3((3, 2, 2), (0, 0, 0))}, infoset="P1"),
        title="Selten's horse",
    )


def _tree_solve(game: ExtensiveFormGame) -> Any:
    from strategy.solvers.trees.sequential import solve_tree

    return solve_tree(game, concept="spe")


def _case(name: str, title: str, build: Any, *, space: ParameterSpace = EMPTY, solve: Any = None) -> Case:
    return Case(name=name, title=title, build=build, space=space, solve=solve, family="classics")


CASES = case_registry(
    _case("prisoners_dilemma", "Prisoner's dilemma", PRISONERS_DILEMMA.game, space=PD_SPACE),
    _case("chicken", "Chicken (hawk-dove)", CHICKEN),
    _case("stag_hunt", "Stag hunt", STAG_HUNT),
    _case("battle_of_the_sexes", "Battle of the sexes", BATTLE),
    _case("matching_pennies", "Matching pennies", PENNIES),
    _case("rock_paper_scissors", "Rock-paper-scissors", RPS),
    _case("entry_deterrence", "Entry deterrence (Selten)", entry_deterrence, solve=_tree_solve),
    _case("centipede", "Centipede (Rosenthal)", centipede, space=CENTIPEDE_SPACE, solve=_tree_solve),
    _case("three_player_matching", "Three-player matching (Jordan)", MATCHING3),
    _case("irrational_equilibrium", "Irrational equilibrium (Nau et al.)", IRRATIONAL),
    _case("selten_horse", "Selten's horse (three players, one information set)", selten_horse),
)
