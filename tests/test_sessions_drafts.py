"""Nothing typed is lost when a session times out: the answer comes back as an unsaved draft."""

from __future__ import annotations

import logging

from bs4 import BeautifulSoup
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import Answer, SignInSession
from tests.conftest import TEST_PASSWORD, check_page, csrf_from
from tests.conversation_helpers import start

Q = "/after-the-enquiry/questions/asked_what_wanted"
WORDS = "They asked me what I wanted and it was a relief to be heard about the flat."


def typed_answer(page_html: str) -> dict[str, str]:
    return {"csrf_token": csrf_from(page_html), "answer": "asked_expressed", "words": WORDS, "action": "continue"}


def saved_answers(conversation_path: str) -> list[Answer]:
    return list(db.session.scalars(select(Answer).where(Answer.question_id == "asked_what_wanted")))


def sign_in_again(client, email, location):
    """Sign in from the page the app sent us to, following its ?next= back."""
    page = client.get(location)
    assert page.status_code == 200
    form = BeautifulSoup(page.data, "html.parser").find("form", action=lambda a: a and a.startswith("/sign-in"))
    return page, client.post(form["action"], data={"email": email, "password": TEST_PASSWORD,
                                                   "csrf_token": csrf_from(page.get_data(as_text=True))})


def test_an_answer_sent_after_the_time_out_comes_back_after_signing_in(
    app, client, make_org, make_user, sign_in, auth_clock, caplog
):
    user = make_user("practitioner", make_org("Council"))
    sign_in(client, user)
    conversation = start(client)
    page = client.get(conversation + Q).get_data(as_text=True)

    auth_clock.forward(minutes=31)  # the practitioner listened and typed for a long time
    with caplog.at_level(logging.DEBUG):
        sent = client.post(conversation + Q, data=typed_answer(page))

    assert sent.status_code == 302
    location = sent.headers["Location"]
    assert location.startswith("/sign-in") and "next=" in location
    assert saved_answers(conversation) == [], "nothing is saved by a request from an ended session"
    assert WORDS not in caplog.text, "what was typed must never reach the logs"
    sign_in_page, signed_in = sign_in_again(client, user.email, location)
    notice = " ".join(check_page(sign_in_page.get_data(as_text=True)).get_text().split())
    assert "had not done anything for 30 minutes" in notice and "What you typed is kept" in notice

    assert signed_in.status_code == 302 and signed_in.headers["Location"].endswith(conversation + Q)
    back = check_page(client.get(signed_in.headers["Location"]).get_data(as_text=True))
    assert back.select_one("#words").get_text() == WORDS
    assert back.select_one("input[name=answer][value=asked_expressed]").has_attr("checked")
    banner = " ".join(back.select_one(".govuk-notification-banner").get_text().split())
    assert "Not saved yet" in banner and "check it, then save it" in banner
    assert saved_answers(conversation) == [], "the draft is shown to check, not saved behind their back"

    again = client.get(conversation + Q).get_data(as_text=True)
    assert WORDS not in again, "the draft is handed back once"
    saved = client.post(conversation + Q, data=typed_answer(back.decode()))
    assert saved.status_code == 302
    assert [a.words for a in saved_answers(conversation)] == [WORDS]


def test_the_draft_is_not_handed_to_someone_else_who_signs_in(
    app, client, make_org, make_user, sign_in, auth_clock
):
    council = make_org("Council")
    user, colleague = make_user("practitioner", council), make_user("practitioner", council)
    sign_in(client, user)
    conversation = start(client)
    page = client.get(conversation + Q).get_data(as_text=True)
    auth_clock.forward(minutes=31)
    sent = client.post(conversation + Q, data=typed_answer(page))

    _, signed_in = sign_in_again(client, colleague.email, sent.headers["Location"])

    assert signed_in.status_code == 302
    assert WORDS not in client.get(conversation + Q).get_data(as_text=True)
    rows = db.session.scalars(select(SignInSession.data)).all()
    assert not any(WORDS in row for row in rows), "the other person's words are dropped at sign-in"


def test_an_out_of_date_page_while_signed_in_keeps_the_words_too(app, client, make_org, make_user, sign_in):
    user = make_user("practitioner", make_org("Council"))
    sign_in(client, user)
    conversation = start(client)
    data = typed_answer(client.get(conversation + Q).get_data(as_text=True)) | {"csrf_token": "out-of-date"}

    refused = client.post(conversation + Q, data=data)

    assert refused.status_code == 400
    link = check_page(refused.get_data(as_text=True)).find("a", string=lambda s: s and "Go back to the question" in s)
    assert link is not None
    back = check_page(client.get(link["href"]).get_data(as_text=True))
    assert back.select_one("#words").get_text() == WORDS
    assert saved_answers(conversation) == []


def test_an_empty_page_sent_after_the_time_out_keeps_nothing(app, client, make_org, make_user, sign_in, auth_clock):
    user = make_user("practitioner", make_org("Council"))
    sign_in(client, user)
    conversation = start(client)
    page = client.get(conversation + Q).get_data(as_text=True)
    auth_clock.forward(minutes=31)
    sent = client.post(conversation + Q, data={"csrf_token": csrf_from(page), "action": "continue"})
    assert sent.status_code == 302 and sent.headers["Location"].startswith("/sign-in")
    notice = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "What you typed is kept" not in notice
