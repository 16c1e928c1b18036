"""``strategy solve`` and ``strategy show``: equilibria and payoff tables of a target.

``solve TARGET`` prints each equilibrium with labelled probabilities, payoffs and its
certificate; ``--json`` prints the JSON contract of
:meth:`strategy.solvers.result.SolveResult.to_dict`. ``show TARGET`` prints the payoff
table with best replies marked; for a game tree it draws the tree as an indented outline
(players, actions, chance probabilities, payoffs by player) and then its reduced normal
form. Exact numbers print as fractions; ``--decimals N`` prints every number with N decimal
places instead (the JSON output is never affected).
"""

from __future__ import annotations

import argparse
import json
import math
from typing import Any

from strategy.cli.targets import add_target_arguments
from strategy.errors import ResourceLimitError, SpecError
from strategy.solvers.registry import METHODS, table

__all__ = ["register"]

_MAX_SHOWN = 12
_TARGET = "a game file (.nfg .efg .toml .csv .json) or a case name such as idlib.stage"


def _decimals(text: str) -> int:
    try:
        places = int(text)
    except ValueError:
        places = -1
    if not 0 <= places <= 15:
        raise argparse.ArgumentTypeError(f"expected a whole number of decimal places from 0 to 15, got {text!r}")
    return places


def _add_decimals(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--decimals",
        type=_decimals,
        metavar="N",
        help="print numbers as decimals with N places (default: exact results as fractions such as 1303/2370)",
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``solve`` and ``show`` commands."""
    solve = subparsers.add_parser("solve", help="find and certify the equilibria of a game file or case")
    add_target_arguments(solve, _TARGET, optional=True)
    solve.add_argument(
        "--method",
        default="auto",
        help=f"solver: auto, {', '.join(METHODS)}; 'help' lists what each solves and guarantees "
        "(default auto: chosen by the kind of game)",
    )
    arithmetic = solve.add_mutually_exclusive_group()
    arithmetic.add_argument("--exact", action="store_true", help="solve in exact rational arithmetic")
    arithmetic.add_argument(
        "--float",
        dest="floating",
        action="store_true",
        help="solve in floating point (faster on large games; certificates within the tolerance)",
    )
    solve.add_argument(
        "--concept",
        help="solution concept: nash, spe (trees), pbe (signalling games), correlated, coarse_correlated, qre",
    )
    solve.add_argument(
        "--lambda",
        dest="lam",
        type=float,
        metavar="L",
        help="with --method qre: the logit QRE at precision L instead of its limit",
    )
    solve.add_argument("--json", action="store_true", help="print the result as JSON (--decimals does not apply)")
    _add_decimals(solve)
    solve.set_defaults(run=_run_solve)
    show = subparsers.add_parser(
        "show", help="print a game's payoff table with best replies marked (a tree: its outline, then the table)"
    )
    add_target_arguments(show, _TARGET)
    _add_decimals(show)
    show.set_defaults(run=_run_show)


def _solve(game: Any, case: Any, args: argparse.Namespace) -> Any:
    from strategy.errors import InvalidGameError, UnsupportedGameError
    from strategy.forms.normal import NormalFormGame
    from strategy.solvers.dispatch import solve

    if args.lam is not None and args.method != "qre":
        raise InvalidGameError("--lambda needs --method qre (the logit quantal response equilibrium)")
    if args.lam is not None and not (math.isfinite(args.lam) and args.lam >= 0):
        raise InvalidGameError(f"--lambda {args.lam}: the precision must be a finite number >= 0")
    if args.exact:
        if not hasattr(game, "as_exact"):
            raise UnsupportedGameError(f"--exact is not available for a {type(game).__name__}")
        game = game.as_exact()
    if args.floating:
        if not hasattr(game, "as_float"):
            raise UnsupportedGameError(f"--float is not available for a {type(game).__name__}")
        game = game.as_float()
    from strategy.solvers.concepts import Concept
    from strategy.solvers.registry import parse_concept

    concept = parse_concept(args.concept)
    if case is not None and case.solve is not None and args.method == "auto" and concept is None:
        return case.solve(game)
    if isinstance(game, NormalFormGame) and concept in (Concept.SUBGAME_PERFECT, Concept.PERFECT_BAYESIAN):
        needs = "a signalling game" if concept == Concept.PERFECT_BAYESIAN else "a game tree"
        raise UnsupportedGameError(f"--concept {args.concept} needs {needs}; this is a normal-form game")
    from strategy.forms.extensive import ExtensiveFormGame

    if isinstance(game, ExtensiveFormGame) and concept == Concept.PERFECT_BAYESIAN:
        return _tree_pbe(game, args.method)
    options: dict[str, Any] = {} if args.lam is None else {"lam": args.lam}
    return solve(game, method=args.method, concept=concept, **options)


def _tree_pbe(game: Any, method: str) -> Any:
    """``--concept pbe`` on a tree: with perfect information every information set is a
    single node, beliefs are trivial and the perfect Bayesian equilibria are exactly the
    subgame-perfect ones; otherwise the toolkit computes PBE for signalling games only."""
    from dataclasses import replace

    from strategy.errors import UnsupportedGameError
    from strategy.solvers.dispatch import solve

    if not game.is_perfect_information:
        raise UnsupportedGameError(
            "--concept pbe: perfect Bayesian equilibria are computed for signalling games (a sender with "
            "types, then a receiver); for this tree with imperfect information use --concept spe (subgame "
            "perfect) or --concept nash"
        )
    result = solve(game, method=method, concept="spe")
    note = (
        "perfect information: every information set is one node, beliefs are trivial, so the perfect "
        "Bayesian equilibria are the subgame-perfect equilibria listed"
    )
    return replace(result, notes=(*result.notes, note))


def _method_help() -> str:
    """The registry as a table: one line per method."""
    rows = table()
    widths = {
        key: max(len(key), *(len(row[key]) for row in rows))
        for key in ("method", "forms", "players", "concept", "guarantee")
    }
    lines = ["  ".join(key.ljust(widths[key]) for key in widths) + "  summary"]
    for row in rows:
        lines.append("  ".join(row[key].ljust(widths[key]) for key in widths) + "  " + row["summary"])
    lines.append("auto (the default) chooses by the kind of game; concepts: --concept nash|spe|pbe|correlated|...")
    return "\n".join(lines)


def _run_solve(args: argparse.Namespace) -> int:
    from strategy.numbers import decimals

    if args.method == "help":
        print(_method_help())
        return 0
    if args.target is None:
        raise SpecError("solve needs a target: a game file or a case name, e.g. strategy solve idlib.stage")

    with decimals(args.decimals):
        return _print_solve(args)


def _print_solve(args: argparse.Namespace) -> int:
    from strategy.cli.targets import load_target, parse_sets
    from strategy.display.text import format_result

    game, case = load_target(args.target, args.scenario, args.sets)
    try:
        result = _solve(game, case, args)
    except ResourceLimitError as err:
        raise ResourceLimitError(f"{args.target}: {err}") from None
    if args.json:
        data = result.to_dict()
        data["target"] = args.target
        if case is not None:
            values = case.values(args.scenario, parse_sets(args.sets))
            data["scenario"] = args.scenario if args.scenario is not None else case.default_scenario
            data["parameters"] = {k: float(v) for k, v in values.items()}
        print(json.dumps(data, indent=2))
        return 0
    if case is not None:
        scenario = args.scenario if args.scenario is not None else case.default_scenario
        print(f"{case.qualified_name}: {case.title}" + (f"  [scenario: {scenario}]" if scenario else ""))
    if not hasattr(result, "equilibria") and hasattr(result, "to_text"):  # a case's own analysis
        print(result.to_text())
        return 0
    print(format_result(result))
    return 0


def _run_show(args: argparse.Namespace) -> int:
    from strategy.numbers import decimals

    with decimals(args.decimals):
        return _print_show(args)


def _print_show(args: argparse.Namespace) -> int:
    from strategy.cli.targets import load_target
    from strategy.display.text import payoff_table
    from strategy.forms.normal import NormalFormGame

    game, case = load_target(args.target, args.scenario, args.sets)
    if case is not None:
        print(f"{case.qualified_name}: {case.title}")
    if isinstance(game, NormalFormGame):
        print(payoff_table(game))
    else:
        from strategy.forms.extensive import ExtensiveFormGame

        print(repr(game))
        if isinstance(game, ExtensiveFormGame):
            from strategy.display.outline import tree_outline
            from strategy.forms.convert import reduced_shape, to_normal_form

            print("game tree:")
            print(tree_outline(game))

            shape = reduced_shape(game)  # counted, not built
            if max(shape) <= _MAX_SHOWN:
                normal, _plans = to_normal_form(game)
                print("reduced normal form:")
                print(payoff_table(normal))
            else:
                from strategy.forms.normal import MAX_PAYOFFS

                size = " x ".join(f"over {MAX_PAYOFFS:,}" if n > MAX_PAYOFFS else f"{n:,}" for n in shape)
                print(f"reduced normal form: {size} strategies, too large to print")
    return 0
