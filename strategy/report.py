"""Self-contained HTML reports of case families (no external files, no scripts).

The building blocks (:func:`page`, :func:`game_html`, :func:`result_html`,
:func:`registry_table`, :func:`figure_html`, :func:`prose`) render every object through its
own view (``_repr_svg_``/``_repr_html_``, else ``to_text``), never through ``repr``, so a
report holds no object dumps or memory addresses. :func:`case_report` assembles them for
any registered family: the cases in their registry's order, each with its description as
prose, every scenario's game and equilibria, the figures of the hooks, and one parameter
table with provenance at the end. A case library can compose its own document from the
same blocks (``games.idlib.document``).
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from strategy.cases import Case, discover_cases
from strategy.errors import StrategyError, UnknownLabelError
from strategy.numbers import format_number

__all__ = [
    "Figure",
    "case_report",
    "figure_html",
    "figure_svg",
    "game_html",
    "page",
    "prose",
    "registry_table",
    "result_html",
    "write_report",
]

Figure = Callable[[Case], Iterable[tuple[str, Any]]]
"""A figure hook: given a case, yield ``(caption, matplotlib Figure)`` pairs."""

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;
color:#222;line-height:1.45;overflow-wrap:break-word}
h1{border-bottom:2px solid #0b4f9c}h2{margin-top:2.2em;color:#0b4f9c;border-bottom:1px solid #ccd}
h3{margin-bottom:0.3em}
table{border-collapse:collapse;margin:0.5em 0;max-width:100%}td,th{border:1px solid #bbb;padding:0.25em 0.5em;
vertical-align:top}th{background:#f1f4f9}.registry td{font-size:0.85em}.quote{font-style:italic;color:#444}
.scroll{overflow-x:auto;max-width:100%}.compact{font-size:0.8em;table-layout:fixed;width:100%}
.compact th,.compact td{overflow-wrap:anywhere}.compact th:first-child{width:10em}
td.eq{background:#ffe9a8}figure{margin:1em 0}figcaption{font-size:0.9em;color:#444}
figure svg{max-width:100%;height:auto}
.explain{white-space:pre-wrap;background:#f8f8f8;padding:0.6em;border-left:3px solid #0b4f9c;font-size:0.9em}
.answer{background:#f6f9fd;border-left:4px solid #0b4f9c;padding:0.4em 0.9em;margin:0.8em 0}
.tag{display:inline-block;font-size:0.8em;padding:0 0.4em;border-radius:0.3em;background:#0b4f9c;color:#fff}
.miss{color:#a61b1b;font-weight:bold}.agree{color:#1b6e2a;font-weight:bold}
.outside{color:#a61b1b}pre{white-space:pre-wrap}
"""


def page(title: str, body: Iterable[str]) -> str:
    """A complete HTML page: `title`, the house style sheet, and the `body` parts."""
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>{''.join(body)}</body></html>"
    )


def figure_svg(figure: Any) -> str:
    """Return a matplotlib figure as an inline ``<svg>`` string, and close it."""
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def figure_html(caption: str, figure: Any) -> str:
    """A ``<figure>`` with the inline SVG of `figure` and its `caption`."""
    return f"<figure>{figure_svg(figure)}<figcaption>{html.escape(caption)}</figcaption></figure>"


def registry_table(space: Any) -> str:
    """The parameters of `space` with default, range, unit, basis, meaning and provenance."""
    rows = [
        (
            "<div class='scroll'><table class='registry'><tr><th>parameter</th><th>default</th><th>range</th>"
            "<th>unit</th><th>basis</th><th>meaning</th><th>quote / source</th></tr>"
        )
    ]
    for p in space:
        quote = f"<span class='quote'>“{html.escape(p.quote)}”</span>" if p.quote else ""
        source = f" {html.escape(p.source)}" if p.source else ""
        rows.append(
            f"<tr><td><code>{html.escape(p.name)}</code></td><td>{format_number(p.default)}</td>"
            f"<td>{format_number(p.low)}&nbsp;–&nbsp;{format_number(p.high)}</td><td>{html.escape(p.unit)}</td>"
            f"<td>{html.escape(p.basis)}</td><td>{html.escape(p.meaning)}</td><td>{quote}{source}</td></tr>"
        )
    rows.append("</table></div>")
    return "".join(rows)


def _view(obj: Any, hooks: tuple[str, ...]) -> str | None:
    for hook in hooks:
        render = getattr(obj, hook, None)
        if render is not None:
            try:
                return str(render())
            except StrategyError as err:
                return f"<p>(cannot draw this: {html.escape(str(err))})</p>"
    text = getattr(obj, "to_text", None)
    if callable(text):
        return f"<pre>{html.escape(str(text()))}</pre>"
    return None


def game_html(game: Any) -> str:
    """A game through its own view (payoff table, tree drawing, ...); a note if it has none."""
    view = _view(game, ("_repr_svg_", "_repr_html_"))
    return view if view is not None else f"<p>(no view of a {html.escape(type(game).__name__)})</p>"


def result_html(result: Any) -> str:
    """A result through its own view (``_repr_html_``, else ``to_text``); a note if it has none."""
    view = _view(result, ("_repr_html_",))
    return view if view is not None else f"<p>(no view of a {html.escape(type(result).__name__)})</p>"


_ROLE = re.compile(r":(?:func|class|meth|mod|attr|data|obj|exc|ref|math):`~?([^`]+)`")


def prose(docstring: str) -> str:
    """A docstring as reader's prose: reST roles reduced to their text, ``.. math::`` blocks,
    doctest examples and section headings dropped, paragraphs kept, HTML-escaped."""
    paragraphs, skipping = [], False
    for block in re.split(r"\n\s*\n", docstring.strip()):
        lines = block.splitlines()
        head = lines[0].strip() if lines else ""
        if head.startswith(".. math::"):
            skipping = True
            continue
        if skipping and all(line.startswith((" ", "\t")) for line in lines):
            continue
        skipping = False
        if head.startswith((">>>", "Examples", "Parameters", "Returns", "====")) or set(head) <= set("=-~ "):
            continue
        text = " ".join(line.strip() for line in lines)
        text = _ROLE.sub(lambda m: m.group(1).rsplit(".", 1)[-1], text).replace("``", "")
        paragraphs.append(f"<p>{html.escape(text)}</p>")
    return "".join(paragraphs)


def _solve(case: Case, game: Any) -> Any:
    if case.solve is not None:
        return case.solve(game)
    from strategy.solvers.dispatch import solve

    return solve(game)


def _scenario_section(case: Case, scenario: str | None) -> str:
    title = scenario or "defaults"
    game = case.game(scenario)
    parts = [f"<h3>Scenario: {html.escape(title)}</h3>", game_html(game)]
    result = _solve(case, game)
    parts.append(result_html(result))
    explanation = _explanation(result)
    if explanation:
        parts.append(f"<div class='explain'>{html.escape(explanation)}</div>")
    return "".join(parts)


def _explanation(result: Any) -> str:
    explain = getattr(result, "explain", None)
    if callable(explain):
        text = explain()
        return "\n".join(text) if isinstance(text, list | tuple) else str(text)
    from strategy.solvers.result import SolveResult

    if isinstance(result, SolveResult) and all(hasattr(e.profile, "action_values") for e in result):
        from strategy.display.explain import explain as explain_result

        return explain_result(result)
    return ""


def case_report(family: str, *, figures: Iterable[Figure] = (), title: str | None = None) -> str:
    """Return the HTML report of every registered case whose name starts with `family`.

    Figures keep their text as SVG text (not glyph outlines), which keeps the page small.
    """
    import matplotlib as mpl

    with mpl.rc_context({"svg.fonttype": "none"}):
        return _case_report(family, tuple(figures), title)


def _case_report(family: str, figures: tuple[Figure, ...], title: str | None) -> str:
    cases = {name: case for name, case in discover_cases().items() if name == family or name.startswith(family + ".")}
    if not cases:
        raise UnknownLabelError("case family", family, sorted({n.split(".")[0] for n in discover_cases()}))
    heading = title or f"Case report: {family}"
    hooks = figures
    body = [
        f"<h1>{html.escape(heading)}</h1>",
        (
            f"<p>Generated by <code>strategy report</code> on {date.today().isoformat()}. Payoffs are modelling "
            "assumptions made explicit, not estimates; every equilibrium carries its certificate (maximum regret).</p>"
        ),
        "<ul>"
        + "".join(f"<li><a href='#{html.escape(n)}'>{html.escape(c.title)}</a></li>" for n, c in cases.items())
        + "<li><a href='#parameters'>Parameters and their provenance</a></li></ul>",
    ]
    spaces: list[Any] = []
    for name, case in cases.items():
        body.append(f"<h2 id='{html.escape(name)}'>{html.escape(case.title)}</h2>")
        if case.description:
            body.append(prose(case.description))
        scenarios: list[str | None] = list(case.scenarios) or [None]
        for scenario in scenarios:
            body.append(_scenario_section(case, scenario))
        for hook in hooks:
            for caption, figure in hook(case):
                body.append(figure_html(caption, figure))
        if all(case.space is not s for s in spaces):
            spaces.append(case.space)
    body.append("<h2 id='parameters'>Parameters and their provenance</h2>")
    body += [registry_table(space) for space in spaces]
    return page(heading, body)


def write_report(family: str, path: str | Path, *, figures: Iterable[Figure] = (), title: str | None = None) -> Path:
    """Write :func:`case_report` to `path`; return the path."""
    target = Path(path)
    target.write_text(case_report(family, figures=figures, title=title), encoding="utf-8")
    return target
