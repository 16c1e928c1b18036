"""The case library: classic teaching games and the Idlib family, built on `strategy`'s public API.

A case is a :class:`strategy.Case`: a parametric game with its parameter registry and
named scenarios. Families register a ``CASES`` mapping under the ``strategy.cases``
entry-point group in ``pyproject.toml``.
"""
