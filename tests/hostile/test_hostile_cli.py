"""Hostile inputs through the command line: a clean result or a clean error, never more.

Every case runs the command line in a subprocess limited to 20 s of processor time
(``RLIMIT_CPU``) and 1 GiB of address space (``RLIMIT_AS``), and must exit with its
expected code (1 for an
error, 0 for a valid input), print no traceback, keep control characters off the
terminal, and, for an error, print ``error: ...`` naming the file or argument at fault.

The static corpus is ``tests/hostile/corpus``; files that would be large or special in
the repository (FIFOs, devices, sparse 20 MB files, deep nesting, long names) are made in
a temporary folder. The cases run a few at a time, as the machine allows.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"
TIME_LIMIT = 20.0
MEMORY_LIMIT = 1 << 30


@dataclass(frozen=True)
class Case:
    """argv with ``{c}`` (the corpus) and ``{t}`` (the generated files) placeholders."""

    name: str
    argv: tuple[str, ...]
    code: int
    says: tuple[str, ...]  # substrings of stderr (errors) or stdout (results)


def case(name: str, argv: str, code: int, *says: str) -> Case:
    return Case(name, tuple(argv.split("|")), code, says)


CASES = [
    # numbers
    case("exp-toml", "solve|{c}/exponent_payoff.toml", 1, "exponent_payoff.toml, line", "exponent"),
    case("exp-csv", "solve|{c}/exponent_payoff.csv", 1, "exponent_payoff.csv, line 2", "exponent"),
    case("exp-json", "solve|{c}/exponent_payoff.json", 1, "exponent_payoff.json", "exponent"),
    case("float-overflow-toml", "solve|{c}/float_overflow.toml", 1, "float_overflow.toml", "finite"),
    case("big-exact-json", "solve|{c}/big_exact.json", 1, "big_exact.json", "1e300"),
    case("huge-int-json", "solve|{t}/huge_int.json", 1, "huge_int.json", "4300 digits"),
    case("huge-int-toml", "solve|{t}/huge_int.toml", 1, "huge_int.toml", "4300 digits"),
    case("ratio-zero-csv", "solve|{c}/ratio_zero.csv", 1, "ratio_zero.csv, line 2", "divides by zero"),
    case("default-exp", "solve|{c}/default_exponent.toml", 1, "default_exponent.toml, line", "default"),
    case("scenario-exp", "solve|{c}/scenario_exponent.toml|--scenario|bad", 1, "scenario_exponent.toml", "exponent"),
    case("set-overflow", "solve|{c}/valid.toml|--set|t=1e309", 1, "--set 't=1e309'", "1e300"),
    case("set-power", "solve|{c}/valid.toml|--set|t=10^400", 1, "--set 't=10^400'", "not a number"),
    # sizes
    case("dims-toml", "solve|{c}/huge_dimensions.toml", 1, "huge_dimensions.toml, line", "2,000,000 payoffs"),
    case("dims-json", "solve|{c}/huge_dimensions.json", 1, "huge_dimensions.json", "2,000,000 payoffs"),
    case("plans-show", "show|{c}/plans_2_24.efg", 0, "too large to print"),
    # two players with perfect recall: answered through the sequence form, never through
    # the 2^24-plan reduced normal form
    case("plans-nash", "solve|{c}/plans_2_24.efg|--concept|nash", 0, "sequence_form", "guarantee: one"),
    case("samples", "stress|{c}/valid.toml|--samples|10^12", 1, "--samples 10^12", "limit"),
    case("sweep-points", "sweep|{c}/valid.toml|--vary|t=0:1:10^10", 1, "--vary 't=0:1:10^10'", "limit"),
    case("sobol-points", "sobol|{c}/valid.toml|--samples|1e9", 1, "N = 1000000000", "limit"),
    case("degree-97", "threshold|{c}/degree97.toml|--vary|t=0:2", 0, "note: a best-reply gap has degree"),
    # files
    case("fifo", "solve|{t}/fifo.nfg", 1, "fifo.nfg", "FIFO"),
    case("dev-zero", "solve|{t}/zero.nfg", 1, "zero.nfg", "device"),
    case("dev-urandom", "show|{t}/random.efg", 1, "random.efg", "device"),
    case("sparse-20mb", "solve|{t}/sparse.nfg", 1, "sparse.nfg", "16 MiB"),
    case("binary", "solve|{t}/binary.csv", 1, "binary.csv", "binary"),
    case("latin1", "solve|{c}/latin1.csv", 1, "latin1.csv", "utf-8"),
    case("long-name", "solve|{t}/" + "n" * 300 + ".nfg", 1, "255 bytes"),
    case("folder", "solve|{t}/folder.nfg", 1, "folder.nfg", "folder"),
    case("missing", "solve|{t}/missing.json", 1, "missing.json", "no such file"),
    case("csv-field", "solve|{t}/field.csv", 1, "field.csv, line", "field"),
    case("csv-quote", "solve|{c}/csv_unclosed_quote.csv", 1, "csv_unclosed_quote.csv", "unclosed quote"),
    case("csv-three", "solve|{c}/csv_three_payoffs.csv", 1, "csv_three_payoffs.csv, line 2", "two payoffs"),
    case("csv-semicolon", "solve|{c}/valid_semicolon.csv", 0, "equilibria: 3"),
    case("empty-toml", "solve|{c}/empty.toml", 1, "empty.toml", "[players]"),
    case("empty-csv", "solve|{c}/empty.csv", 1, "empty.csv", "header row"),
    case("bad-toml", "solve|{c}/not_toml.toml", 1, "not_toml.toml", "invalid TOML"),
    case("wrong-types", "solve|{c}/wrong_types.toml", 1, "wrong_types.toml", "[players]"),
    case("player-not-list", "solve|{c}/player_not_list.toml", 1, "player_not_list.toml, line", "list of action"),
    case("dup-actions", "solve|{c}/dup_actions.toml", 1, "dup_actions.toml, line", "twice"),
    case("unknown-key", "solve|{c}/unknown_key.toml", 1, "unknown_key.toml, line", "unknown top-level key"),
    case("json-list", "solve|{c}/json_list.json", 1, "json_list.json", "JSON object"),
    case("json-players", "solve|{c}/json_players_bad.json", 1, "json_players_bad.json", "'players'"),
    case("json-deeper", "solve|{c}/json_payoffs_too_deep.json", 1, "json_payoffs_too_deep.json", "nested"),
    # deep
    case("deep-json", "solve|{t}/deep.json", 1, "deep.json", "nested too deeply"),
    case("deep-toml", "solve|{t}/deep.toml", 1, "deep.toml", "nested too deeply"),
    case("deep-expression", "solve|{c}/inject_nested.toml", 1, "inject_nested.toml, line", "nested too deeply"),
    # injection attempts
    case("inject-import", "solve|{c}/inject_import.toml", 1, "inject_import.toml, line", "not allowed"),
    case("inject-attribute", "solve|{c}/inject_attribute.toml", 1, "inject_attribute.toml, line", "attribute"),
    case("inject-lambda", "solve|{c}/inject_lambda.toml", 1, "inject_lambda.toml, line", "not allowed"),
    case("inject-power", "solve|{c}/inject_power.toml", 1, "inject_power.toml, line", "exponent"),
    case("inject-exponent", "solve|{c}/inject_big_exponent.toml", 1, "inject_big_exponent.toml, line", "exponent"),
    case("inject-string", "solve|{c}/inject_string.toml", 1, "inject_string.toml, line", "not allowed"),
    case("inject-long-int", "solve|{c}/inject_long_int.toml", 1, "inject_long_int.toml, line", "1e300"),
    case("inject-set", "solve|{c}/valid.toml|--set|__import__('os')=1", 1, "unknown parameter"),
    case("inject-method", "solve|{c}/valid.toml|--method|__import__('os').system('x')", 1, "unknown method"),
    case("inject-scenario", "solve|{c}/valid.toml|--scenario|\x1b[2Jx", 1, "unknown scenario", "\\x1b[2J"),
    case("control-labels", "solve|{c}/control_labels.toml", 0, "Row\\x1b[2J", "\\u202e"),
    case("control-title", "solve|{c}/control_title.toml", 0, "equilibria: 1"),
    case("long-title", "show|{c}/long_title.toml", 0, "Row"),
    # arguments and concepts
    case("seed-negative", "stress|{c}/valid.toml|--seed|-1|--samples|10", 1, "--seed '-1'", "whole number from 0"),
    case("sd-zero", "stress|{c}/sd_zero.toml|--samples|10", 1, "sd_zero.toml, line", "standard deviation"),
    case("triangular-nan", "stress|{c}/triangular_nan.toml|--samples|10", 1, "triangular_nan.toml", "not a number"),
    case("triangular-out", "stress|{c}/triangular_outside.toml|--samples|10", 1, "triangular_outside.toml", "mode"),
    case("convert-tree-toml", "convert|{c}/entry.efg|{t}/entry.toml", 1, "ExtensiveFormGame", ".efg"),
    case("pbe-tree", "solve|{c}/entry.efg|--concept|pbe", 0, "perfect Bayesian equilibria are the subgame-perfect"),
    case("pbe-normal", "solve|{c}/valid_semicolon.csv|--concept|pbe", 1, "--concept pbe", "signalling game"),
]


def _make_generated(folder: Path) -> None:
    os.mkfifo(folder / "fifo.nfg")
    (folder / "zero.nfg").symlink_to("/dev/zero")
    (folder / "random.efg").symlink_to("/dev/urandom")
    with open(folder / "sparse.nfg", "wb") as f:
        f.truncate(20 * 1024 * 1024)
    (folder / "binary.csv").write_bytes(b"Row \\ Column,A\nX,1;1\n\x00\x01\x02")
    (folder / "folder.nfg").mkdir()
    (folder / "field.csv").write_text('Row \\ Column,A\nX,"' + "1" * 200_000 + '"\n')
    players = '{"name": "A", "actions": ["x"]}, {"name": "B", "actions": ["y"]}'
    (folder / "huge_int.json").write_text(
        f'{{"schema": 1, "players": [{players}], "payoffs": [[[{"9" * 5000}]], [[1]]]}}'
    )
    (folder / "huge_int.toml").write_text(f'[players]\nA = ["x"]\nB = ["y"]\n[payoffs]\n"x, y" = [{"9" * 5000}, 1]\n')
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "deep.toml").write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n")


# The child limits itself before importing anything (preexec_fn is unsafe with threads):
# RLIMIT_AS caps its memory, RLIMIT_CPU its processor time (SIGXCPU ends it); the wall-clock
# timeout, looser because the machine is shared, catches a process that blocks without
# computing (a FIFO waiting for a writer).
_LAUNCH = (
    "import resource, runpy, sys\n"
    f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT}))\n"
    f"resource.setrlimit(resource.RLIMIT_CPU, ({int(TIME_LIMIT)}, {int(TIME_LIMIT) + 1}))\n"
    "sys.argv = ['strategy', *sys.argv[1:]]\n"
    "runpy.run_module('strategy.cli', run_name='__main__', alter_sys=True)\n"
)
WALL_LIMIT = 90.0


def _run(argv: tuple[str, ...], cwd: Path) -> tuple[int | None, str, str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    start = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-c", _LAUNCH, *argv],
            check=False,
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=WALL_LIMIT,
        )
    except subprocess.TimeoutExpired:
        return None, "", "", time.monotonic() - start
    return done.returncode, done.stdout, done.stderr, time.monotonic() - start


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int | None, str, str, float]]:
    """Run every case once, a few at a time (each process still has its own limits)."""
    generated = tmp_path_factory.mktemp("hostile")
    _make_generated(generated)
    work = tmp_path_factory.mktemp("cwd")

    def one(c: Case) -> tuple[str, tuple[int | None, str, str, float]]:
        argv = tuple(a.replace("{c}", str(CORPUS)).replace("{t}", str(generated)) for a in c.argv)
        return c.name, _run(argv, work)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(pool.map(one, CASES))
    results["__cwd__"] = (0, str(work), "", 0.0)
    return results


@pytest.mark.parametrize("c", CASES, ids=lambda c: c.name)
def test_clean_result_or_clean_error(c: Case, outcomes: dict[str, tuple[int | None, str, str, float]]) -> None:
    code, out, err, seconds = outcomes[c.name]
    assert code is not None, f"{c.name}: still running after {WALL_LIMIT} s (blocked?)"
    assert code != -24, f"{c.name}: more than {TIME_LIMIT} s of processor time"
    assert "Traceback" not in out + err, err
    assert "out of memory" not in err, f"{c.name}: hit the 1 GiB limit"
    assert "\x1b" not in out + err, "an escape character reached the terminal"
    assert "\u202e" not in out + err, "a bidirectional override reached the terminal"
    assert code == c.code, f"{c.name}: exit {code}; stderr: {err[:500]}"
    if c.code == 1:
        assert err.startswith("error: "), err
        assert not err.startswith("error: <text>"), err
        assert err.count("\n") == 1, f"one line of error, got: {err[:500]}"
    text = err if c.code == 1 else out
    for fragment in c.says:
        assert fragment in text, f"{c.name}: {fragment!r} not in {text[:600]!r}"
    assert seconds < WALL_LIMIT


def test_no_code_ran(outcomes: dict[str, tuple[int | None, str, str, float]]) -> None:
    cwd = Path(outcomes["__cwd__"][1])
    assert not (cwd / "hostile_ran").exists()
    assert not list(cwd.iterdir()), "a hostile case wrote a file"
