"""Conversation summaries follow every change a return counts, through the ordinary data layer;
`flask returns refresh-summaries` repairs them; migration 0010 fills them for existing data."""

from __future__ import annotations

import datetime as dt
import secrets
import threading

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from feedback_app.data import coding, conversations, summaries
from feedback_app.extensions import db
from feedback_app.models import Coding, Conversation, ConversationSummary
from feedback_app.vocabulary import OUTCOME_LEVELS, OUTCOMES
from tests.coding_helpers import finished_conversation
from tests.return_world import build_world

TABLE = ConversationSummary.__table__


def stored(conversation_id) -> dict | None:
    row = db.session.execute(select(TABLE).where(TABLE.c.conversation_id == conversation_id)).mappings().first()
    return None if row is None else dict(row)


def assert_in_step(conversation_id, step: str) -> dict:
    """The stored summary is the one worked out afresh from the tables; returns it."""
    fresh = summaries.summaries_of(db.session.connection(), [conversation_id])
    assert stored(conversation_id) == (fresh[0] if fresh else None), f"after {step} the summary is out of step"
    return stored(conversation_id)


def code(conversation, outcome, round_, level, coder):
    coding.save_coding(conversation, outcome=outcome, round_=round_, level=level, reason="", coder=coder,
                       rubric=("msp-outcomes", 1), suggestion=None, suggestion_use="not_shown")


def answer(conversation, question, value, user):
    conversations.save_answer(conversation, bank_id="case-details", bank_version=1, question_id=question,
                              status="answered", value=value, words="", user=user, respondent_type="adult")


def new_conversation(user, concluded=dt.date(2025, 8, 1)):
    return conversations.create(
        conversations.NewConversation(
            start_token=secrets.token_urlsafe(16), council_id=user.organisation_id, case_reference="S-1",
            enquiry_concluded_on=concluded, method="enquiry_lead", respondent_type="adult",
            representative_relationship=None, others_present=[], language="en", format="standard",
            agreed=True, bank_id="after-the-enquiry", bank_version=1,
        ),
        user,
    )


def test_the_summary_follows_each_step_of_a_double_coded_conversation(app, make_org, make_user):
    council = make_org("Summary Council")
    practitioner, first, second = (make_user("practitioner", council), make_user("coordinator", council),
                                   make_user("coordinator", council))
    conversation = new_conversation(practitioner)
    db.session.commit()
    cid = conversation.id
    row = assert_in_step(cid, "starting")
    assert (row["status"], row["quarter"], row["council_id"], row["coding_final"]) == (
        "in_progress", 20252, council.id, False)

    answer(conversation, "lacked_capacity", "yes", practitioner)
    answer(conversation, "risk_action", "no", practitioner)
    db.session.commit()
    assert assert_in_step(cid, "case details")["lacked_capacity"] == "yes"

    answer(conversation, "lacked_capacity", "no", practitioner)  # changed on the read-back
    db.session.commit()
    assert assert_in_step(cid, "changing an answer")["lacked_capacity"] == "no"

    conversations.finish(conversation, double_coded=True)  # a bulk UPDATE, not a flush
    db.session.commit()
    row = assert_in_step(cid, "finishing")
    assert (row["status"], row["double_coded"]) == ("finished", True)

    for outcome in OUTCOMES:
        code(conversation, outcome, 1, "unclear", first)
    db.session.commit()
    row = assert_in_step(cid, "first coding")
    assert row["feel_safer"] is None and row["coding_final"] is False, "double coded: one round is not final"

    for outcome in OUTCOMES:
        code(conversation, outcome, 2, "unclear" if outcome != "feel_safer" else "safer", second)
    db.session.commit()
    row = assert_in_step(cid, "second coding")
    assert (row["listened_to"], row["feel_safer"], row["coding_final"]) == ("unclear", None, False)
    assert (row["first_feel_safer"], row["second_feel_safer"]) == ("unclear", "safer")

    coding.adjudicate(conversation, outcome="feel_safer", level="safer", reason="", user=first)
    db.session.commit()
    row = assert_in_step(cid, "adjudicating")
    assert (row["feel_safer"], row["coding_final"]) == ("safer", True)

    code(conversation, "listened_to", 1, "yes", first)  # recoded: now the coders differ
    db.session.commit()
    row = assert_in_step(cid, "recoding")
    assert (row["listened_to"], row["coding_final"]) == (None, False)

    conversation.started_at = dt.datetime(2025, 8, 11, 23, 30, tzinfo=dt.timezone.utc)
    conversation.enquiry_concluded_on = dt.date(2025, 7, 1)
    db.session.commit()
    row = assert_in_step(cid, "changing the dates")
    assert (row["days_to_conversation"], row["quarter"]) == (41, 20252)

    db.session.execute(delete(Coding).where(Coding.conversation_id == cid, Coding.round == 2))  # bulk DELETE
    db.session.commit()
    row = assert_in_step(cid, "deleting codings in bulk")
    assert (row["first_feel_safer"], row["feel_safer"]) == (None, None)

    db.session.delete(db.session.get(Conversation, cid))
    db.session.commit()
    assert stored(cid) is None, "a deleted conversation keeps no summary"


def test_withdrawing_and_declining_are_summarised(app, make_org, make_user):
    council = make_org("Withdraw Council")
    practitioner = make_user("practitioner", council)
    conversation = new_conversation(practitioner)
    answer(conversation, "risk_action", "yes", practitioner)
    db.session.commit()
    conversations.withdraw(conversation, keep_answers=False)  # answers deleted as orphans
    db.session.commit()
    row = assert_in_step(conversation.id, "withdrawing")
    assert (row["status"], row["risk_action"]) == ("withdrawn", None)

    declined = conversations.create(
        conversations.NewConversation(
            start_token=secrets.token_urlsafe(16), council_id=council.id, case_reference="S-2",
            enquiry_concluded_on=dt.date(2026, 3, 31), method="independent", respondent_type="representative",
            representative_relationship="family", others_present=[], language="en", format="standard",
            agreed=False, bank_id="after-the-enquiry", bank_version=1,
        ),
        practitioner,
    )
    db.session.commit()
    row = assert_in_step(declined.id, "declining")
    assert (row["status"], row["quarter"], row["method"]) == ("declined", 20254, "independent")


def test_changes_that_a_return_does_not_count_leave_the_summary_alone(app, make_org, make_user):
    council = make_org("Quiet Council")
    user = make_user("coordinator", council)
    conversation = finished_conversation(user)  # main-bank answers, saved and finished
    before = assert_in_step(conversation.id, "finishing")
    db.session.execute(update(TABLE).where(TABLE.c.conversation_id == conversation.id).values(team_id=999))
    conversations.save_answer(conversation, bank_id="after-the-enquiry", bank_version=1, question_id="feel_safer",
                              status="answered", value="safer", words="Changed words.", user=user,
                              respondent_type="adult")
    db.session.commit()
    assert stored(conversation.id)["team_id"] == 999, "a main-bank answer should not recompute the summary"
    assert {**stored(conversation.id), "team_id": None} == before


def test_a_bulk_insert_that_would_leave_summaries_behind_is_refused(app, make_org, make_user):
    council = make_org("Bulk Council")
    user = make_user("coordinator", council)
    conversation = finished_conversation(user)
    with pytest.raises(RuntimeError, match="out of step"):
        db.session.execute(insert(Coding), [{
            "conversation_id": conversation.id, "outcome": "feel_safer", "round": 1, "level": "safer",
            "coder_id": user.id, "rubric_id": "r", "rubric_version": 1, "suggestion_use": "not_shown",
        }])
    db.session.rollback()


def test_refresh_summaries_repairs_them_and_running_it_twice_changes_nothing(app):
    world = build_world(5, size=25)
    everything = select(TABLE).order_by(TABLE.c.conversation_id)
    right = [dict(row) for row in db.session.execute(everything).mappings()]
    assert len(right) == len(world.conversations)
    db.session.execute(update(TABLE).values(feel_safer="less_safe", status="paused"))
    db.session.execute(delete(TABLE).where(TABLE.c.conversation_id == world.conversations[0].id))
    db.session.commit()

    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["returns", "refresh-summaries"])
        assert result.exit_code == 0, result.output
        assert f"Summarised {len(right)} conversations" in result.output
        db.session.expire_all()
        assert [dict(row) for row in db.session.execute(everything).mappings()] == right


@pytest.mark.only_on("postgresql")  # SQLite lets one transaction write at a time
def test_two_coders_at_once_leave_the_summary_right(app, make_org, make_user):
    """PostgreSQL: the first transaction to summarise a conversation holds it until it commits, so
    the second summarises after, seeing both; without that the summary kept only one round."""
    council = make_org("Busy Council")
    first, second = make_user("coordinator", council), make_user("coordinator", council)
    second_id = second.id
    conversation = finished_conversation(first, double_coded=True)
    cid = conversation.id
    for outcome in OUTCOMES:
        code(conversation, outcome, 1, OUTCOME_LEVELS[outcome][0], first)
    db.session.flush()  # first round written and summarised, not committed
    engine = db.engine

    def second_round() -> None:
        with Session(engine) as other:
            other.add_all(
                Coding(conversation_id=cid, outcome=outcome, round=2, level=OUTCOME_LEVELS[outcome][0], reason="",
                       coder_id=second_id, rubric_id="msp-outcomes", rubric_version=1, suggestion_use="not_shown")
                for outcome in OUTCOMES
            )
            other.commit()

    other_coder = threading.Thread(target=second_round)
    other_coder.start()
    other_coder.join(1.5)
    assert other_coder.is_alive(), "the second coder's summary should wait for the first transaction"
    db.session.commit()
    other_coder.join(15)
    assert not other_coder.is_alive()
    db.session.expire_all()
    row = assert_in_step(cid, "two coders at once")
    assert (row["coding_final"], row["feel_safer"], row["second_feel_safer"]) == (True, "safer", "safer")


def test_migration_0010_summarises_the_conversations_already_there(own_database):
    world = build_world(6, size=25)
    everything = select(TABLE).order_by(TABLE.c.conversation_id)
    expected = [dict(row) for row in db.session.execute(everything).mappings()]
    assert len(expected) == len(world.conversations)
    db.session.remove()
    downgrade(revision="0009")
    upgrade()
    assert [dict(row) for row in db.session.execute(everything).mappings()] == expected
