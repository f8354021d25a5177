from feedback_app.coding.state import (
    AWAITING_ADJUDICATION,
    AWAITING_SECOND,
    FINAL,
    TO_CODE,
    combine,
)
from feedback_app.vocabulary import OUTCOME_LEVELS, OUTCOMES


def _all(round_: int, change: dict[str, str] | None = None) -> list[tuple[str, int, str]]:
    levels = {outcome: OUTCOME_LEVELS[outcome][0] for outcome in OUTCOMES} | (change or {})
    return [(outcome, round_, level) for outcome, level in levels.items()]


def test_single_coded_is_final_once_every_outcome_is_coded():
    assert combine(False, _all(1)[:-1]).status == TO_CODE
    state = combine(False, _all(1))
    assert state.status == FINAL and state.final_levels()["feel_safer"] == "safer"


def test_double_coded_needs_the_second_coder_then_agreement_or_adjudication():
    assert combine(True, _all(1)).status == AWAITING_SECOND
    assert combine(True, _all(1)).final_levels() == {}
    agreed = combine(True, _all(1) + _all(2))
    assert agreed.status == FINAL and len(agreed.final_levels()) == 9

    split = combine(True, _all(1) + _all(2, {"feel_safer": "no_safer"}))
    assert split.status == AWAITING_ADJUDICATION
    assert "feel_safer" not in split.final_levels(), "a disagreement is never final until adjudicated"
    decided = combine(True, _all(1) + _all(2, {"feel_safer": "no_safer"}), [("feel_safer", "a_bit_safer")])
    assert decided.status == FINAL and decided.final_levels()["feel_safer"] == "a_bit_safer"
