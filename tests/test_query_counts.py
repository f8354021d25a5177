"""No N+1 queries: a list page runs as many SQL statements with 25 records as with 5.

Each record is a finished, coded conversation started by a practitioner of their own team, so any
per-row lookup (of a conversation's codings, answers, its practitioner, their team or organisation)
shows up as a count that grows with the records. Statements are counted on the engine itself
(before_cursor_execute), so sessions, audit entries and lazy loads all count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from feedback_app.audit import record
from feedback_app.data import coding as coding_data
from feedback_app.data import organisations
from feedback_app.extensions import db
from feedback_app.models import Organisation, User
from feedback_app.periods import financial_year_of
from feedback_app.vocabulary import OUTCOME_LEVELS, OUTCOMES
from tests.coding_helpers import finished_conversation

FEW, MANY = 5, 25


@contextmanager
def counting_statements() -> Iterator[list[str]]:
    """Every SQL statement the app's engine runs meanwhile (the request's, the session store's)."""
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


class Records:
    """Adds records to one council: each a practitioner in a team of their own, with a finished
    conversation coded by the coordinator (every other one double coded and coded twice)."""

    def __init__(self, council: Organisation, make_user: Callable[..., User], coordinator: User, second_coder: User) -> None:
        self.council, self.make_user = council, make_user
        self.coordinator, self.second_coder = coordinator, second_coder
        self.count = 0

    def add(self, how_many: int) -> None:
        for _ in range(how_many):
            self.count += 1
            practitioner = self.make_user("practitioner", self.council, email=f"row{self.count}@example.org")
            organisations.set_team(practitioner, organisations.add_team(self.council, f"Team {self.count}"))
            double = self.count % 2 == 0
            conversation = finished_conversation(
                practitioner, double_coded=double, reference=f"ROW-{self.count}",
                concluded=dt.date.today() - dt.timedelta(days=2),
            )
            coders = (self.coordinator, self.second_coder) if double else (self.coordinator,)
            for round_, coder in enumerate(coders, start=1):
                for outcome in OUTCOMES:
                    coding_data.save_coding(
                        conversation, outcome=outcome, round_=round_, level=_first_level(outcome), reason="",
                        coder=coder, rubric=("msp-outcomes", 1), suggestion=None, suggestion_use="changed",
                    )
            record("conversation.view", object_type="conversation", object_id=conversation.id,
                   organisation_id=self.council.id, user=practitioner)
            db.session.commit()


def _first_level(outcome: str) -> str:
    return OUTCOME_LEVELS[outcome][0]


PAGES: dict[str, tuple[str, Callable[[], str]]] = {
    "my conversations": ("practitioner", lambda: "/conversations?view=mine"),
    "all conversations": ("coordinator", lambda: "/conversations?view=all"),
    "finished conversations": ("coordinator", lambda: "/conversations?view=finished"),
    "coding queue": ("coordinator", lambda: "/coding"),
    "return": ("coordinator", lambda: f"/returns/{financial_year_of(dt.date.today()).label}"),
    "dashboard": ("coordinator", lambda: "/returns/dashboard"),
    "admin people": ("admin", lambda: "/admin/people"),
    "admin organisations": ("admin", lambda: "/admin/organisations"),
    "audit trail": ("admin", lambda: "/admin/audit"),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_statements_per_page_do_not_grow_with_the_records(page, app, client, make_org, make_user, sign_in):
    role, url_of = PAGES[page]
    council = make_org("Count Council")
    coordinator = make_user("coordinator", council)
    records = Records(council, make_user, coordinator, make_user("coordinator", council))
    viewer = {"coordinator": coordinator, "admin": make_user("admin", council)}.get(role)
    if viewer is None:  # the practitioner whose own list it is: give them a conversation per record
        viewer = make_user("practitioner", council)
    sign_in(client, viewer)

    def statements_for_page() -> list[str]:
        url = url_of()
        assert client.get(url).status_code == 200, f"{url} did not open"  # warm: the same work each time
        with counting_statements() as statements:
            response = client.get(url)
        assert response.status_code == 200
        return statements

    records.add(FEW)
    if role == "practitioner":
        for number in range(FEW):
            finished_conversation(viewer, reference=f"MINE-{number}")
    few = statements_for_page()
    records.add(MANY - FEW)
    if role == "practitioner":
        for number in range(FEW, MANY):
            finished_conversation(viewer, reference=f"MINE-{number}")
    many = statements_for_page()

    assert len(many) == len(few), (
        f"{page}: {len(few)} SQL statements with {FEW} records but {len(many)} with {MANY}: a query per row. "
        f"Statements added: {_added(few, many)}"
    )


def _added(few: list[str], many: list[str]) -> list[str]:
    """The statements that ran more often with more records, shortened, for the failure message."""
    from collections import Counter

    grew = Counter(" ".join(s.split())[:160] for s in many) - Counter(" ".join(s.split())[:160] for s in few)
    return [f"{times}x {statement}" for statement, times in grew.most_common(5)]
