"""Calibration: coding the rubric's worked examples blind, the results, and the coordinators' list."""

from __future__ import annotations

import random

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from feedback_app.coding.calibration import EXAMPLES_PER_ATTEMPT
from feedback_app.rubric.calibration import find_example, pick_examples
from feedback_app.extensions import db
from feedback_app.models import AuditEvent, CalibrationAttempt
from feedback_app.vocabulary import OUTCOMES, levels_for
from tests.conftest import check_page, csrf_from

INDEX = "/coding/calibration"


@pytest.fixture
def council(make_org):
    return make_org("Test Council")


@pytest.fixture
def signed_in(app, sign_in):
    def make(user):
        client = app.test_client()
        sign_in(client, user)
        return client

    return make


def _start(client) -> CalibrationAttempt:
    token = csrf_from(client.get(INDEX).get_data(as_text=True))
    response = client.post(f"{INDEX}/start", data={"csrf_token": token})
    assert response.status_code == 302, "starting a calibration should redirect to its examples"
    return db.session.scalars(select(CalibrationAttempt).order_by(CalibrationAttempt.id.desc())).first()


def _submit(client, attempt, levels: dict[int, str]):
    url = f"{INDEX}/{attempt.id}"
    token = csrf_from(client.get(url).get_data(as_text=True))
    return client.post(url, data={f"level-{p}": level for p, level in levels.items()} | {"csrf_token": token})


def _reference(attempt) -> dict[int, str]:
    return {a.position: a.reference_level for a in attempt.answers}


def _wrong(outcome: str, reference: str) -> str:
    return next(level for level in levels_for(outcome) if level != reference)


def test_picking_spreads_examples_across_every_outcome(app):
    rubric = app.extensions["rubric"]
    picked = pick_examples(rubric, EXAMPLES_PER_ATTEMPT, random.Random(7))
    keys = [key for key, _ in picked]
    assert len(set(keys)) == len(keys) == EXAMPLES_PER_ATTEMPT, "12 different examples"
    assert {key.split(":")[0] for key in keys} == set(OUTCOMES), "with 12 examples every outcome appears"
    for key, example in picked:
        assert find_example(rubric, key) is example, f"key {key} does not lead back to its example"
    assert find_example(rubric, "feel_safer:safer:99") is None
    assert find_example(rubric, "nonsense") is None


def test_a_coder_starts_answers_with_the_reference_and_scores_100(
    council, make_user, signed_in, get_page
):
    coder = make_user("coordinator", council)
    client = signed_in(coder)
    page = get_page(client, INDEX)
    assert "You have not calibrated yet." in page.get_text()

    attempt = _start(client)
    assert attempt.coder_id == coder.id and attempt.finished_at is None
    assert len(attempt.answers) == EXAMPLES_PER_ATTEMPT and all(a.level is None for a in attempt.answers)
    page = get_page(client, f"{INDEX}/{attempt.id}")
    assert len(page.find_all("fieldset")) == EXAMPLES_PER_ATTEMPT
    assert page.find("input", {"type": "radio", "checked": True}) is None, "nothing is pre-selected"
    rubric = client.application.extensions["rubric"]
    examples = [(answer.position, find_example(rubric, answer.example_key)) for answer in attempt.answers]
    quotes = [" ".join(quote.get_text().split()) for quote in page.select("blockquote")]
    assert quotes == [example.words for _, example in examples], "each example's words are shown, in order"
    # A short reason such as "About right." can also be a level's label or the start of someone's words.
    for element in page.select("blockquote, label.govuk-radios__label"):
        element.decompose()
    text = " ".join(page.get_text().split())
    assert "Suggested" not in text, "no suggestion is shown"
    for position, example in examples:
        assert example.reason not in text, f"the reference reason of example {position} is shown"

    response = _submit(client, attempt, _reference(attempt))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/{attempt.id}/results")
    db.session.refresh(attempt)
    assert attempt.finished_at is not None
    results = get_page(client, f"{INDEX}/{attempt.id}/results")
    assert results.find(id="calibration-percent").get_text().split()[0] == "100%"
    assert results.find(id="calibration-kappa").get_text().strip() == "1.00"
    assert "Different" not in results.get_text()

    index = get_page(client, INDEX)
    assert "100%" in index.get_text(), "past attempts show their agreement"
    actions = [e.action for e in db.session.scalars(select(AuditEvent))]
    assert {"calibration.start", "calibration.finish", "calibration.view"} <= set(actions)


def test_results_show_each_difference_and_the_rubrics_reason(app, council, make_user, signed_in, get_page):
    coder = make_user("coordinator", council)
    client = signed_in(coder)
    attempt = _start(client)
    levels = _reference(attempt)
    first = attempt.answers[0]
    levels[first.position] = _wrong(first.outcome, first.reference_level)
    _submit(client, attempt, levels)
    results = get_page(client, f"{INDEX}/{attempt.id}/results")
    assert results.find(id="calibration-percent").get_text().split()[0] == "92%", "11 of 12 agree"
    sections = results.find_all("section")
    assert "Different" in sections[0].get_text() and "Same" in sections[1].get_text()
    rubric = app.extensions["rubric"]
    for answer, section in zip(attempt.answers, sections, strict=True):
        example = find_example(rubric, answer.example_key)
        assert example.reason in section.get_text(), f"example {answer.position} lacks the rubric's reason"
        assert example.words in section.get_text()


def test_every_example_must_be_answered_and_the_others_are_kept(council, make_user, signed_in):
    client = signed_in(make_user("coordinator", council))
    attempt = _start(client)
    reference = _reference(attempt)
    given = {p: level for p, level in reference.items() if p % 2 == 0}
    response = _submit(client, attempt, given)
    assert response.status_code == 200
    soup = check_page(response.get_data(as_text=True))
    assert soup.title.get_text().startswith("Error:")
    summary = soup.find(class_="govuk-error-summary")
    assert summary is not None, "an error summary lists what is missing"
    links = [a["href"] for a in summary.find_all("a")]
    assert links == [f"#level-{p}" for p in sorted(reference) if p % 2 == 1]
    assert "Select a level for example 1" in summary.get_text()
    for position, level in given.items():
        choice = soup.find("input", {"name": f"level-{position}", "value": level})
        assert choice.has_attr("checked"), f"the choice for example {position} was lost"
    db.session.refresh(attempt)
    assert attempt.finished_at is None and all(a.level is None for a in attempt.answers), "nothing half-saved"


def test_a_level_from_another_outcome_is_refused(council, make_user, signed_in):
    client = signed_in(make_user("coordinator", council))
    attempt = _start(client)
    levels = _reference(attempt) | {1: "not_a_level"}
    response = _submit(client, attempt, levels)
    assert response.status_code == 200
    assert "Select a level from the list for example 1" in response.get_data(as_text=True)


def test_coordinators_see_each_coders_latest_figure(council, make_org, make_user, signed_in, get_page):
    council.staff_may_code = True
    advocacy = make_org("Test Advocacy", kind="advocacy", councils=[council])
    db.session.commit()
    practitioner = make_user("practitioner", council)
    advocate = make_user("advocate", advocacy)  # advocacy without staff_may_code: not a coder
    coordinator = make_user("coordinator", council)

    client = signed_in(practitioner)
    attempt = _start(client)
    levels = _reference(attempt)
    for answer in attempt.answers[:3]:
        levels[answer.position] = _wrong(answer.outcome, answer.reference_level)
    _submit(client, attempt, levels)
    _start(client)  # an unfinished attempt does not replace the finished one

    page = get_page(signed_in(coordinator), f"{INDEX}/coders")
    rows = {row.th.get_text(strip=True): row.get_text(" ", strip=True) for row in page.tbody.find_all("tr")}
    assert practitioner.name in rows
    assert "75%" in rows[practitioner.name], "9 of 12 agree"
    db.session.refresh(attempt)
    assert attempt.finished_at.strftime("%d/%m/%Y") in rows[practitioner.name]
    assert not any(advocate.email in text for text in rows), "someone who cannot code is not listed"
    assert "Not calibrated" in page.get_text(), "the coordinator has not calibrated"


def test_another_councils_coordinator_does_not_see_the_coder(
    council, make_org, make_user, signed_in, get_page
):
    council.staff_may_code = True
    db.session.commit()
    coder = make_user("practitioner", council, email="coder@example.org")
    elsewhere = make_user("coordinator", make_org("Other Council"))
    page = get_page(signed_in(elsewhere), f"{INDEX}/coders")
    assert "coder@example.org" not in str(page) and "Test Council" not in page.get_text()
    assert coder.id  # the coder exists; they are simply not visible


def test_a_practitioner_who_may_not_code_gets_404(council, make_user, signed_in, get_page, csrf_token):
    client = signed_in(make_user("practitioner", council))
    get_page(client, INDEX, status=404)
    token = csrf_token(client, "/conversations/start")  # a valid token, so only the role check can refuse
    assert client.post(f"{INDEX}/start", data={"csrf_token": token}).status_code == 404
    assert db.session.scalars(select(CalibrationAttempt)).all() == []


def test_coders_list_is_for_coordinators_only(council, make_user, signed_in):
    council.staff_may_code = True
    db.session.commit()
    assert signed_in(make_user("practitioner", council)).get(f"{INDEX}/coders").status_code == 404


def test_nobody_else_can_open_a_coders_attempt(council, make_user, signed_in):
    attempt = _start(signed_in(make_user("coordinator", council)))
    other = signed_in(make_user("coordinator", council))
    assert other.get(f"{INDEX}/{attempt.id}").status_code == 404
    assert other.get(f"{INDEX}/{attempt.id}/results").status_code == 404


def test_a_finished_attempt_cannot_be_answered_again(council, make_user, signed_in):
    client = signed_in(make_user("coordinator", council))
    attempt = _start(client)
    _submit(client, attempt, _reference(attempt))
    response = client.get(f"{INDEX}/{attempt.id}")
    assert response.status_code == 302 and response.headers["Location"].endswith("/results")
    assert BeautifulSoup(client.get(response.headers["Location"]).get_data(as_text=True), "html.parser").h1
