"""The Idlib main job: Q1-Q6 answered through the library, the record, the document.

Every expected value here is recomputed through the generic machinery (find_thresholds on
the registered cases, the triangle's inducement functions, the signalling game's payoffs),
never copied from the output.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from games.idlib import CASES, SCENARIOS, triangle, types
from games.idlib import prediction as prediction_module
from games.idlib.analysis import main, stress
from games.idlib.answers import answers, approx
from games.idlib.prediction import predict, record_table, verdict
from games.idlib.record import RECORD
from games.idlib.stage import GAME
from strategy.sensitivity import find_thresholds

SAMPLES = 300


@pytest.fixture(scope="module")
def found():
    return {a.key: a for a in answers(SAMPLES)}


@pytest.fixture(scope="module")
def terminal(found):
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--samples", str(SAMPLES)]) == 0
    return out.getvalue()


def test_terminal_answers_q1_to_q6_in_under_60_plain_lines(terminal):
    lines = terminal.splitlines()
    assert len(lines) < 60
    for key in ("Q1", "Q2", "Q3", "Q4", "Q5", "Q6"):
        assert any(line.startswith(key + " ") for line in lines), key
    assert len(re.findall(r"^   Margin: ", terminal, re.MULTILINE)) == 6
    assert "[ORD]" in terminal
    assert "[CARD]" in terminal
    # one notation for profiles: action labels, never tuples or class names
    assert "('" not in terminal
    assert "MixedProfile" not in terminal
    assert "Values(" not in terminal
    # every symbol used is explained
    assert "Symbols:" in terminal
    assert "I*" in terminal.split("Symbols:")[1]


def test_numbers_carry_two_or_three_significant_digits(terminal):
    numbers = re.findall(r"(?<![\w.])\d+\.\d+", terminal)
    assert numbers
    assert all(len(n.replace(".", "").lstrip("0")) <= 3 for n in numbers), numbers


def test_q1_margin_is_the_goodwill_tipping_point_of_the_one_change_counterfactual(found, terminal):
    old, new = CASES["stage"].values("sochi_2018"), CASES["stage"].values("offensive_2019")
    base = {**SCENARIOS["sochi_2018"], "goodwill_value": float(new.goodwill_value)}
    tips = find_thresholds(CASES["stage"], "goodwill_value", 0.0, 4.0, base=base, grid=801)
    nearest = min(tips, key=lambda t: abs(t.value - float(new.goodwill_value)))
    q1 = found["Q1"]
    assert q1.margin.parameter == "goodwill_value"
    assert q1.margin.threshold == pytest.approx(nearest.value, abs=1e-6)
    assert q1.margin.distance == pytest.approx(abs(nearest.value - float(new.goodwill_value)), abs=1e-6)
    assert float(old.goodwill_value) != float(new.goodwill_value)
    assert f"tipping point {approx(nearest.value)}" in terminal
    assert q1.tag == "ORD"


def test_q1_flags_the_hts_tipping_point_outside_its_range(found, terminal):
    (hts,) = [m for m in found["Q1"].exact["margins"] if m["parameter"] == "hts_threat"]
    assert not hts["in_range"]
    assert hts["threshold"] > CASES["stage"].space["hts_threat"].high
    assert "OUTSIDE its range" in terminal


def test_q3_answer_comes_from_the_us_ladder_and_the_tree_thresholds(found, terminal):
    for scenario in ("sochi_2018", "offensive_2019"):
        values = CASES["inducement"].values(scenario)
        q3 = triangle.q3_answer(values)
        assert found["Q3"].exact["required_inducement"][scenario] == pytest.approx(triangle.required_inducement(values))
        assert found["Q3"].exact["max_carrot"][scenario] == pytest.approx(triangle.max_carrot(values))
        assert found["Q3"].exact["ladder"][scenario] == q3.to_dict()
    values = CASES["inducement"].values("offensive_2019")
    q3 = triangle.q3_answer(values)
    assert f"About {approx(q3.required, 2)} utils" in terminal
    assert f"pays at most {approx(q3.max_carrot, 2)}" in terminal
    assert ("no stick closes the gap" in terminal) == (q3.shortfall > 0 and q3.closing_stick is None)
    # the tipping points are the library's thresholds on the tree, and the closed form of the ladder:
    # the US's stake W at which its gain pays the cheapest flip (Buyout with both sticks)
    both = triangle.stick_harm(values, "+F35+CAATSA")
    stake = values.us_alignment_value + (q3.required - both + values.buyout_margin) - q3.us_gain
    tips = {m["parameter"]: m for m in found["Q3"].exact["tipping_points"]}
    assert tips["us_alignment_value"]["threshold"] == pytest.approx(stake, abs=1e-6)
    space = CASES["inducement"].space["f35_exclusion_cost"]
    first = find_thresholds(CASES["inducement"], "f35_exclusion_cost", space.low, space.high, grid=33)[0]
    assert tips["f35_exclusion_cost"]["threshold"] == pytest.approx(first.value, abs=1e-6)
    assert first.to_regime.endswith("+F35+CAATSA|Patriot|AllOut")
    assert found["Q3"].margin.threshold in (tips["us_alignment_value"]["threshold"], first.value)


def test_q5_prior_threshold_matches_russias_indifference_after_a_stall(found):
    """p* solves p d_W + (1 - p) d_U = 0, d = Russia's Squeeze minus Restrain after Stall, from the payoffs."""
    values = CASES["types"].values("offensive_2019")
    _, u_r = types.payoff_arrays(values)
    stall = types.MESSAGES.index("Stall")
    d = u_r[:, stall, 1] - u_r[:, stall, 0]
    p_star = -d[1] / (d[0] - d[1])
    assert found["Q5"].margin.threshold == pytest.approx(p_star, abs=1e-6)


def test_json_gives_full_precision(found, capsys):
    assert main(["--samples", str(SAMPLES), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data["answers"]) == ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"]
    assert data["answers"]["Q1"]["margin"]["threshold"] == pytest.approx(found["Q1"].margin.threshold, abs=0)
    assert data["answers"]["Q1"]["margin"]["threshold"] != round(found["Q1"].margin.threshold, 3)
    assert {r["scenario"] for r in data["record"]} == {s for s in SCENARIOS if s in RECORD}


def test_record_table_is_generic_over_the_scenarios_with_a_record():
    rows = record_table()
    expected = [(s, c) for s in SCENARIOS if s in RECORD for c in CASES if c in RECORD[s]]
    assert [(r.scenario, r.case) for r in rows] == expected


def test_record_table_follows_the_record(monkeypatch):
    only = {"offensive_2019": {"stage": RECORD["offensive_2019"]["stage"]}}
    monkeypatch.setattr(prediction_module, "RECORD", only)
    rows = record_table()
    assert [(r.scenario, r.case) for r in rows] == [("offensive_2019", "stage")]


def test_verdicts_and_smallest_changes_reproduce_the_record():
    for row in record_table():
        values = CASES[row.case].values(row.scenario)
        assert row.verdict == verdict(row.record, predict(row.case, values))
        if row.change is None:
            continue
        assert row.verdict != "agree"
        c = row.change
        assert CASES[row.case].space[c.parameter].low <= c.threshold <= CASES[row.case].space[c.parameter].high
        step = 1e-4 * (c.high - c.low)
        beyond = c.threshold + (step if c.direction == "above" else -step)
        moved = values.replace(**{c.parameter: beyond})
        assert verdict(row.record, predict(row.case, moved)) == "agree", row


def test_the_record_covers_the_dated_scenarios_and_the_terminal_gives_one_line_each(terminal):
    from games.idlib.analysis import scenario_label

    rows = record_table()
    dated = ("apr2019", "peace_spring_2019", "winter_2020", "moscow_protocol_2020", "caatsa_2020")
    assert set(dated) <= {r.scenario for r in rows}
    for scenario in {r.scenario for r in rows}:
        mine = [r for r in rows if r.scenario == scenario]
        hits = sum(r.verdict == "agree" for r in mine)
        assert f"  {scenario_label(scenario)}: {hits} of {len(mine)} agree" in terminal


def test_games_1_and_3_disagree_on_the_same_2019_parameters():
    rows = {(r.scenario, r.case): r for r in record_table()}
    assert rows["offensive_2019", "stage"].verdict == "agree"
    assert rows["offensive_2019", "sochi"].verdict == "miss"


def test_stress_frequencies_cover_the_sample():
    result = stress(GAME, 300, seed=1)
    assert int(result.frame["count"].sum()) == 300
    assert len(result.frame) >= 3  # the ranges span several regimes
    assert np.all(result.frame["ci_low"] <= result.frame["frequency"])


def test_report_option_writes_the_document(found, tmp_path):
    import contextlib
    import io

    target = tmp_path / "r.html"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--samples", str(SAMPLES), "--report", str(target)]) == 0
    assert str(target) in out.getvalue()
    assert len(out.getvalue().splitlines()) < 60
    text = target.read_text()
    assert len(text.encode()) < 800_000
    ids = re.findall(r"<h2 id='(\w+)' class='game'>", text)
    assert ids == [
        "stage", "escalation", "triangle", "inducement", "timing", "sochi", "types", "resolve", "bargaining", "repeated"
    ]  # fmt: skip
    assert text.count("Parameters and their sources</h2>") == 1
    for bad in (r"0x[0-9a-fA-F]{6,}", "mappingproxy", "<function", r"\.\. math::", r":(func|class|meth|mod):`"):
        assert not re.search(bad, text), bad
    assert "<script" not in text
    assert 'src="http' not in text
    for a in found.values():
        assert a.question in text


def test_cli_solve_json_for_cases(capsys):
    pytest.importorskip("strategy.cli.solve")
    from strategy.cli import main as cli_main

    assert cli_main(["solve", "idlib.stage", "--scenario", "offensive_2019", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["players"] == ["Russia", "Turkey"]
    assert len(data["equilibria"]) == 1
    assert data["equilibria"][0]["profile"] == [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]  # (Squeeze, Arm)
    assert data["equilibria"][0]["payoffs"] == pytest.approx([1.208, -5.137])
    assert cli_main(["solve", "idlib.sochi", "--scenario", "sochi_2018", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["equilibria"][0]["behavior"]["Deal"] == "Stall"
    assert cli_main(["solve", "idlib.bargaining", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["nash"]["agreement"] == pytest.approx(0.2716, abs=1e-3)
