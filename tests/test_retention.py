"""Retention: identifiable details go after each council's period; levels and case facts stay.
And a person who stops and does not want what they said kept has it deleted at once."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, text

from feedback_app.data import conversations
from feedback_app.data.returns import facts_for
from feedback_app.extensions import db
from feedback_app.models import Answer, AnswerRevision, AuditEvent, Coding, Conversation
from feedback_app.periods import financial_year_of
from feedback_app.privacy.retention import PURGE_ACTION, months_before, purge
from tests.coding_helpers import ANSWERS, finished_conversation
from tests.conftest import csrf_from
from tests.conversation_helpers import answer, start

TODAY = dt.date(2026, 6, 15)
WORDS_SAID = sum(1 for _value, words in ANSWERS.values() if words)


def _held(conversation: Conversation, day: dt.date) -> Conversation:
    conversation.started_at = dt.datetime.combine(day, dt.time(10), tzinfo=dt.timezone.utc)
    conversation.enquiry_concluded_on = day - dt.timedelta(days=5)
    db.session.commit()
    return conversation


def _with_details(user, reference: str, day: dt.date) -> Conversation:
    """A finished, coded conversation with a case detail, a changed answer and a concern note."""
    conversation = finished_conversation(user, reference=reference)
    conversations.save_answer(
        conversation, bank_id="case-details", bank_version=1, question_id="risk_action", status="answered",
        value="yes", words="", user=user, respondent_type="adult",
    )
    conversations.save_answer(  # a second version: the first stays as a revision with its words
        conversation, bank_id="after-the-enquiry", bank_version=1, question_id="feel_safer", status="answered",
        value="a_bit_safer", words="A bit safer, if I am honest", user=user, respondent_type="adult",
    )
    conversations.raise_concern(conversation, note="Her son shouts at her", user=user)
    db.session.add(Coding(conversation_id=conversation.id, outcome="feel_safer", round=1, level="a_bit_safer",
                          reason="She said a bit safer", coder_id=user.id, rubric_id="r", rubric_version=1,
                          suggestion_use="changed"))
    db.session.commit()
    return _held(conversation, day)


@pytest.fixture
def councils(make_org, make_user):
    """Two councils: one keeps 12 months (the default), the other 24; an old and a new conversation."""
    short, long = make_org("Short Council"), make_org("Long Council")
    long.retention_months = 24
    db.session.commit()
    short_user, long_user = make_user("coordinator", short), make_user("coordinator", long)
    return {
        "old": _with_details(short_user, "OLD-1", dt.date(2025, 6, 14)),  # 12 months and a day ago
        "recent": _with_details(short_user, "NEW-1", dt.date(2025, 6, 15)),  # exactly 12 months: kept today
        "long": _with_details(long_user, "LONG-1", dt.date(2025, 1, 1)),  # 17 months, but 24 are kept
        "short": short,
    }


def _raw(conversation: Conversation) -> dict[str, object]:
    """What is stored for one conversation, read with plain SQL."""
    cid = conversation.id.hex if db.engine.dialect.name == "sqlite" else conversation.id
    one = lambda sql: db.session.execute(text(sql), {"id": cid}).scalar()  # noqa: E731
    return {
        "reference": one("SELECT case_reference FROM conversations WHERE id = :id"),
        "index": one("SELECT case_reference_index FROM conversations WHERE id = :id"),
        "words": one("SELECT count(*) FROM answers WHERE conversation_id = :id AND words <> ''"),
        "revision_words": one(
            "SELECT count(*) FROM answer_revisions r JOIN answers a ON a.id = r.answer_id "
            "WHERE a.conversation_id = :id AND r.words <> ''"
        ),
        "note": one("SELECT note FROM concerns WHERE conversation_id = :id"),
        "reason": one("SELECT reason FROM codings WHERE conversation_id = :id"),
        "answers": one("SELECT count(*) FROM answers WHERE conversation_id = :id"),
        "values": one("SELECT count(*) FROM answers WHERE conversation_id = :id AND value IS NOT NULL"),
        "level": one("SELECT level FROM codings WHERE conversation_id = :id"),
    }


def test_months_before_keeps_the_day_or_takes_the_last_of_the_month():
    assert months_before(dt.date(2026, 6, 15), 12) == dt.date(2025, 6, 15)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2024, 3, 31), 1) == dt.date(2024, 2, 29)
    assert months_before(dt.date(2026, 1, 31), 2) == dt.date(2025, 11, 30)
    assert months_before(dt.date(2026, 1, 10), 120) == dt.date(2016, 1, 10)


def test_purge_deletes_identifiable_details_and_keeps_levels_and_case_facts(app, councils):
    old = councils["old"]
    before = _raw(old)
    assert before["words"] == WORDS_SAID and before["revision_words"] == WORDS_SAID + 1 and before["index"]
    period = financial_year_of(old.enquiry_concluded_on)
    facts_before = facts_for(councils["short"], period)
    kept_before = {name: _raw(councils[name]) for name in ("recent", "long")}

    report = purge(db.session, today=TODAY)

    short = next(item for item in report.organisations if item.organisation_name == "Short Council")
    long = next(item for item in report.organisations if item.organisation_name == "Long Council")
    assert (short.conversations, short.answers, short.revisions, short.concerns, short.coding_reasons) == (
        1, WORDS_SAID, WORDS_SAID + 1, 1, 1
    )
    assert (short.retention_months, short.cutoff, long.conversations) == (12, dt.date(2025, 6, 15), 0)
    after = _raw(old)
    assert (after["reference"], after["index"], after["words"], after["revision_words"], after["note"],
            after["reason"]) == ("", None, 0, 0, "", "")
    assert (after["answers"], after["values"], after["level"]) == (before["answers"], before["values"], "a_bit_safer")
    assert facts_for(councils["short"], period) == facts_before, "the return is built from exactly what it was"
    assert {name: _raw(councils[name]) for name in ("recent", "long")} == kept_before
    assert db.session.get(Conversation, old.id).details_deleted_at is not None
    events = list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == PURGE_ACTION)))
    assert [(e.object_id, e.user_id) for e in events] == [(str(old.id), None)]


def test_purge_is_safe_to_run_again_and_a_dry_run_changes_nothing(app, councils):
    dry = purge(db.session, today=TODAY, dry_run=True)
    assert dry.conversations == 1 and _raw(councils["old"])["words"] == WORDS_SAID
    assert db.session.scalar(select(func.count(AuditEvent.id))) == 0
    assert purge(db.session, today=TODAY).conversations == 1
    again = purge(db.session, today=TODAY)
    assert again.conversations == 0 and all(item.answers == 0 for item in again.organisations)
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == PURGE_ACTION)) == 1
    later = purge(db.session, today=dt.date(2026, 12, 31))  # Short's recent one goes; Long keeps 24 months
    assert [(i.organisation_name, i.conversations) for i in later.organisations] == [
        ("Long Council", 0), ("Short Council", 1)
    ]


def test_the_command_reports_counts_and_never_content(app, councils):
    result = app.test_cli_runner().invoke(args=["retention", "purge", "--dry-run", "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert "Short Council (keeps 12 months; conversations started before 2025-06-15): 1 conversations" in result.output
    assert f"{WORDS_SAID} answers with words" in result.output and "would be deleted" in result.output
    assert "Dry run: nothing changed. 1 conversations in all." in result.output
    assert "OLD-1" not in result.output and "safer" not in result.output
    result = app.test_cli_runner().invoke(args=["retention", "purge", "--today", TODAY.isoformat()])
    assert result.exit_code == 0 and "1 coding reasons deleted" in result.output
    assert _raw(councils["old"])["reference"] == ""
    bad = app.test_cli_runner().invoke(args=["retention", "purge", "--today", "15/06/2026"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_a_purged_conversation_still_lists_and_opens(app, councils, make_user, sign_in, get_page):
    purge(db.session, today=TODAY)
    client = app.test_client()
    sign_in(client, make_user("coordinator", councils["short"]))
    page = get_page(client, "/conversations?view=all")
    assert "Details deleted" in [a.get_text(strip=True) for a in page.select("tbody td a")]
    overview = get_page(client, f"/conversations/{councils['old'].id}")
    assert "(details deleted)" in overview.h1.get_text()


def test_stopping_without_keeping_deletes_words_and_revisions_at_once(app, client, make_org, make_user, sign_in):
    council = make_org("Test Council")
    sign_in(client, make_user("practitioner", council))
    conversation = start(client)
    question = conversation + "/after-the-enquiry/questions/asked_what_wanted"
    answer(client, question, answer="asked_expressed", words="I wanted him gone")
    answer(client, question, answer="asked_expressed", words="I wanted him gone, and my keys back")
    assert db.session.scalar(select(func.count(AnswerRevision.id))) == 2

    token = csrf_from(client.get(conversation + "/stop").get_data(as_text=True))
    client.post(conversation + "/stop", data={"csrf_token": token, "keep_answers": "no"})

    assert db.session.execute(text("SELECT count(*) FROM answers")).scalar() == 0
    assert db.session.execute(text("SELECT count(*) FROM answer_revisions")).scalar() == 0
    stopped = db.session.scalar(select(Conversation))
    actions = list(db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_id == str(stopped.id)).order_by(AuditEvent.id)
    ))
    assert actions[-2:] == ["conversation.withdraw", "conversation.words_delete"]


def test_withdrawing_straight_after_saving_in_one_session_deletes_everything(app, make_org, make_user):
    """As the demo loader does: start, answer and withdraw without a commit in between."""
    user = make_user("practitioner", make_org("Test Council"))
    conversation = conversations.create(
        conversations.NewConversation(
            start_token="one-session", council_id=user.organisation_id, case_reference="OS-1",
            enquiry_concluded_on=TODAY, method="enquiry_lead", respondent_type="adult",
            representative_relationship=None, others_present=[], language="en", format="standard", agreed=True,
            bank_id="after-the-enquiry", bank_version=1,
        ),
        user,
    )
    conversations.save_answer(  # a new answer (flushed) whose first revision is not flushed yet
        conversation, bank_id="after-the-enquiry", bank_version=1, question_id="feel_safer", status="answered",
        value="safer", words="Safer now", user=user, respondent_type="adult",
    )
    conversations.withdraw(conversation, keep_answers=False)
    db.session.commit()
    assert db.session.execute(text("SELECT count(*) FROM answers")).scalar() == 0
    assert db.session.execute(text("SELECT count(*) FROM answer_revisions")).scalar() == 0


def test_stopping_and_keeping_keeps_what_was_said(app, client, make_org, make_user, sign_in):
    council = make_org("Test Council")
    sign_in(client, make_user("practitioner", council))
    conversation = start(client)
    answer(client, conversation + "/after-the-enquiry/questions/asked_what_wanted", answer="not_asked", words="Nobody asked")
    token = csrf_from(client.get(conversation + "/stop").get_data(as_text=True))
    client.post(conversation + "/stop", data={"csrf_token": token, "keep_answers": "yes"})
    assert [a.words for a in db.session.scalars(select(Answer))] == ["Nobody asked"]
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "conversation.words_delete")) == 0


def test_an_admin_sets_a_councils_retention_period(app, make_org, make_user, sign_in, get_page, csrf_token):
    council = make_org("Test Council")
    client = app.test_client()
    sign_in(client, make_user("admin", council))
    url = f"/admin/organisations/{council.id}"
    page = get_page(client, url)
    assert page.find("input", {"name": "retention_months"})["value"] == "12"
    form = {"csrf_token": csrf_token(client, url), "concern_next_step": "", "double_coding_percent": "20",
            "staff_may_code": "no", "retention_months": "0"}
    response = client.post(url, data=form)
    assert response.status_code == 200 and "Months to keep must be a whole number from 1 to 120" in response.get_data(as_text=True)
    assert client.post(url, data=form | {"retention_months": "36"}).status_code == 302
    db.session.refresh(council)
    assert council.retention_months == 36
