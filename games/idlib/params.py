"""The Idlib parameter registry (case model section 3, extended by issue 17), with provenance.

Every parameter is a :class:`strategy.Parameter`: default (the ``offensive_2019`` value),
sensitivity range, unit, meaning, basis tag and the op-ed text. The tags
(:data:`games.idlib.provenance.BASIS_TAGS`): ``Q`` quoted from the op-ed, ``X`` external
fact, ``A`` modelling assumption, ``M`` assumed but motivated by a quoted phrase;
``"Q/A"`` = quoted for its existence, assumed for its size. Quotes are verbatim fragments
of the op-ed's text (HTML removed) in source order, joined by ``" … "`` where text is
elided; :func:`games.idlib.provenance.quote_problems` checks all of it.

The payoffs are assumptions, not estimates: ``refugee_cost = 10`` is the scale anchor
and every other stake is sized against it (case model section 0).
"""

from __future__ import annotations

from games.idlib.provenance import ELLIPSIS, quote_fragments
from strategy import Parameter, ParameterSpace

__all__ = ["ELLIPSIS", "PARAMETERS", "SPACE", "quote_fragments"]


def _p(
    name: str,
    default: float,
    low: float,
    high: float,
    meaning: str,
    basis: str,
    quote: str = "",
    source: str = "",
    unit: str = "utils",
) -> Parameter:
    return Parameter(name, default, low, high, unit=unit, meaning=meaning, basis=basis, quote=quote, source=source)


PARAMETERS: tuple[Parameter, ...] = (
    # 3.1 Russia
    _p(
        "nato_rift_value",
        8,
        2,
        12,
        "V: value to Russia of keeping Turkey in its orbit (S-400 wedge, NATO rift)",
        "Q/A",
        "By restraining Mr Al Assad in Idlib, Moscow managed to get Turkey on side, cause a major rift inside Nato and "
        "drive a deeper wedge in the already strained relationship between Turkey and the US.",
        "[S0]",
    ),
    _p(
        "leverage_loss",
        0.6,
        0.2,
        0.9,
        "l: share of V forfeited once Idlib falls (the trump card is played)",
        "Q/A",
        "Idlib is Moscow’s ultimate trump card, to ensure that Turkey’s international orientation remains close to the "
        "Russian orbit and away from the West. Moscow knows that at least for the time being, Turkey has much to lose if "
        "Idlib were to fall.",
        "[S0]",
        unit="share",
    ),
    _p(
        "goodwill_value",
        0.5,
        0,
        4,
        "G: marginal goodwill per round from continued restraint",
        "Q/A",
        "Moscow also reasoned that by pandering to Turkey’s concerns, Russia would win goodwill from Ankara and push "
        "Turkey further away from the West.",
        "[S0]",
    ),
    _p(
        "hts_threat",
        6.0,
        1,
        9,
        "h: cost to Russia of HTS at full strength",
        "Q/A",
        "Hayat Tahrir Al Sham, a reincarnation of the Al Qaeda-affiliated Nusra Front, maintains a significant presence"
        + ELLIPSIS
        + "in recent weeks Russia has become increasingly frustrated. Turkey has yet to disarm or neutralise "
        "Hayat Tahrir Al Sham",
        "[S0]",
    ),
    _p(
        "idlib_gain",
        2.0,
        0.5,
        5,
        "g: value to Russia/Assad of retaking Idlib beyond HTS removal",
        "Q/A",
        "The fall of Idlib would also effectively mean an Assad military victory in the eight-year long civil war would "
        "be all but assured.",
        "[S0]",
    ),
    _p(
        "assault_cost",
        2.0,
        1,
        5,
        "c_a: manpower and money per unit of force",
        "Q/A",
        "By allowing Ankara to do the dirty work, it would save Moscow manpower, funds",
        "[S0]",
    ),
    _p(
        "condemnation_cost",
        1.5,
        0.5,
        4,
        "c_c: international condemnation per unit of force",
        "Q/A",
        "the prospect of international condemnation for the inevitable loss of civilian life in an all-out assault"
        + ELLIPSIS
        + "In the case of Douma"
        + ELLIPSIS
        + "a retaliatory, if tokenistic, US airstrike",
        "[S0]",
    ),
    _p(
        "limited_scale",
        0.3,
        0.15,
        0.5,
        "lambda: scale of a squeeze relative to an all-out assault (180k/600k)",
        "Q/A",
        "hundreds of thousands of Syrians could seek asylum in Turkey"
        + ELLIPSIS
        + "180,000 people have been displaced",
        "[S0]",
        unit="share",
    ),
    # 3.2 Turkey
    _p(
        "refugee_cost",
        10,
        4,
        20,
        "F: cost to Turkey of a full refugee wave (scale anchor)",
        "Q/A",
        "An all-out attack by the Assad regime would mean that hundreds of thousands of Syrians could seek asylum in "
        "Turkey." + ELLIPSIS + "Turkey is already finding it difficult to cope with the estimated 3.8 million Syrian "
        "refugees it currently hosts, especially as the country struggles to deal with an ongoing economic downturn.",
        "[S0]",
    ),
    _p(
        "fall_cost",
        6,
        2,
        10,
        "Phi: cost to Turkey of the fall of Idlib (Afrin, west of the Euphrates, influence)",
        "Q/A",
        "This would put pressure on Turkey to withdraw from Afrin and other areas to the west of the Euphrates."
        + ELLIPSIS
        + "In a desperate bid to hold onto its influence",
        "[S0]",
    ),
    _p(
        "disarm_cost",
        3,
        1,
        8,
        "D: Turkey's cost of moving against HTS",
        "Q/A",
        "Turkey has yet to disarm or neutralise Hayat Tahrir Al Sham and other militant extremist groups.",
        "[S0]",
    ),
    _p(
        "turkey_capability",
        0.6,
        0,
        1,
        "kappa: share of HTS strength a Turkish disarm effort removes",
        "Q/A/X",
        "Moscow is concerned that Turkey is either unwilling or unable to do so",
        "[S0] [C7]",
        unit="share",
    ),
    _p(
        "hts_cost_turkey",
        1,
        0,
        3,
        "tau: Turkey's own dislike of HTS",
        "Q/A",
        "Turkey was able to convince Russia to allow Ankara to disarm or neutralise Hayat Tahrir Al Sham and other "
        "extremist groups",
        "[S0]",
    ),
    _p(
        "arming_cost",
        0.3,
        0.1,
        2,
        "a: cost of arming aligned rebels",
        "Q/A",
        "Ankara has increased its arming of aligned rebel groups in Idlib.",
        "[S0]",
    ),
    _p(
        "merge_prob",
        0.3,
        0.1,
        0.6,
        "mu: probability armed proxies fight with HTS",
        "Q/A",
        "a headache for Turkey would be if the groups it backs join forces with Hayat Tahrir Al Sham. That was "
        "reportedly the case in Kafr Nabuda",
        "[S0]",
        unit="probability",
    ),
    _p(
        "merge_cost",
        1.5,
        0.5,
        5,
        "m: cost to Turkey if its proxies merge with HTS",
        "Q/A",
        "a headache for Turkey would be if the groups it backs join forces with Hayat Tahrir Al Sham",
        "[S0]",
    ),
    _p(
        "rebel_resistance",
        0.3,
        0.1,
        0.6,
        "rho: share of the regime's advance blunted by armed rebels",
        "Q/A",
        "Kafr Nabuda, where opposition forces retook the town from the regime.",
        "[S0]",
        unit="share",
    ),
    _p(
        "s400_value",
        4,
        1,
        8,
        "v_S: Turkey's value of completing the S-400 deal",
        "Q/X/A",
        "Ankara has reaffirmed its commitment to purchase the S-400 missile defence system and Turkey has even sent "
        "personnel to Russia for training",
        "[S0] [C2]",
    ),
    _p(
        "patriot_value",
        2,
        0,
        5,
        "v_P: functional value of the Patriot at list price",
        "Q/X/A",
        "discounted Patriot surface to air batteries, a Nato-compatible alternative to the S-400",
        "[S0] [C2]",
    ),
    _p(
        "nato_compat_value",
        1.5,
        0,
        4,
        "v_N: value of NATO interoperability",
        "Q/A",
        "despite them being incompatible with Nato hardware",
        "[S0]",
    ),
    _p(
        "switch_cost",
        1,
        0,
        3,
        "k_sw: cost to Turkey of reneging on the S-400",
        "Q/A",
        "Turkey has even sent personnel to Russia for training to learn how to operate S-400s",
        "[S0]",
    ),
    _p(
        "partnership_value",
        1.5,
        0,
        4,
        "pi_T: value to Turkey of Russia honouring Sochi",
        "Q/A",
        "Turkey was able to convince Russia to allow Ankara to disarm or neutralise Hayat Tahrir Al Sham"
        + ELLIPSIS
        + "and station Turkish military observation posts around Idlib. Russia agreed.",
        "[S0] [C1]",
    ),
    # 3.3 United States
    _p(
        "us_alignment_value",
        5,
        1,
        10,
        "W: value to the US of Turkey choosing the Patriot",
        "Q/A",
        "cause a major rift inside Nato and drive a deeper wedge in the already strained relationship between Turkey "
        "and the US." + ELLIPSIS + "Turkey is trying to organise talks with US officials",
        "[S0]",
    ),
    _p(
        "patriot_discount",
        1,
        0,
        5,
        "d: value of the price discount (a transfer)",
        "Q/A",
        "Perhaps Turkey might be swayed by the possibility of receiving discounted Patriot surface to air batteries",
        "[S0]",
    ),
    _p(
        "sdf_assurance_value",
        2.5,
        0.5,
        5,
        "A_S: value to Turkey of an SDF-free buffer zone assurance",
        "Q/A",
        "Ankara claims the YPG is affiliated to the outlawed Kurdistan Workers’ Party (PKK), which has "
        "waged a bloody separatist war against Turkey since the 1980s"
        + ELLIPSIS
        + "assurances from the US that any buffer zone between Turkey and Syria would be cleared of SDF troops",
        "[S0]",
    ),
    _p(
        "sdf_betrayal_cost",
        1.5,
        0.5,
        5,
        "B: cost to the US of abandoning its SDF partner",
        "Q/A",
        "SDF troops, whom it has been supplying with weapons and training.",
        "[S0]",
    ),
    _p(
        "us_humanitarian_weight",
        1,
        0,
        3,
        "omega: cost to the US per unit of Russian force in Idlib",
        "M",
        "a retaliatory, if tokenistic, US airstrike",
        "[S0]",
    ),
    _p("offer_cost", 0.1, 0, 0.5, "epsilon: political cost to the US of a rejected offer (tie-breaker)", "A"),
    _p(
        "us_inducement",
        0,
        0,
        25,
        "I: total carrot value on the table (Game 3)",
        "Q/A",
        "especially if the US were to dangle carrots in front of Ankara",
        "[S0]",
    ),
    # 3.4 game-specific
    _p(
        "prior_unwilling",
        0.5,
        0,
        1,
        "p: Russia's prior that Turkey is unwilling (Game 4)",
        "Q/A",
        "Moscow is concerned that Turkey is either unwilling or unable to do so and is therefore piling on the pressure.",
        "[S0]",
        unit="probability",
    ),
    _p("capability_unwilling", 0.8, 0.5, 1, "kappa_W: capability of the unwilling type (Game 4)", "A", unit="share"),
    _p("capability_unable", 0.2, 0, 0.4, "kappa_U: capability of the unable type (Game 4)", "A", unit="share"),
    _p("crackdown_cost_unwilling", 8, 4, 12, "k_W: crackdown cost of the unwilling type (Game 4)", "A"),
    _p("crackdown_cost_unable", 3, 1, 8, "k_U: crackdown cost of the unable type (Game 4)", "A"),
    _p(
        "coercion_effect",
        0.5,
        0,
        1,
        "phi: share of a capable Turkey's capacity pressure mobilises (Game 4)",
        "M",
        "piling on the pressure",
        "[S0]",
        unit="share",
    ),
    _p(
        "delta_russia",
        0.9,
        0.7,
        0.99,
        "delta_R: Russia's per-round discount factor (Games 5, 6)",
        "M",
        "not expedient now",
        "[S0]",
        unit="discount factor",
    ),
    _p(
        "delta_turkey",
        0.8,
        0.5,
        0.99,
        "delta_T: Turkey's per-round discount factor (Games 5, 6)",
        "Q/A",
        "180,000 people have been displaced" + ELLIPSIS + "ongoing economic downturn",
        "[S0]",
        unit="discount factor",
    ),
    _p(
        "bargaining_power_russia",
        0.5,
        0,
        1,
        "beta: Russia's weight in the generalised Nash solution (Game 5)",
        "A",
        unit="weight",
    ),
    _p(
        "negotiated_displacement",
        0.3,
        0,
        0.6,
        "eta: displacement caused even by a negotiated handover (Game 5)",
        "M",
        "others have refused government offers of safe passage",
        "[S0]",
        unit="share",
    ),
    # 3.5 issue 17: the US's sticks and the buyout (Game 2b)
    _p(
        "f35_exclusion_cost",
        3,
        0,
        8,
        "e_F: cost to Turkey of exclusion from the F-35 programme (a US stick, executed if Turkey keeps the S-400)",
        "X/A",
        source="[X1]",
    ),
    _p(
        "caatsa_cost",
        2,
        0,
        6,
        "s_C: cost to Turkey of CAATSA sanctions on its defence procurement agency (a US stick)",
        "X/A",
        source="[X2]",
    ),
    _p("stick_cost_us", 0.5, 0, 3, "k_US: cost to the US of each stick it executes (alliance damage)", "A"),
    _p(
        "buyout_margin",
        0.1,
        0.01,
        0.5,
        "epsilon_B: sweetener over Turkey's reservation price in a Buyout (the continuum's tie-break)",
        "A",
    ),
    # 3.6 issue 17: Turkey's resolve on the S-400 as a type (Game 4b)
    _p(
        "prior_firm",
        0.5,
        0,
        1,
        "p_F: Russia's prior that Turkey is firm on the S-400 (Game 4b)",
        "Q/A",
        "Russia is also concerned that Turkey might eventually waver in its commitment to purchase S-400s",
        "[S0]",
        unit="probability",
    ),
    _p(
        "waver_prob",
        0.5,
        0,
        1,
        "w: probability a wavering Turkey defects to the US offer (Game 4b)",
        "Q/A",
        "might eventually waver in its commitment to purchase S-400s, especially if the US were to dangle carrots in "
        "front of Ankara",
        "[S0]",
        unit="probability",
    ),
    _p(
        "commit_cost_firm",
        1,
        0,
        6,
        "k_F: cost to a firm Turkey of a visible commitment (delivery, training) (Game 4b)",
        "Q/A",
        "Turkey has even sent personnel to Russia for training to learn how to operate S-400s",
        "[S0]",
    ),
    _p(
        "commit_cost_waverer",
        6,
        1,
        16,
        "k_V: cost to a wavering Turkey of the same commitment (the US option it burns) (Game 4b)",
        "A",
    ),
    # 3.7 issue 17: Turkish strikes (Game 1b, Operation Spring Shield)
    _p(
        "strike_effect",
        0,
        0,
        0.6,
        "sigma: share of the regime's advance Turkish strikes blunt on top of armed rebels (Game 1b)",
        "X/A",
        source="[X4]",
        unit="share",
    ),
    _p("strike_cost", 1, 0, 5, "c_S: Turkey's cost of striking regime forces directly (Game 1b)", "X/A", source="[X4]"),
)

SPACE = ParameterSpace(PARAMETERS)
