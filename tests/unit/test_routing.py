"""Skip logic: which questions apply, and where a conversation goes next and back."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feedback_app.question_banks import Bank, Question, SkipCondition, Wording, load_bank
from feedback_app.question_banks.routing import (
    applicable_questions,
    first_unanswered,
    is_skipped,
    next_question,
    position,
    previous_question,
)

CASE_DETAILS = Path(__file__).resolve().parents[2] / "question_banks" / "case-details.yaml"


@pytest.fixture(scope="module")
def case() -> Bank:
    """The shipped case-details bank: asked, achieved, risk, risk outcome, capacity, support."""
    return load_bank(CASE_DETAILS)


def ids(questions: list[Question]) -> list[str]:
    return [question.id for question in questions]


def question(qid: str, *skip_if: SkipCondition) -> Question:
    wording = Wording(qid, qid)
    return Question(id=qid, wording=wording, easy_read=wording, answer_type="yes_no", skip_if=skip_if)


def test_with_no_answers_every_question_applies(case: Bank) -> None:
    assert ids(applicable_questions(case, {})) == [
        "asked_outcomes", "outcomes_achieved", "risk_action", "risk_outcome", "lacked_capacity", "capacity_support",
    ]


def test_an_earlier_answer_skips_later_questions(case: Bank) -> None:
    values = {"asked_outcomes": "not_asked", "risk_action": "no", "lacked_capacity": "no"}
    assert ids(applicable_questions(case, values)) == ["asked_outcomes", "risk_action", "lacked_capacity"]
    assert is_skipped(case.question("outcomes_achieved"), values)
    assert not is_skipped(case.question("outcomes_achieved"), {"asked_outcomes": "asked_expressed"})


def test_no_value_never_matches_a_skip_condition(case: Bank) -> None:
    # None: skipped, rather not say, or only words given.
    assert not is_skipped(case.question("risk_outcome"), {"risk_action": None})


def test_next_question_steps_over_skipped_ones(case: Bank) -> None:
    values = {"asked_outcomes": "asked_none_expressed"}
    assert next_question(case, values, "asked_outcomes").id == "risk_action"
    assert next_question(case, {"asked_outcomes": "asked_expressed"}, "asked_outcomes").id == "outcomes_achieved"


def test_next_question_from_a_question_that_has_become_skipped(case: Bank) -> None:
    values = {"asked_outcomes": "not_asked"}
    assert next_question(case, values, "outcomes_achieved").id == "risk_action"


def test_next_question_at_the_end_is_none(case: Bank) -> None:
    assert next_question(case, {"lacked_capacity": "no"}, "lacked_capacity") is None
    assert next_question(case, {}, "capacity_support") is None


def test_previous_question_steps_back_over_skipped_ones(case: Bank) -> None:
    values = {"asked_outcomes": "not_asked", "risk_action": "yes"}
    assert previous_question(case, values, "risk_action").id == "asked_outcomes"
    assert previous_question(case, values, "risk_outcome").id == "risk_action"
    assert previous_question(case, values, "asked_outcomes") is None


def test_position_counts_only_applicable_questions(case: Bank) -> None:
    values = {"asked_outcomes": "not_asked", "risk_action": "no"}
    assert position(case, values, "asked_outcomes") == (1, 4)
    assert position(case, values, "lacked_capacity") == (3, 4)
    assert position(case, {}, "capacity_support") == (6, 6)


def test_first_unanswered_ignores_skipped_and_answered_questions(case: Bank) -> None:
    values = {"asked_outcomes": "dont_know"}
    assert first_unanswered(case, values, {"asked_outcomes"}).id == "risk_action"
    everything = {"asked_outcomes", "risk_action", "lacked_capacity"}
    assert first_unanswered(case, {**values, "risk_action": "no", "lacked_capacity": "no"}, everything) is None


def test_changing_an_earlier_answer_drops_a_later_answered_question(case: Bank) -> None:
    before = {"asked_outcomes": "asked_expressed", "outcomes_achieved": "fully"}
    after = {**before, "asked_outcomes": "not_asked"}
    assert "outcomes_achieved" in ids(applicable_questions(case, before))
    assert "outcomes_achieved" not in ids(applicable_questions(case, after))


def test_any_matching_condition_skips() -> None:
    bank = Bank(
        id="b", version=1, title="B", audience="practitioner", description="",
        questions=(
            question("a"),
            question("b"),
            question("c", SkipCondition("a", ("no",)), SkipCondition("b", ("no",))),
        ),
    )
    assert ids(applicable_questions(bank, {"a": "yes", "b": "no"})) == ["a", "b"]
    assert ids(applicable_questions(bank, {"a": "yes", "b": "yes"})) == ["a", "b", "c"]


@settings(max_examples=100, deadline=None)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "asked_outcomes": st.sampled_from(["asked_expressed", "asked_none_expressed", "not_asked", "dont_know"]),
            "risk_action": st.sampled_from(["yes", "no"]),
            "lacked_capacity": st.sampled_from(["yes", "no", "dont_know", "not_recorded"]),
        },
    )
)
def test_walking_forwards_and_back_visits_exactly_the_applicable_questions(case: Bank, values: dict[str, str]) -> None:
    expected = ids(applicable_questions(case, values))
    forwards, current = [], case.questions[0]
    while current is not None:
        forwards.append(current.id)
        current = next_question(case, values, current.id)
    assert forwards == expected
    backwards, current = [], case.question(expected[-1])
    while current is not None:
        backwards.append(current.id)
        current = previous_question(case, values, current.id)
    assert backwards == expected[::-1]
    assert [position(case, values, qid) for qid in expected] == [(n, len(expected)) for n in range(1, len(expected) + 1)]
