"""The Idlib analysis as a seminar document: one self-contained HTML page.

Order: the six questions with their answers, margins and tags; the prediction against the
record in every scenario that has one; the scenarios side by side; Games 1, 1b, 2a, 2b, 2c,
3, 4, 4b, 5, 6, each with an introduction for readers, the game and its solution in the
reference scenario (spring 2019), then only the scenarios that change its prediction
(trees and signalling games by their solution alone: the tree is the one drawn above), and
its own figures; the stress test; the symbols; one parameter table with provenance. Built
from the blocks of :mod:`strategy.report`; figures are inline SVG with text kept as text,
so the page opens offline and stays small (each game is drawn once, not once per scenario).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from games.idlib import CASES, SCENARIOS, SPACE, bargaining, repeated, stage, triangle
from games.idlib.analysis import chronological, disagreement_1_3, games_in_order, glossary, scenario_label
from games.idlib.answers import NEW, Answer, approx, plain_regime, symbol
from games.idlib.prediction import Row, predict
from games.idlib.scenarios import SCENARIO_NOTES
from strategy.errors import StrategyError
from strategy.report import figure_html, game_html, page, prose, registry_table, result_html

__all__ = ["INTRODUCTIONS", "document", "write_document"]

TITLE = "Idlib 2019: Russia, Turkey and the US, six questions answered by the case model"

INTRODUCTIONS = {
    "stage": (
        "Russia and Turkey choose once and at the same time. Russia restrains the regime (force 0), backs a "
        "limited squeeze (force λ, the spring-2019 operation) or an all-out assault (force 1). Turkey disarms "
        "HTS, holds its posture, or arms its aligned rebels. Russia weighs keeping Turkey in its orbit (V, "
        "a share ℓ of it lost if Idlib falls), the goodwill restraint still earns (G), the cost of HTS (h, "
        "reduced by Turkish disarming and by the regime's advance), the gain from retaking ground (g) and the "
        "cost of force (c_a + c_c). Turkey weighs refugees and the fall of Idlib (F + Φ per unit of the regime's "
        "advance), the cost of disarming (D) and of arming (a, plus the risk μ that armed proxies join HTS). "
        "Russia's payoff is U_R = V·(1 − ℓ·[AllOut]) + G·[Restrain] − h·H + g·e − (c_a + c_c)·f, where f is the "
        "force used, e the regime's effective advance and H what is left of HTS; [·] is 1 when the condition "
        "holds, else 0."
    ),
    "escalation": (
        "Game 1 with a fourth Turkish posture, Strike: Turkey arms its proxies and also strikes regime forces "
        "directly, as in Operation Spring Shield (February-March 2020, after the Balyun strike of 27 February). "
        "A strike blunts a further share σ of the regime's advance and costs Turkey c_S. Where strikes have no "
        "effect (σ = 0, every scenario before winter 2020) Strike is arming plus a cost, never chosen, and the "
        "game is Game 1; the winter 2020 and Moscow protocol scenarios give strikes an effect."
    ),
    "triangle": (
        "The US joins as a third player, choosing at the same moment: no carrot, a discount on the Patriot, "
        "or the discount plus an assurance that the buffer zone will be cleared of the SDF. Turkey keeps the "
        "S-400 or switches to the Patriot; Russia chooses its force. Because the US offer cannot respond to "
        "what Turkey does, a carrot only costs the US: it is never worth making."
    ),
    "inducement": (
        "The US moves first and chooses from a ladder: a carrot (none, a Patriot discount, the discount plus "
        "an assurance on the SDF, or a buyout priced just above what Turkey needs) and a stick executed only "
        "if Turkey keeps the S-400 (exclusion from the F-35 programme, e_F, and CAATSA sanctions, s_C, on "
        "top). Turkey sees the offer and chooses its weapons system; Russia, having seen Turkey's choice, "
        "chooses its force. Turkey anticipates that a switch to the Patriot is answered by Russia playing its "
        "trump card on Idlib. I* is the carrot that would make Turkey indifferent between the two systems; "
        "C_max is the most the US would give; a stick lowers what Turkey needs by the harm it threatens. The "
        "red path is the equilibrium; grey thick lines are the replies that would follow other moves."
    ),
    "timing": (
        "The same payoffs as Game 2b, but after the US offer Russia and Turkey move at the same time (the "
        "dashed lines join the positions Turkey cannot tell apart). A teaching contrast: the order of moves "
        "alone changes the prediction."
    ),
    "sochi": (
        "Russia offers the Sochi deal or assaults at once; Turkey disarms HTS or stalls; Russia, having seen "
        "this, restrains, squeezes or goes all-out; Turkey keeps the S-400 or switches (a US carrot I may be on "
        "the table); after a switch Russia may escalate. Solved backwards from the end (subgame perfection): "
        "every move is a best reply in what follows, so threats that would not be carried out do not count. "
        "The red path is the equilibrium."
    ),
    "types": (
        "Turkey knows whether it is unwilling (capable but reluctant: it would remove a share κ_W of HTS, at "
        "cost k_W) or unable (weak: κ_U, k_U); Russia only holds a prior p that it is unwilling. Turkey cracks "
        "down or stalls; Russia sees the message and restrains or squeezes. A perfect Bayesian equilibrium "
        "gives each type's message, Russia's reply to each message and its belief after it. Separating: the "
        "types send different messages, so Russia learns the type. Pooling: both send the same. "
        "Semi-separating: one type mixes, so a message shifts Russia's belief without settling it."
    ),
    "resolve": (
        'The op-ed\'s other doubt: Russia feared Turkey "might eventually waver" on the S-400. Turkey is '
        "Firm (Russia's prior p_F) or a Waverer that would take a US offer with probability w. It commits "
        "visibly to the S-400 (delivery, training; dearer for a waverer) or hedges by talking to the US. "
        "Russia sees the message, not the type, and squeezes or goes all-out, playing its trump card: a "
        "squeeze keeps the alignment but leaves HTS in place, an all-out assault takes Idlib at the price "
        "of a share ℓ of the alignment. Russia squeezes when its belief that Turkey is firm is at least the "
        "pooling threshold p*, located in the figure below by find_thresholds on the signalling game."
    ),
    "bargaining": (
        "A second Sochi: Russia halts the offensive in exchange for a share x of the contested belt handed to "
        "the regime or cleared of HTS. Russia's utility rises with x, Turkey's falls; without agreement both "
        "get their Game 1 equilibrium payoffs. The Nash solution splits the gains from agreement by bargaining "
        "weight; in Rubinstein's alternating offers the first proposer gains an edge that shrinks as both "
        "become patient. Turkey's outside option is to turn West, worth more with a US carrot I."
    ),
    "repeated": (
        "Game 1 played round after round. Restraint can last if the players value the future enough. Grim "
        "trigger punishes any deviation by returning to the one-round equilibrium for good; stick and carrot "
        "punishes with k rounds of squeeze-and-arm and then forgives. The table gives the smallest discount "
        "factor δ (the weight of next round's payoff against this round's) each player needs."
    ),
}


def _esc(text: Any) -> str:
    return html.escape(str(text))


def _questions(found: Sequence[Answer]) -> str:
    parts = [
        "<h2 id='questions'>The six questions</h2>",
        (
            "<p>Each answer is computed by the toolkit from the registered games. <span class='tag'>ORD</span> "
            "means the answer holds for any payoffs ranked the same way; <span class='tag'>CARD</span> that it "
            "depends on their sizes. The <b>margin</b> is how far the scenario's value of one parameter is from "
            "the tipping point that would reverse the answer; tipping points outside a parameter's registered "
            "range are flagged. Numbers carry two or three significant digits; "
            "<code>python -m games.idlib --json</code> gives them at full precision.</p>"
        ),
    ]
    for a in found:
        numbers = "".join(f"<li>{_esc(n)}</li>" for n in a.numbers)
        margin = a.margin.words()
        cls = " class='outside'" if a.margin.threshold is not None and not a.margin.in_range else ""
        parts.append(
            f"<div class='answer'><h3>{_esc(a.key)}. {_esc(a.question)} <span class='tag'>{_esc(a.tag)}</span></h3>"
            f"<p><b>{_esc(a.answer)}</b></p><ul>{numbers}</ul><p{cls}>Margin: {_esc(margin)}.</p>"
            f"<p><small>From {_esc(a.games)}.</small></p></div>"
        )
    return "".join(parts)


def _moves(moves: Any) -> str:
    return "; ".join(f"{who} {what}" for who, what in moves.items())


def _record(rows: Sequence[Row]) -> str:
    order = chronological(list(dict.fromkeys(r.scenario for r in rows)))
    body = []
    for case_name, title in games_in_order().items():
        mine = sorted((r for r in rows if r.case == case_name), key=lambda r: order.index(r.scenario))
        for k, r in enumerate(mine):
            verdict = {"agree": "agrees", "partly": "partly", "miss": "misses"}[r.verdict]
            cls = "agree" if r.verdict == "agree" else "miss"
            change = ""
            if r.change is not None:
                c = r.change
                change = (
                    f"{symbol(c.parameter)} ({_esc(c.parameter)}) {c.direction} {approx(c.threshold)} "
                    f"(now {approx(c.value)})"
                )
            elif r.verdict != "agree":
                change = "none within the registered ranges"
            predicted = _predicted(r.predicted)
            game_cell = f"<td rowspan='{len(mine)}'>{_esc(title)}</td>" if k == 0 else ""
            body.append(
                f"<tr>{game_cell}<td>{_esc(scenario_label(r.scenario))}</td><td>{_esc(_moves(r.record))}</td>"
                f"<td>{_esc(predicted)}</td><td class='{cls}'>{verdict}</td><td>{_esc(change)}</td></tr>"
            )
    return (
        "<h2 id='record'>Prediction against the record</h2>"
        "<p>What the parties did, as the op-ed and (for the later scenarios) the external sources cited in the "
        "case notes report it (kept as data in <code>games/idlib/record.py</code>), what "
        "each game's equilibrium predicts in the same scenario, and, for a miss, the smallest change of a "
        "single parameter, within its registered range, after which the game predicts the record (found from "
        "the regime boundaries that <code>find_thresholds</code> locates).</p>"
        "<div class='scroll'><table><tr><th>game</th><th>scenario</th><th>record</th><th>predicted</th>"
        f"<th>verdict</th><th>smallest change that gives the record</th></tr>{''.join(body)}</table></div>"
        f"<p>{_esc(disagreement_1_3())}</p>"
    )


def _outcome(case_name: str, scenario: str) -> str:
    """The game's prediction in a scenario, in words (the Nash share for the bargaining problem)."""
    if case_name == "bargaining":
        report = bargaining.solve_problem(CASES["bargaining"].game(scenario))
        return f"Nash solution: Turkey cedes x = {approx(report.nash.agreement, 2)}"
    return _predicted(predict(case_name, CASES[case_name].values(scenario)))


def _predicted(prediction: Any) -> str:
    """The equilibria's on-path moves, each distinct one once, joined by `` / ``."""
    return " / ".join(dict.fromkeys(_moves(p) for p in prediction))


def _scenarios() -> str:
    names = chronological(list(SCENARIOS))
    case = CASES["stage"]
    values = {s: case.values(s) for s in names}
    changed = [p.name for p in SPACE if len({float(values[s][p.name]) for s in names}) > 1]
    head = "".join(f"<th>{_esc(scenario_label(s))}<br><small>{_esc(s)}</small></th>" for s in names)
    rows = [f"<div class='scroll'><table class='compact'><tr><th></th>{head}</tr>"]
    for name in changed:
        values_row = "".join(f"<td>{approx(values[s][name])}</td>" for s in names)
        rows.append(
            f"<tr><td>{symbol(name)}: {_esc(SPACE[name].meaning.split(':', 1)[-1].split(' (')[0].strip())}</td>"
            f"{values_row}</tr>"
        )
    for case_name, title in games_in_order().items():
        cells = [_outcome(case_name, s) for s in names]
        rows.append(f"<tr><td>{_esc(title)}</td>" + "".join(f"<td>{_esc(c)}</td>" for c in cells) + "</tr>")
    rows.append("</table></div>")
    notes = "".join(
        f"<li><b>{_esc(scenario_label(s))}</b> ({_esc(s)}): {_esc(SCENARIO_NOTES[s].summary)}</li>"
        for s in names
        if s in SCENARIO_NOTES
    )
    return (
        "<h2 id='scenarios'>The scenarios side by side</h2><p>The op-ed's two moments (September 2018 and the "
        "spring-2019 offensive) and the dated scenarios that follow the record to December 2020:</p>"
        f"<ul>{notes}</ul><p>Only the parameters listed first differ between the scenarios; every other "
        "parameter keeps its default (see the table at the end). Below them, each game's prediction.</p>"
        + "".join(rows)
    )


def _solved(case_name: str, scenario: str) -> tuple[Any, Any]:
    """The case's game in `scenario` and its solution (all PBE for signalling games)."""
    from strategy.forms.bayesian import SignallingGame

    case = CASES[case_name]
    game = case.game(scenario)
    result = case.solve(game) if case.solve is not None else None
    if isinstance(game, SignallingGame):
        from strategy.solvers.signalling.enumeration import perfect_bayesian_equilibria

        result = perfect_bayesian_equilibria(game)
    elif result is None:
        from strategy import solve

        result = solve(game)
    return game, result


def _tree_result(result: Any) -> str:
    """A tree's equilibria by their path, payoffs and certificate (max regret), one row each.

    The full strategies (every reply off the path) are drawn in the tree and given by
    ``strategy solve ... --json``; tabulated they run to thousands of pixels for Game 2b.
    """
    players = list(result.game.players)
    head = "".join(f"<th>u({_esc(p)})</th>" for p in players)
    rows = "".join(
        f"<tr><td>{k}</td><td>{_esc(' → '.join(f'{who} {what}' for who, what in eq.profile.path()))}</td>"
        + "".join(f"<td>{approx(eq.payoffs[p])}</td>" for p in players)
        + f"<td>{approx(eq.max_regret, 2)}</td></tr>"
        for k, eq in enumerate(result, start=1)
    )
    count = len(result.equilibria)
    return (
        f"<p><b>{count} equilibri{'um' if count == 1 else 'a'}</b> (method: {_esc(result.method)}; guarantee: "
        f"{_esc(result.guarantee)}). Each row is an equilibrium's path of play; its replies off the path are "
        f"the thick grey lines of the tree.</p><table><tr><th>#</th><th>path</th>{head}<th>max regret</th></tr>"
        f"{rows}</table>"
    )


def _result_view(game: Any, result: Any) -> str:
    from strategy.forms.extensive import ExtensiveFormGame

    return _tree_result(result) if isinstance(game, ExtensiveFormGame) else result_html(result)


def _game_view(case_name: str, scenario: str) -> str:
    """The game drawn (a tree) or tabulated, and its solution, in the reference scenario."""
    from strategy.forms.extensive import ExtensiveFormGame

    game, result = _solved(case_name, scenario)
    if isinstance(game, ExtensiveFormGame):
        from strategy.plot.tree import tree_svg

        view = f"<figure>{tree_svg(game, result, sideways=True)}</figure>"
    else:
        view = game_html(game)
    head = f"{scenario_label(scenario)} ({scenario}), the reference scenario: {_outcome(case_name, scenario)}"
    return f"<h3>{_esc(head)}</h3>{view}{_result_view(game, result)}"


def _other_scenarios(case_name: str, reference: str) -> str:
    """The scenarios whose prediction differs from the reference's, grouped by prediction.

    A normal-form game is tabulated again (its table is small); a tree or a signalling game
    is shown by its solution only, with the same structure as the one drawn above.
    """
    from strategy.forms.normal import NormalFormGame

    base = _outcome(case_name, reference)
    groups: dict[str, list[str]] = {}
    for s in chronological([s for s in SCENARIOS if s != reference]):
        groups.setdefault(_outcome(case_name, s), []).append(s)
    same = groups.pop(base, [])
    parts = []
    if same:
        parts.append(
            "<p>Same prediction in "
            + ", ".join(_esc(scenario_label(s)) for s in same)
            + "."
            + ("" if groups else " No scenario changes it.")
            + "</p>"
        )
    for outcome, names in groups.items():
        game, result = _solved(case_name, names[0])
        when = ", ".join(f"{scenario_label(s)} ({s})" for s in names)
        view = game_html(game) if isinstance(game, NormalFormGame) else ""
        parts.append(f"<h3>{_esc(when)}: {_esc(outcome)}</h3>{view}{_result_view(game, result)}")
    return "".join(parts)


def _ladder() -> str:
    """Q3 per scenario: I*, the US's gain, C_max, the gap and the stick that closes it (Game 2b)."""
    rows = []
    for s in chronological(list(SCENARIOS)):
        q = triangle.q3_answer(CASES["inducement"].values(s))
        stick = "none needed: the US pays the carrot" if q.shortfall <= 0 else (q.closing_stick or "none")
        rows.append(
            f"<tr><td>{_esc(scenario_label(s))}</td><td>{approx(q.required)}</td><td>{approx(q.us_gain)}</td>"
            f"<td>{approx(q.max_carrot)}</td><td>{approx(q.shortfall)}</td>"
            f"<td>{_esc(', '.join(f'{k} {approx(v)}' for k, v in q.sticks.items()).replace('F35', 'F-35'))}</td><td>{_esc(stick.replace('F35', 'F-35'))}</td></tr>"
        )
    return (
        "<p>The US's ladder in every scenario (<code>triangle.q3_answer</code>): the carrot Turkey needs (I*), "
        "the US's gain from a switch, the most it would pay (C_max, with the SDF assurance when that is "
        "efficient), the gap between them, the harm each stick threatens, and the first stick whose harm "
        "closes the gap.</p><div class='scroll'><table><tr><th>scenario</th><th>I*</th><th>US gain</th>"
        "<th>C_max</th><th>gap (I* − C_max)</th><th>sticks (harm to Turkey)</th><th>stick that closes the gap</th></tr>"
        + "".join(rows)
        + "</table></div>"
    )


def _stage_map(case_name: str, resolution: int) -> Iterator[tuple[str, Any]]:
    """Regime map over goodwill x HTS threat, both scenarios marked, 2019 thresholds ticked."""
    import matplotlib.pyplot as plt

    from strategy.plot.sensitivity import plot_regime_map
    from strategy.sensitivity import regime_map

    case = CASES[case_name]
    g, h = SPACE["goodwill_value"], SPACE["hts_threat"]
    rmap = regime_map(case, ("goodwill_value", g.low, g.high, resolution), ("hts_threat", h.low, h.high, resolution))
    axes = {"goodwill_value", "hts_threat"}
    mapped = [s for s in chronological(list(SCENARIOS)) if set(SCENARIOS[s]) <= axes]  # the map's other values
    points = {
        scenario_label(s): (float(case.values(s).goodwill_value), float(case.values(s).hts_threat)) for s in mapped
    }
    figure, ax = plt.subplots(figsize=(7.2, 5.6))
    plot_regime_map(
        rmap,
        ax=ax,
        points=points,
        rename=plain_regime,
        xlabel="G: goodwill per round of restraint (utils)",
        ylabel="h: cost to Russia of HTS (utils)",
    )
    now = case.values(NEW)
    for name, axis in (("goodwill_value", "x"), ("hts_threat", "y")):
        lo, hi = SPACE[name].low, SPACE[name].high
        from games.idlib.answers import thresholds

        for t in thresholds(case_name, name, scenario=NEW, grid=401):
            if lo <= t.value <= hi:
                xy = (t.value, float(now.hts_threat)) if axis == "x" else (float(now.goodwill_value), t.value)
                ax.plot(*xy, marker="|" if axis == "x" else "_", color="black", markersize=16, mew=2)
                ax.annotate(approx(t.value), xy, xytext=(3, -14), textcoords="offset points", fontsize=9)
    figure.tight_layout()
    title = "Game 1" if case_name == "stage" else "Game 3"
    yield (
        (
            f"{title}: the outcome for every goodwill G and HTS threat h (other parameters at their defaults). The "
            "dots are the scenarios that move only G and h (the later ones move other parameters too, so their "
            "outcome cannot be read off this map: see the scenario table); the ticks on the lines through the 2019 point are its tipping points, found "
            "by find_thresholds."
        ),
        figure,
    )


def _inducement_tornado() -> Iterator[tuple[str, Any]]:
    import matplotlib.pyplot as plt
    import pandas as pd

    from games.idlib.answers import inducement_tornado
    from strategy.plot.sensitivity import plot_tornado

    rows = inducement_tornado()[:8]
    base = triangle.required_inducement(CASES["inducement"].values(NEW))
    frame = pd.DataFrame(
        {
            "parameter": [f"{symbol(n)} ({n})" for n, _, _ in rows],
            "at_low": [a for _, a, _ in rows],
            "at_high": [b for _, _, b in rows],
            "base": base,
        }
    )
    figure, ax = plt.subplots(figsize=(7.2, 0.42 * len(frame) + 1.4))
    plot_tornado(frame, ax=ax, xlabel="I*: carrot Turkey needs to switch to the Patriot (utils)")
    figure.tight_layout()
    yield (
        (
            f"Game 2b: the carrot Turkey needs (I* = {approx(base)} in 2019) with one parameter at the low (blue) or "
            "high (orange) end of its range, the others at their 2019 values."
        ),
        figure,
    )


def _prior_strip(
    case: str, parameter: str, grid: int, keep: Callable[[float], bool], xlabel: str
) -> tuple[list[Any], Any]:
    """The kinds of PBE of a signalling case over one prior in [0, 1] (2019 values): the
    tipping points found by find_thresholds whose value `keep` accepts, and the strip figure
    with the 2019 prior marked."""
    import matplotlib.pyplot as plt

    from games.idlib.answers import thresholds
    from strategy.plot.sensitivity import plot_regime_strip

    found = [t for t in thresholds(case, parameter, scenario=NEW, grid=grid) if keep(t.value)]
    figure, ax = plt.subplots(figsize=(7.2, 2.6))
    plot_regime_strip(
        found,
        0.0,
        1.0,
        ax=ax,
        value=float(getattr(CASES[case].values(NEW), parameter)),
        rename=lambda label: label.replace(" | ", "; "),
        xlabel=xlabel,
    )
    figure.tight_layout()
    return found, figure


def _types_strip() -> Iterator[tuple[str, Any]]:
    _, figure = _prior_strip(
        "types", "prior_unwilling", 101, lambda p: 0 <= p <= 1, "p: Russia's prior that Turkey is unwilling"
    )
    yield (
        (
            "Game 4, 2019: which kinds of perfect Bayesian equilibrium exist for each prior p (the triangle marks "
            "p = 0.5); the dashed lines are the tipping points found by find_thresholds on the signalling game."
        ),
        figure,
    )


def _resolve_strip() -> Iterator[tuple[str, Any]]:
    """Game 4b: the kinds of PBE over Russia's prior that Turkey is firm, p* marked (find_thresholds)."""
    found, figure = _prior_strip(
        "resolve",
        "prior_firm",
        41,
        lambda p: 1e-6 < p < 1 - 1e-6,
        "p_F: Russia's prior that Turkey is firm on the S-400",
    )
    pooling = [t for t in found if "pooling on Commit" in t.to_regime and "pooling on Commit" not in t.from_regime]
    p_star = f"p* = {approx(pooling[0].value)}" if pooling else "no pooling threshold inside (0, 1)"
    yield (
        (
            "Game 4b, 2019: which kinds of perfect Bayesian equilibrium exist for each prior p_F (the triangle marks "
            f"p_F = {approx(CASES['resolve'].values(NEW).prior_firm)}). Pooling on Commit, where Russia squeezes "
            f"whoever commits, exists from the pooling threshold {p_star} up; the dashed lines are the tipping "
            "points found by find_thresholds on the signalling game."
        ),
        figure,
    )


def _bargaining_chart() -> Iterator[tuple[str, Any]]:
    import matplotlib.pyplot as plt

    carrots = np.linspace(0, SPACE["us_inducement"].high, 51)
    base = CASES["bargaining"].values(NEW)
    series: dict[str, list[float]] = {"Nash solution": [], "Rubinstein, Russia first, with outside options": []}
    for i in carrots:
        r = bargaining.solve_problem(bargaining.build(base.replace(us_inducement=float(i))))
        series["Nash solution"].append(r.nash.agreement)
        w = r.with_outside
        series["Rubinstein, Russia first, with outside options"].append(w.agreement if w.deal else np.nan)
    figure, ax = plt.subplots(figsize=(7.2, 3.8))
    for name, ys in series.items():
        ax.plot(carrots, ys, label=name)
    ax.set_xlabel("I: US carrot on the table (utils)")
    ax.set_ylabel("x: share of the belt Turkey cedes")
    ax.legend(fontsize=9)
    figure.tight_layout()
    yield (
        (
            "Game 5, 2019: the agreed share as the US carrot grows. The Nash solution ignores outside options; in "
            "alternating offers Turkey's exit to the West starts to bind once the carrot is large enough, and a "
            "gap in the line means no agreement (Turkey walks away)."
        ),
        figure,
    )


def _repeated_chart() -> Iterator[tuple[str, Any]]:
    import matplotlib.pyplot as plt

    g = SPACE["goodwill_value"]
    grid = np.linspace(g.low, g.high, 41)
    base = CASES["repeated"].values(NEW)
    need_r, need_t = [], []
    for x in grid:
        try:
            rep = repeated.analyse(stage.GAME.game(base.replace(goodwill_value=float(x))))
        except StrategyError:  # several stage equilibria: grim trigger has no single punishment
            need_r.append(np.nan)
            need_t.append(np.nan)
            continue
        need_r.append(min(rep.grim["as practised"].critical["Russia"], 1.05))
        need_t.append(min(rep.grim["as written"].critical["Turkey"], 1.05))
    figure, ax = plt.subplots(figsize=(7.2, 3.8))
    ax.plot(grid, need_r, label="Russia, to restrain a Turkey that holds (Sochi as practised)")
    ax.plot(grid, need_t, label="Turkey, to disarm (Sochi as written)")
    ax.axhline(float(base.delta_russia), color="tab:blue", linestyle=":", label="Russia's registered δ_R")
    ax.axhline(float(base.delta_turkey), color="tab:orange", linestyle=":", label="Turkey's registered δ_T")
    ax.set_ylim(0, 1.06)
    ax.set_xlabel("G: goodwill per round of restraint (utils)")
    ax.set_ylabel("smallest discount factor δ needed")
    ax.legend(fontsize=8)
    figure.tight_layout()
    yield (
        (
            "Game 6, 2019 values except goodwill: the patience each side needs for grim trigger to sustain the deal "
            "(values at the top mean no patience suffices; gaps mark goodwill values where the one-round game has "
            "several equilibria)."
        ),
        figure,
    )


def _figures(case_name: str, resolution: int) -> Iterator[tuple[str, Any]]:
    if case_name in ("stage", "sochi"):
        yield from _stage_map(case_name, resolution if case_name == "stage" else max(11, resolution // 2))
    elif case_name == "inducement":
        yield from _inducement_tornado()
    elif case_name == "types":
        yield from _types_strip()
    elif case_name == "resolve":
        yield from _resolve_strip()
    elif case_name == "bargaining":
        yield from _bargaining_chart()
    elif case_name == "repeated":
        yield from _repeated_chart()


def _stress(found: Sequence[Answer]) -> str:
    import matplotlib.pyplot as plt

    q4 = next((a for a in found if a.key == "Q4"), None)
    if q4 is None:
        return ""
    data = q4.exact["stress"]
    n = data["samples"]
    shown, other = [], 0.0
    for r in data["regimes"]:
        if r["frequency"] >= 0.02:
            shown.append((plain_regime(r["regime"]), r["frequency"], r["ci"]))
        else:
            other += r["frequency"]
    rows = "".join(
        f"<tr><td>{_esc(name)}</td><td>{f:.0%}</td><td>{lo:.0%}–{hi:.0%}</td></tr>" for name, f, (lo, hi) in shown
    )
    if other:
        rows += f"<tr><td>other</td><td>{other:.0%}</td><td></td></tr>"
    figure, ax = plt.subplots(figsize=(7.2, 0.45 * len(shown) + 1.4))
    ax.barh(range(len(shown))[::-1], [f for _, f, _ in shown], color="tab:green")
    ax.set_yticks(range(len(shown))[::-1], [name for name, _, _ in shown], fontsize=9)
    ax.set_xlabel(f"share of {n} random parameter draws")
    ax.set_xlim(0, 1)
    figure.tight_layout()
    return (
        "<h2 id='stress'>Stress test</h2>"
        f"<p>Game 1 solved at {n} points drawn at random (Latin hypercube) over every parameter's registered "
        "range. The interval measures Monte Carlo noise over that box of parameters, not real-world "
        "uncertainty; the box itself is an assumption. Outcomes under 2% are grouped as other.</p>"
        f"<table><tr><th>outcome</th><th>share</th><th>95% interval</th></tr>{rows}</table>"
        + figure_html("Game 1 outcomes over the parameter box.", figure)
    )


def document(found: Sequence[Answer], rows: Sequence[Row], *, resolution: int = 41) -> str:
    """The whole document as one HTML string."""
    import matplotlib as mpl

    with mpl.rc_context({"svg.fonttype": "none", "font.size": 10}):
        body = [
            f"<h1>{_esc(TITLE)}</h1>",
            (
                "<p>In spring 2019 the Syrian regime, with Russian air support, launched an offensive on Idlib, "
                "months after Russia had agreed at Sochi to let Turkey disarm the extremist groups there. An op-ed "
                "asked what changed. This document answers that and five related questions with a family of small "
                "games. Payoffs are assumptions in utils, sized against one anchor: a full refugee wave costs "
                "Turkey 10. The op-ed's two moments, Sochi (September 2018) and the offensive (spring 2019), are "
                "compared, and five dated scenarios test the games against what happened next, to December 2020.</p>"
            ),
            "<ul><li><a href='#questions'>The six questions</a></li><li><a href='#record'>Prediction against "
            "the record</a></li><li><a href='#scenarios'>The scenarios side by side</a></li>"
            + "".join(f"<li><a href='#{k}'>{_esc(v)}</a></li>" for k, v in games_in_order().items())
            + "<li><a href='#stress'>Stress test</a></li><li><a href='#symbols'>Symbols</a></li>"
            "<li><a href='#parameters'>Parameters and their sources</a></li></ul>",
            _questions(found),
            _record(rows),
            _scenarios(),
        ]
        for case_name, title in games_in_order().items():
            intro = (
                f"<p>{_esc(INTRODUCTIONS[case_name])}</p>"
                if case_name in INTRODUCTIONS
                else prose(CASES[case_name].description)
            )
            body.append(f"<h2 id='{case_name}' class='game'>{_esc(title)}</h2>{intro}")
            body.append(_game_view(case_name, NEW))
            body.append(_other_scenarios(case_name, NEW))
            if case_name == "inducement":
                body.append(_ladder())
            body += [figure_html(caption, fig) for caption, fig in _figures(case_name, resolution)]
        body.append(_stress(found))
        names = [n for a in found for n in (*a.parameters, a.margin.parameter)]
        names += [r.change.parameter for r in rows if r.change is not None]
        text = " ".join(" ".join(a.numbers) for a in found)
        entries = "".join(f"<li>{_esc(e)}</li>" for e in glossary(names, text + " I* C_max"))
        body.append(f"<h2 id='symbols'>Symbols</h2><ul>{entries}</ul>")
        body.append(
            "<h2 id='parameters'>Parameters and their sources</h2><p>Basis: Q quoted from the op-ed, X an external "
            "fact, A a modelling assumption (Q/A: quoted for its existence, assumed for its size).</p>"
        )
        body.append(registry_table(SPACE))
    return page(TITLE, body)


def write_document(path: str | Path, found: Sequence[Answer], rows: Sequence[Row]) -> Path:
    """Write :func:`document` to `path`; return the path."""
    target = Path(path)
    target.write_text(document(found, rows), encoding="utf-8")
    return target
