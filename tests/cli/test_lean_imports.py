"""The command line loads only what a command uses (issue 16): facts read from sys.modules.

Each check runs in a fresh interpreter, since this test process has long imported
everything. Heavy modules that no small solve needs: pandas, matplotlib, sympy,
scipy.signal (n-player elimination), SciPy's LP (dominance, zero-sum).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "matplotlib", "sympy", "scipy.signal", "scipy.optimize", "SALib", "nashpy")


def _loaded_after(code: str) -> set[str]:
    """The HEAVY modules present in sys.modules after running `code` in a fresh interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=True
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_importing_the_package_and_the_cli_loads_nothing_heavy() -> None:
    assert _loaded_after("import strategy, strategy.cli") == set()


def test_help_loads_nothing_heavy_and_not_even_numpy() -> None:
    code = (
        "import contextlib, io, strategy.cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert strategy.cli.main(['--help']) == 0\n"
        "assert 'numpy' not in sys.modules, 'numpy was imported by --help'"
    )
    assert _loaded_after("import sys\n" + code) == set()


@pytest.mark.parametrize("name", ["bos.nfg", "bos.csv", "dilemma.toml", "entry.efg"])
def test_solving_a_small_game_file_loads_nothing_heavy(name: str) -> None:
    path = ROOT / "tests" / "data" / name
    code = (
        "import contextlib, io, strategy.cli\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    assert strategy.cli.main(['solve', {str(path)!r}]) == 0\n"
        "assert 'regret' in out.getvalue(), out.getvalue()"
    )
    assert _loaded_after(code) == set()


def test_public_names_still_import_from_the_top_level() -> None:
    import strategy

    for name in strategy.__all__:
        assert getattr(strategy, name) is not None, name
    from strategy import NormalFormGame, SolveResult, solve

    assert isinstance(solve(NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])), SolveResult)
    assert set(strategy.__all__) <= set(dir(strategy))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = strategy.nope  # type: ignore[attr-defined]


def test_solver_package_names_resolve_to_the_functions_not_the_modules() -> None:
    from strategy import solvers
    from strategy.solvers import lemke_howson, vertex_enumeration

    assert callable(lemke_howson)
    assert callable(vertex_enumeration)
    assert callable(solvers.backward_induction)  # the function, not its module
    for name in solvers.__all__:
        assert getattr(solvers, name) is not None, name
    from strategy.solvers.dispatch import METHODS

    assert {"enumeration", "nplayer", "lemke_howson"} <= set(METHODS)
