"""A council's varied conversations made through the data layer, for return-counting tests.

Seeded, so a failure can be replayed: finished, declined, withdrawn, paused and in-progress
conversations; adults and representatives; enquiry leads and an advocacy organisation; two teams
and no team; dates across three financial years; codings with `unclear`, recodes, double coding
that agrees and differs, adjudications; case-details answers given, skipped and left out.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from dataclasses import dataclass

from feedback_app.data import coding, conversations, organisations, users
from feedback_app.extensions import db
from feedback_app.models import Conversation, Organisation, Team, User
from feedback_app.models.summaries import CASE_QUESTIONS
from feedback_app.vocabulary import METHODS, OUTCOMES, PAUSED, RESPONDENT_TYPES, levels_for
from tests.conftest import TEST_PASSWORD

CASE_OPTIONS = {
    "risk_action": ("yes", "no"),
    "risk_outcome": ("risk_removed", "risk_reduced", "risk_remained"),
    "lacked_capacity": ("yes", "no", "dont_know", "not_recorded"),
    "capacity_support": ("yes", "no"),
}
FIRST_DAY, LAST_DAY = dt.date(2024, 12, 1), dt.date(2026, 5, 31)


@dataclass
class World:
    council: Organisation
    advocacy: Organisation
    other: Organisation
    teams: dict[str, Team]
    coders: tuple[User, User]
    conversations: list[Conversation]


def _person(role: str, organisation: Organisation, number: int, team: Team | None = None) -> User:
    user = users.create(email=f"{role}{number}@world.example", password=TEST_PASSWORD, role=role,
                        organisation=organisation, name=f"{role} {number}")
    if team is not None:
        organisations.set_team(user, team)
    return user


def _code(rng: random.Random, conversation: Conversation, coders: tuple[User, User]) -> None:
    """Round 1 for most outcomes (some recoded), round 2 and adjudications where double coded."""
    def save(outcome: str, round_: int, level: str, coder: User) -> None:
        coding.save_coding(conversation, outcome=outcome, round_=round_, level=level, reason="", coder=coder,
                           rubric=("msp-outcomes", 1), suggestion=None, suggestion_use="not_shown")

    for outcome in OUTCOMES:
        if rng.random() < 0.15:
            continue
        first = rng.choice(levels_for(outcome))
        save(outcome, 1, first, coders[0])
        if rng.random() < 0.1:
            first = rng.choice(levels_for(outcome))
            save(outcome, 1, first, coders[0])  # recoded
        if not conversation.double_coded or rng.random() < 0.2:
            continue
        second = first if rng.random() < 0.6 else rng.choice(levels_for(outcome))
        save(outcome, 2, second, coders[1])
        if second != first and rng.random() < 0.6:
            coding.adjudicate(conversation, outcome=outcome, level=rng.choice((first, second)), reason="",
                              user=coders[0])


def _case_details(rng: random.Random, conversation: Conversation, user: User) -> None:
    for question, options in CASE_OPTIONS.items():
        roll = rng.random()
        if roll < 0.15:
            continue  # never reached
        skipped = roll < 0.3
        conversations.save_answer(
            conversation, bank_id="case-details", bank_version=1, question_id=question,
            status="skipped" if skipped else "answered", value=None if skipped else rng.choice(options),
            words="", user=user, respondent_type=conversation.respondent_type,
        )


def build_world(seed: int, size: int = 60) -> World:
    """`size` conversations for one council (and a few for another), committed."""
    rng = random.Random(seed)
    council = organisations.create(name="Counting Council", kind="council")
    advocacy = organisations.create(name="Counting Advocacy", kind="advocacy", councils=[council])
    other = organisations.create(name="Elsewhere Council", kind="council")
    teams = {name: organisations.add_team(council, name) for name in ("North", "South")}
    holders = [
        _person("practitioner", council, 1, teams["North"]), _person("practitioner", council, 2, teams["South"]),
        _person("practitioner", council, 3), _person("advocate", advocacy, 4),
    ]
    coders = (_person("coordinator", council, 5), _person("coordinator", council, 6))
    elsewhere = _person("practitioner", other, 7)
    db.session.commit()
    made = []
    for number in range(size + 5):
        holder = elsewhere if number >= size else rng.choice(holders)
        concluded = FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
        conversation = conversations.create(
            conversations.NewConversation(
                start_token=secrets.token_urlsafe(16), council_id=other.id if holder is elsewhere else council.id,
                case_reference=f"W-{number}",
                enquiry_concluded_on=concluded, method=rng.choice(METHODS),
                respondent_type=rng.choice(RESPONDENT_TYPES), representative_relationship=None,
                others_present=[], language="en", format="standard", agreed=rng.random() < 0.9,
                bank_id="after-the-enquiry", bank_version=1,
            ),
            holder,
        )
        # Held 0 to 90 days after the enquiry concluded, at any hour (UTC).
        conversation.started_at = dt.datetime.combine(concluded, dt.time(), dt.timezone.utc) + dt.timedelta(
            days=rng.randint(0, 90), hours=rng.randint(0, 23))
        made.append(conversation)
        if conversation.status != "in_progress":  # declined
            db.session.commit()
            continue
        _case_details(rng, conversation, holder)
        roll = rng.random()
        if roll < 0.7:
            conversations.finish(conversation, double_coded=rng.random() < 0.35)
            _code(rng, conversation, coders)
        elif roll < 0.8:
            conversations.withdraw(conversation, keep_answers=rng.random() < 0.5)
        elif roll < 0.9:
            conversations.set_status(conversation, PAUSED)
        db.session.commit()
    assert set(CASE_QUESTIONS) == set(CASE_OPTIONS)
    return World(council, advocacy, other, teams, coders, made)
