"""Provenance of the Idlib parameters (issue 17, item 5): quotes against the op-ed's text.

Three rules, each enforced here and each shown to catch the defect it is about: quotes
are matched against the text with HTML removed, fragments occur in source order, and the
tag ``M`` (assumed, motivated by a phrase) is separate from ``Q``.
"""

from dataclasses import replace
from pathlib import Path

import pytest

from games.idlib.params import SPACE, TABLE, read_parameters
from games.idlib.provenance import ELLIPSIS, OPED, oped_text, quote_fragments, quote_problems

SEED = Path("/work/shared/seeds/000_e4338ce1751af647.txt")


@pytest.mark.parametrize("path", [OPED, SEED], ids=["oped.txt", "seed"])
def test_every_parameter_passes_the_provenance_rules(path):
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    # read from the data table itself, as a reader editing it would
    assert quote_problems(read_parameters(TABLE), oped_text(path)) == []


def test_hyperlink_text_counts_and_markup_does_not():
    raw = OPED.read_text(encoding="utf-8")
    text = oped_text()
    assert "<" not in text
    assert "href" not in text
    phrase = "purchase the S-400 missile defence system and Turkey"
    assert phrase in text
    assert phrase not in raw
    assert any(phrase in f for f in quote_fragments(SPACE["s400_value"]))
    # the closing italic byline keeps its words, loses its tags
    assert text.endswith("The New Turkey and Its Discontents")


def test_the_rules_catch_each_defect():
    text = oped_text()
    good = SPACE["limited_scale"]
    first, second = quote_fragments(good)
    reversed_ = replace(good, quote=second + ELLIPSIS + first)
    assert any("out of source order" in m for m in quote_problems([reversed_], text))
    html_only = replace(SPACE["s400_value"], quote="purchase the <a href")
    assert any("not in the op-ed" in m for m in quote_problems([html_only], text))
    both = replace(SPACE["delta_russia"], basis="Q/M")
    assert any("both quoted" in m for m in quote_problems([both], text))
    bare = replace(SPACE["delta_russia"], quote="")
    assert any("quote is required" in m for m in quote_problems([bare], text))
    unknown = replace(SPACE["offer_cost"], basis="A/Z")
    assert any("not a '/'-joined set" in m for m in quote_problems([unknown], text))


def test_assumptions_motivated_by_a_phrase_are_tagged_m():
    motivated = {"delta_russia", "negotiated_displacement", "us_humanitarian_weight", "coercion_effect"}
    assert motivated <= {p.name for p in SPACE if p.basis.split("/")[0] == "M"}


def test_fragments_are_single_passages():
    # goodwill: one sentence, not sentences from distant passages joined as if one
    assert len(quote_fragments(SPACE["goodwill_value"])) == 1
    assert quote_fragments(SPACE["arming_cost"]) == (
        "Ankara has increased its arming of aligned rebel groups in Idlib.",
    )
