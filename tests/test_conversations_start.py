"""Starting a conversation: the case, who answers, agreement, and the 8-week warning."""

from __future__ import annotations

import datetime as dt

from bs4 import BeautifulSoup
from sqlalchemy import func, select

from feedback_app.extensions import db
from feedback_app.models import Agreement, Conversation
from tests.conftest import csrf_from
from tests.conversation_helpers import START_URL, start, start_form


def _council_with_practitioner(make_org, make_user, sign_in, client):
    council = make_org("Test Council")
    user = make_user("practitioner", council)
    sign_in(client, user)
    return council, user


def test_start_records_the_case_and_agreement_and_goes_to_the_first_question(client, make_org, make_user, sign_in):
    council, user = _council_with_practitioner(make_org, make_user, sign_in, client)
    url = start(client, respondent_type="representative", representative_relationship="imca", others_present=["interpreter"])
    conversation = db.session.scalar(select(Conversation))
    assert url.endswith(str(conversation.id))
    assert (conversation.respondent_type, conversation.representative_relationship) == ("representative", "imca")
    assert conversation.others_present == ["interpreter"]
    assert conversation.council_id == council.id and conversation.status == "in_progress"
    assert conversation.bank_id == "after-the-enquiry" and conversation.bank_version >= 1
    agreement = db.session.scalar(select(Agreement))
    assert agreement.agreed and agreement.recorded_by_id == user.id
    first = client.get(f"{url}/resume").headers["Location"]
    assert first.endswith("/after-the-enquiry/questions/asked_what_wanted")


def test_pressing_start_twice_makes_one_conversation(client, make_org, make_user, sign_in):
    _council_with_practitioner(make_org, make_user, sign_in, client)
    page = client.get(START_URL).get_data(as_text=True)
    token = BeautifulSoup(page, "html.parser").find("input", {"name": "start_token"})["value"]
    data = start_form() | {"csrf_token": csrf_from(page), "start_token": token}
    first = client.post(START_URL, data=data)
    second = client.post(START_URL, data=data)
    assert first.status_code == second.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Conversation)) == 1


def test_errors_keep_everything_entered_and_link_from_the_summary(client, make_org, make_user, sign_in, get_page):
    _council_with_practitioner(make_org, make_user, sign_in, client)
    page = client.get(START_URL).get_data(as_text=True)
    data = start_form(case_reference="REF 12", respondent_type="representative", agreed=None)
    response = client.post(START_URL, data=data | {"csrf_token": csrf_from(page)})
    assert response.status_code == 200
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.title.get_text().startswith("Error:")
    summary = [link.get_text(strip=True) for link in soup.select(".govuk-error-summary a")]
    assert summary == ["Select how the representative knows the person", "Select if the person agrees to take part"]
    assert soup.find("input", {"name": "case_reference"})["value"] == "REF 12"
    assert soup.find("input", {"name": "respondent_type", "value": "representative"}).has_attr("checked")
    assert db.session.scalar(select(func.count()).select_from(Conversation)) == 0


def test_a_date_in_the_future_is_refused(client, make_org, make_user, sign_in):
    _council_with_practitioner(make_org, make_user, sign_in, client)
    page = client.get(START_URL).get_data(as_text=True)
    data = start_form(concluded=dt.date.today() + dt.timedelta(days=2))
    response = client.post(START_URL, data=data | {"csrf_token": csrf_from(page)})
    assert "Date the enquiry ended must be today or in the past" in response.get_data(as_text=True)


def test_independent_conversation_after_8_weeks_warns_then_starts_marked_late(client, make_org, make_user, sign_in):
    council = make_org("Test Council")
    advocacy = make_org("Test Advocacy", kind="advocacy", councils=[council])
    sign_in(client, make_user("advocate", advocacy))
    page = client.get(START_URL).get_data(as_text=True)
    token = BeautifulSoup(page, "html.parser").find("input", {"name": "start_token"})["value"]
    late = dt.date.today() - dt.timedelta(weeks=10)
    data = start_form(method="independent", concluded=late) | {"csrf_token": csrf_from(page), "start_token": token}
    warned = client.post(START_URL, data=data)
    assert warned.status_code == 200
    soup = BeautifulSoup(warned.get_data(as_text=True), "html.parser")
    assert "more than 8 weeks ago" in soup.select_one(".govuk-warning-text").get_text()
    assert db.session.scalar(select(func.count()).select_from(Conversation)) == 0
    confirmed = client.post(START_URL, data=data | {"late_confirmed": "yes"})
    assert confirmed.status_code == 302
    overview = client.get(confirmed.headers["Location"].replace("/resume", "")).get_data(as_text=True)
    assert "more than 8 weeks after the enquiry ended" in overview


def test_declining_records_a_conversation_with_no_questions(client, make_org, make_user, sign_in):
    _council_with_practitioner(make_org, make_user, sign_in, client)
    url = start(client, agreed="no")
    conversation = db.session.scalar(select(Conversation))
    assert conversation.status == "declined" and conversation.agreement.agreed is False
    assert client.get(f"{url}/resume").headers["Location"].endswith(url)
