"""Labels read from Gambit files: empty ones get defaults, repeated ones are made unique.

Gambit allows empty and repeated names for players, strategies and actions; the toolkit
addresses them by label, so a reader applies two steps, in this order, keeping the
original order of the list:

1. **Defaults.** An empty label gets ``default(k)`` for its 1-based position ``k``:
   ``"Player 2"`` for players, ``"Strategy 2"`` for strategies, ``"Action 2"`` for
   actions and chance moves. (Gambit 16.7 names empty labels ``_1``, ``_2``, ...; the
   toolkit prefers words a reader recognises.)
2. **Uniqueness**, Gambit 16.7's own rule: a label that occurs once is kept; *every*
   occurrence of a repeated label ``x`` becomes ``x_1``, ``x_2``, ... in order, skipping
   any ``x_n`` already used in the list. Nothing is merged: ``["C", "D", "D"]`` becomes
   ``["C", "D_1", "D_2"]``, exactly the labels Gambit gives.

>>> unique_labels(["C", "D", "D", "D_2"])
('C', 'D_1', 'D_3', 'D_2')
>>> unique_labels(["", "Bob", ""], default=lambda k: f"Player {k}")
('Player 1', 'Bob', 'Player 3')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

__all__ = ["unique_labels"]


def unique_labels(labels: Iterable[str], default: Callable[[int], str] = str) -> tuple[str, ...]:
    """Return `labels` with empty ones defaulted and repeated ones numbered ``_1, _2, ...``."""
    named = [label if label else default(k) for k, label in enumerate(labels, start=1)]
    counts = Counter(named)
    if all(c == 1 for c in counts.values()):
        return tuple(named)
    used = set(named)
    visited: Counter[str] = Counter()
    out = []
    for label in named:
        if counts[label] == 1:
            out.append(label)
            continue
        while True:
            visited[label] += 1
            candidate = f"{label}_{visited[label]}"
            if candidate not in used:
                break
        used.add(candidate)
        out.append(candidate)
    return tuple(out)
