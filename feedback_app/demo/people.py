"""The demo's organisations and people: who they are, making them, and counting what is loaded."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select

from feedback_app.auth import accounts
from feedback_app.data import organisations, users
from feedback_app.extensions import db
from feedback_app.models import Base, Conversation, Organisation, User

PASSWORD = "demo-password"  # development only: `flask demo load` refuses to run in production
# The demo coordinators' and admin's authenticator key (development only, like the password):
# add it to an authenticator app, or print the current code with `flask --app wsgi demo code`.
DEMO_TOTP_SECRET = "DEMOCODEDEMOCODEDEMOCODEDEMOCODE"
DEMO_COUNCIL = "Demo Council"
DEMO_ADVOCACY = "Demo Advocacy"
OTHER_COUNCIL = "Other Council"


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    kind: str
    concern_next_step: str
    works_for: str | None = None
    staff_may_code: bool = False  # practitioners and advocates may code, besides coordinators


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
        staff_may_code=True,
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
    DemoPerson("coordinator2@demo.example", "Robin Coordinator", "coordinator", DEMO_COUNCIL),
    DemoPerson("admin@demo.example", "Ash Admin", "admin", DEMO_COUNCIL),
    DemoPerson("board@demo.example", "Pat Board", "board", DEMO_COUNCIL),
    DemoPerson("other.practitioner@demo.example", "Jo Other", "practitioner", OTHER_COUNCIL),
)


@dataclass(frozen=True)
class DemoCounts:
    organisations: int
    people: int
    conversations: int


class DemoDataClash(Exception):
    """Some demo names are already taken, but the demo council is not there: refuse, change nothing."""



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


def refuse_clashes() -> None:
    taken = [o.name for o in ORGANISATIONS if organisations.find_by_name(o.name) is not None]
    taken += [p.email for p in PEOPLE if users.find_by_email(p.email) is not None]
    if taken:
        raise DemoDataClash(f"{DEMO_COUNCIL} is not there, but these already are: {', '.join(taken)}")


def create_organisations() -> dict[str, Organisation]:
    made: dict[str, Organisation] = {}
    for demo in ORGANISATIONS:
        works_for = [made[demo.works_for]] if demo.works_for else []
        organisation = organisations.create(name=demo.name, kind=demo.kind)
        organisations.update_details(
            organisation,
            councils=works_for,
            concern_next_step=demo.concern_next_step,
            staff_may_code=demo.staff_may_code,
        )
        made[demo.name] = organisation
    return made


def create_people(orgs: dict[str, Organisation]) -> dict[str, User]:
    made = {
        person.email: users.create(
            email=person.email,
            password=PASSWORD,
            role=person.role,
            organisation=orgs[person.organisation],
            name=person.name,
        )
        for person in PEOPLE
    }
    for user in made.values():
        if accounts.totp_required(user):  # coordinators and admins sign in with a code too
            user.totp_secret = DEMO_TOTP_SECRET
    return made


def give_demo_codes() -> None:
    """Demo coordinators and admins loaded before two-step sign-in existed get the demo key too."""
    for person in PEOPLE:
        user = users.find_by_email(person.email)
        if user is not None and accounts.needs_totp_setup(user):
            user.totp_secret = DEMO_TOTP_SECRET
    db.session.commit()
