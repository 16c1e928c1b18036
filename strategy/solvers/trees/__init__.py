"""Extensive-form (tree) solvers: backward induction, the dispatch of Nash and
subgame-perfect equilibria, and the sequence form. Import the modules themselves; nothing
is loaded here."""
