"""``strategy sweep | threshold | stress | sobol``: how conclusions move with the parameters.

TARGET is a TOML game file with ``[parameters]`` or a registered case (resolved by
:func:`strategy.cli.targets.load_target`); the analyses start from the scenario's values
with the ``--set`` overrides. Each command takes ``--workers N`` or ``--scheduler ADDRESS``
(:mod:`strategy.cli.workers`) to solve its chunks elsewhere; the output does not change.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

from strategy.cli.targets import add_target_arguments
from strategy.cli.workers import add_executor_arguments, executor_from
from strategy.errors import InvalidGameError, SpecError, StrategyError
from strategy.numerals import parse_number

__all__ = ["register"]


def _common(parser: argparse.ArgumentParser) -> None:
    add_target_arguments(parser, "a TOML game file with [parameters] or a case name such as idlib.stage")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    add_executor_arguments(parser)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``sweep``, ``threshold``, ``stress`` and ``sobol`` commands."""
    p = subparsers.add_parser("sweep", help="solve along one parameter: equilibria and regimes")
    _common(p)
    p.add_argument("--vary", required=True, metavar="NAME=LO:HI:N", help="parameter, range and number of points")
    p.set_defaults(run=_run_sweep)
    p = subparsers.add_parser("threshold", help="parameter values where the regime changes (to 1e-9)")
    _common(p)
    p.add_argument("--vary", required=True, metavar="NAME=LO:HI", help="parameter and range")
    p.set_defaults(run=_run_threshold)
    p = subparsers.add_parser("stress", help="Monte Carlo regime frequencies with Wilson intervals")
    _common(p)
    p.add_argument("--samples", default="10000", help="number of parameter draws")
    p.add_argument("--seed", default=None, help="random seed (a whole number >= 0)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument(
        "--elicitation",
        metavar="FILE.csv",
        default=None,
        help="sample the parameters from participants' low/mode/high judgements (PERT, pooled; docs/elicitation.md)",
    )
    p.set_defaults(run=_run_stress)
    p = subparsers.add_parser("sobol", help="Sobol indices of the probability of the base regime")
    _common(p)
    p.add_argument("--samples", default="512", help="base sample size N (a power of 2)")
    p.add_argument("--seed", default=None, help="random seed (a whole number >= 0)")
    p.set_defaults(run=_run_sobol)


def _model(args: argparse.Namespace) -> tuple[Any, dict[str, float]]:
    from strategy.cli.targets import load_target, parse_sets

    _, case = load_target(args.target, args.scenario, args.sets)
    if case is None:
        raise SpecError(
            f"{args.target}: the game has no parameters to vary; use a TOML file with [parameters] or a case name"
        )
    if getattr(args, "workers", None) is not None or getattr(args, "scheduler", None) is not None:
        from strategy.cli.workers import shipped

        case = shipped(case, args.target)
    return case, parse_sets(args.sets)


def _vary(text: str, parts: int) -> tuple[str, list[float]]:
    name, sep, rng = text.partition("=")
    pieces = rng.split(":")
    form = "NAME=LO:HI:N" if parts == 3 else "NAME=LO:HI"
    if not sep or not name.strip() or len(pieces) != parts:
        raise SpecError(f"--vary {text!r}: expected {form}, e.g. --vary cost=0:5" + (":51" if parts == 3 else ""))
    try:
        numbers = [parse_number(x) for x in pieces[:2]]
    except ValueError as err:
        raise SpecError(f"--vary {text!r}: the range must be numbers ({form}): {err}") from None
    if parts == 3:
        numbers.append(Fraction(_count(pieces[2], f"--vary {text!r}: N")))
        from strategy.sensitivity.budget import check_batch

        check_batch(int(numbers[2]), f"--vary {text!r}", "a sweep prints one row per point; ask for fewer points")
    return name.strip(), [float(x) for x in numbers]


def _count(text: str, option: str) -> int:
    """A positive whole number given on the command line (``1e6`` and ``10^6`` are accepted)."""
    power = re.fullmatch(r"\s*(\d{1,4})\s*\^\s*(\d{1,3})\s*", text)
    try:
        value = Fraction(int(power.group(1)) ** min(int(power.group(2)), 64)) if power else parse_number(text)
    except ValueError as err:
        raise SpecError(f"{option} {text!r}: {err}") from None
    if value.denominator != 1 or value <= 0:
        raise SpecError(f"{option} {text!r}: must be positive, a whole number")
    return int(value)


def _seed(text: str | None) -> int | None:
    """A random seed: a whole number from 0 to 2**63 - 1, or None."""
    if text is None:
        return None
    try:
        value = parse_number(text)
    except ValueError as err:
        raise SpecError(f"--seed {text!r}: {err}") from None
    if value.denominator != 1 or not 0 <= value < 2**63:
        raise SpecError(f"--seed {text!r}: a seed is a whole number from 0 to 2**63 - 1")
    return int(value)


def _guard(fn: Any) -> Any:
    try:
        return fn()
    except StrategyError:
        raise
    except (ValueError, ZeroDivisionError, FloatingPointError) as err:  # numerical failure inside a model
        raise InvalidGameError(f"the model could not be evaluated: {err}") from None


def _run_sweep(args: argparse.Namespace) -> int:
    from strategy.sensitivity.sweep import sweep

    model, sets = _model(args)
    name, (lo, hi, n) = _vary(args.vary, 3)
    with executor_from(args) as executor:
        result = _guard(
            lambda: sweep(model, name, lo, hi, int(n), base=sets, scenario=args.scenario, executor=executor)
        )
    if args.json:
        rows = json.loads(result.frame.to_json(orient="records"))
        print(
            json.dumps({"parameter": name, "points": int(n), "regimes": list(result.regimes), "rows": rows}, indent=2)
        )
    else:
        print(result.frame.to_string(index=False))
    return 0


def _run_threshold(args: argparse.Namespace) -> int:
    from strategy.sensitivity.closed_form import with_closed_forms
    from strategy.sensitivity.thresholds import find_thresholds

    model, sets = _model(args)
    name, (lo, hi) = _vary(args.vary, 2)
    with executor_from(args) as executor:
        found = _guard(
            lambda: find_thresholds(model, name, lo, hi, base=sets, scenario=args.scenario, executor=executor)
        )
    notes: list[str] = []
    found = with_closed_forms(model, found, base=dict(model.values(args.scenario, sets)), notes=notes)
    if args.json:
        print(json.dumps({"thresholds": [t.to_dict() for t in found], **({"notes": notes} if notes else {})}, indent=2))
    else:
        for line in notes:
            print(f"note: {line}")
        if not found:
            print(f"no regime change for {name} in [{lo:g}, {hi:g}]")
        for t in found:
            exact = f" (= {t.expression})" if t.expression is not None else ""
            print(f"{name} = {t.value:.10g}{exact}: {t.from_regime}  ->  {t.to_regime}")
    return 0


def _run_stress(args: argparse.Namespace) -> int:
    from strategy.sensitivity.montecarlo import stress

    samples, seed = _count(args.samples, "--samples"), _seed(args.seed)
    from strategy.sensitivity.budget import check_samples

    check_samples(samples, f"--samples {args.samples}")
    model, sets = _model(args)
    if getattr(args, "elicitation", None):
        return _run_elicited(args, model, sets, samples, seed)
    progress = not (args.no_progress or args.json)
    with executor_from(args) as executor:
        result = _guard(lambda: stress(model, samples, rng=seed, base=sets, progress=progress, executor=executor))
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        for r in result.frame.itertuples():
            print(f"{r.frequency:7.3f}  [{r.ci_low:.3f}, {r.ci_high:.3f}]  {r.regime}")
    return 0


def _run_elicited(args: argparse.Namespace, model: Any, sets: dict[str, float], samples: int, seed: int | None) -> int:
    from strategy.sensitivity.elicitation import read_elicitation, stress_elicited

    elicitation = read_elicitation(Path(args.elicitation), model.space)
    with executor_from(args) as executor:
        result = _guard(
            lambda: stress_elicited(
                model, elicitation, samples, rng=seed, base=sets, scenario=args.scenario, executor=executor
            )
        )
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        print(f"sampled from {len(result.participants)} participants: {', '.join(result.sampled) or '(none)'}")
        if result.ignored:
            print(f"not read by this game, left at base values: {', '.join(result.ignored)}")
        for r in result.frame.itertuples():
            print(f"{r.frequency:7.3f}  [{r.ci_low:.3f}, {r.ci_high:.3f}]  {r.regime}")
    return 0


def _run_sobol(args: argparse.Namespace) -> int:
    from strategy.sensitivity.measures import regimes
    from strategy.sensitivity.model import base_values, solve_points
    from strategy.sensitivity.variance import sobol_indices

    samples, seed = _count(args.samples, "--samples"), _seed(args.seed)
    model, sets = _model(args)
    base = base_values(model, sets, args.scenario)
    target = str(regimes(solve_points(model, base)).reshape(-1)[0])
    measure = functools.partial(_is_regime, target)  # picklable, for worker processes
    with executor_from(args) as executor:
        frame = _guard(lambda: sobol_indices(model, measure, samples, base=sets, seed=seed, executor=executor))
    if args.json:
        print(
            json.dumps(
                {
                    "measure": f"regime == {target!r}",
                    "samples": samples,
                    "indices": json.loads(frame.to_json(orient="records")),
                },
                indent=2,
            )
        )
    else:
        print(f"measure: indicator of regime {target!r}")
        print(frame.to_string(index=False))
    return 0


def _is_regime(target: str, result: Any) -> Any:
    """1 where a game's regime is `target` (the measure of ``strategy sobol``)."""
    from strategy.sensitivity.measures import regimes

    return regimes(result) == target
