"""What users feel: install, start-up, throughput through the command line, per-call overhead.

Run: ``.venv/bin/python benchmarks/bench_startup.py`` (add ``--install`` to also time a
fresh install with no pip cache: slow, it downloads every wheel; ``--only SECTION`` runs
one section). One run prints, with
the peers side by side and the ratios:

1. ``--install``: ``make demo`` in a fresh clone of this checkout with a fresh ``.venv``
   and ``PIP_NO_CACHE_DIR=1`` (install and the main job), against the 3-minute target.
2. start-up, median of ``--repeat`` runs: ``strategy --help`` and ``strategy solve`` of a
   2x2 game file against ``python -c "import numpy"``.
3. ``strategy stress idlib.stage --samples N`` (process start included) against a loop
   of nashpy's ``support_enumeration`` over games drawn from the same case (in process).
4. ``strategy solve --float`` of a random 12x12 float game (process start included)
   against pygambit's ``enummixed_solve(rational=False)`` on the same game (in process).
5. ``solve()`` of one small game in a Python loop (2x2, 3x3, 4x4 float games) against
   pygambit's ``enummixed_solve(rational=False)`` on the same games.

Commands run in subprocesses with this checkout first on ``PYTHONPATH`` and bytecode
caching on (after one warm-up run), as a user's second run sees them. Each timing prints
wall-clock seconds and, in brackets, the CPU seconds (user + system) of the process:
on a shared machine the wall clock includes waiting for a core, the CPU time does not.
Ratios are given for both. Peers that are not installed are skipped with a message.
pygambit is a benchmark oracle only (GPL).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
BOS = ROOT / "tests" / "data" / "bos.nfg"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(ROOT)
    return env


def _run(argv: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one subprocess; raises if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env or _env(), capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _median(argv: list[str], repeat: int) -> tuple[float, float]:
    _run(argv)  # warm-up: bytecode written, files in the page cache
    runs = [_run(argv) for _ in range(repeat)]
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def _fmt(wall: float, cpu: float) -> str:
    return f"{wall:.3f} s [{cpu:.3f} s CPU]"


def install() -> None:
    print("== 1. install: make demo in a fresh clone, fresh .venv, PIP_NO_CACHE_DIR=1")
    work = Path(tempfile.mkdtemp(prefix="strategy-install-"))
    try:
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(work / "repo")], check=True)
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env["PIP_NO_CACHE_DIR"] = "1"
        wall, cpu = _run(["make", "demo"], cwd=work / "repo", env=env)
        site = next((work / "repo" / ".venv" / "lib").glob("python*/site-packages"))
        packages = len(list(site.glob("*.dist-info")))
        print(
            f"make demo: {_fmt(wall, cpu)}, {packages} distributions installed; target < 180 s: ratio {wall / 180:.2f}"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def startup(repeat: int) -> None:
    print(f"== 2. start-up (median of {repeat} runs)")
    py = sys.executable
    base = _median([py, "-c", "import numpy"], repeat)
    print(f'python -c "import numpy": {_fmt(*base)}')
    for label, argv in (
        ("strategy --help", [py, "-m", "strategy.cli", "--help"]),
        ("strategy solve bos.nfg (2x2)", [py, "-m", "strategy.cli", "solve", str(BOS)]),
    ):
        wall, cpu = _median(argv, repeat)
        print(f"{label}: {_fmt(wall, cpu)}; / numpy import: {wall / base[0]:.2f}x wall, {cpu / base[1]:.2f}x CPU")


def _stage_games(n: int) -> np.ndarray:
    from strategy.cases import get_case
    from strategy.sensitivity.model import evaluate
    from strategy.sensitivity.parameters import Values

    case = get_case("idlib.stage")
    values = case.space.sample(n, rng=0, base=dict(case.values()))
    flat = Values({k: np.broadcast_to(np.asarray(v, float), (n,)) for k, v in values.items()})
    return evaluate(case, flat)[0]


def stress(samples: int, loop: int) -> None:
    print(f"== 3. stress idlib.stage --samples {samples:,} through the command line")
    wall, cpu = _run([sys.executable, "-m", "strategy.cli", "stress", "idlib.stage", "--samples", str(samples)])
    ours_wall, ours_cpu = samples / wall, samples / cpu
    print(
        f"strategy stress: {_fmt(wall, cpu)}, process start included: {ours_wall:,.0f} games/s ({ours_cpu:,.0f}/CPU s)"
    )
    try:
        import nashpy
    except ImportError:
        print("nashpy not installed: peer skipped")
        return
    games = _stage_games(loop)
    start, cpu0 = time.perf_counter(), time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for g in games:
            list(nashpy.Game(g[0], g[1]).support_enumeration())
    n_wall, n_cpu = time.perf_counter() - start, time.process_time() - cpu0
    rate_wall, rate_cpu = loop / n_wall, loop / n_cpu
    print(
        f"nashpy support_enumeration loop over {loop} stage games (in process): {rate_wall:,.0f} games/s "
        f"({rate_cpu:,.0f}/CPU s); strategy/nashpy = {ours_wall / rate_wall:,.0f}x wall, {ours_cpu / rate_cpu:,.0f}x CPU"
    )


def solve_12(tmp: Path) -> None:
    from strategy.forms.normal import NormalFormGame
    from strategy.io import write_game

    print("== 4. all equilibria of a random 12x12 float game (numpy.random.default_rng(0), uniform payoffs)")
    rng = np.random.default_rng(0)
    a, b = rng.random((12, 12)), rng.random((12, 12))
    path = tmp / "random12.nfg"
    write_game(NormalFormGame.from_bimatrix(a, b), path)
    rows = {}
    for label, extra in (("strategy solve --float", ["--float"]), ("strategy solve (exact, the default)", [])):
        rows[label] = _run([sys.executable, "-m", "strategy.cli", "solve", str(path), *extra])
        print(f"{label}: {_fmt(*rows[label])}, process start included")
    try:
        import pygambit as gbt
    except ImportError:
        print("pygambit not installed: peer skipped")
        return
    start, cpu0 = time.perf_counter(), time.process_time()
    found = gbt.nash.enummixed_solve(gbt.Game.from_arrays(a, b), rational=False).equilibria
    g_wall, g_cpu = time.perf_counter() - start, time.process_time() - cpu0
    print(f"pygambit enummixed_solve(rational=False), in process: {_fmt(g_wall, g_cpu)}, {len(found)} equilibria")
    for label, (wall, cpu) in rows.items():
        print(f"pygambit / {label}: {g_wall / wall:.1f}x wall, {g_cpu / cpu:.1f}x CPU")


def _loop_rate(run: Callable[[np.ndarray, np.ndarray], object], games: list[tuple[np.ndarray, np.ndarray]]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for a, b in games:
            run(a, b)
        best = min(best, time.process_time() - start)
    return len(games) / best


def per_call(n: int) -> None:
    from strategy import NormalFormGame, solve

    print(f"== 5. solve() of one small float game in a Python loop ({n} games per size, best of 3, CPU time)")
    try:
        import pygambit as gbt
    except ImportError:
        gbt = None
        print("pygambit not installed: peer skipped")
    rng = np.random.default_rng(1)
    for size in (2, 3, 4):
        games = [(rng.random((size, size)), rng.random((size, size))) for _ in range(n)]
        ours = _loop_rate(lambda a, b: solve(NormalFormGame.from_bimatrix(a, b)), games)
        line = f"{size}x{size}: strategy {ours:,.0f} games/s ({1e3 / ours:.3f} ms/game)"
        if gbt is not None:
            theirs = _loop_rate(
                lambda a, b: gbt.nash.enummixed_solve(gbt.Game.from_arrays(a, b), rational=False), games
            )
            line += f"; pygambit {theirs:,.0f} games/s ({1e3 / theirs:.3f} ms/game); strategy/pygambit = {ours / theirs:.2f}"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--install", action="store_true", help="also time make demo in a fresh clone (slow)")
    parser.add_argument(
        "--only", choices=("install", "startup", "stress", "solve12", "percall"), help="run one section alone"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per start-up timing (median)")
    parser.add_argument("--samples", type=int, default=1_000_000, help="draws of the stress test")
    parser.add_argument("--loop", type=int, default=300, help="games of the nashpy loop")
    parser.add_argument("--games", type=int, default=1000, help="games per size of the per-call loop")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; python {sys.version.split()[0]}")

    def wanted(section: str) -> bool:
        return args.only == section or (args.only is None and (section != "install" or args.install))

    if wanted("install"):
        install()
    if wanted("startup"):
        startup(args.repeat)
    if wanted("stress"):
        stress(args.samples, args.loop)
    if wanted("solve12"):
        with tempfile.TemporaryDirectory() as tmp:
            solve_12(Path(tmp))
    if wanted("percall"):
        per_call(args.games)


if __name__ == "__main__":
    main()
