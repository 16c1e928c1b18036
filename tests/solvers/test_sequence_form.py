"""The sequence form and Lemke's algorithm on it: textbook answers, random trees, pygambit.

Facts checked: Kuhn poker's value -1/18 and the second player's unique equilibrium
strategy (Kuhn 1950); sequence and reduced-strategy counts against the reduced normal
form; an exactly zero certificate on random two-player trees with perfect recall, chance
and ties (degenerate); pygambit's sequence-form ``lcp_solve`` (a test-only oracle) gives
the same value on zero-sum trees, and its equilibria pass our certificate.
"""

from __future__ import annotations

import itertools
import tempfile
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategy.solvers.sequence_form import sequence_form, sequence_form_lemke, sequence_form_lp

from strategy.errors import UnsupportedGameError
from strategy.forms.behavior import BehaviorProfile
from strategy.forms.convert import reduced_plans
from strategy.forms.extensive import ExtensiveFormGame, chance, decide, leaf
from strategy.forms.normal import NormalFormGame
from strategy.io.efg import format_efg, read_efg
from strategy.solvers.dispatch import solve


def kuhn_poker(cards: tuple[str, ...] = ("J", "Q", "K")) -> ExtensiveFormGame:
    """Kuhn's poker with any number of cards (ante 1, one bet of 1)."""
    rank = {c: i for i, c in enumerate(cards)}
    deals = list(itertools.permutations(cards, 2))

    def show(c1: str, c2: str, stake: int) -> object:
        w = stake if rank[c1] > rank[c2] else -stake
        return leaf(P1=w, P2=-w)

    branches = {}
    for c1, c2 in deals:
        branches[f"{c1}{c2}"] = (
            Fraction(1, len(deals)),
            decide(
                "P1",
                infoset=f"P1 {c1}",
                Check=decide(
                    "P2",
                    infoset=f"P2 {c2} after check",
                    Check=show(c1, c2, 1),
                    Bet=decide("P1", infoset=f"P1 {c1} check-bet", Fold=leaf(P1=-1, P2=1), Call=show(c1, c2, 2)),
                ),
                Bet=decide("P2", infoset=f"P2 {c2} after bet", Fold=leaf(P1=1, P2=-1), Call=show(c1, c2, 2)),
            ),
        )
    return ExtensiveFormGame(("P1", "P2"), chance(**branches), title="Kuhn poker")


def random_tree(seed: int, *, zero_sum: bool = False, high: int = 4, depth: int = 4) -> ExtensiveFormGame:
    """A random two-player tree with chance and perfect recall.

    A decision node joins the information set named by its player, that player's own
    history (information sets and actions) and a random tag, so nodes share a set only
    when their owner made the same moves before (perfect recall by construction); the
    tag also fixes the number of actions. Small payoff ranges make ties (degeneracy).
    """
    rng = np.random.default_rng(seed)

    def build(level: int, history: tuple[tuple[str, ...], tuple[str, ...]]) -> object:
        if level == depth or (level > 1 and rng.random() < 0.25):
            u = int(rng.integers(0, high))
            return leaf(A=u, B=-u if zero_sum else int(rng.integers(0, high)))
        if rng.random() < 0.15:
            return chance(h=(Fraction(1, 3), build(level + 1, history)), t=(Fraction(2, 3), build(level + 1, history)))
        i = int(rng.integers(0, 2))
        player = "AB"[i]
        tag = int(rng.integers(0, 2))
        label = f"{player}:{'.'.join(history[i]) or '-'}:{tag}"
        actions = ("l", "r") if tag == 0 else ("l", "m", "r")
        moves = {}
        for a in actions:
            own = (*history[i], f"{label}={a}")
            moves[a] = build(level + 1, (own, history[1]) if i == 0 else (history[0], own))
        return decide(player, infoset=label, **moves)

    root = build(0, ((), ()))
    while not isinstance(root, type(decide("A", x=leaf(A=0, B=0)))):  # a root that is a leaf: try deeper
        root = build(0, ((), ()))
    return ExtensiveFormGame(("A", "B"), root)


# ---------------------------------------------------------------------- known answers
def test_kuhn_poker_value_and_the_second_players_unique_strategy() -> None:
    game = kuhn_poker()
    res = sequence_form_lemke(game)
    (eq,) = res
    assert eq.max_regret == 0
    assert eq.payoffs == {"P1": Fraction(-1, 18), "P2": Fraction(1, 18)}
    assert res.guarantee == "one"
    p = eq.profile

    def prob(label: str, action: str) -> Fraction:
        c = p[label]
        return Fraction(c == action) if isinstance(c, str) else c[action]

    # Kuhn (1950): the second player's equilibrium strategy is unique
    assert prob("P2 K after bet", "Call") == 1
    assert prob("P2 K after check", "Bet") == 1
    assert prob("P2 J after bet", "Call") == 0
    assert prob("P2 Q after check", "Bet") == 0
    assert prob("P2 Q after bet", "Call") == Fraction(1, 3)
    assert prob("P2 J after check", "Bet") == Fraction(1, 3)
    # the first player's family: bluff with J at rate alpha <= 1/3, bet K at 3 alpha,
    # never bet Q, call a bet after checking Q at alpha + 1/3
    alpha = prob("P1 J", "Bet")
    assert 0 <= alpha <= Fraction(1, 3)
    assert prob("P1 K", "Bet") == 3 * alpha
    assert prob("P1 Q", "Bet") == 0
    assert prob("P1 Q check-bet", "Call") == alpha + Fraction(1, 3)


def test_sequence_counts_and_reduced_strategy_counts() -> None:
    game = kuhn_poker()
    sf = sequence_form(game)
    assert sf.shape == (13, 13)  # empty + 3 cards x (2 + 2) for each player
    assert [len(rows) for rows in sf.constraints] == [7, 7]
    counts = sf.reduced_strategy_counts()
    assert counts == (27, 64)
    assert counts == tuple(len(reduced_plans(game, p)) for p in game.players)
    for seed in range(20):
        tree = random_tree(seed)
        assert sequence_form(tree).reduced_strategy_counts() == tuple(len(reduced_plans(tree, p)) for p in "AB")


def test_realization_plan_payoffs_match_the_tree() -> None:
    # a pure plan pair's sequence-form payoff x'Ay equals the tree's expected payoff
    game = kuhn_poker()
    sf = sequence_form(game)
    choices = {info.label: info.actions[-1] for info in game.infosets}  # Bet / Call / Call
    plans = []
    for i in (0, 1):
        plan = [Fraction(0)] * sf.shape[i]
        plan[0] = Fraction(1)
        for k, seq in enumerate(sf.sequences[i]):
            if seq and choices[seq[0]] == seq[1]:
                plan[k] = Fraction(1)
        plans.append(plan)
    # unreached sets: P1's check-bet sets follow Check, which the plan never takes
    for k, seq in enumerate(sf.sequences[0]):
        if seq and "check-bet" in seq[0]:
            plans[0][k] = Fraction(0)
    assert sf.value(plans) == tuple(BehaviorProfile(game, choices, "nash").payoffs().values())


def test_entry_tree_from_the_data_directory() -> None:
    game = read_efg(Path(__file__).parent.parent / "data" / "entry.efg")
    res = sequence_form_lemke(game)
    assert res[0].max_regret == 0


def test_signalling_tree() -> None:
    # nature draws a strong or weak sender (2/3, 1/3); the receiver sees only the message
    # and fights or yields; the strong type's Beer and the weak type's Quiche are preferred
    def sender(t: str, bonus: dict[str, int]) -> object:
        return decide(
            "S",
            infoset=f"S {t}",
            Beer=decide("R", infoset="R Beer", Fight=leaf(S=bonus["Beer"], R=int(t == "weak")),
                        Yield=leaf(S=bonus["Beer"] + 2, R=int(t == "strong"))),
            Quiche=decide("R", infoset="R Quiche", Fight=leaf(S=bonus["Quiche"], R=int(t == "weak")),
                          Yield=leaf(S=bonus["Quiche"] + 2, R=int(t == "strong"))),
        )  # fmt: skip

    game = ExtensiveFormGame(
        ("S", "R"),
        chance(
            strong=(Fraction(2, 3), sender("strong", {"Beer": 1, "Quiche": 0})),
            weak=(Fraction(1, 3), sender("weak", {"Beer": 0, "Quiche": 1})),
        ),
    )
    (eq,) = sequence_form_lemke(game)
    assert eq.max_regret == 0
    # each player's payoff is bilinear on every maximal product set of equilibria, whose
    # vertices are extreme equilibria: so it lies between their extreme payoffs
    extreme = solve(game, concept="nash", method="enumeration")
    for player in game.players:
        values = [e.payoffs[player] for e in extreme]
        assert min(values) <= eq.payoffs[player] <= max(values)


# ---------------------------------------------------------------------- random trees
@pytest.mark.parametrize("seed", range(60))
def test_random_trees_get_a_certified_equilibrium(seed: int) -> None:
    game = random_tree(seed, high=3)
    res = sequence_form_lemke(game)
    assert len(res) == 1
    assert res[0].max_regret == 0


@pytest.mark.parametrize("seed", range(200, 230))
def test_random_bimatrix_games_including_degenerate(seed: int) -> None:
    rng = np.random.default_rng(seed)
    m, n = (int(v) for v in rng.integers(1, 6, 2))
    a, b = rng.integers(0, 3, (m, n)).tolist(), rng.integers(0, 3, (m, n)).tolist()
    res = sequence_form_lemke(NormalFormGame.from_bimatrix(a, b))
    assert res[0].max_regret == 0


def test_float_trees_get_float_behaviour() -> None:
    game = ExtensiveFormGame(
        ("A", "B"),
        decide(
            "A",
            H=decide("B", infoset="b", H=leaf(A=1.5, B=-1.0), T=leaf(A=-1.0, B=1.0)),
            T=decide("B", infoset="b", H=leaf(A=-1.0, B=1.0), T=leaf(A=1.0, B=-1.0)),
        ),
    )
    (eq,) = sequence_form_lemke(game)
    assert isinstance(eq.profile["root"]["H"], float)
    assert float(eq.max_regret) <= 1e-12


# ---------------------------------------------------------------------- refusals
def test_imperfect_recall_is_refused_in_those_words() -> None:
    game = ExtensiveFormGame(
        ("A", "B"),
        decide(
            "A",
            L=decide("A", infoset="I", x=leaf(A=1, B=0), y=leaf(A=0, B=0)),
            R=decide("A", infoset="I", x=leaf(A=0, B=0), y=leaf(A=2, B=0)),
        ),
    )
    with pytest.raises(UnsupportedGameError, match="imperfect recall"):
        sequence_form_lemke(game)
    for concept in ("nash", "spe"):
        with pytest.raises(UnsupportedGameError, match=r"^imperfect recall"):
            solve(game, concept=concept)


def test_three_players_are_refused() -> None:
    game = ExtensiveFormGame(("A", "B", "C"), decide("A", x=leaf(A=1, B=0, C=0), y=leaf(A=0, B=1, C=0)))
    with pytest.raises(UnsupportedGameError, match="two-player"):
        sequence_form_lemke(game)


# ---------------------------------------------------------------------- pygambit
def _gambit_game(game: ExtensiveFormGame) -> object:
    gbt = pytest.importorskip("pygambit")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "g.efg"
        path.write_text(format_efg(game))
        return gbt.read_efg(str(path))


def _as_behavior(game: ExtensiveFormGame, pg: object, eq: object) -> BehaviorProfile:
    """pygambit's behaviour profile as ours (information sets matched by label and order)."""
    choices = {}
    for info in game.infosets:
        player = next(p for p in pg.players if p.label == info.player)  # type: ignore[attr-defined]
        gset = next(s for s in player.infosets if s.label == info.label)
        choices[info.label] = {a.label: Fraction(str(eq[a])) for a in gset.actions}  # type: ignore[index]
    return BehaviorProfile(game, choices, "nash")


@pytest.mark.parametrize("seed", range(25))
def test_pygambit_lcp_agrees(seed: int) -> None:
    gbt = pytest.importorskip("pygambit")
    zero_sum = seed % 2 == 0
    game = random_tree(1000 + seed, zero_sum=zero_sum, high=4)
    pg = _gambit_game(game)
    theirs = gbt.nash.lcp_solve(pg, rational=True).equilibria
    (ours,) = sequence_form_lemke(game)
    assert ours.max_regret == 0
    for eq in theirs:  # their equilibria pass our certificate
        assert _as_behavior(game, pg, eq).max_regret() == 0
    if zero_sum:  # the value is unique
        assert {tuple(Fraction(str(eq.payoff(p))) for p in pg.players) for eq in theirs} == {
            tuple(ours.payoffs.values())
        }


def test_pygambit_lcp_agrees_on_kuhn_poker() -> None:
    gbt = pytest.importorskip("pygambit")
    game = kuhn_poker()
    pg = _gambit_game(game)
    theirs = gbt.nash.lcp_solve(pg, rational=True).equilibria
    first = next(iter(pg.players))  # type: ignore[attr-defined]
    assert [Fraction(str(eq.payoff(first))) for eq in theirs] == [Fraction(-1, 18)]
    (ours,) = sequence_form_lemke(game)
    assert ours.payoffs["P1"] == Fraction(-1, 18)
    # the second player's equilibrium behaviour is unique: the same in both, exactly
    (eq,) = theirs
    for label, dist in _as_behavior(game, pg, eq).choices.items():
        if label.startswith("P2"):
            mine = ours.profile[label]
            assert dict(dist) == ({a: Fraction(a == mine) for a in dist} if isinstance(mine, str) else dict(mine))


# ---------------------------------------------------------------------- the zero-sum LP
def test_zero_sum_lp_on_kuhn_poker_is_exact() -> None:
    res = sequence_form_lp(kuhn_poker())
    (eq,) = res
    assert eq.max_regret == 0
    assert eq.payoffs["P1"] == Fraction(-1, 18)
    assert res.method == "sequence_form_lp"


@pytest.mark.parametrize("seed", range(15))
def test_zero_sum_lp_value_equals_lemke_value(seed: int) -> None:
    game = random_tree(500 + seed, zero_sum=True)
    lp, lcp = sequence_form_lp(game)[0], sequence_form_lemke(game)[0]
    assert lp.max_regret == 0
    assert lp.payoffs == lcp.payoffs


def test_zero_sum_lp_refuses_general_sum_trees() -> None:
    game = random_tree(3, zero_sum=False)
    with pytest.raises(UnsupportedGameError, match="constant-sum"):
        sequence_form_lp(game)


# ---------------------------------------------------------------------- through solve()
def monty_hall() -> ExtensiveFormGame:
    """Monty Hall with a free host: 12 x 512 reduced strategies (524 in all).

    Nature hides the car; the contestant picks a door without seeing it; the host, who
    knows both, opens another door (he wants her to lose, and revealing the car costs him
    2: strictly worse than any goat door); the contestant, seeing her pick and the open
    door, stays or switches.
    """
    doors = ("1", "2", "3")
    branches = {}
    for car in doors:
        picks = {}
        for pick in doors:
            opens = {}
            for shown in doors:
                if shown == pick:
                    continue
                other = next(d for d in doors if d not in (pick, shown))

                def end(final: str, shown: str = shown, car: str = car) -> object:
                    win = int(final == car)
                    return leaf(C=win, H=-win - 2 * int(shown == car))

                opens[f"open {shown}"] = decide(
                    "C", infoset=f"C picked {pick}, {shown} open", stay=end(pick), switch=end(other)
                )
            picks[f"pick {pick}"] = decide("H", infoset=f"H car {car} pick {pick}", **opens)
        branches[f"car {car}"] = (Fraction(1, 3), decide("C", infoset="C pick", **picks))
    return ExtensiveFormGame(("C", "H"), chance(**branches), title="Monty Hall")


def test_large_trees_get_one_equilibrium_from_the_sequence_form() -> None:
    from strategy.solvers.sequential import AUTO_PURE_LIMIT

    game = monty_hall()
    counts = sequence_form(game).reduced_strategy_counts()
    assert counts == (12, 512)
    assert counts[0] * counts[1] > AUTO_PURE_LIMIT
    res = solve(game, concept="nash")
    assert res.guarantee == "one"
    assert res.method == "sequence_form"
    assert any("reduced normal form would have 6144 strategy pairs (limit 4096)" in n for n in res.notes)
    (eq,) = res
    assert eq.max_regret == 0
    # the host never shows the car (strictly dominated), so on the path the game is zero-sum
    # with value 2/3: switching wins whenever the first pick was wrong
    assert eq.payoffs["C"] == Fraction(2, 3)


def test_large_zero_sum_trees_use_the_lp() -> None:
    res = solve(kuhn_poker(("2", "3", "4", "5", "6")), concept="nash")
    assert res.method == "sequence_form_lp"
    assert res[0].max_regret == 0
    assert res[0].payoffs["P1"] == Fraction(-1, 15)  # equals Lemke's exact value, checked in the LP tests


def test_no_pure_equilibrium_in_a_mid_sized_tree_gets_a_mixed_one() -> None:
    # Kuhn poker: 27 x 64 pairs, above the full-enumeration limit: pure equilibria are
    # sought first, and there are none
    res = solve(kuhn_poker(), concept="nash")
    assert res.guarantee == "one"
    assert any("no pure equilibrium exists" in n for n in res.notes)
    assert res[0].payoffs["P1"] == Fraction(-1, 18)


def test_explicit_method_for_trees_and_matrices() -> None:
    res = solve(kuhn_poker(), concept="nash", method="sequence_form")
    assert res.method == "sequence_form"
    assert res[0].payoffs["P1"] == Fraction(-1, 18)
    bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    res = solve(bos, method="sequence_form")
    assert res.guarantee == "one"
    assert res[0].max_regret == 0


def test_subgame_perfection_solves_a_large_subgame_by_the_sequence_form() -> None:
    # the players may sit out (each gets -1/10) or play Kuhn poker, a subgame of 27 + 64
    # strategies: beyond enumeration, so it is solved by the sequence form
    poker = kuhn_poker()
    game = ExtensiveFormGame(("P1", "P2"), decide("P1", Quit=leaf(P1=Fraction(-1, 10), P2=0), Play=poker.root))
    res = solve(game)
    (eq,) = res
    assert eq.concept == "subgame_perfect"
    assert eq.max_regret == 0  # regrets in every subgame, recomputed on the tree
    assert eq.profile["root"] == "Play"  # -1/18 > -1/10
    assert any("subgames at Play solved for one equilibrium each by the sequence form" in n for n in res.notes)
    # explicit: every subgame by the sequence form
    again = solve(game, method="sequence_form")
    assert again[0].payoffs == eq.payoffs


def test_monty_hall_subgame_perfect() -> None:
    res = solve(monty_hall())
    assert res[0].max_regret == 0
    assert res[0].payoffs["C"] == Fraction(2, 3)


def test_command_line_method(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from strategy.cli import main

    path = tmp_path / "kuhn.efg"
    path.write_text(format_efg(kuhn_poker()))
    assert main(["solve", str(path), "--concept", "nash", "--method", "sequence_form", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["method"] == "sequence_form"
    assert data["guarantee"] == "one"
    (eq,) = data["equilibria"]
    assert eq["exact"]["payoffs"] == ["-1/18", "1/18"]
    assert eq["exact"]["max_regret"] == "0"


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6))
def test_on_nondegenerate_bimatrix_games_lemke_finds_one_of_the_enumerated_equilibria(seed: int) -> None:
    # in a nondegenerate game every equilibrium is isolated, so the one Lemke's algorithm
    # finds must be among the equilibria exact enumeration lists, to the last digit
    from strategy.solvers.enumeration import enumerate_equilibria

    rng = np.random.default_rng(seed)
    m, n = (int(v) for v in rng.integers(2, 6, 2))
    game = NormalFormGame.from_bimatrix(rng.integers(0, 1000, (m, n)).tolist(), rng.integers(0, 1000, (m, n)).tolist())
    every = enumerate_equilibria(game)
    if every.degenerate:
        return
    (eq,) = sequence_form_lemke(game)
    found = tuple(tuple(Fraction(v) for v in p) for p in eq.profile.probabilities)
    assert found in {tuple(tuple(Fraction(v) for v in p) for p in e.profile.probabilities) for e in every}


# ---------------------------------------------------------------------- the kernel
def test_lemke_kernel_solves_a_small_lcp_and_reports_a_ray() -> None:
    from strategy.errors import ConvergenceError
    from strategy.solvers.trees._lemke import lemke

    # w = q + Mz with M = [[2, 1], [1, 2]], q = (-5, -6): both w = 0 at z = (4/3, 7/3)
    z, _ = lemke({(0, 0): 2, (0, 1): 1, (1, 0): 1, (1, 1): 2}, [-5, -6], [1, 1])
    assert z == [Fraction(4, 3), Fraction(7, 3)]
    assert lemke({(0, 0): 1}, [3], [1]) == ([Fraction(0)], 0)  # q >= 0: z = 0
    with pytest.raises(ConvergenceError, match="secondary ray"):
        lemke({(0, 0): -1}, [-1], [1])  # w = -1 - z >= 0 has no solution
