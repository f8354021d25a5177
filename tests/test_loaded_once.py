"""Question banks, the rubric and the glossary are read when the app starts, never by a request;
translation catalogues once per language, then kept.

Every YAML parse goes through yaml's Reader, so counting Reader.__init__ catches any read of a
bank, the rubric or the glossary, however the reading function was imported.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections import Counter

import pytest
import yaml
from babel import support
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from feedback_app.periods import financial_year_of
from tests.conftest import csrf_from
from tests.conversation_helpers import start


@pytest.fixture
def reads(monkeypatch) -> Counter:
    """What was read since the fixture started: YAML documents and translation catalogues."""
    counted: Counter = Counter()
    reader_init = yaml.reader.Reader.__init__
    catalogue_load = support.Translations.load.__func__

    def counting_reader(self, stream):  # type: ignore[no-untyped-def]
        counted["yaml"] += 1
        reader_init(self, stream)

    def counting_load(cls, *args, **kwargs):  # type: ignore[no-untyped-def]
        counted["catalogue"] += 1
        return catalogue_load(cls, *args, **kwargs)

    monkeypatch.setattr(yaml.reader.Reader, "__init__", counting_reader)
    monkeypatch.setattr(support.Translations, "load", classmethod(counting_load))
    return counted


def hold_whole_conversation(client: FlaskClient, **start_with: str) -> str:
    """Start, answer every question (first option, some words), read back and finish."""
    conversation = start(client, **start_with)
    location = conversation + "/resume"
    for _ in range(60):
        response = client.get(location)
        if response.status_code == 302:
            location = response.headers["Location"]
            continue
        assert response.status_code == 200, f"GET {location} gave {response.status_code}"
        soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        if location.split("?")[0].endswith("/check"):
            finished = client.post(conversation + "/finish", data={"csrf_token": csrf_from(str(soup))})
            assert finished.status_code == 302 and "check" not in finished.headers["Location"]
            return conversation
        form = next(f for f in soup.find_all("form", method="post") if f.find("button", attrs={"value": "continue"}))
        data = {i["name"]: i.get("value", "") for i in form.find_all("input", type="hidden") if i.get("name")}
        for choice in form.find_all("input", type=["radio", "checkbox"]):
            data.setdefault(choice["name"], choice["value"])
        for area in form.find_all("textarea"):
            data[area["name"]] = "They listened to me and I feel safer."
        saved = client.post(form.get("action") or location, data=data | {"action": "continue"})
        assert saved.status_code == 302, f"an answer on {location} was refused"
        location = saved.headers["Location"]
    raise AssertionError("the conversation never reached the read-back page")


def journey(app, make_org, make_user, sign_in, council_name: str) -> None:
    """What the service is used for: conversations in English and in Welsh easy read, then a
    coordinator codes, previews the banks, reads the plain words, the return and the dashboard."""
    council = make_org(council_name)
    practitioner, coordinator = make_user("practitioner", council), make_user("coordinator", council)
    client = app.test_client()
    sign_in(client, practitioner)
    finished = hold_whole_conversation(client)
    hold_whole_conversation(client, case_reference="CY-1", language="cy", format="easy_read")
    assert client.post("/language", data={"language": "cy", "csrf_token": csrf_from(client.get("/conversations").get_data(as_text=True))}).status_code == 302
    assert client.get("/conversations").status_code == 200

    coordinating = app.test_client()
    sign_in(coordinating, coordinator)
    conversation_id = finished.rsplit("/", 1)[-1]
    year = financial_year_of(dt.date.today()).label
    for url in ("/coding", f"/coding/{conversation_id}/code", "/banks", "/banks/after-the-enquiry",
                "/banks/after-the-enquiry/feel_safer", "/glossary", f"/returns/{year}", "/returns/dashboard"):
        response = coordinating.get(url)
        assert response.status_code in (200, 302), f"{url} gave {response.status_code}"


def test_no_request_reads_a_bank_the_rubric_or_the_glossary(app, make_org, make_user, sign_in, reads):
    journey(app, make_org, make_user, sign_in, "First Council")
    assert reads["yaml"] == 0, f"requests parsed {reads['yaml']} YAML documents: banks, rubric or glossary read again"


def test_translation_catalogues_are_read_once_per_language(app, make_org, make_user, sign_in, reads):
    journey(app, make_org, make_user, sign_in, "First Council")
    first = reads["catalogue"]
    journey(app, make_org, make_user, sign_in, "Second Council")
    assert reads["catalogue"] == first, f"the second journey read {reads['catalogue'] - first} catalogues again"
    assert reads["yaml"] == 0


def test_form_messages_still_follow_the_page_language(app):
    from feedback_app.form_translations import _PageLanguage

    def message_in(language: str) -> str:
        with app.test_request_context("/sign-in", headers={"Accept-Language": language}):
            return _PageLanguage().ugettext("Not a valid choice.")

    # Each in a context of its own, as each request is: the test's app context shares `g`.
    english, welsh = (contextvars.Context().run(message_in, language) for language in ("en", "cy"))
    assert english == "Not a valid choice."
    assert welsh == "Nid yw hwn yn ddewis dilys", "WTForms' own messages are no longer in Welsh on Welsh pages"
