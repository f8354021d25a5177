"""The glossary page: every signed-in role can read each old word, its plain words and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from feedback_app.question_banks.glossary import load_glossary
from feedback_app.vocabulary import ROLES

GLOSSARY = load_glossary(Path(__file__).resolve().parents[1] / "question_banks" / "glossary.yaml")


@pytest.mark.parametrize("role", ROLES)
def test_every_signed_in_role_reads_each_word_with_its_plain_words(app, make_org, make_user, sign_in, get_page, role):
    client = app.test_client()
    sign_in(client, make_user(role, make_org("Test Council")))
    page = get_page(client, "/glossary")
    assert page.h1.get_text(strip=True) == "Plain words"
    rows = {row.th.find("span").get_text(strip=True): row for row in page.select("table.app-glossary tbody tr")}
    assert list(rows) == [term.term for term in GLOSSARY.terms]
    for term in GLOSSARY.terms:
        cells = [cell.get_text(" ", strip=True) for cell in rows[term.term].select("td")]
        assert cells == [term.plain, term.why], f"{term.term} shows {cells}"
    assert "perpetrator" in rows and "the person who hurt you" in rows["perpetrator"].get_text()
    footer = page.select_one("footer a[href='/glossary']")
    assert footer is not None, "every page's footer links to the plain words"


def test_the_page_needs_a_sign_in(client):
    response = client.get("/glossary")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_in_welsh_the_welsh_words_to_avoid_are_shown_too(app, make_org, make_user, sign_in):
    client = app.test_client()
    sign_in(client, make_user("coordinator", make_org("Test Council")))
    response = client.get("/glossary", headers={"Accept-Language": "cy"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'lang="cy"' in html and "honedig" in html and "cyflawnwr" in html


def test_the_bank_list_links_to_the_plain_words(app, make_org, make_user, sign_in, get_page):
    client = app.test_client()
    sign_in(client, make_user("coordinator", make_org("Test Council")))
    page = get_page(client, "/banks")
    assert page.select_one("main a[href='/glossary']") is not None
