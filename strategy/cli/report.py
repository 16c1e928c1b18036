"""``strategy report FAMILY --out FILE.html``: a self-contained HTML report of a case family."""

from __future__ import annotations

import argparse
import sys

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``report`` command."""
    parser = subparsers.add_parser("report", help="write a self-contained HTML report of a registered case family")
    parser.add_argument("family", help="a case family or case, e.g. idlib or idlib.stage")
    parser.add_argument("--out", required=True, help="the HTML file to write")
    parser.add_argument("--no-figures", action="store_true", help="skip the sensitivity figures (faster)")
    parser.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    from strategy.plot.case import case_figures
    from strategy.report import write_report

    figures = () if args.no_figures else (case_figures,)
    path = write_report(args.family, args.out, figures=figures)
    print(f"wrote {path}", file=sys.stderr)
    return 0
