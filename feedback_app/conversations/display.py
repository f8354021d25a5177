"""How the conversation pages are shown on this tablet: larger text. A preference of the session,
never part of the feedback record."""

from __future__ import annotations

from flask import session

# The value of the answer form's button that changes the text size. It is a button of the answer
# form, so what was typed or chosen is sent with it and shown again: nothing is saved or lost.
TEXT_SIZE = "text_size"
_LARGER_TEXT = "larger_text"


def larger_text() -> bool:
    """True when this session shows conversation pages in larger text."""
    return bool(session.get(_LARGER_TEXT))


def toggle_text_size() -> bool:
    """Switch between larger and standard text; returns True when the text is now larger."""
    session[_LARGER_TEXT] = not larger_text()
    return larger_text()
