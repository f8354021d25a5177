"""Coding the demo conversations, so the queue, the agreement page and the returns have something to show.

Most of Demo Council's finished conversations are coded by its coordinator (now and then by the
practitioner), mostly following the suggestion. About a fifth are double-coded: most of those have
a blind second coding, some with disagreements, some of which are adjudicated and some waiting.
The newest and a few others stay uncoded, so the queue has work.

The choices come from their own generator, so adding codings leaves the conversations as they were.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm.attributes import flag_modified

from feedback_app.coding.code import BULK_CONFIDENCE
from feedback_app.coding.material import SavedAnswer, gather
from feedback_app.data import coding
from feedback_app.models import Conversation, User
from feedback_app.models.coding import ACCEPTED, ACCEPTED_IN_BULK, CHANGED, FIRST, NOT_SHOWN, SECOND
from feedback_app.question_banks.model import Bank
from feedback_app.rubric.model import Rubric
from feedback_app.rubric.suggest import Suggestion, suggest
from feedback_app.vocabulary import OUTCOMES, UNCLEAR, levels_for

CODING_SEED = 20140402
UNCODED_SHARE = 0.15
DOUBLE_CODED_SHARE = 0.2  # Demo Council's setting, the default
AWAITING_SECOND = 2  # double-coded conversations whose second coder has not got to them yet
SETTLED_DAYS = 14  # double-coded ones finished at least this long ago, so every step fits before today

CHANGE_REASONS = (
    "The words say more than the button pressed.",
    "Read with the rest of the conversation, another level fits better.",
    "The suggestion missed a hedge in what was said.",
    "They went back on this later in the conversation.",
)
UNCLEAR_REASON = "The person's words are clear enough to code."
SECOND_REASONS = (
    "The words sound less sure than the answer.",
    "I read this as more positive than it first looks.",
    "",
)
SECOND_UNCLEAR_REASON = "Hard to tell from what was said."
ADJUDICATION_REASONS = {
    "first": "The first reading fits the person's own words best.",
    "second": "The second reading fits the words: the hedge matters here.",
}


@dataclass(frozen=True)
class Coders:
    coordinator: User
    second: User  # the blind second coder, who never codes first
    practitioner: User  # codes now and then, only what their own organisation holds


def add_codings(
    finished: Sequence[Conversation], coders: Coders, bank: Bank, rubric: Rubric, today: dt.date
) -> None:
    """Code Demo Council's finished conversations, double-code about a fifth, and adjudicate some."""
    rng = random.Random(CODING_SEED)
    ordered = sorted(finished, key=lambda c: (c.finished_at, c.case_reference))
    first_at = {c: _working_time(_day(c), rng, 1, 2) for c in ordered}
    coded = [c for c in ordered if first_at[c].date() < today]
    extra = max(0, round(UNCODED_SHARE * len(ordered)) - (len(ordered) - len(coded)))
    for skipped in rng.sample(coded, min(extra, len(coded))):
        coded.remove(skipped)

    settled = [c for c in coded if _day(c) < today - dt.timedelta(days=SETTLED_DAYS)]
    double = rng.sample(settled, min(len(settled), round(DOUBLE_CODED_SHARE * len(ordered))))
    second_coded = double[AWAITING_SECOND:]
    disagreeing = second_coded[: max(2, (len(second_coded) + 1) // 2)]
    adjudicated = disagreeing[: (len(disagreeing) + 1) // 2]
    for conversation in double:
        _mark_double_coded(conversation)

    for conversation in coded:
        at = first_at[conversation]
        suggestions = _suggestions(conversation, bank, rubric)
        coder = coders.coordinator
        if conversation.organisation_id == coders.practitioner.organisation_id and rng.random() < 0.1:
            coder = coders.practitioner
        _first_coding(conversation, suggestions, coder, rubric, rng, at)
        if conversation in second_coded:
            at = _working_time(at.date(), rng, 2, 6)
            differ = _pick_disagreements(suggestions, rng) if conversation in disagreeing else []
            _second_coding(conversation, differ, coders.second, rubric, rng, at)
            if conversation in adjudicated:
                decided_at = _working_time(at.date(), rng, 1, 3)
                _adjudicate(conversation, differ, coders.coordinator, rng, decided_at)


def _mark_double_coded(conversation: Conversation) -> None:
    conversation.double_coded = True
    flag_modified(conversation, "updated_at")  # keeps the conversation's own time, not the loading time


def _day(conversation: Conversation) -> dt.date:
    assert conversation.finished_at is not None, "only finished conversations are coded"
    return conversation.finished_at.date()


def _working_time(after: dt.date, rng: random.Random, low_days: int, high_days: int) -> dt.datetime:
    """A time in office hours, some days after `after`."""
    day = after + dt.timedelta(days=rng.randint(low_days, high_days))
    return dt.datetime.combine(day, dt.time(rng.randint(9, 16), rng.randint(0, 59)), dt.timezone.utc)


def _suggestions(conversation: Conversation, bank: Bank, rubric: Rubric) -> dict[str, Suggestion]:
    answers = {
        a.question_id: SavedAnswer(a.status, a.value, a.words)
        for a in conversation.answers
        if a.bank_id == bank.id
    }
    material = gather(bank, answers)
    return {
        outcome: suggest(rubric, outcome, material[outcome].answer_level, material[outcome].words)
        for outcome in OUTCOMES
    }


def _first_coding(
    conversation: Conversation,
    suggestions: dict[str, Suggestion],
    coder: User,
    rubric: Rubric,
    rng: random.Random,
    at: dt.datetime,
) -> None:
    """The first coder sees the suggestions: mostly accepted, some changed, some confirmed in bulk."""
    in_bulk = rng.random() < 0.3
    for outcome in OUTCOMES:
        shown = suggestions[outcome]
        level, reason, use = shown.level, "", ACCEPTED
        if in_bulk and shown.level != UNCLEAR and shown.confidence >= BULK_CONFIDENCE:
            use = ACCEPTED_IN_BULK
        elif shown.level == UNCLEAR and rng.random() < 0.3:
            level, reason, use = _other_level(outcome, UNCLEAR, rng), UNCLEAR_REASON, CHANGED
        elif shown.level != UNCLEAR and rng.random() < (0.06 if shown.confidence >= BULK_CONFIDENCE else 0.2):
            level, reason, use = _other_level(outcome, shown.level, rng), rng.choice(CHANGE_REASONS), CHANGED
        at += dt.timedelta(seconds=rng.randint(20, 90))
        saved = coding.save_coding(
            conversation,
            outcome=outcome,
            round_=FIRST,
            level=level,
            reason=reason,
            coder=coder,
            rubric=(rubric.id, rubric.version),
            suggestion=(shown.level, shown.confidence),
            suggestion_use=use,
        )
        saved.coded_at = at


def _other_level(outcome: str, level: str, rng: random.Random) -> str:
    """A neighbouring level of the outcome: the kind of difference two careful readers have."""
    levels = levels_for(outcome)
    if level == UNCLEAR:
        return rng.choice(levels[:-1])
    index = levels.index(level)
    neighbours = [levels[i] for i in (index - 1, index + 1) if 0 <= i < len(levels) - 1]
    return rng.choice(neighbours or [UNCLEAR])


def _pick_disagreements(suggestions: dict[str, Suggestion], rng: random.Random) -> list[str]:
    """One or two outcomes, most likely those the suggestion was least sure of."""
    by_doubt = sorted(OUTCOMES, key=lambda o: (suggestions[o].confidence, rng.random()))
    return rng.sample(by_doubt[:4], rng.choice((1, 1, 2)))


def _second_coding(
    conversation: Conversation,
    differ: list[str],
    coder: User,
    rubric: Rubric,
    rng: random.Random,
    at: dt.datetime,
) -> None:
    """The blind second coder sees no suggestion and no first levels; agrees except where told to differ."""
    firsts = coding.codings_by(conversation, FIRST)
    for outcome in OUTCOMES:
        first = firsts[outcome].level
        level, reason = first, ""
        if outcome in differ:
            level = _other_level(outcome, first, rng)
            reason = SECOND_UNCLEAR_REASON if level == UNCLEAR else rng.choice(SECOND_REASONS)
        at += dt.timedelta(seconds=rng.randint(40, 150))
        saved = coding.save_coding(
            conversation,
            outcome=outcome,
            round_=SECOND,
            level=level,
            reason=reason,
            coder=coder,
            rubric=(rubric.id, rubric.version),
            suggestion=None,
            suggestion_use=NOT_SHOWN,
        )
        saved.coded_at = at


def _adjudicate(
    conversation: Conversation, differ: list[str], adjudicator: User, rng: random.Random, at: dt.datetime
) -> None:
    """The coordinator decides each disagreement, siding with one reading or the other."""
    firsts, seconds = coding.codings_by(conversation, FIRST), coding.codings_by(conversation, SECOND)
    for outcome in differ:
        side = rng.choice(("first", "second"))
        level = (firsts if side == "first" else seconds)[outcome].level
        decided = coding.adjudicate(
            conversation, outcome=outcome, level=level, reason=ADJUDICATION_REASONS[side], user=adjudicator
        )
        decided.decided_at = at
        at += dt.timedelta(minutes=rng.randint(1, 4))
