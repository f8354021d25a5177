"""The agreement page and CSV, against a hand calculation on real codings."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from feedback_app.data import coding
from feedback_app.extensions import db
from feedback_app.models import AuditEvent
from feedback_app.periods import financial_year_of
from feedback_app.vocabulary import OUTCOME_LEVELS, OUTCOMES
from tests.coding_helpers import finished_conversation


def _code(conversation, coder, round_, change=None):
    for outcome in OUTCOMES:
        level = (change or {}).get(outcome, OUTCOME_LEVELS[outcome][0])
        coding.save_coding(
            conversation,
            outcome=outcome,
            round_=round_,
            level=level,
            reason="",
            coder=coder,
            rubric=("msp-rubric", 1),
            suggestion=None,
            suggestion_use="not_shown",
        )
    db.session.commit()


def test_agreement_figures_and_export(app, make_org, make_user, sign_in, get_page):
    council = make_org("Test Council")
    first, second = make_user("coordinator", council), make_user("coordinator", council)
    # Two double-coded conversations: 18 items, the coders differ on one (feel_safer in the second).
    one = finished_conversation(first, double_coded=True, reference="R-1")
    two = finished_conversation(first, double_coded=True, reference="R-2")
    _code(one, first, 1)
    _code(one, second, 2)
    _code(two, first, 1)
    _code(two, second, 2, {"feel_safer": "no_safer"})
    client = app.test_client()
    sign_in(client, first)
    period = financial_year_of(one.enquiry_concluded_on).label

    page = get_page(client, f"/coding/agreement?period={period}")
    rows = {
        row.find("th").get_text(strip=True): [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in page.select("tbody tr")
    }
    # feel_safer: 2 items, 1 agreed = 50%. Coder 1 gave safer twice; coder 2 safer once, no_safer once:
    # p_e = 1 * 1/2 = 1/2, p_o = 1/2, so kappa = 0.
    assert rows["Feel safer now"] == ["2", "50%", "0.00", "0.00"]
    assert rows["All outcomes"][:2] == ["18", "94%"]
    assert "R-2" in page.get_text() and "Waiting for a decision" in page.get_text()

    response = client.get(f"/coding/agreement.csv?period={period}")
    assert response.headers["Content-Disposition"] == f'attachment; filename="coder-agreement-{period}.csv"'
    exported = {row["outcome"]: row for row in csv.DictReader(io.StringIO(response.get_data(as_text=True)))}
    assert exported["feel_safer"]["percent_agreement"] == "50.000"
    assert exported["all"]["double_coded_items"] == "18"
    assert "coding.agreement.export" in set(db.session.scalars(select(AuditEvent.action)))


def test_an_empty_year_shows_no_figures(app, make_org, make_user, sign_in, get_page):
    client = app.test_client()
    sign_in(client, make_user("coordinator", make_org("Test Council")))
    page = get_page(client, "/coding/agreement?period=2019-20")
    assert "Nothing coded in this year yet." in page.get_text()
    assert client.get("/coding/agreement?period=2019").status_code == 404
