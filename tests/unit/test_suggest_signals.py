"""Rubric v2 cues: bare replies behind framing, sarcasm, echoed questions, exceptions, corrections,
"some ... but not ...", a hedge qualifying the button, and common idioms."""

from __future__ import annotations

from pathlib import Path

import pytest

from feedback_app.rubric.loader import load_rubric
from feedback_app.rubric.suggest import suggest

RUBRIC = load_rubric(Path(__file__).resolve().parents[2] / "question_banks")


def level(outcome: str, words: str, answer: str | None = None) -> str:
    return suggest(RUBRIC, outcome, answer, words).level


@pytest.mark.parametrize(
    ("outcome", "words", "expected"),
    [
        ("feel_safer", "not really no", "no_safer"),
        ("listened_to", "No, not really.", "no"),
        ("outcomes_achieved", "As his advocate, I'd say no.", "not_achieved"),
        ("outcomes_achieved", "As her daughter, I would say yes.", "fully"),
        ("involved", "half and half really", "partly"),
        ("outcomes_achieved", "fifty fifty", "partially"),
    ],
)
def test_bare_replies_behind_framing_and_lead_ins(outcome: str, words: str, expected: str) -> None:
    assert level(outcome, words) == expected


def test_sarcasm_keeps_praise_from_counting() -> None:
    result = suggest(RUBRIC, "respected", None, "Oh yes, very respectful, turning up unannounced.")
    assert result.level == "no"
    assert level("listened_to", "Yeah right, they listened.") == "unclear"
    assert level("respected", "Very respectful, I must say.") == "yes", "praise without a marker still counts"


def test_an_echoed_question_is_not_an_answer() -> None:
    assert level("listened_to", "Listened? They had their minds made up before they came.") == "no"
    assert level("involved", "Involved? I was involved all right, he took the money off me.") == "unclear"


def test_an_exception_after_a_phrase_gives_the_middle_level() -> None:
    assert level("feel_safer", "I feel safe except at night.") == "a_bit_safer"
    assert level("listened_to", "They all listened apart from the manager.") == "partly"


def test_a_correction_naming_the_speaker_turns_the_phrase_round() -> None:
    assert level("asked_outcomes", "They asked my son what should happen, not me.") == "not_asked"
    assert level("asked_outcomes", "They asked me, not my daughter.") == "asked_expressed"


def test_some_but_not_is_the_middle_level() -> None:
    assert level("involved", "I had a say in some things but not the big ones.") == "partly"


@pytest.mark.parametrize(
    ("outcome", "answer", "words", "expected"),
    [
        ("listened_to", "yes", "mostly", "partly"),
        ("feel_safer", "safer", "Sort of. Better than before but I still jump when the phone goes.", "a_bit_safer"),
        ("outcomes_achieved", "fully", "Mostly, I'm still waiting on the letter.", "partially"),
    ],
)
def test_a_hedge_qualifies_the_button(outcome: str, answer: str, words: str, expected: str) -> None:
    result = suggest(RUBRIC, outcome, answer, words)
    assert result.level == expected and result.confidence <= 0.6


@pytest.mark.parametrize(
    ("outcome", "words", "expected"),
    [
        ("involved", "Nobody asked me, it was all done over my head.", "no"),
        ("involved", "no one asked me", "no"),
        ("proportionate", "It felt like a sledgehammer to crack a nut.", "too_much"),
        ("listened_to", "They had their minds made up.", "no"),
        ("worked_together", "They were at loggerheads the whole time.", "no"),
        ("respected", "The carers used to laugh at me.", "no"),
        ("worked_together", "The police and the social worker worked together but nobody told me anything.", "partly"),
        ("understood", "She was kept informed, although she stated she did not understand the meeting.", "partly"),
        ("understood", "They told me at the start what would happen but then I didn't know what was going on.", "partly"),
        ("feel_safer", "She reported feeling safer since the move.", "safer"),
    ],
)
def test_idioms_and_professional_paraphrase(outcome: str, words: str, expected: str) -> None:
    assert level(outcome, words) == expected
