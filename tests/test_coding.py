"""Coding in the app: the queue, suggestions, blind double coding and adjudication."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import Adjudication, AuditEvent, Coding, Conversation
from feedback_app.vocabulary import OUTCOME_LEVELS, OUTCOMES
from tests.coding_helpers import finished_conversation
from tests.conftest import csrf_from
from tests.conversation_helpers import answer, start


@pytest.fixture
def council(make_org):
    return make_org("Test Council")


@pytest.fixture
def coordinators(app, council, make_user, sign_in):
    clients = []
    for _ in range(2):
        user = make_user("coordinator", council)
        client = app.test_client()
        sign_in(client, user)
        clients.append((user, client))
    return clients


def _levels(change: dict[str, str] | None = None) -> dict[str, str]:
    chosen = {f"level-{o}": OUTCOME_LEVELS[o][0] for o in OUTCOMES}
    return chosen | {f"level-{o}": level for o, level in (change or {}).items()}


def _post_coding(client, conversation, data):
    url = f"/coding/{conversation.id}/code"
    token = csrf_from(client.get(url).get_data(as_text=True))
    return client.post(url, data=data | {"csrf_token": token, "action": "save"})


def test_coding_records_coder_rubric_and_how_the_suggestion_was_used(coordinators, get_page):
    (coder, client), _ = coordinators
    conversation = finished_conversation(coder)
    page = get_page(client, f"/coding/{conversation.id}/code")
    assert "Suggested:" in page.get_text()
    assert page.find("mark") is not None, "the evidence for a suggestion is highlighted"
    response = _post_coding(client, conversation, _levels() | {"reason-feel_safer": "Locks changed"})
    assert response.status_code == 302
    codings = {c.outcome: c for c in db.session.scalars(select(Coding))}
    assert set(codings) == set(OUTCOMES)
    feel = codings["feel_safer"]
    assert (feel.coder_id, feel.round, feel.level, feel.reason) == (coder.id, 1, "safer", "Locks changed")
    assert feel.rubric_id and feel.rubric_version >= 1
    assert feel.suggestion_use in ("accepted", "changed") and feel.suggested_level is not None
    assert all((c.suggestion_use == "accepted") == (c.level == c.suggested_level) for c in codings.values())


def test_a_bad_level_keeps_the_other_choices(coordinators):
    (coder, client), _ = coordinators
    conversation = finished_conversation(coder)
    response = _post_coding(client, conversation, _levels() | {"level-feel_safer": "very_safe", "reason-respected": "kind"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.title.get_text().startswith("Error:")
    assert soup.find("input", {"name": "level-listened_to", "value": "yes"}).has_attr("checked")
    assert soup.find("textarea", {"name": "reason-respected"}).get_text() == "kind"
    assert db.session.scalars(select(Coding)).all() == [], "a failed save never half-saves"


def test_accepting_suggestions_at_once_is_recorded_as_such(coordinators):
    (coder, client), _ = coordinators
    conversation = finished_conversation(coder)
    url = f"/coding/{conversation.id}/code"
    token = csrf_from(client.get(url).get_data(as_text=True))
    client.post(url, data={"csrf_token": token, "action": "confirm_suggestions"})
    codings = db.session.scalars(select(Coding)).all()
    assert codings, "the test conversation should have some high-confidence suggestions"
    assert {c.suggestion_use for c in codings} == {"accepted_in_bulk"}
    assert all(c.level == c.suggested_level and c.suggested_confidence >= 0.8 for c in codings)


def test_blind_second_coding_then_adjudication(coordinators, get_page):
    (first, first_client), (second, second_client) = coordinators
    conversation = finished_conversation(first, double_coded=True)
    _post_coding(first_client, conversation, _levels() | {"reason-feel_safer": "FIRST CODER REASON"})
    # The first coder cannot be the second coder.
    assert first_client.get(f"/coding/{conversation.id}/code").status_code == 302

    blind = get_page(second_client, f"/coding/{conversation.id}/code")
    text = blind.get_text()
    assert "Second coding" in text and "Suggested:" not in text and "FIRST CODER REASON" not in text
    assert blind.find("input", checked=True) is None, "nothing is pre-selected for the blind coder"
    _post_coding(second_client, conversation, _levels({"feel_safer": "a_bit_safer"}))
    second_codings = db.session.scalars(select(Coding).where(Coding.round == 2)).all()
    assert {c.suggestion_use for c in second_codings} == {"not_shown"}
    assert all(c.suggested_level is None for c in second_codings)

    decide = get_page(first_client, f"/coding/{conversation.id}/decide")
    assert "FIRST CODER REASON" in decide.get_text()
    assert [s["id"] for s in decide.select("section h2")] == ["heading-feel_safer"]
    token = csrf_from(first_client.get(f"/coding/{conversation.id}/decide").get_data(as_text=True))
    first_client.post(f"/coding/{conversation.id}/decide", data={"csrf_token": token, "level-feel_safer": "safer"})
    decided = db.session.scalar(select(Adjudication))
    assert (decided.outcome, decided.level, decided.adjudicator_id) == ("feel_safer", "safer", first.id)
    assert "Coded" in get_page(first_client, f"/coding/{conversation.id}").get_text()
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"coding.view", "coding.save", "coding.adjudicate"} <= actions


@pytest.mark.parametrize("share, expected", [(100, True), (0, False)])
def test_finish_picks_double_coding_by_the_councils_share(app, council, make_user, sign_in, share, expected):
    council.double_coding_percent = share
    db.session.commit()
    client = app.test_client()
    sign_in(client, make_user("practitioner", council))
    path = start(client)
    questions = path + "/after-the-enquiry/questions/"
    answer(client, questions + "asked_what_wanted", answer="not_asked")
    for question_id in ("feel_safer", "listened_to", "understood", "had_a_say", "respected", "worked_together", "right_amount"):
        page = BeautifulSoup(client.get(questions + question_id).get_data(as_text=True), "html.parser")
        answer(client, questions + question_id, answer=page.find("input", {"name": "answer"})["value"])
    answer(client, questions + "anything_else")
    token = csrf_from(client.get(path + "/after-the-enquiry/check").get_data(as_text=True))
    client.post(path + "/finish", data={"csrf_token": token})
    finished = db.session.scalar(select(Conversation))
    assert finished.status == "finished" and finished.double_coded is expected


def test_who_may_code(app, council, make_org, make_user, sign_in):
    practitioner = make_user("practitioner", council)
    client = app.test_client()
    sign_in(client, practitioner)
    assert client.get("/coding").status_code == 404
    council.staff_may_code = True
    db.session.commit()
    assert client.get("/coding").status_code == 200

    other_coordinator = make_user("coordinator", make_org("Other Council"))
    conversation = finished_conversation(practitioner)
    other = app.test_client()
    sign_in(other, other_coordinator)
    assert other.get(f"/coding/{conversation.id}/code").status_code == 404
    assert other.get(f"/coding/{conversation.id}/decide").status_code == 404


def test_queue_tabs_count_conversations(coordinators, get_page):
    (coder, client), _ = coordinators
    finished_conversation(coder, reference="A-1")
    finished_conversation(coder, reference="A-2", double_coded=True)
    page = get_page(client, "/coding")
    assert "To code (2)" in page.get_text()
    assert sorted(a.get_text() for a in page.select("tbody a")) == ["A-1", "A-2"]


def test_saving_again_keeps_codings_that_did_not_change(coordinators):
    (coder, client), _ = coordinators
    conversation = finished_conversation(coder)
    url = f"/coding/{conversation.id}/code"
    token = csrf_from(client.get(url).get_data(as_text=True))
    client.post(url, data={"csrf_token": token, "action": "confirm_suggestions"})
    bulk = {c.outcome: c.level for c in db.session.scalars(select(Coding))}
    assert bulk
    # The page comes back with the bulk-accepted levels chosen; saving it again changes none of them.
    _post_coding(client, conversation, {f"level-{o}": level for o, level in bulk.items()})
    assert {c.suggestion_use for c in db.session.scalars(select(Coding))} == {"accepted_in_bulk"}
