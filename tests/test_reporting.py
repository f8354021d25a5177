"""The framework return in the app and from the command line, counted against the database."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from feedback_app.data import coding
from feedback_app.extensions import db
from feedback_app.models import AuditEvent, Coding, ReturnRecord
from feedback_app.periods import financial_year_of
from feedback_app.vocabulary import OUTCOME_LEVELS, OUTCOMES
from tests.coding_helpers import finished_conversation
from tests.conftest import csrf_from


def _code_all(conversation, coder, asked_level):
    for outcome in OUTCOMES:
        level = asked_level if outcome == "asked_outcomes" else OUTCOME_LEVELS[outcome][0]
        coding.save_coding(
            conversation, outcome=outcome, round_=1, level=level, reason="", coder=coder,
            rubric=("msp-outcomes", 1), suggestion=None, suggestion_use="not_shown",
        )
    db.session.commit()


@pytest.fixture
def council_with_codings(make_org, make_user):
    council = make_org("Test Council")
    coordinator = make_user("coordinator", council)
    levels = ["asked_expressed"] * 7 + ["not_asked"] * 3 + [None] * 2  # two left uncoded
    conversations = []
    for number, level in enumerate(levels):
        conversation = finished_conversation(coordinator, reference=f"R-{number}")
        if level:
            _code_all(conversation, coordinator, level)
        conversations.append(conversation)
    return council, coordinator, financial_year_of(conversations[0].enquiry_concluded_on).label


def _real_csv(client, label, publication=False):
    response = client.get(f"/returns/{label}/export/csv" + ("?publication=1" if publication else ""))
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_counts_match_an_independent_count_from_the_database(app, council_with_codings, sign_in):
    council, coordinator, label = council_with_codings
    client = app.test_client()
    sign_in(client, coordinator)
    rows = _real_csv(client, label)
    asked = {r["category"]: int(r["count"]) for r in rows if r["block"] == "asked_outcomes" and r["respondent"] == "all"}
    expressed = db.session.scalar(
        select(func.count()).select_from(Coding).where(Coding.outcome == "asked_outcomes", Coding.level == "asked_expressed")
    )
    assert asked["asked_expressed"] == expressed == 7
    assert asked["not_asked"] == 3 and asked["not_recorded"] == 2 and asked["total"] == 12
    achieved_total = next(r for r in rows if r["block"] == "outcomes_achieved" and r["category"] == "total" and r["respondent"] == "all")
    assert int(achieved_total["count"]) == expressed


def test_publication_export_has_no_small_or_unrounded_counts(app, council_with_codings, sign_in):
    _, coordinator, label = council_with_codings
    client = app.test_client()
    sign_in(client, coordinator)
    for row in _real_csv(client, label, publication=True):
        assert row["count"] == ""
        value = row["shown_value"]
        assert value in ("[c]", "[x]") or (value.isdigit() and int(value) % 5 == 0 and int(value) >= 5), row


def test_every_format_downloads_with_a_server_name_and_is_audited(app, council_with_codings, sign_in):
    _, coordinator, label = council_with_codings
    client = app.test_client()
    sign_in(client, coordinator)
    for fmt in ("csv", "sac-csv", "xlsx", "json"):
        response = client.get(f"/returns/{label}/export/{fmt}?publication=1")
        assert response.status_code == 200
        assert f'filename="msp-return-test-council-{label}-publication' in response.headers["Content-Disposition"]
    load_workbook(io.BytesIO(client.get(f"/returns/{label}/export/xlsx").data))
    assert json.loads(client.get(f"/returns/{label}/export/json").data)["period"] == label
    actions = list(db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("return.export.%"))))
    assert len(actions) == 6


def test_the_page_says_partial_returns_are_welcome_and_a_partial_one_can_be_submitted(app, council_with_codings, sign_in, get_page):
    council, coordinator, label = council_with_codings
    client = app.test_client()
    sign_in(client, coordinator)
    page = get_page(client, f"/returns/{label}")
    text = page.get_text()
    assert "Partial returns are welcome" in text and "[x]" in text
    token = csrf_from(client.get(f"/returns/{label}").get_data(as_text=True))
    response = client.post(f"/returns/{label}/mark", data={"csrf_token": token, "status": "submitted"})
    assert response.status_code == 302
    saved = db.session.scalar(select(ReturnRecord))
    assert (saved.status, saved.partial, saved.period) == ("submitted", True, label)
    assert saved.snapshot["period"] == label


@pytest.mark.parametrize("role, kind", [("practitioner", "council"), ("advocate", "advocacy"), ("coordinator", "advocacy")])
def test_only_a_councils_coordinators_see_its_return(app, make_org, make_user, sign_in, role, kind):
    council = make_org("Test Council")
    organisation = council if kind == "council" else make_org("Adv", kind="advocacy", councils=[council])
    client = app.test_client()
    sign_in(client, make_user(role, organisation))
    assert client.get("/returns/2025-26").status_code == 404
    assert client.get("/returns/2025-26/export/csv").status_code == 404


def test_the_command_line_export(app, council_with_codings, tmp_path):
    _, _, label = council_with_codings
    runner = app.test_cli_runner()
    result = runner.invoke(args=["returns", "export", "--organisation", "Test Council", "--period", label, "--format", "sac-csv", "--for-publication"])
    assert result.exit_code == 0, result.output
    assert "Yes, they were asked and outcomes were expressed" in result.output
    output = tmp_path / "return.xlsx"
    result = runner.invoke(args=["returns", "export", "--organisation", "Test Council", "--period", label, "--format", "xlsx", "--output", str(output)])
    assert result.exit_code == 0 and load_workbook(output)
    bad = runner.invoke(args=["returns", "export", "--organisation", "Nobody", "--period", label, "--format", "csv"])
    assert bad.exit_code == 1 and "No council called" in bad.output


def test_briefings_download_as_pdfs_and_are_audited(app, council_with_codings, sign_in):
    _, coordinator, label = council_with_codings
    client = app.test_client()
    sign_in(client, coordinator)
    response = client.get(f"/returns/{label}/briefing/board.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert response.headers["Content-Disposition"] == f'attachment; filename="msp-briefing-board-test-council-{label}.pdf"'
    assert client.get(f"/returns/{label}/briefing/everyone.pdf").status_code == 404
    assert "briefing.board" in set(db.session.scalars(select(AuditEvent.action)))


def test_the_coded_summary_keeps_words_inert_and_is_audited(app, council_with_codings, sign_in):
    _, coordinator, label = council_with_codings
    client = app.test_client()
    sign_in(client, coordinator)
    response = client.get(f"/returns/{label}/coded-summary/csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="msp-coded-summary-test-council-{label}-not-for-publication.csv"'
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 12
    assert rows[0]["feel_safer_words"] == "I feel a lot safer now the locks are changed."
    load_workbook(io.BytesIO(client.get(f"/returns/{label}/coded-summary/xlsx").data))
    assert "coded_summary.export.csv" in set(db.session.scalars(select(AuditEvent.action)))
