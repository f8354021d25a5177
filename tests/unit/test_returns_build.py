"""The framework return: counts reconcile on generated data and match a hand count and a naive count."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feedback_app.periods import Period
from feedback_app.returns.build import EXPERIENCE_OUTCOMES, build_return
from feedback_app.returns.model import ADULT, ALL, REPRESENTATIVE, ConversationFacts
from feedback_app.rubric.agreement import summarise
from feedback_app.vocabulary import OUTCOME_LEVELS, OUTCOMES, levels_for

PERIOD = Period(2025, 2)  # 1 July to 30 September 2025
INSIDE = dt.date(2025, 8, 1)
BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 10, 1)
STATUSES = ("finished", "declined", "withdrawn", "in_progress", "paused")
SPLIT_BLOCKS = {"asked_outcomes", "outcomes_achieved", "experience"}
SKIP = object()  # a case-details question left out of the mapping altogether


def facts(number: int, **overrides) -> ConversationFacts:
    values = dict(
        conversation_id=f"c{number}",
        status="finished",
        concluded_on=INSIDE,
        held_on=INSIDE + dt.timedelta(days=10),
        method="enquiry_lead",
        respondent_type=ADULT,
    )
    values.update(overrides)
    return ConversationFacts(**values)


def cell_counts(result, block_id, measure=None, respondent=ALL) -> dict[str, int]:
    block = result.block(block_id, measure)
    return {c.category: c.count for c in block.cells if c.respondent == respondent and c.count}


# Generated data ----------------------------------------------------------------------------------


def _optional(values):
    return st.one_of(st.none(), st.sampled_from(values))


# Built once: building strategies on every draw took most of each example's time.
LEVELS = {outcome: _optional(levels_for(outcome)) for outcome in OUTCOMES}
# Each case-details question is answered, skipped (None), or missing from the mapping.
CASE_DETAILS = {
    question: st.one_of(st.just(SKIP), _optional(values))
    for question, values in {
        "risk_action": ("yes", "no"),
        "risk_outcome": ("risk_removed", "risk_reduced", "risk_remained"),
        "lacked_capacity": ("yes", "no", "dont_know", "not_recorded"),
        "capacity_support": ("yes", "no"),
    }.items()
}
CONCLUDED = st.dates(min_value=dt.date(2025, 5, 1), max_value=dt.date(2025, 11, 30))
STATUS, DAYS_LATER = st.sampled_from(STATUSES), st.integers(0, 120)
METHOD, RESPONDENT = st.sampled_from(("enquiry_lead", "independent")), st.sampled_from((ADULT, REPRESENTATIVE))


@st.composite
def conversation(draw, number: int) -> ConversationFacts:
    concluded = draw(CONCLUDED)
    levels = {outcome: draw(LEVELS[outcome]) for outcome in OUTCOMES}
    answers = {q: draw(strategy) for q, strategy in CASE_DETAILS.items()}
    return ConversationFacts(
        conversation_id=f"c{number}",
        status=draw(STATUS),
        concluded_on=concluded,
        held_on=concluded + dt.timedelta(days=draw(DAYS_LATER)),
        method=draw(METHOD),
        respondent_type=draw(RESPONDENT),
        double_coded=draw(st.booleans()),
        coding_final=all(level is not None for level in levels.values()),
        final_levels={o: level for o, level in levels.items() if level is not None},
        case_details={q: a for q, a in answers.items() if a is not SKIP},
    )


@st.composite
def conversations(draw) -> list[ConversationFacts]:
    size = draw(st.integers(0, 40))
    return [draw(conversation(number)) for number in range(size)]


def naive_count(all_facts) -> Counter:
    """Count every cell again, one conversation at a time, without the module's helpers."""
    expected: Counter = Counter()
    for f in all_facts:
        if not (PERIOD.start <= f.concluded_on <= PERIOD.end) or f.status != "finished":
            continue
        who = (ALL, f.respondent_type)
        asked = f.final_levels.get("asked_outcomes")
        asked_category = "not_recorded" if asked in (None, "unclear") else asked
        for respondent in who:
            expected["asked_outcomes", "sg4a_asked", respondent, asked_category] += 1
        if asked == "asked_expressed":
            achieved = f.final_levels.get("outcomes_achieved")
            for respondent in who:
                key = "not_recorded" if achieved in (None, "unclear") else achieved
                expected["outcomes_achieved", "sg4a_achieved", respondent, key] += 1
        details = f.case_details
        if details.get("risk_action") == "yes":
            expected["risk", "sg2e_risk", ALL, details.get("risk_outcome") or "not_recorded"] += 1
        expected["capacity", "sg3a_capacity", ALL, details.get("lacked_capacity") or "not_recorded"] += 1
        if details.get("lacked_capacity") == "yes":
            support = details.get("capacity_support") or "not_recorded"
            expected["capacity_support", "sg3a_support", ALL, support] += 1
        for outcome in OUTCOMES[2:]:
            for respondent in who:
                expected["experience", outcome, respondent, f.final_levels.get(outcome, "not_recorded")] += 1
    return expected


def naive_status(covered: int, recorded: int) -> str:
    if recorded == 0:
        return "not_collected"
    return "complete" if recorded == covered else "partial"


@settings(max_examples=100, deadline=None)
@given(conversations())
def test_generated_return_matches_a_naive_count(all_facts):
    result = build_return("Council", PERIOD, all_facts)
    actual: Counter = Counter()
    for block in result.blocks:
        if block.id != "about":
            actual.update({(block.id, block.measure, c.respondent, c.category): c.count for c in block.cells})
    # Unary + drops the zero cells, which the naive count never creates.
    assert +actual == +naive_count(all_facts), "a return cell differs from a one-by-one count"


@settings(max_examples=100, deadline=None)
@given(conversations())
def test_categories_sum_to_totals_that_reconcile_with_conversation_counts(all_facts):
    result = build_return("Council", PERIOD, all_facts)
    finished = [f for f in all_facts if PERIOD.contains(f.concluded_on) and f.status == "finished"]
    by_respondent = {ALL: len(finished), **Counter(f.respondent_type for f in finished)}

    for block in result.blocks:
        if block.id == "about":
            continue
        respondents = (ALL, ADULT, REPRESENTATIVE) if block.id in SPLIT_BLOCKS else (ALL,)
        assert {c.respondent for c in block.cells} == set(respondents), f"{block.measure} has the wrong split"
        if block.id in SPLIT_BLOCKS:
            assert block.total(ADULT) + block.total(REPRESENTATIVE) == block.total(ALL), (
                f"{block.measure}: adult and representative do not add up to all"
            )
            for category in {c.category for c in block.cells}:
                split = {c.respondent: c.count for c in block.cells if c.category == category}
                assert split[ADULT] + split[REPRESENTATIVE] == split[ALL], f"{block.measure} {category}"

    assert result.block("asked_outcomes").total() == len(finished) == result.about["held"]
    for respondent in (ADULT, REPRESENTATIVE):
        assert result.block("asked_outcomes").total(respondent) == by_respondent.get(respondent, 0)
    expressed = sum(1 for f in finished if f.final_levels.get("asked_outcomes") == "asked_expressed")
    assert result.block("outcomes_achieved").total() == expressed
    assert cell_counts(result, "asked_outcomes").get("asked_expressed", 0) == expressed
    assert result.block("capacity").total() == len(finished)
    assert result.block("capacity_support").total() == cell_counts(result, "capacity").get("yes", 0)
    risk_action = sum(1 for f in finished if f.case_details.get("risk_action") == "yes")
    assert result.block("risk").total() == risk_action
    for outcome in EXPERIENCE_OUTCOMES:
        block = result.block("experience", outcome)
        assert block.total() == len(finished), f"{outcome} does not cover every finished conversation"
        for respondent in (ADULT, REPRESENTATIVE):
            assert block.total(respondent) == by_respondent.get(respondent, 0)

    about = result.about
    assert about["held_enquiry_lead"] + about["held_independent"] == about["held"]
    in_period = [f for f in all_facts if PERIOD.contains(f.concluded_on)]
    assert about["held"] + about["declined"] + about["withdrawn"] + about["in_progress"] == len(in_period)


@settings(max_examples=100, deadline=None)
@given(conversations())
def test_statuses_follow_what_each_covered_conversation_has(all_facts):
    result = build_return("Council", PERIOD, all_facts)
    finished = [f for f in all_facts if PERIOD.contains(f.concluded_on) and f.status == "finished"]
    for outcome in EXPERIENCE_OUTCOMES:
        recorded = sum(1 for f in finished if outcome in f.final_levels)
        assert result.block("experience", outcome).status == naive_status(len(finished), recorded), outcome
    recorded = sum(1 for f in finished if "asked_outcomes" in f.final_levels)
    assert result.block("asked_outcomes").status == naive_status(len(finished), recorded)
    recorded = sum(1 for f in finished if f.case_details.get("lacked_capacity") is not None)
    assert result.block("capacity").status == naive_status(len(finished), recorded)


@settings(max_examples=100, deadline=None)
@given(conversations(), st.lists(st.sampled_from((BEFORE, AFTER, dt.date(2024, 8, 1))), max_size=10))
def test_conversations_outside_the_period_are_ignored(all_facts, outside_dates):
    inside = [f for f in all_facts if PERIOD.contains(f.concluded_on)]
    outside = [
        facts(1000 + n, concluded_on=day, held_on=day, respondent_type=REPRESENTATIVE,
              final_levels={"asked_outcomes": "not_asked"}, case_details={"lacked_capacity": "yes"})
        for n, day in enumerate(outside_dates)
    ]
    assert build_return("Council", PERIOD, inside + outside) == build_return("Council", PERIOD, inside)


# A small example counted by hand -----------------------------------------------------------------


def small_example() -> list[ConversationFacts]:
    return [
        # 1: adult, asked and expressed, fully achieved, risk reduced, lacked capacity with support.
        facts(1, final_levels={"asked_outcomes": "asked_expressed", "outcomes_achieved": "fully",
                               "feel_safer": "safer", "listened_to": "yes"},
              coding_final=False, double_coded=True,
              case_details={"risk_action": "yes", "risk_outcome": "risk_reduced",
                            "lacked_capacity": "yes", "capacity_support": "yes"}),
        # 2: representative, asked and expressed, achievement unclear, independent, 60 days later.
        facts(2, respondent_type=REPRESENTATIVE, method="independent", held_on=INSIDE + dt.timedelta(days=60),
              final_levels={"asked_outcomes": "asked_expressed", "outcomes_achieved": "unclear",
                            "feel_safer": "unclear"},
              case_details={"risk_action": "yes", "risk_outcome": None, "lacked_capacity": "yes"}),
        # 3: representative, asked-outcomes coded unclear: not recorded, never "don't know".
        facts(3, respondent_type=REPRESENTATIVE, held_on=INSIDE + dt.timedelta(days=2),
              final_levels={"asked_outcomes": "unclear", "feel_safer": "less_safe"},
              case_details={"risk_action": "no", "lacked_capacity": "not_recorded"}),
        # 4: adult, "don't know" chosen by the coder; capacity question skipped.
        facts(4, held_on=INSIDE, final_levels={"asked_outcomes": "dont_know"},
              case_details={"lacked_capacity": "dont_know"}),
        # Not held: counted in the about figures only.
        facts(5, status="declined", final_levels={"asked_outcomes": "not_asked"}),
        facts(6, status="withdrawn"),
        facts(7, status="paused"),
        facts(8, status="in_progress", respondent_type=REPRESENTATIVE),
        # Outside the period: ignored entirely.
        facts(9, concluded_on=BEFORE, final_levels={"asked_outcomes": "not_asked"}),
        facts(10, concluded_on=AFTER, status="declined"),
    ]


def test_small_example_counted_by_hand():
    result = build_return("Northshire", PERIOD, small_example(), summarise([("yes", "yes"), ("yes", "no")]))
    assert (result.organisation, result.period) == ("Northshire", "2025-26 Q2")

    assert cell_counts(result, "asked_outcomes") == {"asked_expressed": 2, "dont_know": 1, "not_recorded": 1}
    assert cell_counts(result, "asked_outcomes", respondent=ADULT) == {"asked_expressed": 1, "dont_know": 1}
    representatives = cell_counts(result, "asked_outcomes", respondent=REPRESENTATIVE)
    assert representatives == {"asked_expressed": 1, "not_recorded": 1}
    assert result.block("asked_outcomes").status == "complete"  # every one has a final level, even unclear

    assert cell_counts(result, "outcomes_achieved") == {"fully": 1, "not_recorded": 1}
    assert cell_counts(result, "outcomes_achieved", respondent=REPRESENTATIVE) == {"not_recorded": 1}
    assert result.block("outcomes_achieved").status == "complete"

    assert cell_counts(result, "risk") == {"risk_reduced": 1, "not_recorded": 1}
    assert result.block("risk").status == "partial"
    assert cell_counts(result, "capacity") == {"yes": 2, "not_recorded": 1, "dont_know": 1}
    assert result.block("capacity").status == "complete"  # "not_recorded" was the practitioner's answer
    assert cell_counts(result, "capacity_support") == {"yes": 1, "not_recorded": 1}
    assert result.block("capacity_support").status == "partial"

    feel_safer = cell_counts(result, "experience", "feel_safer")
    assert feel_safer == {"safer": 1, "unclear": 1, "less_safe": 1, "not_recorded": 1}
    assert cell_counts(result, "experience", "feel_safer", REPRESENTATIVE) == {"unclear": 1, "less_safe": 1}
    assert result.block("experience", "feel_safer").status == "partial"
    assert cell_counts(result, "experience", "listened_to") == {"yes": 1, "not_recorded": 3}
    assert cell_counts(result, "experience", "respected") == {"not_recorded": 4}
    assert result.block("experience", "respected").status == "not_collected"

    assert result.about == {
        "held": 4, "held_enquiry_lead": 3, "held_independent": 1, "declined": 1, "withdrawn": 1,
        "in_progress": 2, "median_days_to_conversation": 6.0,  # days 0, 2, 10, 60
        "independent_after_8_weeks": 1, "coded": 0, "double_coded": 1,
        "agreement_percent": 50.0, "agreement_kappa": 0.0, "agreement_items": 2,
    }
    about_block = result.block("about", "conversations")
    assert about_block.status == "complete"
    assert {c.category: c.count for c in about_block.cells} == {
        "held": 4, "held_enquiry_lead": 3, "held_independent": 1, "declined": 1, "withdrawn": 1,
        "in_progress": 2, "independent_after_8_weeks": 1, "coded": 0, "double_coded": 1,
    }


def test_every_category_has_a_cell_even_when_zero():
    result = build_return("Northshire", PERIOD, small_example())
    asked = result.block("asked_outcomes")
    assert [c.category for c in asked.cells if c.respondent == ALL] == [
        "asked_expressed", "asked_none_expressed", "not_asked", "dont_know", "not_recorded"
    ]
    safer = [c.category for c in result.block("experience", "feel_safer").cells if c.respondent == ADULT]
    assert safer == [*OUTCOME_LEVELS["feel_safer"], "unclear", "not_recorded"]
    assert [b.measure for b in result.blocks if b.id == "experience"] == list(EXPERIENCE_OUTCOMES)
    assert "agreement_percent" not in result.about


# Statuses on crafted cases -----------------------------------------------------------------------


def test_a_period_with_no_conversations_is_not_collected_throughout():
    result = build_return("Northshire", PERIOD, [facts(1, concluded_on=BEFORE)])
    assert {b.status for b in result.blocks} == {"not_collected"}
    assert all(c.count == 0 for b in result.blocks for c in b.cells)
    assert result.about["median_days_to_conversation"] is None


def test_statuses_complete_partial_and_not_collected():
    coded = {"asked_outcomes": "not_asked", "feel_safer": "safer"}
    result = build_return("N", PERIOD, [facts(1, final_levels=coded), facts(2, final_levels=coded)])
    assert result.block("asked_outcomes").status == "complete"
    assert result.block("outcomes_achieved").status == "not_collected"  # covers no conversation
    assert result.block("experience", "listened_to").status == "not_collected"  # none coded
    assert result.block("capacity").status == "not_collected"

    result = build_return(
        "N", PERIOD,
        [facts(1, final_levels=coded, case_details={"lacked_capacity": "no"}), facts(2, status="declined")],
    )
    assert result.block("experience", "feel_safer").status == "complete"
    assert result.block("capacity").status == "complete"

    result = build_return(
        "N", PERIOD,
        [
            facts(1, final_levels=coded, case_details={"lacked_capacity": "no"}),
            facts(2, case_details={"lacked_capacity": None}),
        ],
    )
    assert result.block("asked_outcomes").status == "partial"
    assert result.block("capacity").status == "partial"
    assert cell_counts(result, "capacity") == {"no": 1, "not_recorded": 1}


# Bad data is refused, not counted somewhere ------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        {"final_levels": {"asked_outcomes": "not_recorded"}},
        {"final_levels": {"feel_safer": "yes"}},
        {"case_details": {"lacked_capacity": "maybe"}},
        {"case_details": {"risk_action": "yes", "risk_outcome": "gone"}},
        {"respondent_type": "carer"},
        {"status": "done"},
        {"method": "phone"},
    ],
)
def test_values_outside_the_vocabulary_are_refused(bad):
    with pytest.raises(ValueError, match="c1"):
        build_return("N", PERIOD, [facts(1, **bad)])


def test_a_conversation_given_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        build_return("N", PERIOD, [facts(1), facts(1)])
