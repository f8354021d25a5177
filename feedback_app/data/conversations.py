"""Conversations and their answers: the only place views read or change them."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from feedback_app.extensions import db
from feedback_app.models import Agreement, Answer, AnswerRevision, Concern, Conversation, User, utcnow
from feedback_app.models.encrypted import blind_index
from feedback_app.vocabulary import DECLINED, FINISHED, IN_PROGRESS, PAUSED, WITHDRAWN

OPEN_STATUSES: tuple[str, ...] = (IN_PROGRESS, PAUSED)


@dataclass(frozen=True)
class NewConversation:
    """What the start form collected, checked and ready to save."""

    start_token: str
    council_id: int
    case_reference: str
    enquiry_concluded_on: dt.date
    method: str
    respondent_type: str
    representative_relationship: str | None
    others_present: list[str]
    language: str
    format: str
    agreed: bool
    bank_id: str
    bank_version: int


# Made once, not per page: SQLAlchemy works out how to cache a statement once per statement object.
_VISIBLE = select(Conversation).where(
    Conversation.id == bindparam("conversation_id"),
    Conversation.organisation_id.in_(bindparam("organisation_ids", expanding=True)),
)
_VISIBLE_WITH_ANSWERS = _VISIBLE.options(joinedload(Conversation.answers))


def get_visible(conversation_id: uuid.UUID, organisation_ids: set[int], *, with_answers: bool = False) -> Conversation | None:
    """The conversation, only if it belongs to one of these organisations; `with_answers` loads
    its answers in the same query, for pages that show or change them."""
    if not organisation_ids:
        return None
    found = db.session.execute(
        _VISIBLE_WITH_ANSWERS if with_answers else _VISIBLE,
        {"conversation_id": conversation_id, "organisation_ids": sorted(organisation_ids)},
    )
    return found.unique().scalar_one_or_none()


def find_by_start_token(token: str) -> Conversation | None:
    return db.session.scalar(select(Conversation).where(Conversation.start_token == token))


def search(
    organisation_ids: set[int],
    *,
    view: str = "all",
    user_id: int | None = None,
    case_reference: str = "",
    limit: int = 200,
) -> list[Conversation]:
    """Conversations for the list pages, newest first. `view` is all, mine, in_progress or finished."""
    if not organisation_ids:
        return []
    query = select(Conversation).where(Conversation.organisation_id.in_(organisation_ids))
    if view == "mine" and user_id is not None:
        query = query.where(Conversation.created_by_id == user_id)
    elif view == "in_progress":
        query = query.where(Conversation.status.in_(OPEN_STATUSES))
    elif view == "finished":
        query = query.where(Conversation.status == FINISHED)
    # The reference is encrypted, so search compares blind indexes: the whole reference, exactly,
    # ignoring capitals and extra spaces (normalise_reference).
    index = blind_index(case_reference)
    if index is not None:
        query = query.where(Conversation.case_reference_index == index)
    query = query.order_by(Conversation.updated_at.desc(), Conversation.id).limit(limit)
    return list(db.session.scalars(query))


def create(new: NewConversation, user: User) -> Conversation:
    """Save a new conversation and the person's agreement in one transaction.

    The start token is unique, so a second press of Start (or a retried request) finds the
    conversation the first one made instead of making another.
    """
    conversation = Conversation(
        organisation_id=user.organisation_id,
        council_id=new.council_id,
        created_by_id=user.id,
        team_id=user.team_id,  # the team at the start; moving team later does not move the conversation
        start_token=new.start_token,
        case_reference=new.case_reference,
        enquiry_concluded_on=new.enquiry_concluded_on,
        method=new.method,
        respondent_type=new.respondent_type,
        representative_relationship=new.representative_relationship,
        others_present=new.others_present,
        language=new.language,
        format=new.format,
        bank_id=new.bank_id,
        bank_version=new.bank_version,
        status=IN_PROGRESS if new.agreed else DECLINED,
    )
    conversation.agreement = Agreement(agreed=new.agreed, recorded_by_id=user.id)
    db.session.add(conversation)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        existing = find_by_start_token(new.start_token)
        if existing is None:
            raise
        return existing
    return conversation


def answers_for(conversation: Conversation, bank_id: str) -> dict[str, Answer]:
    """question id -> saved answer, for one bank of a conversation."""
    return {answer.question_id: answer for answer in conversation.answers if answer.bank_id == bank_id}


def save_answer(
    conversation: Conversation,
    *,
    bank_id: str,
    bank_version: int,
    question_id: str,
    status: str,
    value: str | None,
    words: str,
    user: User,
    respondent_type: str,
    seen_version: str | None = None,
) -> Answer:
    """Save one step and keep a revision when anything changed (not committed).

    `seen_version` is `answer_version` of the answer the page showed. When another device saved a
    different answer since, nothing is saved, the session is rolled back and AnswerChangedElsewhere
    is raised, so the later device is told instead of silently overwriting.
    """
    answer = answers_for(conversation, bank_id).get(question_id)
    now = utcnow()
    if answer is not None and (answer.status, answer.value, answer.words) != (status, value, words):
        if seen_version is not None and seen_version != answer_version(answer):
            db.session.rollback()
            raise AnswerChangedElsewhere
        _claim(answer, now)
    new = answer is None
    if answer is None:
        answer = Answer(
            conversation=conversation,
            bank_id=bank_id,
            bank_version=bank_version,
            question_id=question_id,
            status=status,
            value=value,
            words=words,
            respondent_type=respondent_type,
            answered_by_id=user.id,
            answered_at=now,
            updated_at=now,
        )
        db.session.add(answer)
    elif (answer.status, answer.value, answer.words) == (status, value, words):
        return answer
    else:
        answer.status, answer.value, answer.words = status, value, words
        answer.bank_version = bank_version
        answer.updated_at = now
    # Set from the revision's side: appending to answer.revisions would load the old ones first.
    db.session.add(
        AnswerRevision(answer=answer, status=status, value=value, words=words, changed_by_id=user.id, changed_at=now)
    )
    if conversation.status == PAUSED:
        conversation.status = IN_PROGRESS
    conversation.updated_at = now
    if new:
        conversation_id = conversation.id
        try:  # everything at once, so the commit has nothing left to write
            db.session.flush()
        except IntegrityError:
            db.session.rollback()
            # One answer per question: when another device saved it first, that one stands.
            if _answer_exists(conversation_id, bank_id, question_id):
                raise AnswerChangedElsewhere from None
            raise
    return answer


def _answer_exists(conversation_id: uuid.UUID, bank_id: str, question_id: str) -> bool:
    return db.session.scalar(
        select(Answer.id).where(
            Answer.conversation_id == conversation_id, Answer.bank_id == bank_id, Answer.question_id == question_id
        )
    ) is not None


NEW_ANSWER = "new"


class AnswerChangedElsewhere(Exception):
    """Another device saved this answer after the page was opened; nothing was saved."""


def answer_version(answer: Answer | None) -> str:
    """A token for the saved answer a question page shows; it changes whenever the answer does."""
    if answer is None:
        return NEW_ANSWER
    return answer.updated_at.astimezone(dt.timezone.utc).isoformat()


def _claim(answer: Answer, now: dt.datetime) -> None:
    """Move the answer on only if nobody else has since it was read: one conditional UPDATE,
    so two devices saving at the same moment cannot both win."""
    claimed = db.session.execute(
        update(Answer)
        .where(Answer.id == answer.id, Answer.updated_at == answer.updated_at)
        .values(updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount:
        return
    # Nothing matched. Either another device saved meanwhile, or the stored time is written
    # differently from how it is sent back (a row written outside the app): then it is still ours.
    stored = db.session.scalar(select(Answer.updated_at).where(Answer.id == answer.id))
    if stored is None or stored != answer.updated_at:
        db.session.rollback()
        raise AnswerChangedElsewhere
    db.session.execute(
        update(Answer).where(Answer.id == answer.id).values(updated_at=now).execution_options(synchronize_session=False)
    )


def set_status(conversation: Conversation, status: str) -> None:
    conversation.status = status
    conversation.updated_at = utcnow()


def finish(conversation: Conversation, *, double_coded: bool = False) -> bool:
    """Mark finished. True only for the press that finished it; a second press changes nothing.

    A conditional UPDATE rather than read-then-write, so two tablets pressing Finish at
    the same moment still finish it exactly once.
    """
    now = utcnow()
    result = db.session.execute(
        update(Conversation)
        .where(Conversation.id == conversation.id, Conversation.status.in_(OPEN_STATUSES))
        .values(status=FINISHED, finished_at=now, updated_at=now, double_coded=double_coded)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(conversation)
    return bool(result.rowcount)


def withdraw(conversation: Conversation, *, keep_answers: bool) -> None:
    """The person stopped taking part; delete what they said unless they chose to keep it."""
    if conversation.agreement is not None:
        conversation.agreement.withdrawn_at = utcnow()
        conversation.agreement.keep_answers = keep_answers
    if not keep_answers:
        # Flush first: deleting a saved answer whose newest revision is still pending makes the
        # ORM try to DELETE that revision by an id it does not have yet.
        db.session.flush()
        conversation.answers.clear()
    set_status(conversation, WITHDRAWN)


def raise_concern(conversation: Conversation, *, note: str, user: User) -> Concern:
    """Record that a new concern was raised: apart from the feedback answers."""
    concern = Concern(conversation_id=conversation.id, raised_by_id=user.id, note=note)
    db.session.add(concern)
    db.session.flush()
    return concern


def concerns_for(conversation: Conversation) -> list[Concern]:
    return list(
        db.session.scalars(
            select(Concern).where(Concern.conversation_id == conversation.id).order_by(Concern.raised_at)
        )
    )


def is_open(conversation: Conversation) -> bool:
    return conversation.status in OPEN_STATUSES


