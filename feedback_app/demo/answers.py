"""Answering a demo conversation: answers and case details in keeping with how it went.

Answers walk the question banks through their own skip rules, so the demo never holds an answer
the app could not have recorded.
"""

from __future__ import annotations

import datetime as dt
import random

from feedback_app.data import conversations
from feedback_app.demo import words
from feedback_app.demo.plans import PROFILES, Plan
from feedback_app.models import Conversation
from feedback_app.question_banks import routing
from feedback_app.question_banks.model import Bank, Option, Question
from feedback_app.vocabulary import ANSWERED, RATHER_NOT_SAY, SAC_CATEGORIES, SKIPPED, UNCLEAR

# How likely each level is, given how the conversation went overall. Unlisted levels are rare.
THREE_POINT = {
    "good": {"yes": 80, "partly": 17, "no": 3},
    "mixed": {"yes": 35, "partly": 50, "no": 15},
    "poor": {"yes": 10, "partly": 35, "no": 55},
}
LEVEL_WEIGHTS: dict[str, dict[str, dict[str, int]]] = {
    "asked_outcomes": {
        "good": {"asked_expressed": 85, "asked_none_expressed": 10, "not_asked": 2, "dont_know": 3},
        "mixed": {"asked_expressed": 65, "asked_none_expressed": 15, "not_asked": 10, "dont_know": 10},
        "poor": {"asked_expressed": 35, "asked_none_expressed": 10, "not_asked": 35, "dont_know": 20},
    },
    "outcomes_achieved": {
        "good": {"fully": 70, "partially": 27, "not_achieved": 3},
        "mixed": {"fully": 25, "partially": 55, "not_achieved": 20},
        "poor": {"fully": 5, "partially": 35, "not_achieved": 60},
    },
    "feel_safer": {
        "good": {"safer": 60, "a_bit_safer": 35, "no_safer": 5, "less_safe": 0},
        "mixed": {"safer": 20, "a_bit_safer": 45, "no_safer": 30, "less_safe": 5},
        "poor": {"safer": 5, "a_bit_safer": 25, "no_safer": 50, "less_safe": 20},
    },
    "proportionate": {
        "good": {"about_right": 85, "too_much": 8, "too_little": 7},
        "mixed": {"about_right": 55, "too_much": 20, "too_little": 25},
        "poor": {"about_right": 25, "too_much": 35, "too_little": 40},
    },
}
UNCLEAR_WEIGHT = 3


class Clock:
    """The time of each step in one conversation, a few minutes apart."""

    def __init__(self, day: dt.date, rng: random.Random) -> None:
        self.rng = rng
        start = dt.time(rng.randint(9, 15), rng.choice(range(0, 60, 5)))
        self.at = dt.datetime.combine(day, start, dt.timezone.utc)

    def tick(self, low: int = 1, high: int = 4) -> dt.datetime:
        self.at += dt.timedelta(minutes=self.rng.randint(low, high), seconds=self.rng.randint(0, 59))
        return self.at


def _save(
    conversation: Conversation,
    bank: Bank,
    question: Question,
    step: tuple[str, str | None, str],
    plan: Plan,
    at: dt.datetime,
) -> None:
    status, value, said = step
    answer = conversations.save_answer(
        conversation,
        bank_id=bank.id,
        bank_version=bank.version,
        question_id=question.id,
        status=status,
        value=value,
        words=said,
        user=plan.holder,
        respondent_type=plan.respondent_type if bank.audience == "person" else "practitioner",
    )
    answer.answered_at = answer.updated_at = at
    for revision in answer.revisions:
        revision.changed_at = at


def answer_person_bank(
    conversation: Conversation,
    bank: Bank,
    plan: Plan,
    rng: random.Random,
    clock: Clock,
    stop_after: int | None = None,
) -> dict[str, str | None]:
    """Answer each applicable question in order, as the runner would; returns question id -> value."""
    values: dict[str, str | None] = {}
    while (question := routing.first_unanswered(bank, values, set(values))) is not None:
        if stop_after is not None and len(values) >= stop_after:
            break
        step = _person_step(question, plan, values, rng, first=not values)
        _save(conversation, bank, question, step, plan, clock.tick())
        values[question.id] = step[1]
    return values


def _person_step(
    question: Question, plan: Plan, values: dict[str, str | None], rng: random.Random, *, first: bool
) -> tuple[str, str | None, str]:
    """(status, value, words) for one question, in keeping with how the conversation went."""
    if question.answer_type == "words":
        said = _words_answer(question, plan, values, rng)
        return (ANSWERED, None, said) if said else (SKIPPED, None, "")
    roll = rng.random()
    if not first and roll < 0.04:
        said = rng.choice(words.RATHER_NOT_SAY) if plan.language == "en" and rng.random() < 0.3 else ""
        return RATHER_NOT_SAY, None, said
    if not first and roll < 0.07:
        return SKIPPED, None, ""
    if question.answer_type == "yes_no":
        return ANSWERED, "yes" if rng.random() < 0.7 else "no", ""
    if question.answer_type == "date":
        return ANSWERED, plan.held_on.isoformat(), ""
    option = _choose_option(question, plan.profile, rng)
    if option is None:
        return SKIPPED, None, ""
    rate = 0.5 if plan.format == "easy_read" else 0.7
    said = _choice_words(question.outcome, option.level, plan, rng) if rng.random() < rate else ""
    return ANSWERED, option.value, said


def _choose_option(question: Question, profile: str, rng: random.Random) -> Option | None:
    if not question.options:
        return None
    if rng.random() < 0.1:  # people are not all of a piece
        profile = rng.choice(PROFILES)
    table = LEVEL_WEIGHTS.get(question.outcome or "", THREE_POINT)[profile]
    weights = [
        table.get(option.level or "", UNCLEAR_WEIGHT if option.level == UNCLEAR else 1)
        for option in question.options
    ]
    return rng.choices(question.options, weights=weights)[0]


def _choice_words(outcome: str | None, level: str | None, plan: Plan, rng: random.Random) -> str:
    if outcome is None or level is None:
        return ""
    if plan.language == "cy":
        phrases = words.WELSH.get((outcome, level), ())
    elif level == UNCLEAR:
        phrases = words.UNCLEAR
    else:
        phrases = (words.REPRESENTATIVE if plan.names else words.ADULT).get((outcome, level), ())
    if not phrases:
        return ""
    return words.fill(words.pick(phrases, rng, short=plan.format == "easy_read"), plan.names)


def _words_answer(question: Question, plan: Plan, values: dict[str, str | None], rng: random.Random) -> str:
    representative = plan.names is not None
    if question.id == "what_wanted":
        if plan.language == "cy":
            phrases = words.WELSH_WHAT_WANTED
        elif values.get("asked_what_wanted") == "asked_none_expressed":
            phrases = words.NOTHING_WANTED
        else:
            phrases = words.WHAT_WANTED_REPRESENTATIVE if representative else words.WHAT_WANTED_ADULT
    elif question.id == "anything_else" and rng.random() < 0.7:
        if plan.language == "cy":
            phrases = words.WELSH_ANYTHING_ELSE
        else:
            table = words.ANYTHING_ELSE_REPRESENTATIVE if representative else words.ANYTHING_ELSE_ADULT
            phrases = table[plan.profile]
    else:
        return ""
    return words.fill(words.pick(phrases, rng, short=plan.format == "easy_read"), plan.names)


def answer_case_details(
    conversation: Conversation,
    bank: Bank,
    plan: Plan,
    person: dict[str, str | None],
    rng: random.Random,
    clock: Clock,
) -> None:
    """The practitioner's SAC categories, in keeping with what the person said."""
    values: dict[str, str | None] = {}
    while (question := routing.first_unanswered(bank, values, set(values))) is not None:
        value = _case_value(question, plan, person, rng)
        _save(conversation, bank, question, (ANSWERED, value, ""), plan, clock.tick(0, 2))
        values[question.id] = value


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _case_value(
    question: Question, plan: Plan, person: dict[str, str | None], rng: random.Random
) -> str | None:
    asked = person.get("asked_what_wanted")
    happened = person.get("wanted_happened")
    safer = person.get("feel_safer")
    if question.id == "asked_outcomes":
        if asked in ("asked_expressed", "asked_none_expressed"):
            return asked if rng.random() < 0.9 else "not_recorded"
        if asked == "not_asked":  # the record and the person's memory do not always agree
            return _weighted(rng, {"not_asked": 50, "asked_expressed": 30, "not_recorded": 20})
        return _weighted(rng, {"asked_expressed": 60, "dont_know": 20, "not_recorded": 20})
    if question.id == "outcomes_achieved":
        if happened in ("fully", "partially", "not_achieved"):
            return happened
        return {"good": "fully", "mixed": "partially", "poor": "not_achieved"}[plan.profile]
    if question.id == "risk_action":
        return "yes" if rng.random() < 0.9 else "no"
    if question.id == "risk_outcome":
        by_feeling = {
            "safer": {"risk_removed": 60, "risk_reduced": 40},
            "a_bit_safer": {"risk_reduced": 85, "risk_remained": 15},
            "no_safer": {"risk_reduced": 40, "risk_remained": 60},
            "less_safe": {"risk_remained": 100},
        }
        return _weighted(rng, by_feeling.get(safer or "", {"risk_reduced": 70, "risk_remained": 30}))
    if question.id == "lacked_capacity":
        if plan.relationship in ("imca", "care_act_advocate"):
            return "yes"
        if plan.respondent_type == "representative":
            return _weighted(rng, {"yes": 65, "no": 25, "dont_know": 10})
        return _weighted(rng, {"no": 85, "dont_know": 5, "not_recorded": 10})
    if question.id == "capacity_support":
        return "yes" if plan.respondent_type == "representative" or rng.random() < 0.5 else "no"
    # A question this demo does not know yet: a plausible first answer, so the bank is complete.
    if question.answer_type == "sac_category" and question.sac_category in SAC_CATEGORIES:
        return next(iter(SAC_CATEGORIES[question.sac_category]))
    if question.options:
        return question.options[0].value
    return "yes" if question.answer_type == "yes_no" else None
