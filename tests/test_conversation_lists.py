"""Conversation lists: mine, in progress, finished, and search by case reference."""

from __future__ import annotations

from tests.conftest import csrf_from
from tests.conversation_helpers import start


def _references(page) -> list[str]:
    return [row.select_one("td a").get_text(strip=True) for row in page.select("tbody tr")]


def test_tabs_and_search(app, make_org, make_user, sign_in, get_page):
    council = make_org("Test Council")
    me, colleague = make_user("practitioner", council), make_user("practitioner", council)
    client, other = app.test_client(), app.test_client()
    sign_in(client, me)
    sign_in(other, colleague)
    mine = start(client, case_reference="AB-100")
    start(other, case_reference="CD-200")
    declined = start(client, case_reference="AB-300", agreed="no")
    assert declined

    assert _references(get_page(client, "/conversations?view=mine")) == ["AB-300", "AB-100"]
    assert sorted(_references(get_page(client, "/conversations?view=all"))) == ["AB-100", "AB-300", "CD-200"]
    assert sorted(_references(get_page(client, "/conversations?view=in_progress"))) == ["AB-100", "CD-200"]
    # Case references are encrypted: search matches the whole reference, ignoring capitals and spaces.
    assert _references(get_page(client, "/conversations?view=all&q=+cd-200++")) == ["CD-200"]
    assert _references(get_page(client, "/conversations?view=all&q=cd-2")) == [], "part of a reference matches nothing"
    assert _references(get_page(client, "/conversations?view=all&q=%25")) == [], "% must be matched literally"

    token = csrf_from(client.get(mine).get_data(as_text=True))
    client.post(mine + "/pause", data={"csrf_token": token})
    paused = get_page(client, "/conversations?view=in_progress")
    assert "Paused" in paused.get_text()
    assert any(link.get_text(strip=True).startswith("Carry on") for link in paused.select("tbody a"))
    assert _references(get_page(client, "/conversations?view=finished")) == []
