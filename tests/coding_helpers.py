"""Finished conversations made straight through the data layer, for coding tests."""

from __future__ import annotations

import datetime as dt
import secrets

from feedback_app.data import conversations
from feedback_app.extensions import db
from feedback_app.models import Conversation, User

ANSWERS = {
    "asked_what_wanted": ("asked_expressed", "They asked me and I said I wanted to stay in my flat."),
    "what_wanted": (None, "To stay in my own flat."),
    "wanted_happened": ("fully", "Yes, I am still here and he has moved out."),
    "feel_safer": ("safer", "I feel a lot safer now the locks are changed."),
    "listened_to": ("yes", "She really listened to me."),
    "understood": ("partly", "Some of it was confusing."),
    "had_a_say": ("yes", ""),
    "respected": ("yes", "They were kind."),
    "worked_together": ("no", "Nobody talked to each other."),
    "right_amount": ("about_right", ""),
    "anything_else": (None, "Thank you for asking me."),
}


def finished_conversation(
    user: User, *, double_coded: bool = False, concluded: dt.date | None = None, reference: str = "REF-1"
) -> Conversation:
    conversation = conversations.create(
        conversations.NewConversation(
            start_token=secrets.token_urlsafe(16),
            council_id=user.organisation_id,
            case_reference=reference,
            enquiry_concluded_on=concluded or dt.date.today() - dt.timedelta(days=2),
            method="enquiry_lead",
            respondent_type="adult",
            representative_relationship=None,
            others_present=[],
            language="en",
            format="standard",
            agreed=True,
            bank_id="after-the-enquiry",
            bank_version=1,
        ),
        user,
    )
    for question_id, (value, words) in ANSWERS.items():
        conversations.save_answer(
            conversation,
            bank_id="after-the-enquiry",
            bank_version=1,
            question_id=question_id,
            status="answered",
            value=value,
            words=words,
            user=user,
            respondent_type="adult",
        )
    conversations.finish(conversation, double_coded=double_coded)
    db.session.commit()
    return conversation
