"""Every reader refuses a missing file, a folder and a binary file with a SpecError naming the path."""

from __future__ import annotations

import pytest

from strategy.errors import SpecError
from strategy.io.efg import read_efg
from strategy.io.json import read_json
from strategy.io.nfg import read_nfg
from strategy.io.spec import read_spec
from strategy.io.tables import read_csv
from strategy.io.tree_spec import read_tree_spec

READERS = [read_nfg, read_efg, read_spec, read_json, read_csv, read_tree_spec]


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.__name__)
def test_unreadable_files(reader, tmp_path):
    binary = tmp_path / "game.bin"
    binary.write_bytes(b"\xff\xfe\x00\x81 not text")
    for path, fix in ((tmp_path / "missing.txt", "check the path"), (tmp_path, "give a game file"), (binary, "save")):
        with pytest.raises(SpecError, match=fix) as info:
            reader(path)
        assert str(path) in str(info.value)
