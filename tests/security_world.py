"""Two organisations with a person in every role and a record of every kind, every route filled in
with the first organisation's records, forms filled as a browser would, and a fingerprint of the
database to compare before and after a request. Shared by the CSRF, GET and permission tests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import Rule

from feedback_app.data import calibration, coding, comparison, conversations, organisations
from feedback_app.extensions import db
from feedback_app.models import Base, CalibrationAttempt, Concern, Conversation, Organisation, User
from feedback_app.periods import financial_year_of
from feedback_app.vocabulary import OUTCOME_LEVELS, OUTCOMES, ROLES
from tests.coding_helpers import ANSWERS, finished_conversation

# URL parameters that name one record: the routes the permission matrix walks.
RECORD_PARAMS = frozenset(
    {"conversation_id", "concern_id", "attempt_id", "comparison_id", "organisation_id", "user_id", "team_id", "session_id"}
)
# Tables that record that something was looked at, or keep a browser's session: a GET may write them.
BOOKKEEPING = frozenset({"audit_events"})
SESSION_TABLES = frozenset({"sign_in_sessions"})
METHODS = ("GET", "POST")
PREFERRED = ("practitioner", "coordinator", "admin", "board", "advocate")


@dataclass
class World:
    orgs: dict[str, Organisation]
    users: dict[str, User]
    finished: Conversation
    uncoded: Conversation
    open: Conversation
    concern: Concern
    attempt: CalibrationAttempt
    comparison_id: int
    team_id: int | None
    label: str
    spare: dict[str, Any] = field(default_factory=dict)

    def actor(self, key: str) -> User:
        return self.users[key]


def _code_all(conversation: Conversation, coder: User, round_: int, differ: str | None = None) -> None:
    for outcome in OUTCOMES:
        levels = OUTCOME_LEVELS[outcome]
        level = levels[1] if outcome == differ else levels[0]
        coding.save_coding(
            conversation, outcome=outcome, round_=round_, level=level, reason="", coder=coder,
            rubric=("msp-rubric", 1), suggestion=None, suggestion_use="not_shown",
        )


def build_world(make_org: Callable[..., Organisation], make_user: Callable[..., User]) -> World:
    """Councils A and B, each with an advocacy organisation, a person in every role, and A's records."""
    orgs: dict[str, Organisation] = {}
    users: dict[str, User] = {}
    for side in ("a", "b"):
        council = make_org(f"Council {side.upper()}")
        council.staff_may_code = True
        orgs[side] = council
        orgs[f"{side}_advocacy"] = make_org(f"Advocacy {side.upper()}", kind="advocacy", councils=[council])
        for role in ROLES:
            home = orgs[f"{side}_advocacy"] if role == "advocate" else council
            users[f"{side}.{role}"] = make_user(role, home, email=f"{role}.{side}@example.org")
    users["a.coordinator2"] = make_user("coordinator", orgs["a"], email="coordinator2.a@example.org")
    users["a.target"] = make_user("practitioner", orgs["a"], email="target.a@example.org")  # for admin person pages

    finished = finished_conversation(users["a.practitioner"], double_coded=True, reference="A-FINISHED")
    _code_all(finished, users["a.coordinator"], 1, differ="feel_safer")
    _code_all(finished, users["a.coordinator2"], 2)
    db.session.commit()
    uncoded = finished_conversation(users["a.practitioner"], reference="A-UNCODED")
    opened = open_conversation(users["a.practitioner"])
    concern = conversations.raise_concern(opened, note="A concern note", user=users["a.practitioner"])
    attempt = calibration.start(
        users["a.coordinator"], rubric=("msp-rubric", 1),
        items=[("feel_safer:safer:0", "feel_safer", "safer")],
    )
    label = financial_year_of(dt.date.today()).label
    compared = comparison.save(orgs["a"], organisation="Elsewhere Council", period=label, values=[], user=users["a.coordinator"])
    team_id = None
    if hasattr(organisations, "add_team"):
        team_id = organisations.add_team(orgs["a"], "Team One").id
    db.session.commit()
    return World(
        orgs=orgs, users=users, finished=finished, uncoded=uncoded, open=opened, concern=concern, attempt=attempt,
        comparison_id=compared.id, team_id=team_id, label=label,
    )


def open_conversation(user: User, reference: str = "A-OPEN") -> Conversation:
    """A conversation in progress with every question answered, ready to finish (through the data layer)."""
    import secrets

    conversation = conversations.create(
        conversations.NewConversation(
            start_token=secrets.token_urlsafe(16), council_id=user.organisation_id, case_reference=reference,
            enquiry_concluded_on=dt.date.today() - dt.timedelta(days=2), method="enquiry_lead",
            respondent_type="adult", representative_relationship=None, others_present=[], language="en",
            format="standard", agreed=True, bank_id="after-the-enquiry", bank_version=1,
        ),
        user,
    )
    for question_id, (value, words) in ANSWERS.items():
        conversations.save_answer(
            conversation, bank_id="after-the-enquiry", bank_version=1, question_id=question_id,
            status="answered", value=value, words=words, user=user, respondent_type="adult",
        )
    db.session.commit()
    return conversation


def routes(app: Flask) -> list[Rule]:
    return sorted((rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"), key=lambda r: (r.rule, r.endpoint))


def allowed_roles(app: Flask, rule: Rule) -> tuple[str, ...]:
    return tuple(getattr(app.view_functions[rule.endpoint], "allowed_roles", ()))


def fill(rule: Rule, world: World, *, fresh_conversation: bool = False) -> str:
    """The rule's URL with the first organisation's records; fails on a parameter it does not know."""
    conversation = world.open
    if rule.endpoint.startswith("coding."):  # a double-coded one to decide, another to code
        conversation = world.finished if rule.endpoint == "coding.adjudicate" else world.uncoded
    if fresh_conversation and not rule.endpoint.startswith("coding."):
        conversation = open_conversation(world.users["a.practitioner"], reference="A-FRESH")
    session_ids = db.session.scalars(
        sa.text("SELECT id FROM sign_in_sessions WHERE user_id = :user").bindparams(user=world.users["a.target"].id)
    ).all() if "session_id" in rule.arguments else []
    values: dict[str, Any] = {
        "conversation_id": conversation.id,
        "bank_id": "after-the-enquiry",
        "question_id": "feel_safer",
        "concern_id": world.concern.id,
        "attempt_id": world.attempt.id,
        "comparison_id": world.comparison_id,
        "organisation_id": world.orgs["a"].id,
        "user_id": world.users["a.target"].id,
        "team_id": world.team_id,
        "session_id": session_ids[0] if session_ids else "0" * 64,
        "label": world.label,
        "audience": "board",
        "fmt": "csv",
    }
    unknown = sorted(set(rule.arguments) - {name for name, value in values.items() if value is not None})
    assert not unknown, f"{rule.rule}: the security tests do not know how to fill {unknown}; add them to tests/security_world.py"
    path = rule.rule
    for name in rule.arguments:
        path = re.sub(rf"<(?:[^:<>]+:)?{name}>", str(values[name]), path)
    return path


def harvest(html: str, action: str) -> dict[str, str] | None:
    """Fill the form on the page that posts to `action` as a careful person would; None if there is none."""
    page = BeautifulSoup(html, "html.parser")
    wanted = action.split("?")[0]
    form = next((f for f in page.find_all("form") if (f.get("action") or "").split("?")[0] == wanted), None)
    if form is None:
        return None
    data: dict[str, str] = {}
    for element in form.find_all(["input", "select", "textarea", "button"]):
        name = element.get("name")
        if not name or name in data:
            continue
        kind = (element.get("type") or "text").lower()
        if element.name == "select":
            options = [o for o in element.find_all("option") if o.get("value")]
            chosen = next((o for o in options if o.has_attr("selected")), options[0] if options else None)
            if chosen is not None:
                data[name] = chosen["value"]
        elif element.name == "textarea":
            data[name] = element.get_text() or "Some words written on the form."
        elif element.name == "button" or kind == "submit":
            if element.get("value") is not None:
                data[name] = element["value"]
        elif kind in ("radio", "checkbox"):
            data[name] = element.get("value", "on")
        elif kind == "file":
            continue
        else:
            data[name] = element.get("value") or _filler(name, kind)
    return data


def source_pages(url: str, world: World) -> list[str]:
    """Pages that may hold the form that posts to url: the url itself, its parents, and hubs."""
    parts = url.split("/")
    parents = ["/".join(parts[:end]) for end in range(len(parts), 1, -1)]
    conversation = "/".join(parts[:3]) if url.startswith("/conversations/") else None
    hubs = [
        f"{conversation}/after-the-enquiry/check" if conversation else "",
        f"{conversation}/after-the-enquiry/questions/feel_safer" if conversation else "",
        f"/returns/{world.label}", f"/returns/{world.label}/compare", "/coding/calibration",
        f"/admin/people/{world.users['a.target'].id}/sign-in", "/account", "/conversations",
    ]
    return [page for page in parents + hubs if page]


def form_for(client: FlaskClient, url: str, world: World) -> dict[str, str]:
    """The form that posts to url, filled in, from the first page that has it; {} if none does."""
    for page in source_pages(url, world):
        response = client.get(page)
        if response.status_code == 200:
            data = harvest(response.get_data(as_text=True), url)
            if data is not None:
                return data
    return {}


def _filler(name: str, kind: str) -> str:
    lowered = name.lower()
    for part, value in (("day", "1"), ("month", "4"), ("year", "2025"), ("percent", "20"), ("months", "12"), ("code", "123456")):
        if lowered.endswith(part):
            return value
    if kind == "email" or "email" in lowered:
        return "someone.new@example.org"
    if kind == "password" or "password" in lowered:
        return "an unusual passphrase for tests 42"
    return "Test words"


def fingerprint(*, sessions: bool = True) -> dict[str, str]:
    """A digest of every table's rows except the bookkeeping ones; signed-in sessions by id and person only."""
    db.session.expire_all()
    digests: dict[str, str] = {}
    with db.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name in BOOKKEEPING:
                continue
            if table.name in SESSION_TABLES:
                if not sessions:
                    continue
                query = sa.select(table.c.id, table.c.user_id).where(table.c.user_id.is_not(None)).order_by(table.c.id)
            else:
                query = sa.select(table).order_by(*(table.primary_key.columns or table.columns))
            rows = [[str(value) for value in row] for row in connection.execute(query)]
            digests[table.name] = f"{len(rows)}:" + hashlib.sha256(json.dumps(rows).encode()).hexdigest()[:16]
    return digests


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(name for name in before if before[name] != after.get(name))


def signed_in(app: Flask, sign_in: Callable[..., None], user: User) -> FlaskClient:
    client = app.test_client()
    sign_in(client, user)
    return client


def new_target(app: Flask, sign_in: Callable[..., None], make_user: Callable[..., User], world: World) -> None:
    """A new person for each admin page about a person, signed in on two browsers (two sessions)."""
    world.users["a.target"] = make_user("practitioner", world.orgs["a"])
    for _browser in range(2):
        signed_in(app, sign_in, world.users["a.target"])


def actor_role(app: Flask, rule: Rule) -> str | None:
    """Who in council A uses the route in the walks: None for public routes, "account" for one's own account."""
    allowed = allowed_roles(app, rule)
    if "public" in allowed:
        return None
    if rule.endpoint.startswith(("coding.", "reporting.")) and "coordinator" in allowed:
        return "coordinator"
    if rule.endpoint.startswith("auth.") and allowed != ("admin",) or rule.endpoint == "main.set_language":
        return "account"  # one's own account and session
    return next(role for role in PREFERRED if role in allowed)


def client_as(
    app: Flask, sign_in: Callable[..., None], make_user: Callable[..., User], world: World, role: str | None
) -> FlaskClient:
    if role is None:
        return app.test_client()
    if role == "account":  # changes to one's own account (password, sign out): a new person each time
        return signed_in(app, sign_in, make_user("practitioner", world.orgs["b"]))
    return signed_in(app, sign_in, world.users[f"a.{role}"])


def any_csrf_token(client: FlaskClient) -> str:
    """A valid token from this client's own session, from whichever page it can open."""
    for path in ("/account", "/conversations", "/admin/organisations", "/returns/dashboard", "/glossary", "/sign-in"):
        response = client.get(path)
        if response.status_code == 200:
            token = BeautifulSoup(response.get_data(as_text=True), "html.parser").find("input", {"name": "csrf_token"})
            if token is not None:
                return str(token["value"])
    raise AssertionError("no page gave this client a CSRF token")
