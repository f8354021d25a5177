"""Nothing typed is lost when a session ends: an answer sent after it ended is kept as a draft.

When the answer to a question arrives after the session ended (the CSRF check or the sign-in check
fails), what was typed is put in the new session, on the server, never in a log. After the same
person signs in again they are taken back to the question with the words filled in, unsaved, and
told to check them and carry on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import request, session
from flask_login import current_user

from feedback_app.auth.server_sessions import EXPIRED_USER, SIGNED_OUT_REASON

DRAFT = "unsaved_answer"
QUESTION_ENDPOINT = "conversations.question"
_FIELDS = ("answer", "words", "day", "month", "year")
_VERSION = "answer_version"  # which saved answer the page was made from (see conversations/runner.py)
_MAX_WORDS = 10_000  # the question form allows 5,000; a little more so nothing is cut short


@dataclass(frozen=True)
class Draft:
    value: dict[str, str]  # the answer fields as typed: answer, day, month, year
    words: str
    answer_version: str = ""


def keep_unsaved_answer() -> bool:
    """If this request is a question's answer, keep what was typed in the session. True if kept."""
    if request.method != "POST" or request.endpoint != QUESTION_ENDPOINT or not request.view_args:
        return False
    typed = {name: (request.form.get(name) or "")[:_MAX_WORDS] for name in _FIELDS}
    if not any(value.strip() for value in typed.values()):
        return False
    owner = current_user.id if current_user.is_authenticated else session.get(EXPIRED_USER)
    session[DRAFT] = {
        "owner": owner,
        "conversation_id": str(request.view_args.get("conversation_id")),
        "bank_id": str(request.view_args.get("bank_id")),
        "question_id": str(request.view_args.get("question_id")),
        "typed": typed,
        _VERSION: (request.form.get(_VERSION) or "")[:100],
    }
    return True


def session_timed_out() -> bool:
    """True when this request came with a session that had just run out of time."""
    return SIGNED_OUT_REASON in session


def carry_over(user_id: int) -> dict[str, Any]:
    """At sign-in: the draft to keep in the new session, unless it is someone else's.

    A draft whose owner is not known (the browser's old session was already gone) goes to whoever
    signs in; the question page still shows it only to someone allowed to see that conversation.
    """
    draft = session.get(DRAFT)
    if isinstance(draft, dict) and draft.get("owner") in (None, user_id):
        draft = {**draft, "owner": user_id}
        return {DRAFT: draft}
    return {}


def take(conversation_id: object, bank_id: str, question_id: str) -> Draft | None:
    """The signed-in person's unsaved answer to this question, removed from the session."""
    draft = session.get(DRAFT)
    if not isinstance(draft, dict) or not current_user.is_authenticated or draft.get("owner") != current_user.id:
        return None
    if (draft.get("conversation_id"), draft.get("bank_id"), draft.get("question_id")) != (
        str(conversation_id),
        bank_id,
        question_id,
    ):
        return None
    session.pop(DRAFT)
    typed = draft.get("typed") or {}
    return Draft(
        value={name: str(typed.get(name, "")) for name in _FIELDS if name != "words"},
        words=str(typed.get("words", "")),
        answer_version=str(draft.get(_VERSION) or ""),
    )


def fill(form: Any, draft: Draft) -> None:
    """Put a draft's typed answer into a question form."""
    form.words.data = draft.words
    for name, value in draft.value.items():
        if value and hasattr(form, name):
            getattr(form, name).data = value
