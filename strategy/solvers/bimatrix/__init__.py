"""Two-player normal-form (bimatrix) solvers: exact enumeration, vertex and support
enumeration, Lemke-Howson, zero-sum linear programming, and the batched kernel of the
sensitivity analyses. Import the modules themselves; nothing is loaded here."""
