"""The conversation runner: one question per page, saved at every step, nothing typed lost."""

from __future__ import annotations

from bs4 import BeautifulSoup
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import Answer, AnswerRevision, Conversation
from tests.conftest import csrf_from
from tests.conversation_helpers import answer, current_question_url, question_page, start

Q = "/after-the-enquiry/questions/"


def _signed_in_practitioner(make_org, make_user, sign_in, client):
    council = make_org("Test Council")
    user = make_user("practitioner", council)
    sign_in(client, user)
    return user


def _saved() -> dict[str, Answer]:
    return {a.question_id: a for a in db.session.scalars(select(Answer))}


def test_each_step_is_saved_with_bank_version_and_respondent(client, make_org, make_user, sign_in):
    _signed_in_practitioner(make_org, make_user, sign_in, client)
    conversation = start(client, respondent_type="representative", representative_relationship="family")
    response = answer(client, conversation + Q + "asked_what_wanted", answer="asked_expressed", words="They asked me straight away.")
    assert response.headers["Location"].endswith(Q + "what_wanted")
    saved = _saved()["asked_what_wanted"]
    assert (saved.status, saved.value, saved.words) == ("answered", "asked_expressed", "They asked me straight away.")
    assert (saved.bank_id, saved.bank_version, saved.respondent_type) == ("after-the-enquiry", 2, "representative")


def test_the_representative_wording_is_used(client, make_org, make_user, sign_in):
    _signed_in_practitioner(make_org, make_user, sign_in, client)
    conversation = start(client, respondent_type="representative", representative_relationship="carer")
    heading = question_page(client, conversation + Q + "asked_what_wanted").h1.get_text()
    assert "the person you support" in heading or "your family member" in heading


def test_words_survive_a_validation_error_and_the_error_pattern_is_followed(client, make_org, make_user, sign_in):
    _signed_in_practitioner(make_org, make_user, sign_in, client)
    conversation = start(client)
    response = answer(client, conversation + Q + "asked_what_wanted", words="I said I wanted him to stop.\nThat's all.")
    assert response.status_code == 200
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.title.get_text().startswith("Error:")
    assert soup.find("textarea", {"name": "words"}).get_text() == "I said I wanted him to stop.\nThat's all."
    link = soup.select_one(".govuk-error-summary a")
    assert link["href"] == "#answer" and soup.find(id="answer") is not None
    assert _saved() == {}


def test_skip_conditions_from_the_bank_are_followed(client, make_org, make_user, sign_in):
    _signed_in_practitioner(make_org, make_user, sign_in, client)
    conversation = start(client)
    response = answer(client, conversation + Q + "asked_what_wanted", answer="not_asked")
    assert response.headers["Location"].endswith(Q + "feel_safer")
    caption = question_page(client, conversation + Q + "feel_safer").select_one(".govuk-caption-l").get_text()
    assert caption == "Question 2 of 9"


def test_skip_and_rather_not_say_are_different_answers(client, make_org, make_user, sign_in):
    _signed_in_practitioner(make_org, make_user, sign_in, client)
    conversation = start(client)
    answer(client, conversation + Q + "asked_what_wanted", answer="asked_expressed")
    answer(client, conversation + Q + "what_wanted", action="skip", words="Something about the bank")
    answer(client, conversation + Q + "wanted_happened", action="rather_not_say")
    saved = _saved()
    assert (saved["what_wanted"].status, saved["what_wanted"].words) == ("skipped", "Something about the bank")
    assert saved["wanted_happened"].status == "rather_not_say" and saved["wanted_happened"].value is None


def test_a_required_question_offers_no_skip(client, make_org, make_user, sign_in):
    _signed_in_practitioner(make_org, make_user, sign_in, client)
    conversation = start(client)
    page = question_page(client, conversation + Q + "asked_what_wanted")
    actions = {button["value"] for button in page.find_all("button", {"name": "action"})}
    assert "skip" not in actions and "rather_not_say" in actions
    response = answer(client, conversation + Q + "asked_what_wanted", action="skip")
    assert response.status_code == 200 and _saved() == {}


def test_pause_keeps_what_was_typed_and_resume_goes_to_the_first_unanswered(client, make_org, make_user, sign_in, app):
    user = _signed_in_practitioner(make_org, make_user, sign_in, client)
    conversation = start(client)
    answer(client, conversation + Q + "asked_what_wanted", answer="not_asked")
    response = answer(client, conversation + Q + "feel_safer", action="pause", words="Half way through saying")
    assert response.status_code == 302 and "banner=paused" in response.headers["Location"]
    assert db.session.scalar(select(Conversation)).status == "paused"
    # A second device: a new client signed in as the same person.
    other_device = app.test_client()
    sign_in(other_device, user)
    resumed = current_question_url(other_device, conversation)
    assert resumed.endswith(Q + "feel_safer")
    page = question_page(other_device, resumed)
    assert page.find("textarea", {"name": "words"}).get_text() == "Half way through saying"


def test_read_back_change_keeps_history_and_finish_twice_finishes_once(client, make_org, make_user, sign_in, app):
    user = _signed_in_practitioner(make_org, make_user, sign_in, client)
    conversation = start(client)
    answer(client, conversation + Q + "asked_what_wanted", answer="not_asked")
    for question_id in ("feel_safer", "listened_to", "understood", "had_a_say", "respected", "worked_together", "right_amount"):
        answer(client, conversation + Q + question_id, answer=_first_option(client, conversation + Q + question_id))
    response = answer(client, conversation + Q + "anything_else", words="Thank you for asking me.")
    check_url = response.headers["Location"]
    assert check_url.endswith("/after-the-enquiry/check")
    check = question_page(client, check_url)
    assert check.h1.get_text() == "This is what I have written down. Is it right?"
    assert "“Thank you for asking me.”" in check.get_text()

    change = conversation + Q + "feel_safer?return_to=check"
    back = answer(client, change, answer="no_safer", words="Actually it is the same.")
    assert back.headers["Location"].endswith("/after-the-enquiry/check")
    history = db.session.scalars(
        select(AnswerRevision).join(Answer).where(Answer.question_id == "feel_safer").order_by(AnswerRevision.id)
    ).all()
    assert [revision.value for revision in history] == ["less_safe", "no_safer"]  # the scale runs sad to happy

    # Two tablets press Finish with the same page open.
    second_tablet = app.test_client()
    sign_in(second_tablet, user)
    token_one = csrf_from(client.get(check_url).get_data(as_text=True))
    token_two = csrf_from(second_tablet.get(check_url).get_data(as_text=True))
    first = client.post(conversation + "/finish", data={"csrf_token": token_one})
    second = second_tablet.post(conversation + "/finish", data={"csrf_token": token_two})
    assert "banner=finished" in first.headers["Location"]
    assert "banner=finished" not in second.headers["Location"]
    finished = db.session.scalar(select(Conversation))
    assert finished.status == "finished" and finished.finished_at is not None
    # A finished conversation can no longer be changed.
    assert client.get(conversation + Q + "feel_safer").status_code == 302


def test_finish_refuses_while_a_required_question_needs_an_answer(client, make_org, make_user, sign_in):
    _signed_in_practitioner(make_org, make_user, sign_in, client)
    conversation = start(client)
    answer(client, conversation + Q + "asked_what_wanted", action="pause", words="Not sure yet")
    check_url = conversation + "/after-the-enquiry/check"
    token = csrf_from(client.get(check_url).get_data(as_text=True))
    response = client.post(conversation + "/finish", data={"csrf_token": token})
    assert response.headers["Location"].endswith("check?missing=1")
    page = question_page(client, response.headers["Location"])
    assert page.select_one(".govuk-error-summary") is not None
    assert db.session.scalar(select(Conversation)).status != "finished"


def test_handing_the_tablet_over_hides_guidance_and_case_details(client, make_org, make_user, sign_in):
    _signed_in_practitioner(make_org, make_user, sign_in, client)
    conversation = start(client, case_reference="SECRET-REF-9")
    url = conversation + Q + "asked_what_wanted"
    before = question_page(client, url)
    assert before.find("details") is not None and "SECRET-REF-9" in before.get_text()
    token = csrf_from(client.get(url).get_data(as_text=True))
    client.post(conversation + "/hand-over", data={"csrf_token": token, "handed_over": "yes"})
    during = question_page(client, url)
    text = during.get_text()
    assert during.find("details") is None and "SECRET-REF-9" not in text
    assert "Raise a new concern" not in text and "Give the tablet back" in text
    assert during.select_one(".govuk-back-link") is None, "the first question must not lead back to case details"
    assert client.get(conversation).headers["Location"].endswith("/resume"), "the overview must not show while handed over"
    token = csrf_from(client.get(url).get_data(as_text=True))
    client.post(conversation + "/hand-over", data={"csrf_token": token, "handed_over": "no"})
    assert "Raise a new concern" in question_page(client, url).get_text()


def test_raising_a_new_concern_is_kept_apart_and_says_what_to_do(client, make_org, make_user, sign_in):
    _signed_in_practitioner(make_org, make_user, sign_in, client)
    conversation = start(client)
    token = csrf_from(client.get(conversation + "/new-concern").get_data(as_text=True))
    response = client.post(conversation + "/new-concern", data={"csrf_token": token, "note": "Mentions a new carer taking money"})
    page = question_page(client, response.headers["Location"])
    assert "call 999" in page.get_text()
    assert _saved() == {}, "a concern must never become a feedback answer"


def test_stopping_can_delete_what_was_said(client, make_org, make_user, sign_in):
    _signed_in_practitioner(make_org, make_user, sign_in, client)
    conversation = start(client)
    answer(client, conversation + Q + "asked_what_wanted", answer="not_asked", words="No one asked")
    token = csrf_from(client.get(conversation + "/stop").get_data(as_text=True))
    client.post(conversation + "/stop", data={"csrf_token": token, "keep_answers": "no"})
    stopped = db.session.scalar(select(Conversation))
    assert stopped.status == "withdrawn" and stopped.agreement.keep_answers is False
    assert _saved() == {}


def _first_option(client, url: str) -> str:
    return question_page(client, url).find("input", {"name": "answer"})["value"]
