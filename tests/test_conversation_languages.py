"""Conversations in the person's language: Welsh and Urdu held end to end, the practitioner's
language beside the person's, a plain notice when a translation is missing, right to left."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, Tag
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from feedback_app.conversations.present import person_texts, untranslated
from feedback_app.extensions import babel, db
from feedback_app.models import Conversation
from feedback_app.question_banks.extract import bank_messages
from feedback_app.question_banks.model import Bank, Question
from tests.conftest import check_page, csrf_from
from tests.conversation_helpers import current_question_url, start

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
BANKS_DIR = ROOT / "question_banks"
LANGUAGE_NAMES = {"cy": "Welsh", "pl": "Polish", "ur": "Urdu"}


def catalogue(language: str) -> dict[str, str]:
    """The translators' checked translations for a language (what `make translations` compiles)."""
    path = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return {}
    with path.open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    return {m.id: m.string for m in catalog if isinstance(m.id, str) and m.id and m.string and not m.fuzzy}


def words(element: Tag | None) -> str:
    assert element is not None
    return " ".join(element.get_text().split())


def person_part(page: BeautifulSoup) -> Tag:
    """The element that holds the person's question, marked with its language."""
    part = page.h1.find_parent(attrs={"lang": True})
    assert part is not None and part.name != "html", "the person's question has no lang of its own"
    return part


def expected_question(question: Question, language: str, translations: dict[str, str]) -> tuple[str, str]:
    """(language, heading) the person should see: all in `language`, or all in English."""
    texts = person_texts(question, respondent_type="adult", easy_read=False)
    if all(text in translations for text in texts):
        return language, translations[question.wording.adult]
    return "en", question.wording.adult


def feedback_bank(app: Flask) -> Bank:
    return app.extensions["question_banks"]["after-the-enquiry"]


def signed_in(client: FlaskClient, make_org: Callable, make_user: Callable, sign_in: Callable) -> None:
    sign_in(client, make_user("practitioner", make_org("Test Council")))


def answer_page(client: FlaskClient, url: str, page: BeautifulSoup, said: str) -> str:
    """Answer with the first option (and some words); returns where the app goes next."""
    data = {"csrf_token": csrf_from(str(page)), "action": "continue", "words": said}
    option = page.find("input", {"name": "answer"})
    if option is not None:
        data["answer"] = option["value"]
    response = client.post(url, data=data)
    assert response.status_code == 302, f"answering {url} gave {response.status_code}"
    return response.headers["Location"]


def hold_conversation(
    client: FlaskClient, conversation: str, said: str, check: Callable[[Question, BeautifulSoup], None], bank: Bank
) -> BeautifulSoup:
    """Answer every question through the pages, checking each; returns the read-back page."""
    url = current_question_url(client, conversation)
    asked = 0
    while "/check" not in url:
        asked += 1
        assert asked <= len(bank.questions), "the conversation never reached the read-back"
        response = client.get(url)
        assert response.status_code == 200, f"GET {url} gave {response.status_code}"
        page = check_page(response.get_data(as_text=True))
        question = bank.question(url.rsplit("/", 1)[-1].split("?")[0])
        assert question is not None
        check(question, page)
        url = answer_page(client, url, page, said)
    response = client.get(url)
    assert response.status_code == 200
    return check_page(response.get_data(as_text=True))


def finish(client: FlaskClient, conversation: str, check_page_html: BeautifulSoup) -> None:
    response = client.post(conversation + "/finish", data={"csrf_token": csrf_from(str(check_page_html))})
    assert "banner=finished" in response.headers["Location"]
    assert db.session.scalar(select(Conversation)).status == "finished"


def test_a_welsh_conversation_held_end_to_end(app, client, make_org, make_user, sign_in):
    """A practitioner working in English holds a conversation in Welsh."""
    signed_in(client, make_org, make_user, sign_in)
    conversation = start(client, language="cy")
    welsh = catalogue("cy")
    bank = feedback_bank(app)

    def check(question: Question, page: BeautifulSoup) -> None:
        assert page.html["lang"] == "en" and page.html["dir"] == "ltr", "the practitioner's page stays English"
        language, heading = expected_question(question, "cy", welsh)
        part = person_part(page)
        assert (part["lang"], part["dir"]) == (language, "ltr")
        assert words(page.h1) == heading
        notice = page.select_one(".app-translation-missing")
        beside = page.select_one(".app-beside")
        if language == "cy":
            assert notice is None
            assert beside is not None and question.wording.adult in words(beside), "the English is not beside the Welsh"
            assert beside.find(lang="en") is not None
        else:
            assert words(notice) == "This question has no Welsh translation yet. It is shown in English."
            assert beside is None
        assert page.find("textarea", {"name": "words"})["lang"] == "cy", "the person's words are in Welsh"

    read_back = hold_conversation(client, conversation, "Diolch am ofyn.", check, bank)
    said = [p for p in read_back.select(".app-words")]
    assert said and all(p["lang"] == "cy" for p in said)
    finish(client, conversation, read_back)


def test_an_urdu_conversation_handed_over_is_right_to_left_end_to_end(app, client, make_org, make_user, sign_in):
    """Handed the tablet, the person sees every page in Urdu, right to left, numbers in Western digits."""
    signed_in(client, make_org, make_user, sign_in)
    conversation = start(client, language="ur")
    urdu = catalogue("ur")
    bank = feedback_bank(app)
    first = current_question_url(client, conversation)
    token = csrf_from(client.get(first).get_data(as_text=True))
    client.post(conversation + "/hand-over", data={"csrf_token": token, "handed_over": "yes"})
    # A required question left unanswered: the error is in the person's language too.
    asked = bank.question(first.rsplit("/", 1)[-1])
    assert asked is not None and asked.required
    page = client.get(first).get_data(as_text=True)
    failed = check_page(client.post(first, data={"csrf_token": csrf_from(page), "action": "continue"}).get_data(as_text=True))
    assert words(failed.select_one("#answer-error")).endswith(urdu.get(asked.error_message, asked.error_message))
    assert failed.select_one("#answer-error")["lang"] == "ur"

    def check(question: Question, page: BeautifulSoup) -> None:
        assert (page.html["lang"], page.html["dir"]) == ("ur", "rtl"), "a handed-over page is the person's"
        language, heading = expected_question(question, "ur", urdu)
        part = person_part(page)
        assert (part["lang"], part["dir"]) == (language, "rtl" if language == "ur" else "ltr")
        assert words(page.h1) == heading
        assert page.select_one(".app-translation-missing") is None, "the person is never shown the notice"
        assert page.select_one(".app-beside") is None, "the person is never shown the English copy"
        save = page.find("button", {"value": "continue"})
        assert words(save) == urdu.get("Save and continue", "Save and continue")
        caption = words(page.select_one(".govuk-caption-l"))
        digits = [c for c in caption if c.isdigit()]
        assert digits and all(c.isascii() for c in digits), f"numbers must stay Western digits: {caption!r}"
        assert page.find("textarea", {"name": "words"})["dir"] == "rtl"

    read_back = hold_conversation(client, conversation, "پوچھنے کا شکریہ۔", check, bank)
    assert (read_back.html["lang"], read_back.html["dir"]) == ("ur", "rtl")
    said = read_back.select(".app-words")
    assert said and all((p["lang"], p["dir"]) == ("ur", "rtl") for p in said)
    finish(client, conversation, read_back)


# The machinery, with catalogues made for the test so it does not depend on the translators' progress.


@pytest.fixture
def made_catalogues(app: Flask, tmp_path: Path) -> Iterator[Callable[[str, dict[str, str]], None]]:
    """Point the app at catalogues written here. Flask-Babel keeps one cache for the process."""
    config = app.extensions["babel"]
    saved = config.translation_directories
    config.translation_directories = [str(tmp_path)]
    babel.domain_instance.cache.clear()

    def write(language: str, translations: dict[str, str]) -> None:
        catalog = Catalog(locale=language, fuzzy=False)
        for msgid, msgstr in translations.items():
            catalog.add(msgid, msgstr)
        folder = tmp_path / language / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "messages.mo").open("wb") as mo_file:
            write_mo(mo_file, catalog)
        babel.domain_instance.cache.clear()

    yield write
    config.translation_directories = saved
    babel.domain_instance.cache.clear()


def marked(question: Question, prefix: str) -> dict[str, str]:
    """A translation of every person-facing text of the question, recognisable by its prefix."""
    return {text: f"{prefix} {text}" for text in person_texts(question, respondent_type="adult", easy_read=False)}


def choice_questions(app: Flask) -> list[Question]:
    return [q for q in feedback_bank(app).questions if q.answer_type == "choice" and not q.skip_if]


def test_missing_translations_are_found_in_the_catalogue_not_by_comparing_text(app, made_catalogues):
    question = choice_questions(app)[0]
    texts = person_texts(question, respondent_type="adult", easy_read=False)
    made_catalogues("pl", {texts[0]: texts[0]})  # a translation that happens to be the same words
    with app.test_request_context():
        assert untranslated(texts, "en") == []
        assert untranslated(texts, "pl") == texts[1:]
        assert untranslated(texts, "ur") == texts, "a language with no catalogue has nothing translated"


def test_a_translated_question_shows_the_english_beside_it_for_the_practitioner(
    app, client, made_catalogues, make_org, make_user, sign_in
):
    question = choice_questions(app)[0]
    made_catalogues("pl", marked(question, "PL:"))
    signed_in(client, make_org, make_user, sign_in)
    conversation = start(client, language="pl")
    page = check_page(client.get(f"{conversation}/after-the-enquiry/questions/{question.id}").get_data(as_text=True))
    assert words(page.h1) == f"PL: {question.wording.adult}"
    assert person_part(page)["lang"] == "pl" and page.select_one(".app-translation-missing") is None
    beside = page.select_one("legend .app-beside")
    assert words(beside) == f"In English: {question.wording.adult}"
    assert beside.find(lang="en").get_text() == question.wording.adult
    for index, option in enumerate(question.options):
        radio = page.find("input", {"name": "answer", "value": option.value})
        hint = page.find(id=radio["aria-describedby"])
        assert (words(hint), hint["lang"]) == (option.label, "en"), f"option {option.value} has no English beside it"
        assert words(radio.find_next("label")) == f"PL: {option.label}"


def test_a_partly_translated_question_is_shown_in_english_and_the_practitioner_is_told(
    app, client, made_catalogues, make_org, make_user, sign_in
):
    question = choice_questions(app)[0]
    partial = marked(question, "PL:")
    partial.pop(question.options[-1].label)
    made_catalogues("pl", partial)
    signed_in(client, make_org, make_user, sign_in)
    conversation = start(client, language="pl")
    page = check_page(client.get(f"{conversation}/after-the-enquiry/questions/{question.id}").get_data(as_text=True))
    assert words(page.h1) == question.wording.adult, "half a question in each language helps no one"
    assert "PL:" not in page.get_text()
    assert person_part(page)["lang"] == "en"
    assert words(page.select_one(".app-translation-missing")) == (
        "This question has no Polish translation yet. It is shown in English."
    )
    assert page.find("textarea", {"name": "words"})["lang"] == "pl"


def test_a_picture_without_a_translated_description_keeps_the_question_in_the_persons_language(
    app, client, made_catalogues, make_org, make_user, sign_in
):
    question = next(q for q in choice_questions(app) if q.picture_alt and all(o.picture_alt for o in q.options))
    easy = person_texts(question, respondent_type="adult", easy_read=True)
    untranslated_alt = question.options[0].picture_alt
    alts = [question.picture_alt] + [o.picture_alt for o in question.options[1:]]
    made_catalogues("pl", {text: f"PL: {text}" for text in easy + alts})
    signed_in(client, make_org, make_user, sign_in)
    conversation = start(client, language="pl", format="easy_read")
    page = check_page(client.get(f"{conversation}/after-the-enquiry/questions/{question.id}").get_data(as_text=True))
    assert words(page.h1) == f"PL: {question.easy_read.adult}", "a missing picture description alone keeps Polish"
    assert person_part(page)["lang"] == "pl"
    english = page.find("img", alt=untranslated_alt)
    assert english is not None and english["lang"] == "en", "the English description is not marked as English"
    assert page.find("img", alt=f"PL: {question.picture_alt}").get("lang") is None
    assert words(page.select_one(".app-translation-missing")) == (
        "The pictures in this question have no Polish description yet. A screen reader reads them in English."
    )


def test_an_urdu_question_on_an_english_page_is_right_to_left_with_the_english_left_to_right(
    app, client, made_catalogues, make_org, make_user, sign_in
):
    question = choice_questions(app)[0]
    made_catalogues("ur", marked(question, "اردو"))
    signed_in(client, make_org, make_user, sign_in)
    conversation = start(client, language="ur")
    page = check_page(client.get(f"{conversation}/after-the-enquiry/questions/{question.id}").get_data(as_text=True))
    assert (page.html["lang"], page.html["dir"]) == ("en", "ltr")
    assert (person_part(page)["lang"], person_part(page)["dir"]) == ("ur", "rtl")
    for hint in page.select(".govuk-radios__hint.app-beside"):
        assert (hint["lang"], hint["dir"]) == ("en", "ltr")
    assert words(page.select_one(".govuk-caption-l")).startswith("Question 1 of ")


def test_a_welsh_practitioner_sees_the_welsh_beside_a_polish_question(
    app, client, made_catalogues, make_org, make_user, sign_in
):
    question = choice_questions(app)[0]
    made_catalogues("pl", marked(question, "PL:"))
    made_catalogues("cy", marked(question, "CY:") | {"In Welsh": "Yn Gymraeg"})
    signed_in(client, make_org, make_user, sign_in)
    conversation = start(client, language="pl")
    url = f"{conversation}/after-the-enquiry/questions/{question.id}"
    switch = check_page(client.get(url).get_data(as_text=True)).select_one(".app-language-switch")
    button = switch.find("button", {"name": "language"})
    assert button["value"] == "cy" and button.find(lang="cy").get_text() == "Cymraeg"
    client.post("/language", data={"csrf_token": csrf_from(str(switch)), "language": "cy", "next": url})
    page = check_page(client.get(url).get_data(as_text=True))
    assert page.html["lang"] == "cy"
    assert words(page.h1) == f"PL: {question.wording.adult}"
    beside = page.select_one("legend .app-beside")
    assert words(beside) == f"Yn Gymraeg: CY: {question.wording.adult}"
    assert beside.find(lang="cy", string=f"CY: {question.wording.adult}") is not None


def test_the_practitioners_own_questions_are_in_the_practitioners_language(
    app, client, made_catalogues, make_org, make_user, sign_in
):
    """Case details are recorded by the practitioner, so they follow the page, not the conversation."""
    bank = app.extensions["question_banks"]["case-details"]
    question = bank.questions[0]
    made_catalogues("cy", marked(question, "CY:"))
    signed_in(client, make_org, make_user, sign_in)
    conversation = start(client, language="ur")
    url = f"{conversation}/case-details/questions/{question.id}"
    token = csrf_from(client.get(url).get_data(as_text=True))
    client.post("/language", data={"csrf_token": token, "language": "cy", "next": url})
    page = check_page(client.get(url).get_data(as_text=True))
    assert page.html["lang"] == "cy" and words(page.h1) == f"CY: {question.wording.adult}"
    assert person_part(page)["lang"] == "cy" and page.select_one(".app-beside") is None


def test_the_language_switch_goes_back_to_the_same_page(client, make_org, make_user, sign_in, get_page):
    signed_in(client, make_org, make_user, sign_in)
    page = get_page(client, "/conversations")
    switch = page.select_one("form.app-language-switch")
    assert switch["method"] == "post" and switch.find("input", {"name": "next"})["value"] == "/conversations"
    response = client.post(
        switch["action"], data={"csrf_token": csrf_from(str(switch)), "language": "cy", "next": "/conversations"}
    )
    assert response.headers["Location"] == "/conversations"
    welsh = get_page(client, "/conversations")
    assert welsh.html["lang"] == "cy"
    back = welsh.select_one("form.app-language-switch button")
    assert back["value"] == "en" and back.find(lang="en").get_text() == "English"
    assert client.post("/language", data={"language": "cy", "next": "/conversations"}).status_code == 400, "CSRF"


# Coverage of the bank text: these pass once the translators' catalogues are complete.


def bank_texts(for_person_only: bool) -> list[str]:
    found: list[str] = []
    for path in sorted(BANKS_DIR.glob("*.yaml")):
        for message in bank_messages(path.read_text(encoding="utf-8"), str(path)):
            if (message.for_person or not for_person_only) and message.text not in found:
                found.append(message.text)
    return found


@pytest.mark.parametrize(
    ("language", "for_person_only"), [("cy", False), ("pl", True), ("ur", True)], ids=["cy", "pl", "ur"]
)
def test_every_bank_text_is_translated(language: str, for_person_only: bool) -> None:
    """Welsh: every bank text, the practitioner's guidance included. Polish and Urdu: what the person reads."""
    translations = catalogue(language)
    texts = bank_texts(for_person_only)
    missing = [text for text in texts if text not in translations]
    assert not missing, (
        f"{len(missing)} of {len(texts)} question bank texts have no {LANGUAGE_NAMES[language]} translation in "
        f"translations/{language}/LC_MESSAGES/messages.po (after `make extract`, run "
        "`pybabel update -i translations/messages.pot -d translations`), for example:\n"
        + "\n".join(repr(text) for text in missing[:10])
    )
