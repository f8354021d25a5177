"""Importing other councils' publication CSVs and showing them beside this council's return."""

from __future__ import annotations

import io

from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import AuditEvent, ComparisonReturn
from feedback_app.periods import parse
from feedback_app.returns.build import build_return
from feedback_app.returns.export import to_long_csv
from tests.conftest import check_page, csrf_from

LABEL = "2025-26"


def _upload(client, text, name="other.csv"):
    token = csrf_from(client.get(f"/returns/{LABEL}/compare").get_data(as_text=True))
    return client.post(
        f"/returns/{LABEL}/compare",
        data={"csrf_token": token, "publication": (io.BytesIO(text.encode("utf-8")), name)},
        content_type="multipart/form-data",
    )


def _coordinator(make_org, make_user, name="Test Council"):
    return make_user("coordinator", make_org(name))


def test_an_upload_is_shown_beside_this_councils_figures(app, make_org, make_user, sign_in):
    client = app.test_client()
    sign_in(client, _coordinator(make_org, make_user))
    other = to_long_csv(build_return("Other Council", parse(LABEL), [], None), True)
    response = _upload(client, other)
    assert response.status_code == 302
    page = check_page(client.get(response.headers["Location"]).get_data(as_text=True))
    headers = [" ".join(th.get_text().split()) for th in page.find_all("th", scope="col")]
    assert any(h.startswith("Test Council") for h in headers)
    assert any(h.startswith("Other Council (imported on ") for h in headers), headers
    assert "Published figures: counts of 0 to 4 shown as [c], others rounded to 5" in page.get_text()
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "comparison.import")) is not None
    _upload(client, other)  # importing again replaces
    assert len(db.session.scalars(select(ComparisonReturn)).all()) == 1


def test_a_file_with_counts_is_refused_with_the_line(app, make_org, make_user, sign_in):
    client = app.test_client()
    sign_in(client, _coordinator(make_org, make_user))
    text = "period,organisation,block,measure,category,respondent,count,shown_value\n" + "".join(
        f"{LABEL},Other,risk,sg2e_risk,c{n},all,3,3\n" for n in range(12)
    )
    response = _upload(client, text)
    assert response.status_code == 200
    page = check_page(response.get_data(as_text=True))
    assert page.title.get_text().startswith("Error:")
    summary = page.find(class_="govuk-error-summary")
    items = [li.get_text(" ", strip=True) for li in summary.find_all("li")]
    assert items[0].startswith("Line 2:") and "has a count" in items[0]
    assert len(items) == 11 and "2 more" in items[-1], items
    assert db.session.scalar(select(ComparisonReturn)) is None


def test_only_csv_files_are_taken(app, make_org, make_user, sign_in):
    client = app.test_client()
    sign_in(client, _coordinator(make_org, make_user))
    response = _upload(client, "x", name="other.xlsx")
    assert response.status_code == 200 and "must be a CSV" in response.get_data(as_text=True)


def test_another_councils_coordinator_cannot_see_or_remove_an_import(app, make_org, make_user, sign_in):
    ours, theirs = app.test_client(), app.test_client()
    sign_in(ours, _coordinator(make_org, make_user))
    sign_in(theirs, _coordinator(make_org, make_user, "Elsewhere Council"))
    _upload(ours, to_long_csv(build_return("Other Council", parse(LABEL), [], None), True))
    saved = db.session.scalar(select(ComparisonReturn))
    page = theirs.get(f"/returns/{LABEL}/compare").get_data(as_text=True)
    assert "Other Council" not in page
    token = csrf_from(page)
    assert theirs.post(f"/returns/{LABEL}/compare/{saved.id}/remove", data={"csrf_token": token}).status_code == 404
    token = csrf_from(ours.get(f"/returns/{LABEL}/compare").get_data(as_text=True))
    assert ours.post(f"/returns/{LABEL}/compare/{saved.id}/remove", data={"csrf_token": token}).status_code == 302
    assert db.session.scalar(select(ComparisonReturn)) is None
