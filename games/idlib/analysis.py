"""The Idlib analysis end to end: the six questions, the record, and the report.

``python -m games.idlib [--report FILE.html] [--samples N] [--json]`` prints, in plain
words, the answers to the case model's questions Q1-Q6 (:mod:`games.idlib.answers`: tipping
points by ``strategy.sensitivity.find_thresholds``, the stress test by
``strategy.sensitivity.stress``, the equilibrium's robustness by
``strategy.sensitivity.stability_margin``), then the prediction against the record of what
happened in every scenario that has one (:mod:`games.idlib.prediction`), one line per
scenario: its agreements, and each miss with its smallest single-parameter fix. ``--json`` prints the same answers at
full precision; ``--report`` also writes the self-contained HTML document
(:mod:`games.idlib.document`). Scenario values come from ``SCENARIOS``; nothing is
re-derived from the case model's closed forms.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from games.idlib import CASES, SCENARIOS
from games.idlib.answers import Answer, answers, approx, meaning, symbol
from games.idlib.prediction import Row, record_table
from games.idlib.scenarios import SCENARIO_NOTES

__all__ = ["GAMES", "disagreement_1_3", "games_in_order", "glossary", "main", "report_lines", "stress"]

GAMES: Mapping[str, str] = {
    "stage": "Game 1 (stage game)",
    "escalation": "Game 1b (Turkish strikes)",
    "triangle": "Game 2a (triangle)",
    "inducement": "Game 2b (US leads)",
    "timing": "Game 2c (timing)",
    "sochi": "Game 3 (Sochi deal)",
    "types": "Game 4 (unwilling or unable)",
    "resolve": "Game 4b (S-400 resolve)",
    "bargaining": "Game 5 (bargaining)",
    "repeated": "Game 6 (repeated)",
}
"""The games in reading order, with their short names."""


def games_in_order() -> dict[str, str]:
    """Every registered case in reading order: those of :data:`GAMES` first, then any other
    case of ``CASES`` (a newly added game) under its own title."""
    ordered = {name: title for name, title in GAMES.items() if name in CASES}
    ordered.update({name: case.title for name, case in CASES.items() if name not in ordered})
    return ordered


_EXTRA_SYMBOLS = {
    "I*": "the carrot that makes Turkey give up the S-400 (Game 2b)",
    "C_max": "the most the US would pay for that switch",
}


def stress(game: Any, n: int = 2000, *, seed: int = 2019, scenario: str = "offensive_2019") -> Any:
    """Regime frequencies of `game` over Latin-hypercube draws of every range (the library's stress test)."""
    from strategy.sensitivity import stress as library_stress

    base = dict(CASES["stage"].values(scenario))
    return library_stress(game, n, rng=seed, method="lhs", base=base, progress=False)


def glossary(names: Sequence[str], text: str) -> list[str]:
    """``symbol: meaning`` for the parameters `names` and the named quantities that `text` uses."""
    entries, seen = [], set()
    for name in names:
        sym = symbol(name)
        if sym not in seen:
            seen.add(sym)
            entries.append(f"{sym} {meaning(name)}")
    entries += [f"{k} {v}" for k, v in _EXTRA_SYMBOLS.items() if k.split(",")[0] in text]
    return entries


def disagreement_1_3(scenario: str = "offensive_2019") -> str:
    """Why Games 1 and 3 predict differently on the same parameters: who sees Turkey's move first."""
    case = CASES["sochi"]
    result = case.solve(case.game(scenario)) if case.solve else None
    threat = ""
    if result is not None:
        choices = result[0].profile.choices
        reply = choices.get("Deal > Stall")
        if isinstance(reply, str):
            threat = f" ({reply})"
    return (
        "Games 1 and 3 differ on the same numbers: in Game 3 Russia sees Turkey's move first and can credibly "
        f"punish a stall{threat}, so Turkey disarms. The record fits Game 1, where they move at once."
    )


WIDTH = 104


def _wrapped(text: str, indent: str = "   ", first: str | None = None) -> list[str]:
    import textwrap

    return textwrap.wrap(text, WIDTH, initial_indent=indent if first is None else first, subsequent_indent=indent + " ")


def _answer_lines(a: Answer) -> list[str]:
    lines = _wrapped(f"{a.key} {a.question} [{a.tag}] ({a.games})", first="")
    lines += _wrapped(a.answer)
    for n in a.numbers:
        lines += _wrapped(n)
    lines += _wrapped(f"Margin: {a.margin.words()}.")
    return lines


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def scenario_label(name: str) -> str:
    """``Sep 2018`` for sochi_2018: the scenario's date from :data:`SCENARIO_NOTES`, months
    abbreviated and days dropped; for a scenario without a note, the year in its name, else the name."""
    import re

    note = SCENARIO_NOTES.get(name)
    if note is None:
        found = re.findall(r"\d{4}", name)
        return found[-1] if found else name
    text = re.sub(r"\b\d{1,2} (?=[A-Z])", "", note.date)
    return re.sub("|".join(_MONTHS), lambda m: m.group(0)[:3], text).replace(" - ", "-")


def _when(name: str) -> tuple[int, int]:
    """(year, month) of the start of a scenario's date; (9999, 0) when it has none."""
    import re

    note = SCENARIO_NOTES.get(name)
    text = note.date if note is not None else name
    year = re.search(r"\d{4}", text)
    month = re.search("|".join(_MONTHS), text)
    return (int(year.group(0)) if year else 9999, _MONTHS.index(month.group(0)) + 1 if month else 0)


def chronological(names: Sequence[str]) -> list[str]:
    """Scenario names in the order of their dates (undated ones last, in their order)."""
    return sorted(names, key=_when)


def short_title(case_name: str) -> str:
    """``Game 2c`` for timing: the game's number without its description."""
    return games_in_order().get(case_name, case_name).split(" (")[0]


def _fix(row: Row) -> str:
    if row.change is None:
        return "no single change in range"
    c = row.change
    return f"{symbol(c.parameter)} {c.direction} {approx(c.threshold)}, now {approx(c.value)}"


def record_lines(rows: Sequence[Row]) -> list[str]:
    """One line per scenario with a record (oldest first): agreements, and each miss with its smallest fix.

    The full table (record, prediction, change) is in the report and in ``--json``.
    """
    out = []
    order = list(games_in_order())
    for scenario in chronological(list(dict.fromkeys(r.scenario for r in rows))):
        mine = sorted((r for r in rows if r.scenario == scenario), key=lambda r: order.index(r.case))
        hits = sum(r.verdict == "agree" for r in mine)
        text = f"{scenario_label(scenario)}: {hits} of {len(mine)} agree"
        fixes: dict[str, list[str]] = {}  # misses with the same fix are written once
        for r in mine:
            if r.verdict != "agree":
                name = short_title(r.case).removeprefix("Game ") + (" partly" if r.verdict == "partly" else "")
                fixes.setdefault(_fix(r), []).append(name)
        if fixes:
            text += "; misses: " + ", ".join(
                f"{'Games' if len(names) > 1 else 'Game'} {', '.join(names)} ({fix})" for fix, names in fixes.items()
            )
        out += _wrapped(text + ".", indent="  ")
    return out


def report_lines(samples: int = 2000, *, computed: tuple[Sequence[Answer], Sequence[Row]] | None = None) -> list[str]:
    """The whole analysis as lines of text for a reader (under 60 lines)."""
    found, rows = computed if computed is not None else (answers(samples), record_table())
    out = [
        "Idlib 2019: Russia, Turkey and the US. Six questions, answered by the case model.",
        *_wrapped(
            "Payoffs are assumed utils (a full refugee wave costs Turkey 10). [ORD]: holds for any payoffs ranked "
            "alike; [CARD]: depends on sizes. Margin: distance to the tipping point that reverses the answer.",
            indent="",
        ),
    ]
    for a in found:
        out += _answer_lines(a)
    out += ["Prediction against the record (what the parties did, per scenario; the smallest fix of each miss):"]
    out += record_lines(rows)
    out += _wrapped(disagreement_1_3(), indent="")
    text = "\n".join(out)
    names = [n for a in found for n in (*a.parameters, a.margin.parameter)]
    names += [r.change.parameter for r in rows if r.change is not None]
    out += _wrapped("Symbols: " + "; ".join(glossary(names, text)) + ".", indent="")
    return out


def to_json(found: Sequence[Answer], rows: Sequence[Row]) -> dict[str, Any]:
    """Full-precision answers, the record comparison and the scenarios, as plain data."""
    return {
        "scenarios": {name: dict(values) for name, values in SCENARIOS.items()},
        "answers": {a.key: a.to_dict() for a in found},
        "record": [r.to_dict() for r in rows],
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the analysis and print it; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m games.idlib", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--report", metavar="FILE.html", help="also write the self-contained HTML document")
    parser.add_argument("--samples", type=int, default=2000, help="Monte Carlo draws for the stress test")
    parser.add_argument("--json", action="store_true", help="print the answers at full precision as JSON")
    args = parser.parse_args(argv)
    if args.samples <= 0:
        parser.error(f"--samples must be positive; got {args.samples}")
    found, rows = answers(args.samples), record_table()
    if args.json:
        sys.stdout.write(json.dumps(to_json(found, rows), indent=2, default=_plain) + "\n")
    else:
        sys.stdout.write("\n".join(report_lines(args.samples, computed=(found, rows))) + "\n")
    if args.report:
        from games.idlib.document import write_document

        path = write_document(args.report, found, rows)
        note = f"HTML report (questions, games, record, parameter sources): {path}\n"
        (sys.stderr if args.json else sys.stdout).write(note)
    return 0


def _plain(x: Any) -> Any:
    """JSON fallback for numpy scalars and Fractions."""
    try:
        return float(x)
    except (TypeError, ValueError):
        return str(x)
