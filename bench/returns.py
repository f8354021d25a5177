"""Returns at scale: a council's return over N finished, coded conversations.

    python -m bench.returns --backend sqlite|postgresql --conversations 100000 [--reference] [--refresh]

Makes a fresh database (a SQLite file in a temporary folder, or a new PostgreSQL schema dropped
afterwards), migrates it, and generates N finished conversations for one council, concluded across
financial year 2025-26, in batches of 5,000: bulk Core inserts on SQLite, COPY on PostgreSQL (both
binding every value through its column type, so case references are sealed). Each has nine
round-1 codings, a blind second round for 20% (a fifth of those levels differing, every difference
adjudicated), its case-details answers, and a summary worked out by the app's own `summary_values`
from the same values. PostgreSQL then gets VACUUM ANALYZE, as autovacuum does after a load.

Then it times the return for the council and the year as the return page makes it
(`council_return`: the counts, the agreement and the build) and with the publication view
(`present` from returns/disclosure.py): the median of three runs after one warm-up, on fresh
connections with the app's own settings. JSON on standard output.

`--refresh` also times `flask returns refresh-summaries` over everything (what an upgrade runs).
`--reference` also times the per-conversation path it replaced (facts_for and build_return), once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask_migrate import upgrade
from sqlalchemy import text

POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
BATCH = 5000
LOADED = ("conversations", "codings", "adjudications", "answers", "conversation_summaries")
LOAD_SETTINGS = {
    "sqlite": ("PRAGMA synchronous = OFF", "PRAGMA journal_mode = MEMORY", "PRAGMA cache_size = -262144"),
    "postgresql": ("SET synchronous_commit = off",),
}
YEAR_START = dt.date(2025, 4, 1)
CASE_OPTIONS = {
    "risk_action": ("yes", "no"),
    "risk_outcome": ("risk_removed", "risk_reduced", "risk_remained"),
    "lacked_capacity": ("yes", "no", "dont_know", "not_recorded"),
    "capacity_support": ("yes", "no"),
}


@contextmanager
def fresh_database(backend: str) -> Iterator[str]:
    """An empty database for one run, removed afterwards."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'returns.db'}"
        return
    import psycopg

    schema = f"bench_returns_{os.getpid()}"
    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{POSTGRES.replace('postgresql://', 'postgresql+psycopg://')}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def timed(function: Callable[[], Any], runs: int = 3) -> tuple[float, list[float]]:
    """Median seconds of `runs` calls after one warm-up, and every run."""
    function()
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), seconds


class Generator:
    """Rows for N conversations, batch by batch, codings and summaries consistent."""

    def __init__(self, seed: int, council_id: int, advocacy_id: int, staff: dict[str, Any]) -> None:
        from feedback_app.vocabulary import OUTCOMES, levels_for

        self.rng = random.Random(seed)
        self.council_id, self.advocacy_id, self.staff = council_id, advocacy_id, staff
        self.number = 0
        # Ids in ascending order, so bulk inserts append to each index instead of landing at random
        # in it (the app's ids are random uuid4s; the order does not change what a return reads).
        self.first_id = self.rng.getrandbits(64) << 64
        # Mostly the first two (positive) levels, as real feedback tends to be; unclear now and then.
        self.levels = {
            outcome: (
                levels_for(outcome),
                list(itertools.accumulate([5, 3, *[1] * (len(levels_for(outcome)) - 2)])),
            )
            for outcome in OUTCOMES
        }

    def level(self, outcome: str) -> str:
        levels, weights = self.levels[outcome]
        return self.rng.choices(levels, cum_weights=weights)[0]

    def batch(self, size: int) -> dict[str, list[dict[str, Any]]]:
        from feedback_app.data.summaries import CASE_DETAILS_BANK, summary_values
        from feedback_app.vocabulary import OUTCOMES

        rng, now = self.rng, dt.datetime.now(dt.timezone.utc)
        rows: dict[str, list[dict[str, Any]]] = {
            "conversations": [],
            "codings": [],
            "adjudications": [],
            "answers": [],
            "conversation_summaries": [],
        }
        for _ in range(size):
            self.number += 1
            independent = rng.random() < 0.3
            holder = self.staff["advocate"] if independent else rng.choice(self.staff["practitioners"])
            concluded = YEAR_START + dt.timedelta(days=rng.randrange(365))
            started = dt.datetime.combine(concluded, dt.time(9), dt.timezone.utc) + dt.timedelta(
                days=rng.randint(0, 70), minutes=rng.randrange(600)
            )
            conversation = {
                "id": uuid.UUID(int=self.first_id + self.number),
                "organisation_id": self.advocacy_id if independent else self.council_id,
                "council_id": self.council_id,
                "created_by_id": holder.id,
                "team_id": holder.team_id,
                "start_token": f"bench-{self.number}",
                "case_reference": f"SG-{self.number:07d}",
                "case_reference_index": None,
                "enquiry_concluded_on": concluded,
                "method": "independent" if independent else "enquiry_lead",
                "respondent_type": "representative" if rng.random() < 0.4 else "adult",
                "representative_relationship": None,
                "others_present": [],
                "language": "en",
                "format": "standard",
                "bank_id": "after-the-enquiry",
                "bank_version": 1,
                "status": "finished",
                "started_at": started,
                "updated_at": started,
                "finished_at": started,
                "double_coded": rng.random() < 0.2,
                "details_deleted_at": None,
            }
            rows["conversations"].append(conversation)
            codings, adjudications = [], []
            for outcome in OUTCOMES:
                first = self.level(outcome)
                codings.append((outcome, 1, first))
                if conversation["double_coded"]:
                    second = first if rng.random() < 0.8 else self.level(outcome)
                    codings.append((outcome, 2, second))
                    if second != first:
                        adjudications.append((outcome, rng.choice((first, second))))
            case_details: dict[str, str | None] = {
                "risk_action": rng.choice(CASE_OPTIONS["risk_action"]),
                "lacked_capacity": rng.choice(CASE_OPTIONS["lacked_capacity"]),
            }
            if case_details["risk_action"] == "yes":
                case_details["risk_outcome"] = rng.choice(CASE_OPTIONS["risk_outcome"])
            if case_details["lacked_capacity"] == "yes":
                case_details["capacity_support"] = rng.choice(CASE_OPTIONS["capacity_support"])
            cid = conversation["id"]
            rows["codings"] += [
                {
                    "conversation_id": cid,
                    "outcome": outcome,
                    "round": round_,
                    "level": level,
                    "reason": "",
                    "coder_id": self.staff["coders"][round_ - 1].id,
                    "coded_at": now,
                    "rubric_id": "msp-outcomes",
                    "rubric_version": 1,
                    "suggested_level": None,
                    "suggested_confidence": None,
                    "suggestion_use": "not_shown" if round_ == 2 else "accepted",
                }
                for outcome, round_, level in codings
            ]
            rows["adjudications"] += [
                {
                    "conversation_id": cid,
                    "outcome": outcome,
                    "level": level,
                    "reason": "",
                    "adjudicator_id": self.staff["coders"][0].id,
                    "decided_at": now,
                }
                for outcome, level in adjudications
            ]
            rows["answers"] += [
                {
                    "conversation_id": cid,
                    "bank_id": CASE_DETAILS_BANK,
                    "bank_version": 1,
                    "question_id": question,
                    "status": "answered",
                    "value": value,
                    "words": "",
                    "respondent_type": conversation["respondent_type"],
                    "answered_by_id": holder.id,
                    "answered_at": started,
                    "updated_at": started,
                }
                for question, value in case_details.items()
            ]
            rows["conversation_summaries"].append(
                summary_values(conversation, codings, adjudications, case_details)
            )
        return rows


def _staff(db: Any) -> tuple[int, int, dict[str, Any]]:
    """The council, its advocacy organisation and seven people: ids and people."""
    from feedback_app.auth import passwords
    from feedback_app.data import organisations, users

    passwords.use_cheapest_hashing()  # none of them signs in
    council = organisations.create(name="Bench Council", kind="council")
    advocacy = organisations.create(name="Bench Advocacy", kind="advocacy", councils=[council])
    teams = [organisations.add_team(council, name) for name in ("North", "South", "Hospital")]

    def person(email: str, role: str, organisation: Any) -> Any:
        return users.create(
            email=email, password="bench-password-returns", role=role, organisation=organisation
        )

    practitioners = [person(f"p{n}@bench.example", "practitioner", council) for n in range(4)]
    for practitioner, team in zip(practitioners, teams, strict=False):
        organisations.set_team(practitioner, team)  # the fourth is in no team
    staff = {
        "practitioners": practitioners,
        "advocate": person("a@bench.example", "advocate", advocacy),
        "coders": [person(f"c{n}@bench.example", "coordinator", council) for n in range(2)],
    }
    db.session.commit()
    return council.id, advocacy.id, staff


def _bound(connection: Any, table: Any, rows: list[dict[str, Any]]) -> tuple[list[str], Iterator[list[Any]]]:
    """Column names, and each row's values bound by the column types exactly as an INSERT binds
    them (so case references are sealed, ids and dates written as the dialect stores them)."""
    columns = [column for column in table.columns if column.name in rows[0]]
    binds = [column.type._cached_bind_processor(connection.dialect) for column in columns]
    values = (
        [row[c.name] if bind is None else bind(row[c.name]) for c, bind in zip(columns, binds)]
        for row in rows
    )
    return [column.name for column in columns], values


def _load(connection: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    """Rows into a table through the driver: COPY on PostgreSQL, executemany on SQLite. Core's own
    executemany spends most of its time per row in Python, and on PostgreSQL each row is a round
    trip: 1M conversations (about 15M rows) took over a quarter of an hour that way."""
    names, values = _bound(connection, table, rows)
    quoted = ", ".join(f'"{name}"' for name in names)
    raw = connection.connection.driver_connection
    if connection.dialect.name == "postgresql":
        with raw.cursor() as cursor, cursor.copy(f"COPY {table.name} ({quoted}) FROM STDIN") as out:
            for row in values:
                out.write_row(row)
    else:
        raw.executemany(f"INSERT INTO {table.name} ({quoted}) VALUES ({', '.join('?' * len(names))})", values)


def generate(conversations: int, seed: int, figures: dict[str, Any]) -> None:
    """N conversations for one council, inserted in batches; rows and seconds go into figures."""
    from feedback_app.extensions import db
    from feedback_app.models import Base
    from feedback_app.models.encrypted import blind_index

    dialect = db.engine.dialect.name
    generator = Generator(seed, *_staff(db))
    # Bulk-load settings for this connection only: the engine is disposed before anything is timed.
    for setting in LOAD_SETTINGS[dialect]:
        db.session.execute(text(setting))
    rows_made: dict[str, int] = {}
    seconds = {"python": 0.0, "insert": 0.0}
    # Secondary indexes are built once after the load, not kept up row by row (unique ones stay).
    loaded = [Base.metadata.tables[name] for name in LOADED]
    indexes = [index for table in loaded for index in table.indexes if not index.unique]
    for index in indexes:
        index.drop(db.session.connection())
    db.session.commit()
    for start in range(0, conversations, BATCH):
        started = time.perf_counter()
        batch = generator.batch(min(BATCH, conversations - start))
        for row in batch["conversations"]:
            row["case_reference_index"] = blind_index(row["case_reference"])  # the reference is sealed
        seconds["python"] += time.perf_counter() - started
        started = time.perf_counter()
        connection = db.session.connection()
        for name, rows in batch.items():
            if rows:
                _load(connection, Base.metadata.tables[name], rows)
                rows_made[name] = rows_made.get(name, 0) + len(rows)
        db.session.commit()
        seconds["insert"] += time.perf_counter() - started
    started = time.perf_counter()
    for index in indexes:
        index.create(db.session.connection())
    db.session.commit()
    seconds["indexes"] = time.perf_counter() - started
    if dialect == "postgresql":  # as autovacuum does soon after a load this size (statistics, visibility)
        started = time.perf_counter()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as autocommit:
            autocommit.execute(text("VACUUM ANALYZE"))
        seconds["vacuum_analyze"] = time.perf_counter() - started
    figures["rows"] = rows_made
    figures["generate_parts_s"] = {name: round(value, 1) for name, value in seconds.items()}


def measure(backend: str, conversations: int, seed: int, refresh: bool, reference: bool) -> dict[str, Any]:
    from feedback_app import create_app
    from feedback_app.data import organisations, summaries
    from feedback_app.extensions import db
    from feedback_app.models.encrypted import generate_key
    from feedback_app.periods import Period
    from feedback_app.reporting.service import council_return
    from feedback_app.returns.disclosure import present

    figures: dict[str, Any] = {"backend": backend, "conversations": conversations}
    with fresh_database(backend) as url:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": url,
                "SECRET_KEY": generate_key(),
                "FIELD_ENCRYPTION_KEYS": generate_key(),
                "BLIND_INDEX_KEY": generate_key(),
            }
        )
        with app.app_context():
            upgrade()
            started = time.perf_counter()
            generate(conversations, seed, figures)
            figures["generate_s"] = round(time.perf_counter() - started, 1)
            db.session.remove()
            db.engine.dispose()  # timed from here on with fresh connections, the app's own settings
            council = organisations.find_by_name("Bench Council")
            year = Period(2025)

            def build() -> Any:
                db.session.expire_all()
                return council_return(council, year)

            built = build()
            assert built.about["held"] == conversations, built.about
            figures["build_s"], runs = timed(build)
            figures["build_runs_s"] = [round(s, 4) for s in runs]
            figures["build_s"] = round(figures["build_s"], 4)
            median, runs = timed(lambda: present(build(), for_publication=True))
            figures["with_disclosure_s"] = round(median, 4)
            if reference:
                from feedback_app.data.returns import agreement_from_codings, facts_for
                from feedback_app.returns.build import build_return

                started = time.perf_counter()
                old = build_return(
                    council.name, year, facts_for(council, year), agreement_from_codings(council, year)
                )
                figures["per_conversation_s"] = round(time.perf_counter() - started, 2)
                figures["same_return"] = old == built
            if refresh:
                started = time.perf_counter()
                summaries.refresh_all(db.session.connection())
                db.session.commit()
                figures["refresh_s"] = round(time.perf_counter() - started, 1)
                figures["same_after_refresh"] = build() == built
            db.session.remove()
            db.engine.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--refresh", action="store_true", help="also time rebuilding every summary")
    parser.add_argument("--reference", action="store_true", help="also time the per-conversation path, once")
    args = parser.parse_args()
    print(
        json.dumps(
            measure(args.backend, args.conversations, args.seed, args.refresh, args.reference), indent=2
        )
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
