"""Provenance of the Idlib parameters: basis tags, and quotes checked against the op-ed's words.

Basis tags (case model section 0.2, with the fourth tag of issue 17):

* ``Q`` -- quoted: the op-ed states it (usually for the parameter's *existence*; ``"Q/A"``
  adds that its *size* is assumed);
* ``X`` -- an external fact, cited in ``docs/case-model-notes.md`` or case model section 13;
* ``A`` -- a pure modelling assumption (no quote);
* ``M`` -- assumed, *motivated* by a phrase: the quote shows what suggested the parameter,
  not evidence that it exists (a discount factor read into "not expedient now").

``Q`` and ``M`` exclude each other; a parameter carries a quote exactly when it is tagged
``Q`` or ``M``. Quotes are verbatim fragments of the op-ed's *text* -- the seed with its
HTML removed, so a hyperlink's words ("S-400 missile defence system") count -- joined by
``" … "`` where text is elided, in the order they occur in the op-ed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from types import MappingProxyType

from strategy import Parameter

__all__ = ["BASIS_TAGS", "ELLIPSIS", "OPED", "oped_text", "plain_text", "quote_fragments", "quote_problems"]

ELLIPSIS = " … "
OPED = Path(__file__).with_name("oped.txt")

BASIS_TAGS = MappingProxyType(
    {
        "Q": "quoted from the op-ed",
        "X": "external fact (cited)",
        "A": "modelling assumption",
        "M": "assumed, motivated by a phrase of the op-ed",
    }
)

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def plain_text(markup: str) -> str:
    """The text of an HTML fragment: tags removed, entities decoded, whitespace runs collapsed.

    >>> plain_text('the <a href="x">S-400 missile defence system</a> and&nbsp;Turkey')
    'the S-400 missile defence system and Turkey'
    """
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", markup))).strip()


def oped_text(path: Path = OPED) -> str:
    """The op-ed as plain text (:func:`plain_text` of the seed)."""
    return plain_text(path.read_text(encoding="utf-8"))


def quote_fragments(parameter: Parameter) -> tuple[str, ...]:
    """The verbatim op-ed fragments of a parameter's quote (split at the ellipses).

    >>> from games.idlib.params import SPACE
    >>> quote_fragments(SPACE["limited_scale"])
    ('hundreds of thousands of Syrians could seek asylum in Turkey', '180,000 people have been displaced')
    """
    return tuple(part for part in parameter.quote.split(ELLIPSIS) if part)


def quote_problems(parameters: Iterable[Parameter], text: str) -> list[str]:
    """Every provenance defect of `parameters` against the op-ed's plain `text` (empty: none).

    Checks the basis tags, that a quote is present exactly for ``Q`` or ``M``, that every
    fragment occurs verbatim, and that the fragments occur in source order (each one after
    the end of the previous one).
    """
    problems = []
    for p in parameters:
        tags = p.basis.split("/")
        if not set(tags) <= set(BASIS_TAGS) or len(set(tags)) != len(tags):
            problems.append(f"{p.name}: basis {p.basis!r} is not a '/'-joined set of {sorted(BASIS_TAGS)}")
        if "Q" in tags and "M" in tags:
            problems.append(f"{p.name}: basis {p.basis!r} is both quoted (Q) and motivated (M); choose one")
        if ("Q" in tags or "M" in tags) != bool(p.quote):
            problems.append(f"{p.name}: a quote is required exactly for the tags Q and M (basis {p.basis!r})")
        if p.quote and "[S0]" not in p.source:
            problems.append(f"{p.name}: a quoted parameter cites the seed [S0] in its source")
        start = 0
        for fragment in quote_fragments(p):
            at = text.find(fragment, start)
            if at >= 0:
                start = at + len(fragment)
            elif fragment in text:
                problems.append(f"{p.name}: fragment {fragment[:40]!r}… is out of source order")
            else:
                problems.append(f"{p.name}: fragment {fragment[:40]!r}… is not in the op-ed's text")
    return problems
