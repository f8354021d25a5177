"""Finding a conversation the signed-in person may see, and the banks it uses."""

from __future__ import annotations

import uuid

from flask import abort, current_app, session
from flask_login import current_user

from feedback_app.audit import conversation_event as audit  # also imported from here by the views
from feedback_app.data import conversations, organisations
from feedback_app.models import Conversation
from feedback_app.question_banks.model import Bank
from feedback_app.web import PERSON_LANGUAGE_KEY

HANDOVER_KEY = "handed_over"


def banks() -> dict[str, Bank]:
    return current_app.extensions["question_banks"]


def feedback_bank() -> Bank:
    """The bank asked of the person in a new conversation."""
    return banks()[current_app.config.get("FEEDBACK_BANK_ID", "after-the-enquiry")]


def bank_for(conversation: Conversation, bank_id: str) -> Bank:
    """The conversation's own bank, or a practitioner bank about the case; anything else is a 404."""
    bank = banks().get(bank_id)
    if bank is None or (bank.id != conversation.bank_id and bank.audience != "practitioner"):
        abort(404)
    return bank


def practitioner_banks() -> list[Bank]:
    return [bank for bank in banks().values() if bank.audience == "practitioner"]


def visible_ids() -> set[int]:
    return organisations.visible_organisation_ids(current_user)


def load(conversation_id: uuid.UUID, audit_view: bool = True, *, with_answers: bool = False) -> Conversation:
    """The conversation if this person may see it, else a 404.

    Pages that show it record the view in the audit trail; pages that change it pass
    audit_view=False and record the change instead. Pages that read its answers pass
    with_answers=True, so they come in the same query.
    """
    conversation = conversations.get_visible(conversation_id, visible_ids(), with_answers=with_answers)
    if conversation is None:
        abort(404)
    if audit_view:
        audit(conversation, "conversation.view", view=True)
    return conversation


def is_handed_over(conversation: Conversation) -> bool:
    return str(conversation.id) in session.get(HANDOVER_KEY, [])


def set_handed_over(conversation: Conversation, handed_over: bool) -> None:
    ids = set(session.get(HANDOVER_KEY, []))
    (ids.add if handed_over else ids.discard)(str(conversation.id))
    session[HANDOVER_KEY] = sorted(ids)
    # While it is handed over, the whole page is in the person's language (web.select_locale).
    languages = {key: value for key, value in session.get(PERSON_LANGUAGE_KEY, {}).items() if key in ids}
    if handed_over:
        languages[str(conversation.id)] = conversation.language
    session[PERSON_LANGUAGE_KEY] = languages
