"""Planning the demo conversations: who holds each, when, who answers and how it went.

All choices come from one random generator, in a fixed order, so a fixed seed gives the same plans.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from feedback_app.demo import words
from feedback_app.demo.people import DEMO_COUNCIL, OTHER_COUNCIL
from feedback_app.models import Organisation, Team, User
from feedback_app.vocabulary import DECLINED, FINISHED, IN_PROGRESS, PAUSED, WITHDRAWN

# How many conversations of each kind.
DEMO_COUNCIL_CLOSED = 50  # finished, declined or withdrawn, over two financial years
DECLINED_COUNT = 3
WITHDRAWN_COUNT = 2
HELD_BY_ADVOCACY = 20
LATE_INDEPENDENT = 2  # more than 8 weeks after the enquiry concluded
EASY_READ = 5
WELSH = 2
OPEN_PLANS = (IN_PROGRESS, IN_PROGRESS, PAUSED)  # the practitioner's unfinished ones
OTHER_COUNCIL_COUNT = 5

RELATIONSHIPS = {"family": 45, "friend": 10, "carer": 15, "imca": 15, "care_act_advocate": 15}
# Independent people tend to hear more criticism than the practitioner who led the enquiry.
PROFILES = ("good", "mixed", "poor")
PROFILE_WEIGHTS = {"enquiry_lead": (50, 32, 18), "independent": (40, 35, 25)}


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
    team: Team | None = None  # None: the team of whoever holds it (see demo/teams.py)


def financial_year_start(day: dt.date) -> dt.date:
    """1 April of the financial year `day` falls in."""
    return dt.date(day.year if day.month >= 4 else day.year - 1, 4, 1)



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


def make_plans(
    rng: random.Random, today: dt.date, orgs: dict[str, Organisation], people: dict[str, User]
) -> list[Plan]:
    calendar = Calendar.for_today(today)
    plans = _closed_plans(rng, calendar, orgs[DEMO_COUNCIL], people)
    practitioner = people["practitioner@demo.example"]
    for status in OPEN_PLANS:
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
