"""The Idlib parameter registry: every case-model section-3 parameter, quotes verbatim in the op-ed.

The registry is the data table ``games/idlib/params.toml``; the provenance tests read its
records directly (not through the loader), and one test checks the loader keeps every field.
"""

import tomllib
from dataclasses import fields
from pathlib import Path

import pytest

from games.idlib import CASES, SCENARIOS
from games.idlib.params import ELLIPSIS, SPACE, TABLE, read_parameters
from games.idlib.provenance import oped_text
from strategy import Parameter
from strategy.errors import SpecError

OPED = Path(__file__).resolve().parents[2] / "games" / "idlib" / "oped.txt"
SEED = Path("/work/shared/seeds/000_e4338ce1751af647.txt")

# case model section 3: name -> (default, low, high)
SECTION_3 = {
    "nato_rift_value": (8, 2, 12),
    "leverage_loss": (0.6, 0.2, 0.9),
    "goodwill_value": (0.5, 0, 4),
    "hts_threat": (6, 1, 9),
    "idlib_gain": (2, 0.5, 5),
    "assault_cost": (2, 1, 5),
    "condemnation_cost": (1.5, 0.5, 4),
    "limited_scale": (0.3, 0.15, 0.5),
    "refugee_cost": (10, 4, 20),
    "fall_cost": (6, 2, 10),
    "disarm_cost": (3, 1, 8),
    "turkey_capability": (0.6, 0, 1),
    "hts_cost_turkey": (1, 0, 3),
    "arming_cost": (0.3, 0.1, 2),
    "merge_prob": (0.3, 0.1, 0.6),
    "merge_cost": (1.5, 0.5, 5),
    "rebel_resistance": (0.3, 0.1, 0.6),
    "s400_value": (4, 1, 8),
    "patriot_value": (2, 0, 5),
    "nato_compat_value": (1.5, 0, 4),
    "switch_cost": (1, 0, 3),
    "partnership_value": (1.5, 0, 4),
    "us_alignment_value": (5, 1, 10),
    "patriot_discount": (1, 0, 5),
    "sdf_assurance_value": (2.5, 0.5, 5),
    "sdf_betrayal_cost": (1.5, 0.5, 5),
    "us_humanitarian_weight": (1, 0, 3),
    "offer_cost": (0.1, 0, 0.5),
    "us_inducement": (0, 0, 25),
    "prior_unwilling": (0.5, 0, 1),
    "capability_unwilling": (0.8, 0.5, 1),
    "capability_unable": (0.2, 0, 0.4),
    "crackdown_cost_unwilling": (8, 4, 12),
    "crackdown_cost_unable": (3, 1, 8),
    "coercion_effect": (0.5, 0, 1),
    "delta_russia": (0.9, 0.7, 0.99),
    "delta_turkey": (0.8, 0.5, 0.99),
    "bargaining_power_russia": (0.5, 0, 1),
    "negotiated_displacement": (0.3, 0, 0.6),
}


# issue 17 (US sticks and buyout, Turkey's resolve, Turkish strikes): name -> (default, low, high)
ISSUE_17 = {
    "f35_exclusion_cost": (3, 0, 8),
    "caatsa_cost": (2, 0, 6),
    "stick_cost_us": (0.5, 0, 3),
    "buyout_margin": (0.1, 0.01, 0.5),
    "prior_firm": (0.5, 0, 1),
    "waver_prob": (0.5, 0, 1),
    "commit_cost_firm": (1, 0, 6),
    "commit_cost_waverer": (6, 1, 16),
    "strike_effect": (0, 0, 0.6),
    "strike_cost": (1, 0, 5),
}

# the table's records, read without the loader: name -> {key: value}
RECORDS = tomllib.loads(TABLE.read_text(encoding="utf-8"))["parameters"]


def test_every_section_3_parameter_with_default_and_range():
    # the registry is section 3 plus the parameters issue 17 added (it pinned section 3 alone)
    assert set(SPACE.names) == set(SECTION_3) | set(ISSUE_17)
    for name, (default, low, high) in {**SECTION_3, **ISSUE_17}.items():
        p = SPACE[name]
        assert (p.default, p.low, p.high) == pytest.approx((default, low, high)), name
        assert p.low <= p.default <= p.high
        assert p.meaning


def test_the_registry_is_the_table_field_for_field():
    assert SPACE.names == tuple(RECORDS)
    unset = {f.name: f.default for f in fields(Parameter) if f.name in ("quote", "source")}
    for name, record in RECORDS.items():
        p = SPACE[name]
        for key in ("default", "low", "high", "unit", "meaning", "basis", "quote", "source"):
            written = record.get(key, unset.get(key))
            # the value and its type: 8 stays an integer, 6.0 a float
            assert (getattr(p, key), type(getattr(p, key))) == (written, type(written)), (name, key)
        assert p.distribution.kind == "uniform"


def test_basis_tags_and_quotes():
    for name, record in RECORDS.items():
        tags = set(record["basis"].split("/"))
        assert tags <= {"Q", "X", "A", "M"}, name
        assert ("Q" in tags or "M" in tags) == bool(record.get("quote")), name
        if record.get("quote"):
            assert "[S0]" in record["source"], name


def test_the_copy_of_the_op_ed_is_the_seed():
    if not SEED.exists():
        pytest.skip("the shared seed is not on this machine")
    assert OPED.read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [OPED, SEED], ids=["oped.txt", "seed"])
def test_every_quote_fragment_occurs_verbatim(path):
    # matched against the text with HTML removed: a hyperlink's words are the op-ed's words
    # (this test used to match the raw HTML, which forced quotes to drop them; issue 17)
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    text = oped_text(path)
    fragments = [(name, f) for name, r in RECORDS.items() for f in r.get("quote", "").split(ELLIPSIS) if f]
    assert len(fragments) > len(RECORDS) // 2
    assert [(name, f) for name, f in fragments if f not in text] == []


VALID = '[parameters.x]\ndefault = 1\nlow = 0\nhigh = 2\nunit = "utils"\nmeaning = "x: a stake"\nbasis = "A"\n'


@pytest.mark.parametrize(
    ("table", "message", "line"),
    [
        (VALID + "hihg = 3\n", "unknown key 'hihg'", 1),
        (VALID.replace("low = 0\n", ""), "missing low", 1),
        (VALID.replace("high = 2", "high = -1"), "range low 0 > high -1", 1),
        (VALID.replace("default = 1", "default = true"), "default must be a number", 1),
        (VALID.replace('basis = "A"', "basis = 1"), "basis must be a string", 1),
        (VALID + "\n" + VALID.replace(".x]", ".z]").replace("low = 0\n", ""), "parameter 'z': missing low", 9),
        (VALID.replace("[parameters.x]", "[parameters.x"), "invalid TOML", None),
        ("[x]\ndefault = 1\n", r"expected only \[parameters\.NAME\] tables", None),
    ],
    ids=["unknown-key", "missing-key", "range", "bool", "text-type", "line", "syntax", "layout"],
)
def test_a_faulty_table_is_refused_naming_file_and_line(tmp_path, table, message, line):
    path = tmp_path / "params.toml"
    path.write_text(table, encoding="utf-8")
    with pytest.raises(SpecError, match=message) as caught:
        read_parameters(path)
    assert caught.value.path == str(path)
    assert caught.value.line == line


def test_a_missing_table_is_refused_without_a_traceback(tmp_path):
    with pytest.raises(SpecError, match="cannot read the parameter table"):
        read_parameters(tmp_path / "absent.toml")


def test_a_valid_table_reads_as_written(tmp_path):
    path = tmp_path / "params.toml"
    path.write_text(VALID + 'quote = "a … b"\nsource = "[S0]"\n', encoding="utf-8")
    (p,) = read_parameters(path)
    assert p == Parameter("x", 1, 0, 2, unit="utils", meaning="x: a stake", basis="A", quote="a … b", source="[S0]")


def test_scenarios_change_only_goodwill_and_hts():
    assert dict(SCENARIOS["offensive_2019"]) == {}
    assert dict(SCENARIOS["sochi_2018"]) == {"goodwill_value": 3.0, "hts_threat": 3.0}
    for case in CASES.values():
        assert case.default_scenario == "offensive_2019"
        # the two scenarios of the case model, plus the dated ones of issue 17 (this pinned the two alone)
        assert {"offensive_2019", "sochi_2018"} <= set(case.scenarios)
        v = case.values("sochi_2018")
        assert (v.goodwill_value, v.hts_threat) == (3.0, 3.0)


def test_cases_registered_through_the_entry_point():
    from strategy import discover_cases

    found = discover_cases()
    cases = ("stage", "escalation", "triangle", "inducement", "timing", "sochi", "types", "resolve")
    for short in (*cases, "bargaining", "repeated"):
        assert f"idlib.{short}" in found
    for short in ("prisoners_dilemma", "centipede", "entry_deterrence"):
        assert f"classics.{short}" in found


def test_stage_toml_spec_matches_the_python_model():
    import numpy as np

    spec_module = pytest.importorskip("strategy.io.spec")
    from games.idlib.stage import GAME

    spec = spec_module.read_spec(OPED.parent / "stage.toml")
    for scenario in ("offensive_2019", "sochi_2018"):
        values = CASES["stage"].values(scenario)
        mine = {name: values[name] for name in spec.game.space.names}
        mine.update(spec.scenarios[scenario])
        assert np.allclose(spec.game.payoff_array(mine), GAME.payoff_array(values))
    for p in spec.game.space:
        assert (p.default, p.low, p.high, p.quote) == (
            SPACE[p.name].default,
            SPACE[p.name].low,
            SPACE[p.name].high,
            SPACE[p.name].quote,
        )
