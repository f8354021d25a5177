from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from feedback_app.coding.material import SavedAnswer, gather, highlight, highlight_said
from feedback_app.question_banks import load_directory

BANKS = Path(__file__).resolve().parents[2] / "question_banks"


def test_answers_and_words_are_gathered_per_outcome():
    bank = load_directory(BANKS)["after-the-enquiry"]
    answers = {
        "feel_safer": SavedAnswer("answered", "a_bit_safer", "A bit, I suppose."),
        "anything_else": SavedAnswer("answered", None, "I feel safer with the new locks."),
        "listened_to": SavedAnswer("rather_not_say", None, ""),
    }
    material = gather(bank, answers)
    feel = material["feel_safer"]
    assert feel.answer_level == "a_bit_safer"
    assert "A bit, I suppose." in feel.words
    assert material["listened_to"].answer_level is None
    assert material["respected"].words == "I feel safer with the new locks.", "anything_else informs respected"
    assert material["outcomes_achieved"].said == ()


def test_highlight_marks_exactly_the_spans():
    assert highlight("I feel safer now", [(2, 12)]) == [("I ", False), ("feel safer", True), (" now", False)]
    assert highlight("abc", [(0, 2), (1, 3)]) == [("abc", True)]
    assert highlight("", [(0, 5)]) == []


@given(st.text(max_size=50), st.lists(st.tuples(st.integers(-5, 60), st.integers(-5, 60)), max_size=5))
def test_highlight_always_gives_back_the_whole_text(text, spans):
    assert "".join(piece for piece, _ in highlight(text, spans)) == text


def test_each_answers_words_keep_their_own_highlight():
    bank = load_directory(BANKS)["after-the-enquiry"]
    answers = {
        "listened_to": SavedAnswer("answered", "partly", "Some of them did."),
        "anything_else": SavedAnswer("answered", None, "Nobody listened at the meeting."),
    }
    material = gather(bank, answers)["listened_to"]
    start = material.words.index("Nobody listened")
    runs = [highlight_said(item, [(start, start + len("Nobody listened"))]) for item in material.said]
    assert runs == [[("Some of them did.", False)], [("Nobody listened", True), (" at the meeting.", False)]]
