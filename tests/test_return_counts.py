"""A return counted by the database (GROUP BY over conversation summaries) is the very return the
per-conversation path builds, for every period and filter, on varied generated data."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from feedback_app.data import coding
from feedback_app.data.return_counts import agreement_for, counts_for
from feedback_app.data.returns import agreement_from_codings, facts_for
from feedback_app.extensions import db
from feedback_app.periods import Period
from feedback_app.reporting.service import council_return
from feedback_app.returns.build import build_return
from feedback_app.returns.model import NO_TEAM, Filters
from feedback_app.returns.tally import FactTally
from tests.coding_helpers import finished_conversation
from tests.return_world import build_world

PERIODS = [Period(2024), Period(2025), Period(2026), *(Period(2025, q) for q in (1, 2, 3, 4)), Period(2024, 4)]


def _filters(world) -> list[Filters]:
    north, south = world.teams["North"].id, world.teams["South"].id
    return [
        Filters(team=north), Filters(team=south), Filters(team=NO_TEAM), Filters(method="independent"),
        Filters(method="enquiry_lead"), Filters(respondent_type="representative"),
        Filters(team=north, method="enquiry_lead", respondent_type="adult"),
    ]


@pytest.mark.parametrize("seed", [1, 2])
def test_the_database_counts_give_the_same_return_as_one_conversation_at_a_time(app, seed):
    world = build_world(seed)
    council = world.council
    for period in PERIODS:
        by_conversation = build_return(council.name, period, facts_for(council, period),
                                       agreement_from_codings(council, period))
        by_database = build_return(council.name, period, counts_for(council, period), agreement_for(council, period))
        assert by_database == by_conversation, f"{period.label}: the database's counts give another return"
        assert council_return(council, period) == by_conversation
    year = Period(2025)
    held = build_return(council.name, year, facts_for(council, year)).about["held"]
    assert held > 10, "the generated year should hold enough conversations to compare"
    for filters in _filters(world):
        facts, counts = facts_for(council, year, filters), counts_for(council, year, filters)
        for period in (year, *(Period(2025, q) for q in (1, 2, 3, 4))):  # as the dashboard: a year's counts
            assert build_return(council.name, period, counts) == build_return(council.name, period, facts), (
                f"{period.label} {filters.describe()}: the database's counts give another return"
            )


def _figures(agreement) -> tuple | None:
    return None if agreement is None else (agreement.items, agreement.agreed, agreement.percent, agreement.kappa)


def test_agreement_is_counted_for_the_council_alone(app):
    world = build_world(3)
    year = Period(2025)
    ours = _figures(agreement_for(world.council, year))
    assert ours == _figures(agreement_from_codings(world.council, year))
    assert ours is not None and ours[0] > 0, "the generated year should have double-coded items"
    # The other council's conversations are finished but none double coded: no items, not no figures.
    assert _figures(agreement_for(world.other, year)) == _figures(agreement_from_codings(world.other, year))
    assert _figures(agreement_for(world.other, year)) == (0, 0, None, None)
    assert agreement_for(world.council, Period(2030)) is agreement_from_codings(world.council, Period(2030)) is None


def test_a_level_outside_the_vocabulary_is_refused_naming_the_conversation(app, make_org, make_user):
    council = make_org("Refusing Council")
    coordinator = make_user("coordinator", council)
    conversation = finished_conversation(coordinator, concluded=dt.date(2025, 6, 1))
    coding.save_coding(conversation, outcome="feel_safer", round_=1, level="maybe", reason="", coder=coordinator,
                       rubric=("msp-outcomes", 1), suggestion=None, suggestion_use="not_shown")
    db.session.commit()
    year = Period(2025)
    for source in (facts_for(council, year), counts_for(council, year)):
        with pytest.raises(ValueError, match=f"{conversation.id}: 'maybe' is not a level of feel_safer"):
            build_return(council.name, year, source)


def test_a_grouping_no_counted_set_holds_is_counted_on_its_own(app):
    world = build_world(8, size=30)
    year = Period(2025)
    fields = ("method", "feel_safer", "lacked_capacity")  # spread over three sets
    by_database = counts_for(world.council, year).grouped(year, fields, finished_only=False).counts
    by_conversation = FactTally(facts_for(world.council, year)).grouped(year, fields, finished_only=False).counts
    assert by_database == by_conversation and sum(by_database.values()) > 0


@pytest.mark.only_on("sqlite")  # PostgreSQL counts with hash aggregation; its plans depend on its statistics
def test_on_sqlite_every_count_reads_a_covering_index_not_the_table(app):
    """SQLite has no hash aggregation: a GROUP BY over the table sorts every row and reads each one
    whole (seconds at 100,000). Each set's covering index makes it a read of the index in order."""
    world = build_world(7, size=10)
    statements = []

    def seen(conn, cursor, statement, params, context, executemany):
        if "GROUP BY" in statement:
            statements.append((statement, params))

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        for filters in (None, *_filters(world)):
            build_return(world.council.name, Period(2025), counts_for(world.council, Period(2025), filters))
        agreement_for(world.council, Period(2025))
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert len(statements) == 5 * 8 + 1, "five GROUP BY queries a return, one for agreement"
    cursor = db.session.connection().connection.driver_connection.cursor()
    for statement, params in statements:
        plan = [row[3] for row in cursor.execute(f"EXPLAIN QUERY PLAN {statement}", params)]
        searches = [step for step in plan if step.startswith(("SEARCH", "SCAN"))]
        assert searches and all("USING COVERING INDEX ix_conversation_summaries_" in s for s in searches), (
            f"a count reads the table: {plan}"
        )
    unfiltered = statements[:5]
    for statement, params in unfiltered:
        plan = [row[3] for row in cursor.execute(f"EXPLAIN QUERY PLAN {statement}", params)]
        assert not any("TEMP B-TREE" in step for step in plan), f"the whole year's counts sort every row: {plan}"
