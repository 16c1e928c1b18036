"""Deep trees and hostile bytes: the .efg, .nfg and tree-TOML readers stay linear and clean.

Readers and the tree form are iterative: a valid tree of any depth is read, memory grows
linearly with depth, and every malformed or mutated file gives a clean result or a
:class:`SpecError`, never another exception, within a bounded time.
"""

from __future__ import annotations

import contextlib
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategy.solvers.sequential import MAX_SOLVE_DEPTH, solve_tree

from strategy.errors import ResourceLimitError, SpecError, StrategyError, UnsupportedGameError
from strategy.io.efg import format_efg, parse_efg
from strategy.io.nfg import parse_nfg
from strategy.io.tree_spec import loads_tree_spec, parse_tree_spec

DATA = Path(__file__).parents[1] / "data"


def chain_efg(depth: int, *, generic: bool = False) -> str:
    """A centipede: at each of `depth` nodes the mover stops (a leaf) or goes on.

    With `generic`, stopping at depth i pays both -i and the end pays 1: one SPE, no ties.
    """
    lines = ['EFG 2 R "chain" { "A" "B" }', '""']
    for i in range(depth):
        pays = f"{-i}, {-i}" if generic else f"{i % 5}, {-i % 3}"
        lines.append(f'p "" {i % 2 + 1} {i // 2 + 1} "" {{ "stop" "go" }} 0')
        lines.append(f't "" {i + 1} "" {{ {pays} }}')
    lines.append(f't "" {depth + 1} "" {{ {1 if generic else 0}, {1 if generic else 0} }}')
    return "\n".join(lines) + "\n"


def chain_dict(depth: int) -> dict[str, object]:
    node: dict[str, object] = {"payoffs": {"A": 0, "B": 0}}
    for i in reversed(range(depth)):
        node = {"player": "AB"[i % 2], "moves": {"stop": {"payoffs": {"A": i % 5, "B": "1/2"}}, "go": node}}
    return {"game": {"players": ["A", "B"]}, "tree": node}


def chain_toml(depth: int) -> str:
    """The same chain in TOML with one [tree.moves.go...] header per level."""
    out = ['[game]\nplayers = ["A", "B"]\n']
    key = "tree"
    for i in range(depth):
        out.append(f'[{key}]\nplayer = "{"AB"[i % 2]}"\nmoves.stop = {{ payoffs = {{ A = {i % 5}, B = 0 }} }}\n')
        key += ".moves.go"
    out.append(f"[{key}]\npayoffs = {{ A = 0, B = 0 }}\n")
    return "\n".join(out)


def test_a_3000_deep_efg_reads_and_round_trips() -> None:
    game = parse_efg(chain_efg(3000))
    assert game.n_nodes == 6001
    assert game.depth == 3000
    assert game.has_perfect_recall
    assert game.paths[-1] == ("go",) * 3000
    again = parse_efg(format_efg(game))
    assert again.n_nodes == game.n_nodes
    assert [again.leaf_payoffs(k) for k in range(0, 6001, 997) if not again.children[k]] == [
        game.leaf_payoffs(k) for k in range(0, 6001, 997) if not game.children[k]
    ]


def test_a_100000_deep_efg_reads_within_bounded_time() -> None:
    text = chain_efg(100_000)
    start = time.process_time()
    game = parse_efg(text)
    elapsed = time.process_time() - start
    assert game.n_nodes == 200_001
    assert game.infosets[-1].label == "node 199998"  # deeper than PATH_LABEL_DEPTH: named by index
    assert elapsed < 60, f"{elapsed:.1f} s of CPU"


def test_memory_grows_linearly_with_depth() -> None:
    peaks = []
    for depth in (2_000, 8_000):
        text = chain_efg(depth)
        tracemalloc.start()
        game = parse_efg(text)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        del game
    assert peaks[1] / peaks[0] < 6  # 4x the depth; whole stored paths made it 16x


def test_deep_tree_toml_reads(tmp_path: Path) -> None:
    game = loads_tree_spec(chain_toml(600), "deep.toml")
    assert game.depth == 600
    deep = parse_tree_spec(chain_dict(100_000), "deep.toml")
    assert deep.n_nodes == 200_001
    assert deep.index_of(("go",) * 100_000) == 200_000


def test_inline_tables_nested_beyond_the_toml_reader_are_refused_cleanly() -> None:
    node = "{ payoffs = { A = 0 } }"
    for _ in range(2_000):
        node = f'{{ player = "A", moves = {{ go = {node} }} }}'
    with pytest.raises(SpecError, match="deeper than the TOML reader"):
        loads_tree_spec(f'[game]\nplayers = ["A"]\n[tree]\nplayer = "A"\nmoves.go = {node}\n', "inline.toml")


def test_solvers_take_trees_up_to_their_depth_and_refuse_deeper_ones_in_words() -> None:
    ok = parse_efg(chain_efg(MAX_SOLVE_DEPTH, generic=True))
    (spe,) = solve_tree(ok)
    assert spe.profile.path()[-1] == ("B", "go")
    with pytest.raises(UnsupportedGameError, match=f"{MAX_SOLVE_DEPTH + 1} moves deep"):
        solve_tree(parse_efg(chain_efg(MAX_SOLVE_DEPTH + 1)))


def test_reduced_normal_form_of_a_deep_tree_is_refused_before_it_is_built() -> None:
    from strategy.forms.convert import to_normal_form

    start = time.process_time()
    with pytest.raises(ResourceLimitError, match="--concept spe"):
        to_normal_form(parse_efg(chain_efg(400)))
    assert time.process_time() - start < 20


@pytest.mark.parametrize(
    "text",
    [
        'NFG 1 R "" { "A" "B" } { 10000000 1 }\n1 2\n',
        'NFG 1 R "" { "A" "B" } { 100000 100000 }\n1 2\n',
        'NFG 1 R "" { "A" } { 1 }\n1e1000000000\n',
        'NFG 1 R "" { "A" } { { "x" } }\n"" 10^400\n',
    ],
)
def test_small_nfg_files_declaring_huge_tables_are_refused_at_once(text: str) -> None:
    start = time.process_time()
    with pytest.raises(SpecError):
        parse_nfg(text, "huge.nfg")
    assert time.process_time() - start < 1


# ---------------------------------------------------------------------- fuzzing
SEEDS = {
    "efg": [
        (DATA / "gambit" / name).read_text()
        for name in ("shorthand.efg", "per_player_sets.efg", "forgetful.efg", "repeated_moves.efg")
    ]
    + [(DATA / "entry.efg").read_text()],
    "nfg": [
        (DATA / "gambit" / name).read_text()
        for name in ("repeated_strategy.nfg", "blank_players.nfg", "three_strategies.nfg")
    ]
    + [(DATA / "bos.nfg").read_text()],
    "toml": [chain_toml(3)],
}
PIECES = [
    "{",
    "}",
    '"',
    '""',
    ",",
    "0",
    "1",
    "-1",
    "99999999999999999999",
    "1e1000000000",
    "1/0",
    "nan",
    "p",
    "c",
    "t",
    "EFG",
    "NFG",
    "\\",
    "\n",
    "[tree]",
    "=",
    "player",
    "moves",
    "payoffs",
    '"chance"',
]


def mutated(data: st.DataObject, kind: str) -> str:
    """A valid file of `kind` with one to four random edits (delete, insert, replace, duplicate)."""
    draw = data.draw
    text = draw(st.sampled_from(SEEDS[kind]))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 12)))
        op = draw(st.sampled_from(["delete", "insert", "replace", "duplicate"]))
        piece = draw(st.sampled_from(PIECES))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + " " + piece + " " + text[i:]
        elif op == "replace":
            text = text[:i] + piece + text[j:]
        else:
            text = text[:j] + text[i:j] + text[j:]
    return text


def _clean(parse: object, text: str) -> None:
    start = time.process_time()
    with contextlib.suppress(StrategyError):  # a clean refusal is fine; anything else fails the test
        parse(text, "fuzz")  # type: ignore[operator]
    assert time.process_time() - start < 10


READERS = {"efg": parse_efg, "nfg": parse_nfg, "toml": loads_tree_spec}
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("kind", sorted(READERS))
@FUZZ
@given(data=st.data())
def test_mutated_files_give_a_game_or_a_spec_error(kind: str, data: st.DataObject) -> None:
    _clean(READERS[kind], mutated(data, kind))


@pytest.mark.parametrize("kind", sorted(READERS))
@FUZZ
@given(raw=st.binary(max_size=300))
def test_random_bytes_give_a_spec_error(kind: str, raw: bytes) -> None:
    prefix = {"efg": "EFG 2 R ", "nfg": "NFG 1 R ", "toml": "[game]\n"}[kind]
    text = raw.decode("utf-8", errors="replace")
    _clean(READERS[kind], text)
    _clean(READERS[kind], prefix + text)
