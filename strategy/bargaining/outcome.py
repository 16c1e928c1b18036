"""What every bargaining outcome shares: a one-line text form, shown as a paragraph in notebooks."""

from __future__ import annotations

import html

__all__ = ["Outcome"]


class Outcome:
    """A bargaining outcome: subclasses say it in one line (:meth:`to_text`)."""

    def to_text(self) -> str:
        """The outcome in one line."""
        raise NotImplementedError

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(self.to_text())}</p>"
