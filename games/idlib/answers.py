"""The six questions of the case model (section 2), answered by the library's analyses.

Each :class:`Answer` holds the question in plain words, the computed answer, the numbers
behind it, its :class:`Margin` (how far the scenario's value of one parameter is from the
tipping point that reverses the answer) and its robustness tag: ``ORD`` when the answer
holds for any payoffs ranked the same way (pure equilibria and subgame-perfect paths at
given values), ``CARD`` when it depends on the sizes (thresholds, mixed equilibria,
inducements, discount factors). Every number is computed here from the registered games:
tipping points by :func:`strategy.sensitivity.find_thresholds`, regime frequencies by
:func:`strategy.sensitivity.stress`, the equilibrium's robustness by
:func:`strategy.sensitivity.stability_margin`, the rest by the solvers; scenario values
are read from ``SCENARIOS``. Nothing is typed in from the case model's tables.

Tipping points are searched over the parameter's registered range widened by half its
width on each side (clipped at 0 for non-negative parameters and at 1 for shares and
probabilities), so that a tipping point just outside the range is found and flagged.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from games.idlib import CASES, SCENARIOS, repeated, stage, triangle
from strategy import Values, solve
from strategy.sensitivity import Threshold, find_thresholds, stability_margin, stress

__all__ = [
    "Answer",
    "Margin",
    "answers",
    "approx",
    "meaning",
    "nearest_threshold",
    "plain_regime",
    "profile_words",
    "symbol",
]

OLD, NEW = "sochi_2018", "offensive_2019"
"""The two scenarios the questions compare (both must be in SCENARIOS)."""


def approx(x: Any, digits: int = 3) -> str:
    """`x` at `digits` significant digits (``12``, ``0.45``, ``9.84``); ``inf`` for infinity."""
    x = float(x)
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if x == 0:
        return "0"
    text = f"{x:.{digits}g}"
    return text.replace("e+0", "e").replace("e-0", "e-")


_GREEK = {
    "lambda": "λ",
    "mu": "μ",
    "rho": "ρ",
    "kappa": "κ",
    "tau": "τ",
    "Phi": "Φ",
    "phi": "φ",
    "pi": "π",
    "delta": "δ",
    "omega": "ω",
    "epsilon": "ε",
    "sigma": "σ",
    "beta": "β",
    "eta": "η",
    "l": "ℓ",
}


def symbol(name: str) -> str:
    """The symbol of a registered parameter (``G`` for goodwill_value, ``δ_R`` for delta_russia).

    Read from the head of the parameter's meaning (``"G: marginal goodwill ..."``), Greek
    names written as Greek letters; the parameter's name when the meaning has no symbol.
    """
    meaning = CASES["stage"].space[name].meaning
    head = meaning.split(":", 1)[0].strip()
    if ":" not in meaning or len(head) > 12:
        return name
    root, _, sub = head.partition("_")
    root = _GREEK.get(root, root)
    return f"{root}_{sub}" if sub else root


def meaning(name: str) -> str:
    """The parameter's meaning without its symbol."""
    text = CASES["stage"].space[name].meaning
    text = text.split(":", 1)[1].strip() if ":" in text else text
    return text.split(" (", 1)[0]


def profile_words(moves: Mapping[str, Any]) -> str:
    """``Russia Squeeze, Turkey Arm`` from player -> action (or tuple of actions)."""
    parts = []
    for who, what in moves.items():
        text = what if isinstance(what, str) else " or ".join(what)
        parts.append(f"{who} {text}")
    return ", ".join(parts)


def plain_regime(label: str) -> str:
    """A regime label of the sensitivity analyses in the profile notation of the report.

    ``Russia=Squeeze, Turkey=Arm`` -> ``Russia Squeeze, Turkey Arm``;
    ``mixed(Russia: Restrain+Squeeze; Turkey: Hold+Arm)`` -> ``mixed: Russia Restrain or
    Squeeze, Turkey Hold or Arm``; an SPE path ``Deal|Stall|Squeeze|Keep`` -> ``Deal →
    Stall → Squeeze → Keep``; several equilibria are joined by ``" | "`` -> ``" or "``.
    """
    out = []
    for part in label.split(" | "):
        part = part.strip()
        if part.startswith("mixed(") and part.endswith(")"):
            inner = part[len("mixed(") : -1]
            words = ", ".join(
                f"{who.strip()} {acts.strip().replace('+', ' or ')}"
                for who, acts in (chunk.split(":", 1) for chunk in inner.split(";"))
            )
            out.append(f"mixed: {words}")
        elif "=" in part:
            out.append(part.replace("=", " "))
        else:
            out.append(part.replace("|", " → "))
    return " or ".join(out)


@dataclass(frozen=True)
class Margin:
    """The tipping point nearest to a scenario value: crossing it reverses the answer."""

    parameter: str
    value: float
    threshold: float | None
    low: float
    high: float
    becomes: str = ""

    @property
    def distance(self) -> float:
        """``|threshold - value|``; infinite when no tipping point was found."""
        return math.inf if self.threshold is None else abs(self.threshold - self.value)

    @property
    def in_range(self) -> bool:
        """Whether the tipping point lies inside the parameter's registered range."""
        return self.threshold is not None and self.low <= self.threshold <= self.high

    def words(self) -> str:
        """``G = 0.5, tipping point 0.45: margin 0.05 (1% of its range)``, flagged when out of range."""
        name = symbol(self.parameter)
        if self.threshold is None:
            return f"{name} = {approx(self.value)}: no tipping point within reach of its range {self._range()}"
        share = self.distance / (self.high - self.low)
        text = (
            f"{name} = {approx(self.value)}, tipping point {approx(self.threshold)}: "
            f"margin {approx(self.distance, 2)} ({share:.0%} of its range)"
        )
        if not self.in_range:
            text += f", OUTSIDE the registered range {self._range()}"
        return text

    def _range(self) -> str:
        return f"{approx(self.low)}–{approx(self.high)}"

    def to_dict(self) -> dict[str, Any]:
        """JSON form (full precision)."""
        return {
            "parameter": self.parameter,
            "value": self.value,
            "threshold": self.threshold,
            "distance": None if self.threshold is None else self.distance,
            "in_range": self.in_range,
            "range": [self.low, self.high],
            "becomes": self.becomes,
        }


@dataclass(frozen=True)
class Answer:
    """One question answered: words for readers, exact values for JSON."""

    key: str
    question: str
    answer: str
    numbers: tuple[str, ...]
    margin: Margin
    tag: str
    games: str
    exact: Mapping[str, Any] = field(default_factory=dict)
    parameters: tuple[str, ...] = ()
    """The registered parameters whose symbols the answer's words use (for the glossary)."""

    def to_dict(self) -> dict[str, Any]:
        """JSON form (full precision)."""
        return {
            "question": self.question,
            "answer": self.answer,
            "numbers": list(self.numbers),
            "margin": self.margin.to_dict(),
            "tag": self.tag,
            "games": self.games,
            "exact": dict(self.exact),
        }


def _search_range(case_name: str, name: str) -> tuple[float, float]:
    p = CASES[case_name].space[name]
    width = p.high - p.low
    lo, hi = p.low - width / 2, p.high + width / 2
    if p.low >= 0:
        lo = max(lo, 0.0)
    if p.high <= 1 and p.low >= 0:
        hi = min(hi, 1.0)
    return lo, hi


def thresholds(
    case_name: str, name: str, *, scenario: str | None = None, base: Mapping[str, Any] | None = None, grid: int = 801
) -> list[Threshold]:
    """:func:`find_thresholds` of a case over the widened range of `name`."""
    lo, hi = _search_range(case_name, name)
    return find_thresholds(CASES[case_name], name, lo, hi, scenario=scenario, base=base, grid=grid, tol=1e-9)


def nearest_threshold(
    case_name: str,
    name: str,
    *,
    scenario: str | None = None,
    base: Mapping[str, Any] | None = None,
    grid: int = 801,
) -> Margin:
    """The tipping point of `name` nearest to its value (scenario, then `base`)."""
    case = CASES[case_name]
    value = float(case.values(scenario, base)[name])
    found = thresholds(case_name, name, scenario=scenario, base=base, grid=grid)
    p = case.space[name]
    if not found:
        return Margin(name, value, None, p.low, p.high)
    best = min(found, key=lambda t: abs(t.value - value))
    becomes = best.to_regime if best.value > value else best.from_regime
    return Margin(name, value, best.value, p.low, p.high, plain_regime(becomes))


def _pure_moves(result: Any) -> dict[str, str]:
    """Player -> action(s) of the equilibria of a normal-form result (``or`` across them)."""
    moves: dict[str, list[str]] = {}
    for eq in result:
        for who, acts in eq.profile.support().items():
            for a in acts:
                if a not in moves.setdefault(who, []):
                    moves[who].append(a)
    return {who: " or ".join(a) for who, a in moves.items()}


def _stage(values: Values) -> dict[str, str]:
    return _pure_moves(solve(stage.GAME.game(values)))


def q1() -> Answer:
    """What changed? The regime under each combination of the parameters that differ."""
    case = CASES["stage"]
    old, new = case.values(OLD), case.values(NEW)
    changed = [n for n in case.space.names if float(old[n]) != float(new[n])]
    before, after = _stage(old), _stage(new)
    singles = {n: _stage(old.replace(**{n: new[n]})) for n in changed}
    alone = [n for n, moves in singles.items() if moves == after]
    if alone:
        answer = "One shift alone is enough: " + ", ".join(symbol(n) for n in alone) + "."
    elif len(changed) > 1:
        answer = "Both shifts were needed: neither alone moves Russia from restraint to a squeeze."
    else:
        answer = "The single change of parameter flips the equilibrium."
    numbers = [f"2018: {profile_words(before)}.  2019: {profile_words(after)}."]
    margins = []
    for n, moves in singles.items():
        m = nearest_threshold("stage", n, scenario=OLD, base={n: float(new[n])})
        margins.append(m)
        tip = "no tipping point nearby" if m.threshold is None else f"tips at {approx(m.threshold)}"
        if m.threshold is not None and not m.in_range:
            tip += f", OUTSIDE its range {approx(m.low)}–{approx(m.high)}"
        numbers.append(
            f"Only {symbol(n)} changes ({approx(old[n])} → {approx(new[n])}): {profile_words(moves)}; {tip}."
        )
    margin = min(margins, key=lambda m: m.distance / (m.high - m.low))
    eq = solve(stage.GAME.game(new))
    stable = stability_margin(stage.GAME.game(new), eq[0]) if len(eq) == 1 and eq[0].profile.is_pure else None
    if stable is not None:
        numbers.append(f"The 2019 outcome survives any change of up to {approx(stable, 2)} utils in every payoff.")
    return Answer(
        "Q1",
        "What changed between the Sochi deal (2018) and the 2019 offensive?",
        answer,
        tuple(numbers),
        margin,
        "ORD",
        "Game 1",
        {
            "changed": changed,
            "before": before,
            "after": after,
            "one_change": singles,
            "margins": [m.to_dict() for m in margins],
            "stability_margin_2019": stable,
        },
        tuple(changed),
    )


def q2() -> Answer:
    """When does restraint stop being a best response? Statically (Game 1), dynamically (Game 6)."""
    case = CASES["stage"]
    new = case.values(NEW)
    found = thresholds("stage", "goodwill_value", scenario=NEW)
    margin = nearest_threshold("stage", "goodwill_value", scenario=NEW)
    above = [t for t in found if "Restrain" in t.to_regime and t.value > float(new.goodwill_value)]
    rep = repeated.analyse(case.build(new))
    practised = rep.grim["as practised"]
    delta_r = float(new.delta_russia)
    restraint_needs = practised.critical["Russia"]
    top = approx(above[-1].value) if above else "no value in reach"
    band = f" (mixed between {approx(above[0].value)} and {top})" if len(above) > 1 else ""
    numbers = [
        f"2019: G = {approx(new.goodwill_value)} at h = {approx(new.hts_threat)}; Russia restrains only above {top}{band}.",
        (
            f"Repeated (Game 6): δ_R = {approx(delta_r)}, and restraint towards a Turkey that only holds needs "
            f"δ_R ≥ {approx(restraint_needs)}."
        ),
    ]
    answer = (
        f"In one round below goodwill G = {top} (at 2019's HTS threat h); in many, below patience "
        f"δ_R = {approx(restraint_needs)}."
    )
    return Answer(
        "Q2",
        "When does Russian restraint stop being a best response?",
        answer,
        tuple(numbers),
        margin,
        "CARD",
        "Games 1, 6",
        {
            "goodwill_thresholds": [t.to_dict() for t in found],
            "delta_russia_critical_as_practised": restraint_needs,
            "delta_russia": delta_r,
        },
        ("goodwill_value", "hts_threat", "delta_russia"),
    )


def _first_tip(case_name: str, name: str, scenario: str, grid: int) -> Margin:
    """The first tipping point of `name` above its scenario value, over its registered range."""
    case = CASES[case_name]
    p = case.space[name]
    value = float(case.values(scenario)[name])
    found = [
        t for t in find_thresholds(case, name, p.low, p.high, scenario=scenario, grid=grid, tol=1e-9) if t.value > value
    ]
    if not found:
        return Margin(name, value, None, p.low, p.high)
    return Margin(name, value, found[0].value, p.low, p.high, plain_regime(found[0].to_regime))


def q3() -> Answer:
    """How large must a US inducement be? The US's ladder of carrots and sticks in Game 2b.

    I* (the carrot that flips Turkey), the most the US will pay and the stick that closes
    the gap come from :func:`games.idlib.triangle.q3_answer`; the tipping points of the US's
    stake W and of the F-35 stick e_F, beyond which the US buys Turkey out, from
    :func:`strategy.sensitivity.find_thresholds` on the tree (``idlib.inducement``).
    """
    case = CASES["inducement"]
    ladder = {s: triangle.q3_answer(case.values(s)) for s in (OLD, NEW)}
    now = ladder[NEW]
    refugee = float(case.values(NEW).refugee_cost)
    stake = _first_tip("inducement", "us_alignment_value", NEW, grid=37)
    stick = _first_tip("inducement", "f35_exclusion_cost", NEW, grid=33)
    margin = min((stake, stick), key=lambda m: m.distance / (m.high - m.low))
    if now.shortfall <= 0:
        verdict = "the US pays it and Turkey switches to the Patriot."
    elif now.closing_stick is not None:
        verdict = f"the {now.closing_stick} stick closes the gap and Turkey switches."
    else:
        verdict = "no stick closes the gap, so Turkey keeps the S-400."
    answer = (
        f"About {approx(now.required, 2)} utils in 2019 ({now.required / refugee:.1f} refugee waves); the US "
        f"pays at most {approx(now.max_carrot, 2)}: {verdict}"
    )
    sticks = ", ".join(
        f"{name.replace('F35', 'F-35').replace('+', ' + ')} {approx(h)}" for name, h in now.sticks.items()
    )
    tips = []
    for m in (stake, stick):
        if m.threshold is not None:
            tips.append(f"{symbol(m.parameter)} passes {approx(m.threshold)} (now {approx(m.value)})")
    numbers = [
        (
            f"I*: 2018 {approx(ladder[OLD].required)}, 2019 {approx(now.required)}; C_max: 2018 "
            f"{approx(ladder[OLD].max_carrot)}, 2019 {approx(now.max_carrot)}; sticks (harm to Turkey): {sticks}."
        ),
        "The US buys Turkey out (Buyout with both sticks) once " + " or ".join(tips) + "."
        if tips
        else "No change of the US's stake or of the F-35 stick within their ranges makes the US buy Turkey out.",
    ]
    return Answer(
        "Q3",
        "How large must a US inducement be to move Turkey from the S-400 to the Patriot?",
        answer,
        tuple(numbers),
        margin,
        "CARD",
        "Game 2b",
        {
            "required_inducement": {s: q.required for s, q in ladder.items()},
            "max_carrot": {s: q.max_carrot for s, q in ladder.items()},
            "ladder": {s: q.to_dict() for s, q in ladder.items()},
            "tipping_points": [stake.to_dict(), stick.to_dict()],
        },
        ("us_alignment_value", "f35_exclusion_cost", "refugee_cost"),
    )


def inducement_tornado(scenario: str = NEW) -> list[tuple[str, float, float]]:
    """I* with each parameter of Game 2b at the low and the high end of its range, largest swing first."""
    from games.idlib.prediction import parameters_in
    from strategy.errors import StrategyError

    case = CASES["inducement"]
    values = case.values(scenario)
    rows = []
    for name in parameters_in("inducement", scenario):
        p = case.space[name]
        try:
            ends = [triangle.required_inducement(values.replace(**{name: x})) for x in (p.low, p.high)]
        except StrategyError:
            continue
        rows.append((name, ends[0], ends[1]))
    return sorted(rows, key=lambda r: -abs(r[2] - r[1]))


def q4(samples: int = 2000) -> Answer:
    """What does it depend on most? Tornado of I*, the nearest flip of Game 1, the stress test."""
    from games.idlib.prediction import parameters_in

    tornado_rows = inducement_tornado()
    case = CASES["stage"]
    margins = [nearest_threshold("stage", n, scenario=NEW, grid=401) for n in parameters_in("stage", NEW)]
    margin = min(margins, key=lambda m: m.distance / (m.high - m.low))
    result = stress(case, samples, rng=2019, method="lhs", base=dict(case.values(NEW)), progress=False)
    top = result.frame.iloc[0]
    current = profile_words(_stage(case.values(NEW)))
    now_label = [r for r in result.frame.itertuples() if plain_regime(str(r.regime)) == current]
    top_three = ", ".join(f"{symbol(n)} ({approx(a, 2)} to {approx(b, 2)})" for n, a, b in tornado_rows[:3])
    answer = (
        f"The carrot Turkey needs depends most on {symbol(tornado_rows[0][0])} and {symbol(tornado_rows[1][0])}; "
        f"Russia's 2019 choice turns first on {symbol(margin.parameter)}."
    )
    half = (top.ci_high - top.ci_low) / 2
    numbers = [
        f"I* with one parameter at either end of its range: {top_three}.",
        (
            f"Stress test ({samples} draws): 2019's outcome "
            f"{now_label[0].frequency if now_label else 0:.0%}, {plain_regime(str(top.regime))} "
            f"{top.frequency:.0%} (±{half:.0%} sampling noise)."
        ),
    ]
    return Answer(
        "Q4",
        "What does the answer depend on most?",
        answer,
        tuple(numbers),
        margin,
        "CARD",
        "Games 1, 2b",
        {
            "tornado_required_inducement": [{"parameter": n, "at_low": a, "at_high": b} for n, a, b in tornado_rows],
            "game1_margins": [m.to_dict() for m in margins],
            "stress": result.to_dict(),
        },
        (*(n for n, _, _ in tornado_rows[:3]), margin.parameter),
    )


def _pbe_kinds(values: Values) -> list[str]:
    from games.idlib import types
    from strategy.sensitivity import signalling_regime
    from strategy.solvers.signalling.enumeration import perfect_bayesian_equilibria

    return signalling_regime(perfect_bayesian_equilibria(types.build(values))).split(" | ")


def q5() -> Answer:
    """Unwilling or unable? The kinds of PBE of Game 4 and the prior where they change."""
    case = CASES["types"]
    new = case.values(NEW)
    kinds = _pbe_kinds(new)
    tell = all(k.startswith("separating") for k in kinds)
    margin = nearest_threshold("types", "prior_unwilling", scenario=NEW, grid=101)
    low_prior = _pbe_kinds(new.replace(prior_unwilling=margin.threshold / 2)) if margin.threshold else []
    at = approx(new.prior_unwilling)
    answer = (
        f"In the model, at prior p = {at}, Moscow can tell: a stall reveals an unwilling Turkey."
        if tell
        else f"At prior p = {at} Moscow cannot always tell: some equilibria pool the types."
    )
    more = [k for k in low_prior if k not in kinds]
    numbers = [
        f"2019, p = {at}: {'; '.join(kinds)}."
        + (f" Below p = {approx(margin.threshold)} also {' and '.join(more)}." if more else "")
    ]
    return Answer(
        "Q5",
        "Is Turkey unwilling or unable to disarm HTS, and can Moscow tell?",
        answer,
        tuple(numbers),
        margin,
        "CARD",
        "Game 4",
        {"kinds": kinds, "kinds_below_threshold": low_prior},
        ("prior_unwilling",),
    )


def q6() -> Answer:
    """Can the Sochi bargain be self-enforcing? Game 6 patience, Game 3 path, Game 5 range."""
    from games.idlib import bargaining

    values = CASES["repeated"].values(NEW)
    rep = repeated.analyse(CASES["repeated"].build(values))
    delta = {"Russia": float(values.delta_russia), "Turkey": float(values.delta_turkey)}
    written = rep.grim["as written"]
    sustainable = written.sustainable(delta)
    sochi_path = _path("sochi", NEW)
    deal = bargaining.solve_problem(CASES["bargaining"].game(NEW))
    space = CASES["repeated"].space
    margins = [nearest_threshold("sochi", "disarm_cost", scenario=NEW, grid=201)]
    for who, name in (("Russia", "delta_russia"), ("Turkey", "delta_turkey")):
        p = space[name]
        margins.append(Margin(name, delta[who], written.critical[who], p.low, p.high, "Sochi as written unravels"))
    margin = min(margins, key=lambda m: m.distance / (m.high - m.low))
    needs = ", ".join(f"{symbol(_DELTA[p])} ≥ {approx(x)}" for p, x in written.critical.items() if x > 0)
    answer = (
        "In the model yes (patient players sustain it; in the Sochi tree Turkey disarms), but it did not hold."
        if sustainable
        else "No: Sochi as written is not sustainable at the registered patience."
    )
    numbers = [
        (
            f"Sochi as written (Russia Restrain, Turkey Disarm) needs {needs or 'no patience at all'}; "
            f"δ_R = {approx(delta['Russia'])}, δ_T = {approx(delta['Turkey'])}."
        ),
        f"Sochi tree (Game 3), 2019: {sochi_path}.",
        (
            f"Bargaining (Game 5): a deal exists, Turkey ceding {approx(deal.nash.agreement, 2)} of the belt; its "
            f"exit binds above I = {approx(deal.outside_binds_above)}."
        ),
    ]
    return Answer(
        "Q6",
        "Can the Sochi bargain be self-enforcing?",
        answer,
        tuple(numbers),
        margin,
        "CARD",
        "Games 3, 5, 6",
        {
            "as_written_critical": dict(written.critical),
            "as_practised_critical": dict(rep.grim["as practised"].critical),
            "delta": delta,
            "sochi_path_2019": sochi_path,
            "nash_agreement": deal.nash.agreement,
            "outside_binds_above": deal.outside_binds_above,
        },
        ("disarm_cost", "delta_russia", "delta_turkey", "us_inducement"),
    )


_DELTA = {"Russia": "delta_russia", "Turkey": "delta_turkey"}


def _path(case_name: str, scenario: str) -> str:
    case = CASES[case_name]
    result = case.solve(case.game(scenario)) if case.solve else solve(case.game(scenario))
    return " → ".join(f"{who} {what}" for who, what in result[0].profile.path())


@functools.lru_cache(maxsize=4)
def answers(samples: int = 2000) -> Sequence[Answer]:
    """Q1-Q6 in order (computed once per process and sample size: the games are fixed data)."""
    if OLD not in SCENARIOS or NEW not in SCENARIOS:
        raise KeyError(f"the questions compare the scenarios {OLD!r} and {NEW!r}")
    return (q1(), q2(), q3(), q4(samples), q5(), q6())
