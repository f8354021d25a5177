"""Demo data: three organisations, one person per role, and 58 conversations with their answers.

Made from a fixed seed and the day it is loaded, spread over the current and previous financial
year (1 April to 31 March), and saved in one transaction. Answers walk the question banks through
their own skip rules, so the demo never holds an answer the app could not have recorded.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import ColumnElement, func, select

from feedback_app.audit import record
from feedback_app.data import conversations, organisations, users
from feedback_app.demo import words
from feedback_app.extensions import db
from feedback_app.models import Base, Conversation, Organisation, User
from feedback_app.question_banks import routing
from feedback_app.question_banks.model import Bank, Option, Question
from feedback_app.vocabulary import (
    ANSWERED,
    DECLINED,
    FINISHED,
    IN_PROGRESS,
    PAUSED,
    RATHER_NOT_SAY,
    SAC_CATEGORIES,
    SKIPPED,
    UNCLEAR,
    WITHDRAWN,
)

SEED = 20140401  # any fixed number: the same data every time
PASSWORD = "demo-password"  # development only: `flask demo load` refuses to run in production
DEMO_COUNCIL = "Demo Council"
DEMO_ADVOCACY = "Demo Advocacy"
OTHER_COUNCIL = "Other Council"
PERSON_BANK = "after-the-enquiry"
CASE_DETAILS_BANK = "case-details"


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    kind: str
    concern_next_step: str
    works_for: str | None = None


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    role: str
    organisation: str


ORGANISATIONS: tuple[DemoOrganisation, ...] = (
    DemoOrganisation(
        DEMO_COUNCIL,
        "council",
        "Phone the Demo Council adult safeguarding team on 01632 960000 today. "
        "If someone is in danger now, call 999.",
    ),
    DemoOrganisation(
        DEMO_ADVOCACY,
        "advocacy",
        "Phone the Demo Council adult safeguarding team on 01632 960000 today, then tell your manager. "
        "If someone is in danger now, call 999.",
        works_for=DEMO_COUNCIL,
    ),
    DemoOrganisation(
        OTHER_COUNCIL,
        "council",
        "Phone the Other Council adult safeguarding team on 01632 960999 today. "
        "If someone is in danger now, call 999.",
    ),
)

PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson("practitioner@demo.example", "Sam Practitioner", "practitioner", DEMO_COUNCIL),
    DemoPerson("advocate@demo.example", "Alex Advocate", "advocate", DEMO_ADVOCACY),
    DemoPerson("coordinator@demo.example", "Chris Coordinator", "coordinator", DEMO_COUNCIL),
    DemoPerson("admin@demo.example", "Ash Admin", "admin", DEMO_COUNCIL),
    DemoPerson("other.practitioner@demo.example", "Jo Other", "practitioner", OTHER_COUNCIL),
)

# How many conversations of each kind.
DEMO_COUNCIL_CLOSED = 50  # finished, declined or withdrawn, over two financial years
DECLINED_COUNT = 3
WITHDRAWN_COUNT = 2
HELD_BY_ADVOCACY = 20
LATE_INDEPENDENT = 2  # more than 8 weeks after the enquiry concluded
EASY_READ = 5
WELSH = 2
OPEN_STATUSES = (IN_PROGRESS, IN_PROGRESS, PAUSED)  # the practitioner's unfinished ones
OTHER_COUNCIL_COUNT = 5

RELATIONSHIPS = {"family": 45, "friend": 10, "carer": 15, "imca": 15, "care_act_advocate": 15}
# Independent people tend to hear more criticism than the practitioner who led the enquiry.
PROFILES = ("good", "mixed", "poor")
PROFILE_WEIGHTS = {"enquiry_lead": (50, 32, 18), "independent": (40, 35, 25)}

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


@dataclass(frozen=True)
class DemoCounts:
    organisations: int
    people: int
    conversations: int


class DemoDataClash(Exception):
    """Some demo names are already taken, but the demo council is not there: refuse, change nothing."""


@dataclass
class Plan:
    """One conversation to make: who holds it, when, who answers and how it went."""

    holder: User
    council: Organisation
    concluded: dt.date
    held_on: dt.date
    method: str
    outcome: str  # finished | declined | withdrawn | in_progress | paused
    profile: str
    respondent_type: str = "adult"
    relationship: str | None = None
    language: str = "en"
    format: str = "standard"
    others_present: list[str] = field(default_factory=list)
    case_details: bool = True
    names: dict[str, str] | None = None  # how a representative speaks of the adult
    case_reference: str = ""


def financial_year_start(day: dt.date) -> dt.date:
    """1 April of the financial year `day` falls in."""
    return dt.date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def load_demo(today: dt.date | None = None) -> bool:
    """Load the demo data in one transaction. False, changing nothing, when it is already there."""
    if organisations.find_by_name(DEMO_COUNCIL) is not None:
        return False
    _refuse_clashes()
    rng = random.Random(SEED)
    try:
        orgs = _create_organisations()
        people = _create_people(orgs)
        banks = _banks()
        for plan in _plans(rng, today or dt.date.today(), orgs, people):
            _make(plan, banks, rng)
        # The audit record commits, so everything above commits with it or not at all.
        with current_app.test_request_context():
            council = orgs[DEMO_COUNCIL]
            record("demo.load", object_type="organisation", object_id=council.id, organisation_id=council.id)
    except Exception:
        db.session.rollback()
        raise
    return True


def demo_counts() -> DemoCounts:
    """How many demo organisations, people and conversations the database holds."""
    names = [organisation.name for organisation in ORGANISATIONS]
    org_ids = select(Organisation.id).where(Organisation.name.in_(names)).scalar_subquery()
    return DemoCounts(
        organisations=_count(Organisation, Organisation.name.in_(names)),
        people=_count(User, User.email.in_([person.email for person in PEOPLE])),
        conversations=_count(Conversation, Conversation.organisation_id.in_(org_ids)),
    )


def _count(model: type[Base], condition: ColumnElement[bool]) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(condition)) or 0


def _refuse_clashes() -> None:
    taken = [o.name for o in ORGANISATIONS if organisations.find_by_name(o.name) is not None]
    taken += [p.email for p in PEOPLE if users.find_by_email(p.email) is not None]
    if taken:
        raise DemoDataClash(f"{DEMO_COUNCIL} is not there, but these already are: {', '.join(taken)}")


def _create_organisations() -> dict[str, Organisation]:
    made: dict[str, Organisation] = {}
    for demo in ORGANISATIONS:
        works_for = [made[demo.works_for]] if demo.works_for else []
        organisation = organisations.create(name=demo.name, kind=demo.kind, councils=works_for)
        organisations.update_details(
            organisation, councils=works_for, concern_next_step=demo.concern_next_step
        )
        made[demo.name] = organisation
    return made


def _create_people(orgs: dict[str, Organisation]) -> dict[str, User]:
    return {
        person.email: users.create(
            email=person.email,
            password=PASSWORD,
            role=person.role,
            organisation=orgs[person.organisation],
            name=person.name,
        )
        for person in PEOPLE
    }


def _banks() -> tuple[Bank, Bank | None]:
    loaded: dict[str, Bank] = current_app.extensions["question_banks"]
    bank_id = current_app.config.get("FEEDBACK_BANK_ID", PERSON_BANK)
    if bank_id not in loaded:
        raise RuntimeError(f"The demo needs the question bank {bank_id!r}, which is not loaded.")
    return loaded[bank_id], loaded.get(CASE_DETAILS_BANK)


# Planning: who, when and how it went. All choices come from `rng`, in a fixed order.


@dataclass(frozen=True)
class Calendar:
    """The dates the demo can use: the previous financial year, and this one up to yesterday."""

    latest: dt.date
    last_year: tuple[dt.date, dt.date]
    this_year: tuple[dt.date, dt.date] | None  # None on 1 April: no day of it has passed

    @classmethod
    def for_today(cls, today: dt.date) -> Calendar:
        latest = today - dt.timedelta(days=1)  # nothing happens later than yesterday
        start = financial_year_start(today)
        last_year = (start.replace(year=start.year - 1), start - dt.timedelta(days=1))
        return cls(latest, last_year, (start, latest) if latest >= start else None)

    def share_this_year(self) -> float:
        """About as many conversations per day in both years, but never fewer than a fifth this year."""
        if self.this_year is None:
            return 0.0
        elapsed = (self.latest - self.this_year[0]).days + 1
        return max(0.2, elapsed / (elapsed + 365))


def _plans(
    rng: random.Random, today: dt.date, orgs: dict[str, Organisation], people: dict[str, User]
) -> list[Plan]:
    calendar = Calendar.for_today(today)
    plans = _closed_plans(rng, calendar, orgs[DEMO_COUNCIL], people)
    practitioner = people["practitioner@demo.example"]
    for status in OPEN_STATUSES:
        concluded = calendar.latest - dt.timedelta(days=rng.randint(2, 10))
        held_on = calendar.latest - dt.timedelta(days=rng.randint(0, 1))
        profile = _profile(rng, "enquiry_lead")
        plan = Plan(practitioner, orgs[DEMO_COUNCIL], concluded, held_on, "enquiry_lead", status, profile)
        _choose_respondent(plan, rng)
        plans.append(plan)

    other = people["other.practitioner@demo.example"]
    for index in range(OTHER_COUNCIL_COUNT):
        window = calendar.this_year if index < 2 and calendar.this_year else calendar.last_year
        concluded, held_on = _dates(rng, window, rng.choice((0, 1, 2)), calendar.latest)
        profile = _profile(rng, "enquiry_lead")
        plan = Plan(other, orgs[OTHER_COUNCIL], concluded, held_on, "enquiry_lead", FINISHED, profile)
        plan.case_details = rng.random() < 0.8
        _choose_respondent(plan, rng)
        plans.append(plan)

    _number_cases(plans, rng)
    return plans


def _closed_plans(
    rng: random.Random, calendar: Calendar, council: Organisation, people: dict[str, User]
) -> list[Plan]:
    """Demo Council's finished, declined and withdrawn conversations, over both years."""
    slots = list(range(DEMO_COUNCIL_CLOSED))
    in_this_year = round(DEMO_COUNCIL_CLOSED * calendar.share_this_year())
    rng.shuffle(slots)
    declined = set(slots[:DECLINED_COUNT])
    withdrawn = set(slots[DECLINED_COUNT : DECLINED_COUNT + WITHDRAWN_COUNT])
    rng.shuffle(slots)
    by_advocacy = slots[:HELD_BY_ADVOCACY]
    late = set(by_advocacy[:LATE_INDEPENDENT])
    rng.shuffle(slots)
    easy_read, welsh = set(slots[:EASY_READ]), set(slots[EASY_READ : EASY_READ + WELSH])

    plans = []
    for slot in range(DEMO_COUNCIL_CLOSED):
        independent = slot in by_advocacy
        if independent:
            gap = rng.randint(60, 84) if slot in late else rng.randint(7, 56)
        else:
            gap = rng.choice((0, 0, 0, 1, 1, 2, 3, 5))
        window = calendar.this_year if slot < in_this_year and calendar.this_year else calendar.last_year
        concluded, held_on = _dates(rng, window, gap, calendar.latest)
        method = "independent" if independent else "enquiry_lead"
        plan = Plan(
            holder=people["advocate@demo.example" if independent else "practitioner@demo.example"],
            council=council,
            concluded=concluded,
            held_on=held_on,
            method=method,
            outcome=DECLINED if slot in declined else WITHDRAWN if slot in withdrawn else FINISHED,
            profile=_profile(rng, method),
            language="cy" if slot in welsh else "en",
            format="easy_read" if slot in easy_read else "standard",
            case_details=rng.random() < (0.6 if independent else 0.9),
        )
        _choose_respondent(plan, rng, adult_only=slot in welsh)
        plans.append(plan)
    return plans


def _profile(rng: random.Random, method: str) -> str:
    """How the conversation went overall: good, mixed or poor."""
    return rng.choices(PROFILES, weights=PROFILE_WEIGHTS[method])[0]


def _dates(
    rng: random.Random, window: tuple[dt.date, dt.date], gap: int, latest: dt.date
) -> tuple[dt.date, dt.date]:
    """(enquiry concluded, conversation held): concluded inside the window, held by `latest`."""
    start, end = window
    concluded = start + dt.timedelta(days=rng.randint(0, max((end - start).days, 0)))
    if concluded + dt.timedelta(days=gap) > latest:
        concluded = max(start, latest - dt.timedelta(days=gap))
    return concluded, min(concluded + dt.timedelta(days=gap), latest)


def _choose_respondent(plan: Plan, rng: random.Random, *, adult_only: bool = False) -> None:
    if not adult_only and rng.random() < 0.4:
        plan.respondent_type = "representative"
        plan.relationship = rng.choices(list(RELATIONSHIPS), weights=list(RELATIONSHIPS.values()))[0]
        plan.names = words.spoken_of(plan.relationship, rng)
    if plan.format == "easy_read" and rng.random() < 0.6:
        plan.others_present = ["advocate"]
    elif plan.respondent_type == "adult" and plan.language == "en" and rng.random() < 0.15:
        plan.others_present = ["family"]


def _number_cases(plans: list[Plan], rng: random.Random) -> None:
    """Opaque case references like DC-2025-0142, rising through each council's year."""
    counters: dict[tuple[str, int], int] = {}
    for plan in sorted(plans, key=lambda p: (p.concluded, p.held_on)):
        prefix = "DC" if plan.council.name == DEMO_COUNCIL else "OC"
        key = (prefix, plan.concluded.year)
        counters[key] = counters.get(key, rng.randint(20, 120)) + rng.randint(2, 25)
        plan.case_reference = f"{prefix}-{plan.concluded.year}-{counters[key]:04d}"


# Making: the conversation, its answers and its timestamps.


class Clock:
    """The time of each step in one conversation, a few minutes apart."""

    def __init__(self, day: dt.date, rng: random.Random) -> None:
        self.rng = rng
        start = dt.time(rng.randint(9, 15), rng.choice(range(0, 60, 5)))
        self.at = dt.datetime.combine(day, start, dt.timezone.utc)

    def tick(self, low: int = 1, high: int = 4) -> dt.datetime:
        self.at += dt.timedelta(minutes=self.rng.randint(low, high), seconds=self.rng.randint(0, 59))
        return self.at


def _make(plan: Plan, banks: tuple[Bank, Bank | None], rng: random.Random) -> None:
    person_bank, case_bank = banks
    conversation = conversations.create(
        conversations.NewConversation(
            start_token=f"demo-{plan.case_reference}",
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
    clock = Clock(plan.held_on, rng)
    started = clock.at
    if plan.outcome == FINISHED:
        values = _answer_person_bank(conversation, person_bank, plan, rng, clock)
        if case_bank is not None and plan.case_details:
            _answer_case_details(conversation, case_bank, plan, values, rng, clock)
        conversations.finish(conversation)
        conversation.finished_at = clock.tick(2, 6)
    elif plan.outcome == WITHDRAWN:
        _answer_person_bank(conversation, person_bank, plan, rng, clock, stop_after=rng.randint(2, 4))
        conversations.withdraw(conversation, keep_answers=rng.random() < 0.5)
        conversation.agreement.withdrawn_at = clock.tick()  # type: ignore[union-attr]
    elif plan.outcome in (IN_PROGRESS, PAUSED):
        _answer_person_bank(conversation, person_bank, plan, rng, clock, stop_after=rng.randint(2, 5))
        conversations.set_status(conversation, plan.outcome)
    conversation.started_at = started
    conversation.updated_at = clock.at
    conversation.agreement.recorded_at = started  # type: ignore[union-attr]
    db.session.flush()


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


def _answer_person_bank(
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


def _answer_case_details(
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
