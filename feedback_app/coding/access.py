"""Who may code which conversation, in which round; and the rubric and suggestions for it."""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, current_app
from flask_login import current_user

from feedback_app.audit import conversation_event as audit  # also imported from here by the views
from feedback_app.coding.material import OutcomeMaterial, SavedAnswer, gather
from feedback_app.coding.state import AWAITING_SECOND, TO_CODE
from feedback_app.data import coding, conversations, organisations
from feedback_app.models import Conversation, User
from feedback_app.vocabulary import FINISHED

CODING_ROLES: tuple[str, ...] = ("practitioner", "advocate", "coordinator")


def may_code(user: User) -> bool:
    """Coordinators code; practitioners and advocates only where their organisation allows."""
    return user.role == "coordinator" or (user.role in CODING_ROLES and user.organisation.staff_may_code)


def require_coder() -> None:
    if not may_code(current_user):
        abort(404)


def load_finished(conversation_id: uuid.UUID, audit_view: bool = True) -> Conversation:
    """A finished conversation this person may see, else a 404."""
    conversation = conversations.get_visible(
        conversation_id, organisations.visible_organisation_ids(current_user)
    )
    if conversation is None or conversation.status != FINISHED:
        abort(404)
    if audit_view:
        audit(conversation, "coding.view", view=True)
    return conversation


def round_for(conversation: Conversation, user: User) -> int | None:
    """The round this person codes in, or None when there is nothing for them to code.

    The second coder must be someone who took no part in the first coding, so it stays blind.
    """
    status = coding.state_of(conversation).status
    if status == TO_CODE:
        return 1
    if status == AWAITING_SECOND and user.id not in coding.first_coder_ids(conversation):
        return 2
    return None


def rubric() -> Any:
    return current_app.extensions["rubric"]


def material_for(conversation: Conversation) -> dict[str, OutcomeMaterial]:
    bank = current_app.extensions["question_banks"][conversation.bank_id]
    answers = {
        answer.question_id: SavedAnswer(answer.status, answer.value, answer.words)
        for answer in conversations.answers_for(conversation, bank.id).values()
    }
    return gather(bank, answers)
