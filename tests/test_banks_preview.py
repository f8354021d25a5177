"""Coordinators preview every bank, question by question, for each respondent type and format."""

from __future__ import annotations

import pytest


@pytest.fixture
def coordinator_client(app, make_org, make_user, sign_in):
    client = app.test_client()
    sign_in(client, make_user("coordinator", make_org("Test Council")))
    return client


def test_the_bank_list_shows_every_bank_with_its_version(coordinator_client, get_page):
    page = get_page(coordinator_client, "/banks")
    rows = [row.get_text(" ", strip=True) for row in page.select("tbody tr")]
    assert any("after-the-enquiry" in row for row in rows) and any("case-details" in row for row in rows)


def test_every_question_previews_for_each_respondent_and_format(app, coordinator_client, get_page):
    for bank in app.extensions["question_banks"].values():
        for question in bank.questions:
            for respondent in ("adult", "representative"):
                for format in ("standard", "easy_read"):
                    url = f"/banks/{bank.id}/{question.id}?respondent={respondent}&format={format}"
                    page = get_page(coordinator_client, url)
                    shown = page.select_one(".app-preview h2").get_text(strip=True)
                    wording = question.easy_read if format == "easy_read" and bank.audience == "person" else question.wording
                    assert shown == wording.for_respondent(respondent), f"{url} shows the wrong wording"


def test_easy_read_preview_shows_the_picture_with_its_text_alternative(coordinator_client, get_page):
    page = get_page(coordinator_client, "/banks/after-the-enquiry/feel_safer?format=easy_read")
    picture = page.select_one(".app-preview img.app-easy-read__picture")
    assert picture is not None and picture["alt"].strip()


@pytest.mark.parametrize("role", ["practitioner", "advocate"])
def test_practitioners_and_advocates_cannot_open_the_preview(app, make_org, make_user, sign_in, role):
    client = app.test_client()
    council = make_org("Test Council")
    organisation = council if role == "practitioner" else make_org("Adv", kind="advocacy", councils=[council])
    sign_in(client, make_user(role, organisation))
    assert client.get("/banks").status_code == 404
    assert client.get("/banks/after-the-enquiry/feel_safer").status_code == 404


def test_an_unknown_bank_or_question_is_a_404(coordinator_client):
    assert coordinator_client.get("/banks/no-such-bank").status_code == 404
    assert coordinator_client.get("/banks/after-the-enquiry/no-such-question").status_code == 404
