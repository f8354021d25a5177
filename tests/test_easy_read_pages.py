"""Easy read pages, and the controls that change how a question is shown: larger text and read aloud.

"Larger text" is a button of the answer form, so it works without JavaScript and whatever was typed
or chosen comes back on the page: nothing is saved and nothing is lost.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from feedback_app.extensions import db
from feedback_app.models import Answer
from tests.conftest import check_page, csrf_from
from tests.conversation_helpers import question_page, start

Q = "/after-the-enquiry/questions/"
WORDS = "He kept coming round.\nI wanted it to stop – now it has."


@pytest.fixture
def practitioner_client(app, make_org, make_user, sign_in):
    client = app.test_client()
    sign_in(client, make_user("practitioner", make_org("Test Council")))
    return client


def _picture_name(src: str) -> str:
    """The picture's file name, less the content hash `make assets` adds (feedback_app/static_files.py)."""
    return re.sub(r"\.[0-9a-f]{12}(\.svg)$", r"\1", src).rsplit("/", 1)[-1]


def _text_size(client, url: str, **fields: str):
    page = client.get(url).get_data(as_text=True)
    return client.post(url, data=fields | {"action": "text_size", "csrf_token": csrf_from(page)})


def _answers() -> int:
    return db.session.scalar(select(func.count()).select_from(Answer))


def test_larger_text_keeps_the_typed_words_and_the_choice_and_saves_nothing(practitioner_client):
    conversation = start(practitioner_client, format="easy_read")
    url = conversation + Q + "asked_what_wanted"
    response = _text_size(practitioner_client, url, answer="asked_expressed", words=WORDS)
    assert response.status_code == 200, "changing the text size should show the same question again"
    page = check_page(response.get_data(as_text=True))
    assert "app-text-larger" in page.body["class"], "the page should now have larger text"
    assert page.select_one("textarea#words").get_text() == WORDS, "the words typed were lost"
    assert page.select_one("input[name=answer][checked]")["value"] == "asked_expressed", "the choice was lost"
    assert page.select_one(".govuk-error-summary") is None, "changing the text size is not a failed answer"
    assert _answers() == 0, "changing the text size must not save an answer the person has not given"
    assert page.select_one("button[value=text_size]").get_text(strip=True) == "Standard text size"


def test_the_choice_of_text_size_lasts_for_the_session_and_can_be_undone(practitioner_client):
    conversation = start(practitioner_client)
    url = conversation + Q + "asked_what_wanted"
    assert "app-text-larger" not in question_page(practitioner_client, url).body["class"]
    _text_size(practitioner_client, url, words="")
    later = question_page(practitioner_client, conversation + Q + "feel_safer")
    assert "app-text-larger" in later.body["class"], "the larger text should stay on the next question"
    overview = practitioner_client.get(conversation).get_data(as_text=True)
    assert "app-text-larger" in check_page(overview).body["class"], "every conversation page keeps the larger text"
    back = check_page(_text_size(practitioner_client, url, words="Still here").get_data(as_text=True))
    assert "app-text-larger" not in back.body["class"]
    assert back.select_one("textarea#words").get_text() == "Still here"
    assert back.select_one("button[value=text_size]").get_text(strip=True) == "Larger text"


def test_the_text_size_button_comes_after_save_and_continue_so_enter_still_saves(practitioner_client):
    conversation = start(practitioner_client)
    page = question_page(practitioner_client, conversation + Q + "asked_what_wanted")
    form = page.select_one("form:has(button[value=text_size])")
    submits = [button["value"] for button in form.select("button[type=submit]")]
    assert submits[0] == "continue", f"the form's default button should be Save and continue, not {submits[0]}"
    assert "text_size" in submits


def test_changing_the_text_size_needs_the_csrf_token(practitioner_client):
    conversation = start(practitioner_client)
    url = conversation + Q + "asked_what_wanted"
    practitioner_client.post(url, data={"action": "text_size", "words": WORDS})
    assert "app-text-larger" not in question_page(practitioner_client, url).body["class"]
    assert _answers() == 0


def test_read_aloud_is_hidden_until_javascript_finds_a_voice(practitioner_client):
    conversation = start(practitioner_client, format="easy_read")
    page = question_page(practitioner_client, conversation + Q + "asked_what_wanted")
    control = page.select_one("[data-module=app-read-aloud]")
    assert control is not None and control.has_attr("hidden"), "without JavaScript there is no Read aloud button"
    assert control.select_one("button")["type"] == "button", "Read aloud must never submit the answer"
    assert page.select_one(".app-read-aloud__unavailable").has_attr("hidden")
    source = page.select_one("[data-read-aloud-source]")
    assert source["lang"] == "en" and source.select_one(".app-question-text")


def test_easy_read_shows_a_picture_with_its_text_for_the_question_and_every_option(app, practitioner_client):
    bank = app.extensions["question_banks"]["after-the-enquiry"]
    conversation = start(practitioner_client, format="easy_read")
    page = question_page(practitioner_client, conversation + Q + "asked_what_wanted")
    question = bank.question("asked_what_wanted")
    picture = page.select_one("legend img.app-easy-read__picture")
    assert _picture_name(picture["src"]) == question.picture and picture["alt"] == question.picture_alt
    for option in question.options:
        label = page.select_one(f"label[for={_option_id(page, option.value)}]")
        image = label.select_one("img")
        assert image is not None, f"option {option.value} has no picture"
        assert _picture_name(image["src"]) == option.picture and image["alt"] == option.picture_alt
        assert label.select_one(".app-option-label").get_text(strip=True) == option.easy_read_label


def test_how_safe_you_feel_is_a_picture_scale_of_real_radios_from_sad_to_happy(practitioner_client):
    conversation = start(practitioner_client, format="easy_read")
    page = question_page(practitioner_client, conversation + Q + "feel_safer")
    scale = page.select_one(".app-picture-scale")
    assert scale is not None, "the feelings question should be a picture scale in easy read"
    radios = scale.select("input[type=radio][name=answer]")
    assert [radio["value"] for radio in radios] == ["less_safe", "no_safer", "a_bit_safer", "safer", "not_sure"]
    for radio in radios:
        label = scale.select_one(f"label[for={radio['id']}]")
        assert label.get_text(strip=True), f"the {radio['value']} picture has no visible words"
    standard = question_page(practitioner_client, start(practitioner_client) + Q + "feel_safer")
    assert standard.select_one(".app-picture-scale") is None and standard.select_one(".app-answer-options img") is None


def _option_id(page, value: str) -> str:
    return page.select_one(f"input[name=answer][value={value}]")["id"]
