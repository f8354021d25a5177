"""The audit trail is append-only, and admins can search and export it (the export is audited too)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from feedback_app.extensions import db
from feedback_app.models import AuditEvent
from feedback_app.models.audit import AuditTrailError
from feedback_app.privacy.audit_trail import safe_cell


def _event(action: str, *, at: dt.datetime | None = None, **fields: object) -> AuditEvent:
    event = AuditEvent(action=action, **fields)
    if at is not None:
        event.at = at
    db.session.add(event)
    db.session.commit()
    return event


def test_the_app_cannot_change_or_delete_an_audit_event(app):
    event = _event("conversation.view", object_type="conversation", object_id="abc")
    event.action = "nothing.happened"
    with pytest.raises(AuditTrailError):
        db.session.commit()
    db.session.rollback()
    db.session.delete(event)
    with pytest.raises(AuditTrailError):
        db.session.commit()
    db.session.rollback()
    assert db.session.scalar(select(AuditEvent.action)) == "conversation.view"


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_events SET action = 'nothing.happened'", "DELETE FROM audit_events"]
)
def test_the_database_refuses_to_change_or_delete_audit_events(app, statement):
    _event("conversation.view")
    with pytest.raises(DBAPIError, match="append-only"):
        db.session.execute(text(statement))
        db.session.commit()
    db.session.rollback()
    assert db.session.execute(text("SELECT action FROM audit_events")).scalars().all() == ["conversation.view"]


@pytest.fixture
def admin_client(app, make_org, make_user, sign_in):
    council = make_org("Audit Council")
    admin = make_user("admin", council, email="admin@audit.example")
    client = app.test_client()
    sign_in(client, admin)
    return client, council, admin


def _rows(page) -> list[list[str]]:
    return [[cell.get_text(" ", strip=True) for cell in row.find_all("td")] for row in page.select("tbody tr")]


def test_admins_search_by_person_action_record_and_dates(admin_client, make_user, get_page):
    client, council, admin = admin_client
    practitioner = make_user("practitioner", council, email="prac@audit.example")
    old = dt.datetime(2025, 1, 10, 9, tzinfo=dt.timezone.utc)
    _event("conversation.view", at=old, user_id=practitioner.id, object_type="conversation", object_id="c-1",
           organisation_id=council.id)
    _event("coding.save", at=old + dt.timedelta(days=30), user_id=practitioner.id, object_type="conversation",
           object_id="c-2", organisation_id=council.id)

    by_person = _rows(get_page(client, f"/admin/audit?person={practitioner.id}"))
    assert [row[1] for row in by_person] == ["coding.save", "conversation.view"]
    assert by_person[0][3] == "prac@audit.example" and by_person[0][4] == "Audit Council"
    assert [row[2] for row in _rows(get_page(client, "/admin/audit?action=conversation.view"))] == ["conversation c-1"]
    assert [row[1] for row in _rows(get_page(client, "/admin/audit?object_type=conversation&object_id=c-2"))] == [
        "coding.save"
    ]
    ranged = get_page(client, "/admin/audit?from_day=1&from_month=2&from_year=2025&to_day=28&to_month=2&to_year=2025")
    assert [row[1] for row in _rows(ranged)] == ["coding.save"]
    assert "1 event" in ranged.h2.get_text()
    assert [row[1] for row in _rows(get_page(client, "/admin/audit?person=not-a-number"))] == []


def test_a_date_that_is_not_real_is_shown_as_an_error(admin_client, get_page):
    client, _council, _admin = admin_client
    page = get_page(client, "/admin/audit?from_day=31&from_month=2&from_year=2025&to_day=1&to_month=1&to_year=2024")
    assert page.title.get_text().startswith("Error:")
    summary = [link.get_text() for link in page.select(".govuk-error-summary a")]
    assert summary == ["Date from must be a real date"]
    assert page.find(id="from_day") is not None
    backwards = get_page(client, "/admin/audit?from_day=2&from_month=1&from_year=2025&to_day=1&to_month=1&to_year=2025")
    assert [a.get_text() for a in backwards.select(".govuk-error-summary a")] == [
        "Date to must be the same as or after date from"
    ]


def test_viewing_and_exporting_are_audited_and_the_export_is_safe_in_a_spreadsheet(admin_client):
    client, council, admin = admin_client
    _event("conversation.view", object_type="conversation", object_id="=HYPERLINK(\"http://evil\")",
           organisation_id=council.id)
    client.get("/admin/audit")
    response = client.get("/admin/audit/export.csv?action=conversation.view")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:4] == ["when_utc", "action", "object_type", "object_id"]
    assert rows[1][1:4] == ["conversation.view", "conversation", "'=HYPERLINK(\"http://evil\")"]
    assert len(rows) == 2
    actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.user_id == admin.id)))
    assert {"audit.search", "audit.export"} <= actions


@pytest.mark.parametrize("role", ["practitioner", "advocate", "coordinator"])
def test_only_admins_see_the_audit_trail(app, make_org, make_user, sign_in, role):
    client = app.test_client()
    sign_in(client, make_user(role, make_org("Council")))
    assert client.get("/admin/audit").status_code == 404
    assert client.get("/admin/audit/export.csv").status_code == 404
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action.like("audit.%"))) == 0


@pytest.mark.parametrize(
    ("value", "shown"),
    [("=1+1", "'=1+1"), ("+44 1234", "'+44 1234"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
     ("conversation.view", "conversation.view"), (None, ""), (12, "12")],
)
def test_cells_that_a_spreadsheet_would_run_are_escaped(value, shown):
    assert safe_cell(value) == shown
