"""Demo data: three organisations and their teams, one person per role (two coordinators), and
58 conversations.

Made from a fixed seed and the day it is loaded, spread over the current and previous financial
year (1 April to 31 March), and saved in one transaction. Answers walk the question banks through
their own skip rules, so the demo never holds an answer the app could not have recorded.

The pieces live beside this module: `people` (organisations and people), `teams` (teams, and
which conversations each holds), `plans` (who, when and how each conversation went), `answers`
(answers and case details in keeping with that) and `codings` (the coders' levels, double coding
and adjudication of Demo Council's conversations).
"""

from __future__ import annotations

import datetime as dt
import random
import secrets

from flask import current_app

from feedback_app.audit import record
from feedback_app.data import conversations, organisations
from feedback_app.demo.answers import Clock, answer_case_details, answer_person_bank
from feedback_app.demo.codings import Coders, add_codings
from feedback_app.demo.people import (
    DEMO_ADVOCACY,
    DEMO_COUNCIL,
    ORGANISATIONS,
    OTHER_COUNCIL,
    PASSWORD,
    PEOPLE,
    DemoCounts,
    DemoDataClash,
    DemoOrganisation,
    DemoPerson,
    create_organisations,
    create_people,
    demo_counts,
    refuse_clashes,
)
from feedback_app.demo.plans import Plan, financial_year_start, make_plans
from feedback_app.demo.teams import create_teams, spread_over_teams
from feedback_app.extensions import db
from feedback_app.models import Conversation
from feedback_app.question_banks.model import Bank
from feedback_app.vocabulary import DECLINED, FINISHED, IN_PROGRESS, PAUSED, WITHDRAWN

__all__ = [
    "CASE_DETAILS_BANK",
    "DEMO_ADVOCACY",
    "DEMO_COUNCIL",
    "ORGANISATIONS",
    "OTHER_COUNCIL",
    "PASSWORD",
    "PEOPLE",
    "PERSON_BANK",
    "SEED",
    "DemoCounts",
    "DemoDataClash",
    "DemoOrganisation",
    "DemoPerson",
    "demo_counts",
    "financial_year_start",
    "load_demo",
]

SEED = 20140401  # any fixed number: the same data every time
PERSON_BANK = "after-the-enquiry"
CASE_DETAILS_BANK = "case-details"


def load_demo(today: dt.date | None = None) -> bool:
    """Load the demo data in one transaction. False, changing nothing, when it is already there."""
    if organisations.find_by_name(DEMO_COUNCIL) is not None:
        return False
    refuse_clashes()
    rng = random.Random(SEED)
    try:
        orgs = create_organisations()
        people = create_people(orgs)
        teams = create_teams(orgs, people)
        banks = _banks()
        today = today or dt.date.today()
        council = orgs[DEMO_COUNCIL]
        to_code = []
        plans = make_plans(rng, today, orgs, people)
        spread_over_teams(plans, teams)
        for plan in plans:
            conversation = _make(plan, banks, rng)
            if plan.outcome == FINISHED and plan.council is council:
                to_code.append(conversation)
        coders = Coders(
            coordinator=people["coordinator@demo.example"],
            second=people["coordinator2@demo.example"],
            practitioner=people["practitioner@demo.example"],
        )
        add_codings(to_code, coders, banks[0], current_app.extensions["rubric"], today)
        db.session.flush()
        # The audit record commits, so everything above commits with it or not at all.
        record("demo.load", object_type="organisation", object_id=council.id, organisation_id=council.id)
    except Exception:
        db.session.rollback()
        raise
    return True


def _banks() -> tuple[Bank, Bank | None]:
    loaded: dict[str, Bank] = current_app.extensions["question_banks"]
    bank_id = current_app.config.get("FEEDBACK_BANK_ID", PERSON_BANK)
    if bank_id not in loaded:
        raise RuntimeError(f"The demo needs the question bank {bank_id!r}, which is not loaded.")
    return loaded[bank_id], loaded.get(CASE_DETAILS_BANK)


def _make(plan: Plan, banks: tuple[Bank, Bank | None], rng: random.Random) -> Conversation:
    person_bank, case_bank = banks
    conversation = conversations.create(
        conversations.NewConversation(
            # Random like a real start token: the case reference is encrypted and must not show here.
            start_token=f"demo-{secrets.token_hex(16)}",
            council_id=plan.council.id,
            case_reference=plan.case_reference,
            enquiry_concluded_on=plan.concluded,
            method=plan.method,
            respondent_type=plan.respondent_type,
            representative_relationship=plan.relationship,
            others_present=plan.others_present,
            language=plan.language,
            format=plan.format,
            agreed=plan.outcome != DECLINED,
            bank_id=person_bank.id,
            bank_version=person_bank.version,
        ),
        plan.holder,
    )
    if plan.team is not None:
        conversation.team_id = plan.team.id
    clock = Clock(plan.held_on, rng)
    started = clock.at
    if plan.outcome == FINISHED:
        values = answer_person_bank(conversation, person_bank, plan, rng, clock)
        if case_bank is not None and plan.case_details:
            answer_case_details(conversation, case_bank, plan, values, rng, clock)
        conversations.finish(conversation)
        conversation.finished_at = clock.tick(2, 6)
    elif plan.outcome == WITHDRAWN:
        answer_person_bank(conversation, person_bank, plan, rng, clock, stop_after=rng.randint(2, 4))
        conversations.withdraw(conversation, keep_answers=rng.random() < 0.5)
        conversation.agreement.withdrawn_at = clock.tick()  # type: ignore[union-attr]
    elif plan.outcome in (IN_PROGRESS, PAUSED):
        answer_person_bank(conversation, person_bank, plan, rng, clock, stop_after=rng.randint(2, 5))
        conversations.set_status(conversation, plan.outcome)
    conversation.started_at = started
    conversation.updated_at = clock.at
    conversation.agreement.recorded_at = started  # type: ignore[union-attr]
    db.session.flush()
    return conversation
