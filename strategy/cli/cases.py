"""``strategy cases``: list the registered cases, their scenarios and parameters."""

from __future__ import annotations

import argparse
import json

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``cases`` command."""
    parser = subparsers.add_parser("cases", help="list the registered case library")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--parameters", action="store_true", help="also list each case's parameters")
    parser.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    from strategy.cases import discover_cases

    cases = discover_cases()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "name": name,
                        "title": case.title,
                        "scenarios": list(case.scenarios),
                        "default_scenario": case.default_scenario,
                        "parameters": [
                            {"name": p.name, "default": p.default, "low": p.low, "high": p.high, "unit": p.unit}
                            for p in case.space
                        ],
                    }
                    for name, case in cases.items()
                ],
                indent=2,
            )
        )
        return 0
    width = max((len(name) for name in cases), default=10)
    for name, case in cases.items():
        scenarios = ", ".join(f"{s}{' (default)' if s == case.default_scenario else ''}" for s in case.scenarios)
        print(f"{name:<{width}}  {case.title}" + (f"  [scenarios: {scenarios}]" if scenarios else ""))
        if args.parameters:
            for p in case.space:
                print(f"{'':<{width}}    {p.name} = {p.default:g} ({p.low:g} to {p.high:g} {p.unit})")
    return 0
