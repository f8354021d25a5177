"""`flask demo load`: the demo organisations, people and conversations, their answers and codings."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from flask import current_app
from sqlalchemy import select

from feedback_app.demo.data import (
    DEMO_COUNCIL,
    OTHER_COUNCIL,
    PASSWORD,
    PEOPLE,
    DemoCounts,
    DemoDataClash,
    demo_counts,
    financial_year_start,
    load_demo,
)
from feedback_app.coding.state import AWAITING_ADJUDICATION, AWAITING_SECOND, FINAL, TO_CODE
from feedback_app.data.coding import state_of
from feedback_app.extensions import db
from feedback_app.data import organisations
from feedback_app.models import Answer, Base, Coding, Conversation, Organisation, Team, User
from feedback_app.privacy import audit_guard
from feedback_app.question_banks import routing
from feedback_app.vocabulary import INDEPENDENT_WINDOW_DAYS, OUTCOMES, levels_for
from tests.worlds import World, build_world

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo_world(database_url: str) -> World:
    """The demo loaded once per worker and backend (a load takes seconds)."""
    return build_world(database_url, lambda app: load_demo(TODAY))


@pytest.fixture
def demo(app, demo_world: World) -> None:
    """The demo as `load_demo(TODAY)` left it, in this test's database."""
    assert demo_world.put_back() is True, "the demo did not load"


def council_conversations(name: str) -> list[Conversation]:
    council = db.session.scalar(select(Organisation).where(Organisation.name == name))
    assert council is not None, f"the demo has no organisation called {name}"
    return list(db.session.scalars(select(Conversation).where(Conversation.council_id == council.id)))


def finished(name: str = DEMO_COUNCIL) -> list[Conversation]:
    return [c for c in council_conversations(name) if c.status == "finished"]


def snapshot() -> list[tuple]:
    """Everything loaded that a person would notice, without the random ids."""
    rows = []
    # Case references are encrypted, so the database cannot sort them: sort here.
    for conversation in sorted(db.session.scalars(select(Conversation)), key=lambda c: c.case_reference):
        answers = [(a.bank_id, a.question_id, a.status, a.value, a.words) for a in conversation.answers]
        codings = sorted(
            (c.outcome, c.round, c.level, c.reason, c.coder.email, c.coded_at, c.suggestion_use)
            for c in conversation.codings
        )
        decided = sorted((a.outcome, a.level, a.reason, a.decided_at) for a in conversation.adjudications)
        team = conversation.team_id and db.session.get(Team, conversation.team_id).name
        rows.append(
            (conversation.case_reference, conversation.status, conversation.started_at, answers)
            + (conversation.double_coded, codings, decided, team)
        )
    return rows


@pytest.mark.parametrize("today", [TODAY, dt.date(2027, 4, 2), dt.date(2026, 3, 31)])
def test_loads_about_fifty_finished_demo_council_conversations_over_two_financial_years(app, today):
    assert load_demo(today) is True

    conversations = finished()
    assert 40 <= len(conversations) <= 55, f"expected about 50 finished, got {len(conversations)}"
    this_year = financial_year_start(today)
    years = {financial_year_start(c.enquiry_concluded_on) for c in conversations}
    last_year = this_year.replace(year=this_year.year - 1)
    assert years == {last_year, this_year}, f"conversations fall in the financial years from {sorted(years)}"
    dated = [c.started_at.date() for c in council_conversations(DEMO_COUNCIL)]
    assert max(dated) < today, "a conversation is dated today or later"
    assert demo_counts().conversations == 58


def test_demo_council_conversations_have_the_planned_mix(app, demo):
    conversations = council_conversations(DEMO_COUNCIL)
    done = [c for c in conversations if c.status == "finished"]

    statuses = [c.status for c in conversations]
    assert statuses.count("declined") >= 2 and statuses.count("withdrawn") >= 1
    unfinished = sorted(s for s in statuses if s in ("in_progress", "paused"))
    assert unfinished == ["in_progress", "in_progress", "paused"]
    assert all(not c.answers for c in conversations if c.status == "declined"), "a declined one has answers"

    independent = [c for c in done if c.method == "independent"]
    assert independent and all(c.organisation.name == "Demo Advocacy" for c in independent)
    assert all(c.organisation.name == DEMO_COUNCIL for c in done if c.method == "enquiry_lead")
    late = [c for c in independent if c.days_after_conclusion > INDEPENDENT_WINDOW_DAYS]
    assert 1 <= len(late) <= 3, f"{len(late)} independent conversations are past 8 weeks"
    assert all(0 <= c.days_after_conclusion <= 7 for c in done if c.method == "enquiry_lead")

    representatives = [c for c in done if c.respondent_type == "representative"]
    assert 0.25 <= len(representatives) / len(done) <= 0.55
    assert all(c.representative_relationship for c in representatives)
    assert any(c.format == "easy_read" for c in done) and any(c.language == "cy" for c in done)
    assert len(council_conversations(OTHER_COUNCIL)) == 5

    references = [c.case_reference for c in conversations]
    assert len(set(references)) == len(references), "case references repeat"
    assert all(ref.startswith("DC-") and len(ref) == len("DC-2025-0142") for ref in references)


def test_demo_council_conversations_are_spread_over_its_teams(app, demo):
    council = organisations.find_by_name(DEMO_COUNCIL)
    teams = {team.id: team.name for team in organisations.teams_of(council)}
    assert sorted(teams.values()) == ["Hospital team", "North locality", "South locality"]
    done = finished()
    by_team = Counter(teams.get(c.team_id) for c in done if c.method == "enquiry_lead")
    assert None not in by_team, "an enquiry-lead conversation has no team, or another council's"
    assert all(by_team[name] >= 3 for name in teams.values()), f"finished conversations by team: {by_team}"
    assert all(c.team_id is None for c in done if c.method == "independent"), "the advocate is in no team"
    practitioner = db.session.scalar(select(User).where(User.email == "practitioner@demo.example"))
    assert teams[practitioner.team_id] == "North locality"
    [other_team] = organisations.teams_of(organisations.find_by_name(OTHER_COUNCIL))
    assert all(c.team_id == other_team.id for c in council_conversations(OTHER_COUNCIL))


def test_second_load_changes_nothing(app):
    assert load_demo(TODAY) is True
    before = (demo_counts(), snapshot())

    assert load_demo(TODAY) is False
    assert (demo_counts(), snapshot()) == before


def test_the_same_data_every_time(app, demo):
    first = snapshot()
    with audit_guard.lifted(db.session.connection()):  # the audit trail is append-only outside tests
        for table in reversed(Base.metadata.sorted_tables):
            db.session.execute(table.delete())
    db.session.commit()

    load_demo(TODAY)
    assert snapshot() == first


def test_every_finished_conversation_follows_the_skip_rules(app, demo):
    banks = current_app.extensions["question_banks"]
    with_case_details = 0
    for conversation in finished(DEMO_COUNCIL) + finished(OTHER_COUNCIL):
        for bank_id in {conversation.bank_id, "case-details"}:
            bank = banks[bank_id]
            answers = {a.question_id: a for a in conversation.answers if a.bank_id == bank_id}
            if bank_id != conversation.bank_id and not answers:
                continue  # case details are recorded for most conversations, not all
            with_case_details += bank_id == "case-details"
            values = {question_id: answer.value for question_id, answer in answers.items()}
            applicable = [q.id for q in routing.applicable_questions(bank, values)]
            assert sorted(answers) == sorted(applicable), (
                f"{conversation.case_reference} {bank_id}: answered {sorted(answers)}, "
                f"but the skip rules give {sorted(applicable)}"
            )
    assert with_case_details >= 30, f"only {with_case_details} conversations have case details"


def test_answers_record_bank_id_version_and_who_answered(app, demo):
    banks = current_app.extensions["question_banks"]
    answers = list(db.session.scalars(select(Answer)))
    assert answers
    for answer in answers:
        assert answer.bank_id in banks and answer.bank_version == banks[answer.bank_id].version
        conversation = answer.conversation
        by_practitioner = banks[answer.bank_id].audience == "practitioner"
        expected = "practitioner" if by_practitioner else conversation.respondent_type
        assert answer.respondent_type == expected
        assert answer.revisions and answer.revisions[-1].value == answer.value
    statuses = {answer.status for answer in answers}
    assert {"answered", "skipped", "rather_not_say"} <= statuses


def test_answers_hang_together_with_words_and_case_details(app, demo):
    words_given = []
    for conversation in finished():
        answers = {(a.bank_id, a.question_id): a for a in conversation.answers}
        words_given += [a.words for a in conversation.answers if a.words]
        feeling = answers.get(("after-the-enquiry", "feel_safer"))
        risk = answers.get(("case-details", "risk_outcome"))
        if feeling and risk and feeling.value == "less_safe":
            assert risk.value == "risk_remained", f"{conversation.case_reference}: less safe but {risk.value}"
        if conversation.respondent_type == "representative":
            said = " ".join(a.words for a in conversation.answers)
            assert "%(" not in said, f"{conversation.case_reference}: a placeholder was left in {said!r}"
    assert len(set(words_given)) >= 100, "too few different things said"


def test_timestamps_follow_the_conversation_date(app, demo):
    for conversation in finished():
        assert conversation.started_at < conversation.finished_at <= conversation.updated_at
        for answer in conversation.answers:
            assert conversation.started_at <= answer.answered_at <= conversation.finished_at
        assert conversation.agreement.recorded_at == conversation.started_at


def test_cli_loads_once_and_prints_the_sign_ins(app):
    runner = app.test_cli_runner()

    result = runner.invoke(args=["demo", "load", "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert "Loaded demo data: 3 organisations, 7 people, 58 conversations" in result.output
    lines = result.output.splitlines()
    for person in PEOPLE:
        shown = [line.split() for line in lines if person.email in line.split()]
        expected = [person.role, person.email, "/", PASSWORD]
        assert shown and shown[0][:4] == expected, f"no sign-in line for {person.email}"
        assert f"({person.name}, {person.organisation})" in " ".join(shown[0]), f"{person.email} lacks a name"

    again = runner.invoke(args=["demo", "load"])
    assert again.exit_code == 0, again.output
    assert "Demo data is already loaded" in again.output
    assert demo_counts().conversations == 58


def test_cli_refuses_in_production(app):
    app.config["APP_ENV"] = "production"
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code != 0
    assert "known password" in result.output
    assert demo_counts().organisations == 0


def test_refuses_to_load_over_clashing_names_and_changes_nothing(app, make_org):
    make_org(OTHER_COUNCIL, "council")
    with pytest.raises(DemoDataClash, match=OTHER_COUNCIL):
        load_demo(TODAY)
    assert demo_counts() == DemoCounts(organisations=1, people=0, conversations=0)


def coding_states(name: str = DEMO_COUNCIL) -> dict[str, list[Conversation]]:
    states: dict[str, list[Conversation]] = {}
    for conversation in finished(name):
        states.setdefault(state_of(conversation).status, []).append(conversation)
    return states


def test_most_demo_council_conversations_are_coded_and_a_fifth_double_coded(app, demo):
    done = finished()
    states = coding_states()
    double = [c for c in done if c.double_coded]
    adjudicated = [c for c in done if c.adjudications]
    waiting = states.get(AWAITING_ADJUDICATION, [])
    counts = {state: len(conversations) for state, conversations in states.items()}

    assert 0.05 <= len(states.get(TO_CODE, [])) / len(done) <= 0.25, f"uncoded share is off: {counts}"
    assert len(states.get(FINAL, [])) > 0, f"nothing is fully coded: {counts}"
    assert 0.15 <= len(double) / len(done) <= 0.25, f"{len(double)} of {len(done)} are double-coded"
    assert 1 <= len(states.get(AWAITING_SECOND, [])) <= 2, f"awaiting the second coder: {counts}"
    assert waiting and adjudicated, f"want some adjudicated and some waiting: {counts}"
    assert all(c.double_coded for c in waiting + adjudicated)
    assert all(c.updated_at == c.finished_at for c in double), "double coding moved a conversation's time"
    organisation = db.session.scalar(select(Organisation).where(Organisation.name == DEMO_COUNCIL))
    assert organisation.staff_may_code, "Demo Council should let its staff code"
    assert not any(c.codings or c.double_coded for c in finished(OTHER_COUNCIL)), "Other Council is coded"


def test_every_coding_is_complete_and_uses_levels_of_its_outcome(app, demo):
    rubric = current_app.extensions["rubric"]
    for conversation in finished():
        for round_ in {c.round for c in conversation.codings}:
            outcomes = sorted(c.outcome for c in conversation.codings if c.round == round_)
            assert outcomes == sorted(OUTCOMES), f"{conversation.case_reference} round {round_}: {outcomes}"
        for coding in conversation.codings:
            where = f"{conversation.case_reference} {coding.outcome} round {coding.round}"
            assert coding.level in levels_for(coding.outcome), f"{where}: level {coding.level}"
            assert coding.suggested_level in (None, *levels_for(coding.outcome)), where
            assert (coding.rubric_id, coding.rubric_version) == (rubric.id, rubric.version), where
            assert conversation.finished_at < coding.coded_at and coding.coded_at.date() < TODAY, where
        for decided in conversation.adjudications:
            assert decided.level in levels_for(decided.outcome), conversation.case_reference


def test_second_round_codings_are_blind_and_by_someone_else(app, demo):
    second = list(db.session.scalars(select(Coding).where(Coding.round == 2)))
    assert second, "no second codings"
    for coding in second:
        assert coding.suggestion_use == "not_shown", f"a second coding says {coding.suggestion_use}"
        assert coding.suggested_level is None and coding.suggested_confidence is None
        assert coding.coder.email == "coordinator2@demo.example"
    first = list(db.session.scalars(select(Coding).where(Coding.round == 1)))
    assert {c.coder.email for c in first} <= {"coordinator@demo.example", "practitioner@demo.example"}
    assert all(c.suggested_level is not None and c.suggestion_use != "not_shown" for c in first)


def test_first_codings_mostly_follow_the_suggestion(app, demo):
    first = list(db.session.scalars(select(Coding).where(Coding.round == 1)))
    uses = Counter(c.suggestion_use for c in first)
    assert uses["accepted"] + uses["accepted_in_bulk"] >= 0.75 * len(first), f"uses: {uses}"
    assert uses["changed"] > 0 and uses["accepted_in_bulk"] > 0, f"uses: {uses}"
    for coding in first:
        followed = coding.level == coding.suggested_level
        assert followed == (coding.suggestion_use != "changed"), f"{coding.outcome}: {coding.suggestion_use}"
        assert bool(coding.reason) == (coding.suggestion_use == "changed"), "a change without a reason"


def test_adjudications_settle_disagreements_only(app, demo):
    disagreed = 0
    for conversation in finished():
        state = state_of(conversation)
        for decided in conversation.adjudications:
            given = state.outcomes[decided.outcome]
            where = f"{conversation.case_reference} {decided.outcome}"
            assert given.disagreed and decided.level in (given.first, given.second), where
            assert decided.reason and decided.adjudicator.email == "coordinator@demo.example"
        differing = [o for o in state.outcomes.values() if o.disagreed]
        assert len(differing) <= 2, f"{conversation.case_reference}: coders differ on {len(differing)}"
        disagreed += bool(differing)
    assert disagreed >= 3, f"only {disagreed} double-coded conversations have disagreements"
