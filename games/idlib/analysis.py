"""The Idlib analysis end to end: every game, both scenarios, tipping points for Q1-Q6.

``python -m games.idlib [--report FILE.html] [--samples N]`` prints a terminal report.
Regime boundaries are found on the parametric games with the batched pure-equilibrium
kernel (a grid sweep, then bisection on the regime label); when
``strategy.sensitivity`` gains ``find_thresholds``/``stress`` these helpers can delegate to
them. Nothing here re-derives the case model's closed forms: every number comes from a
solver applied to the games built in this package.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from games.idlib import CASES, SCENARIOS, bargaining, repeated, sochi, stage, triangle, types
from strategy import ParametricGame, Values, solve
from strategy.solvers.pure import pure_equilibrium_mask

__all__ = ["boundaries", "main", "pure_regimes", "stress"]


def pure_regimes(game: ParametricGame, values: Values) -> list[str]:
    """Label each point of a batch by its pure equilibria (``"Squeeze/Arm"``), ``"mixed"`` if none."""
    arr = game.payoff_array(values)
    batch = arr.ndim - 1 - len(game.players)
    mask = pure_equilibrium_mask(arr, batch_dims=batch)
    flat = mask.reshape(-1, *game.shape) if batch else mask[None]
    out = []
    for m in flat:
        found = [" / ".join(p.actions[i] for p, i in zip(game.players, idx, strict=True)) for idx in np.argwhere(m)]
        out.append(" + ".join(found) if found else "mixed")
    return out


def boundaries(
    game: ParametricGame,
    base: Mapping[str, Any],
    name: str,
    low: float,
    high: float,
    *,
    points: int = 801,
    label: Callable[[ParametricGame, Values], list[str]] = pure_regimes,
) -> list[tuple[float, str, str]]:
    """Where the regime label changes as `name` moves over [low, high] (others at `base`).

    A grid sweep (one batched evaluation) brackets each change; bisection (to 1e-10)
    locates it. Returns ``(value, label below, label above)``.
    """
    grid = np.linspace(low, high, points)
    labels = label(game, Values({**base, name: grid}))
    out = []
    for k in range(points - 1):
        if labels[k] != labels[k + 1]:
            a, b = float(grid[k]), float(grid[k + 1])
            left, right = labels[k], labels[k + 1]
            for _ in range(60):
                mid = 0.5 * (a + b)
                here = label(game, Values({**base, name: mid}))[0]
                if here == left:
                    a = mid
                else:
                    b = mid
                if b - a < 1e-10:
                    break
            out.append((0.5 * (a + b), left, right))
    return out


def stress(
    game: ParametricGame,
    n: int = 2000,
    *,
    seed: int = 2019,
    scenario: str = "offensive_2019",
    names: Sequence[str] | None = None,
) -> Counter[str]:
    """Monte Carlo regime frequencies: Latin-hypercube draws over the parameter ranges."""
    base = dict(SCENARIOS[scenario])
    sample = game.space.sample(n, method="lhs", rng=seed, names=names, base=base)
    return Counter(pure_regimes(game, sample))


def _fmt(x: Any) -> str:
    if isinstance(x, float | np.floating):
        return "inf" if math.isinf(x) else f"{float(x):.4g}"
    return str(x)


def _profile(eq: Any) -> str:
    return str(eq.profile).replace("MixedProfile", "")


def _section(title: str, out: list[str]) -> None:
    out.append("")
    out.append(title)
    out.append("=" * len(title))


def _mixed(strategy: Any) -> str:
    """``{Unwilling: Stall; Unable: 0.314 Crackdown + 0.686 Stall}``: one behaviour strategy, short."""
    parts = []
    for who, dist in strategy.items():
        support = [(a, p) for a, p in dict(dist).items() if p]
        text = support[0][0] if len(support) == 1 else " + ".join(f"{_fmt(p)} {a}" for a, p in support)
        parts.append(f"{who}: {text}")
    return "{" + "; ".join(parts) + "}"


def report_lines(samples: int = 2000) -> list[str]:
    """The whole analysis as lines of text."""
    out: list[str] = [
        "Idlib 2019: Russia, Turkey and the US (case model v1)",
        (
            "Payoffs are assumptions (refugee_cost = 10 anchors the scale); [CARD] numbers are tipping "
            "points under the defaults, not forecasts."
        ),
    ]
    stage_case = CASES["stage"]
    _section("Game 1: the stage game (Q1, Q2)", out)
    for s in SCENARIOS:
        res = solve(stage_case.game(s))
        eqs = "; ".join(
            f"{_profile(e)} payoffs {', '.join(f'{k} {_fmt(v)}' for k, v in e.payoffs.items())}" for e in res
        )
        out.append(f"  {s}: {eqs}  [{res.method}, {res.guarantee}]")
    nets = stage.net_gains(stage_case.values())
    out.append("  net gains from a clearance: " + ", ".join(f"N_{t[0]} = {_fmt(float(v))}" for t, v in nets.items()))
    base = dict(stage_case.values())
    from strategy.sensitivity.thresholds import find_thresholds

    for name, lo, hi, fixed in (
        ("hts_threat", 1.0, 12.0, {}),
        ("goodwill_value", 0.0, 4.0, {}),
        ("hts_threat", 1.0, 12.0, {"goodwill_value": 3.0}),
        ("goodwill_value", 0.0, 4.0, {"hts_threat": 3.0}),
    ):
        found = find_thresholds(stage.GAME, name, lo, hi, base={**base, **fixed}, grid=401)
        extra = f" with {fixed}" if fixed else ""
        out.append(f"  thresholds in {name}{extra} (find_thresholds):")
        out.extend(f"    {t.value:8.4f}  {t.from_regime}  ->  {t.to_regime}" for t in found)
    mixed = solve(stage_case.game(overrides={"goodwill_value": 1.2}))
    out.append(f"  G = 1.2 (mixed band): {'; '.join(_profile(e) for e in mixed)}")
    for name in ("limited_scale", "rebel_resistance", "refugee_cost", "merge_prob", "nato_rift_value", "leverage_loss"):
        p = stage_case.space[name]
        pts = boundaries(stage.GAME, base, name, p.low, p.high, points=401)
        out.append(
            f"  {name} in [{_fmt(p.low)}, {_fmt(p.high)}]: "
            + (", ".join(f"{_fmt(v)} ({a} -> {b})" for v, a, b in pts) or "no change")
        )
    grid = Values(
        {**base, "goodwill_value": np.array([3.0, 0.5, 3.0, 0.5]), "hts_threat": np.array([3.0, 3.0, 6.0, 6.0])}
    )
    q1 = pure_regimes(stage.GAME, grid)
    out.append(
        f"  Q1 (what changed?): 2018 {q1[0]}; goodwill banked only {q1[1]}; HTS grown only {q1[2]}; both (2019) {q1[3]}"
    )

    _section("Game 2: the triangle and the price of a flip (Q3, Q4)", out)
    for s in SCENARIOS:
        res = solve(CASES["triangle"].game(s))
        out.append(f"  2a {s}: {'; '.join(_profile(e) for e in res)}  [{res.method}, {res.guarantee}]")
        v = CASES["inducement"].values(s)
        spe = triangle.solve_tree(triangle.build_sequential(v))
        out.append(
            f"  2b {s}: SPE path {spe[0].profile.path()}; I* = {_fmt(triangle.required_inducement(v))}, "
            f"C_max = {_fmt(triangle.max_carrot(v))}"
        )
        t = triangle.solve_tree(triangle.build_timing(v))
        out.append(
            f"  2c {s}: SPE path {t[0].profile.path()} payoffs "
            f"{', '.join(f'{k} {_fmt(x)}' for k, x in t[0].payoffs.items())}"
        )
    v = CASES["inducement"].values()
    tornado = []
    for name in (
        "refugee_cost",
        "fall_cost",
        "s400_value",
        "patriot_value",
        "limited_scale",
        "nato_rift_value",
        "leverage_loss",
        "idlib_gain",
        "goodwill_value",
        "assault_cost",
    ):
        p = CASES["inducement"].space[name]
        lo_hi = [triangle.required_inducement(v.replace(**{name: x})) for x in (p.low, p.high)]
        tornado.append((abs(lo_hi[1] - lo_hi[0]), name, lo_hi))
    out.append("  tornado of I* (low end, high end of range):")
    for _, name, (a, b) in sorted(tornado, reverse=True):
        out.append(f"    {name:<18} {_fmt(a):>8} {_fmt(b):>8}")

    _section("Game 3: the Sochi deal (Q1, Q6)", out)
    from strategy.forms.convert import to_normal_form
    from strategy.solvers.pure import pure_equilibria

    for s in SCENARIOS:
        g = sochi.build(CASES["sochi"].values(s))
        spe = sochi.solve_tree(g)
        nf, _ = to_normal_form(g)
        n_pure = len(pure_equilibria(nf))
        out.append(
            f"  {s}: SPE path {spe[0].profile.path()} payoffs "
            f"{', '.join(f'{k} {_fmt(x)}' for k, x in spe[0].payoffs.items())}; {n_pure} pure Nash "
            f"equilibria in the reduced strategic form {nf.shape if hasattr(nf, 'shape') else ''}"
        )

    _section("Game 4: unwilling or unable? (Q5)", out)
    for s in SCENARIOS:
        for prior in (0.5, 0.1):
            res = solve(types.build(CASES["types"].values(s, {"prior_unwilling": prior})))
            out.append(
                f"  {s}, p = {prior}: "
                + "; ".join(
                    f"{e.profile.classification}: Turkey {_mixed(e.profile.sender)}, Russia {_mixed(e.profile.receiver)}"
                    for e in res
                )
            )

    _section("Game 5: bargaining over the buffer zone (Q6)", out)
    for s in SCENARIOS:
        r = bargaining.solve_problem(CASES["bargaining"].game(s))
        out.append(
            f"  {s}: range [{_fmt(r.nash.range[0])}, {_fmt(r.nash.range[1])}], NBS x = {_fmt(r.nash.agreement)}, "
            f"Rubinstein x = {_fmt(r.russia_first.agreement)} (Russia first) / "
            f"{_fmt(r.turkey_first.agreement)} (Turkey first); Turkey's exit binds for I > "
            f"{_fmt(r.outside_binds_above)} (split-the-difference: {_fmt(r.split_difference_above)})"
        )

    _section("Game 6: can restraint be sustained? (Q2, Q6)", out)
    for s in SCENARIOS:
        rep = repeated.analyse(CASES["repeated"].game(s))
        grim = "; ".join(
            f"{k}: " + ", ".join(f"delta*_{p[0]} = {_fmt(x)}" for p, x in v.critical.items())
            for k, v in rep.grim.items()
        )
        out.append(f"  {s}: grim trigger {grim}")
        out.append(
            "    stick and carrot, (Squeeze, Arm) for k rounds: "
            + "; ".join(
                f"k={k}: " + ", ".join(f"{p[0]} {_fmt(x)}" for p, x in v.critical.items()) for k, v in rep.stick.items()
            )
        )

    _section(f"Stress test: Game 1 regimes over {samples} Latin-hypercube draws of all ranges", out)
    counts = stress(stage.GAME, samples)
    for regime, c in counts.most_common(6):
        out.append(f"  {regime:<40} {c / samples:6.1%}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the analysis and print the report; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m games.idlib", description=__doc__.splitlines()[0])
    parser.add_argument("--report", metavar="FILE.html", help="also write a self-contained HTML report")
    parser.add_argument("--samples", type=int, default=2000, help="Monte Carlo draws for the stress test")
    args = parser.parse_args(argv)
    lines = report_lines(args.samples)
    if args.report:
        from strategy.plot.case import case_figures
        from strategy.report import write_report

        path = write_report("idlib", args.report, figures=(case_figures,), title="Idlib: Russia, Turkey and the US")
        lines += ["", f"HTML report with the games, equilibria, regime maps and parameter sources: {path}"]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
