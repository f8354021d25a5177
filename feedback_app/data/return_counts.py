"""A council's return counted by the database: GROUP BY over conversation summaries.

`counts_for` gives a Tally (returns/tally.py) for a council, a year or quarter and the dashboard's
filters. The columns a return groups by come in five sets (models/summaries.py COUNTED_TOGETHER);
each set is one GROUP BY over the summaries, by quarter and status too, made once for the whole
span, and every grouping a block asks for is summed from the set that holds its fields. So a
return is five queries, the dashboard's year and its four quarters the same five, and a return
over 100,000 conversations reads a few thousand rows, never the conversations themselves.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import and_, func, literal, select, true, union_all

from feedback_app.data.summaries import quarters_of
from feedback_app.extensions import db
from feedback_app.models import ConversationSummary, Organisation
from feedback_app.models.summaries import COUNTED_TOGETHER
from feedback_app.periods import Period
from feedback_app.returns.model import NO_TEAM, Filters
from feedback_app.returns.tally import Grouped, Key, Tally, agreement_of
from feedback_app.rubric.agreement import AgreementSummary
from feedback_app.vocabulary import FINISHED, OUTCOMES

SUMMARIES = ConversationSummary.__table__


def _equal(column: Any, value: object) -> Any:
    return column.is_(None) if value is None else column == value


class DatabaseTally(Tally):
    """Grouped counts for one council's conversations concluded in `span`, narrowed by `filters`."""

    def __init__(self, council_id: int, span: Period, filters: Filters | None = None) -> None:
        self.span = span
        first, last = quarters_of(span)
        self.where: list[Any] = [
            SUMMARIES.c.council_id == council_id, SUMMARIES.c.quarter.between(first, last)
        ]
        filters = filters or Filters()
        if filters.team == NO_TEAM:
            self.where.append(SUMMARIES.c.team_id.is_(None))
        elif filters.team is not None:
            self.where.append(SUMMARIES.c.team_id == filters.team)
        if filters.method is not None:
            self.where.append(SUMMARIES.c.method == filters.method)
        if filters.respondent_type is not None:
            self.where.append(SUMMARIES.c.respondent_type == filters.respondent_type)
        self._fetched: dict[tuple[str, ...], dict[Key, int]] = {}

    def _fetch(self, columns: tuple[str, ...]) -> dict[Key, int]:
        """(quarter, status, *values) -> count over the whole span: one GROUP BY, made once.
        Grouped in the order of the set's covering index, so SQLite counts without sorting."""
        if columns not in self._fetched:
            grouping = [SUMMARIES.c[column] for column in ("quarter", "status", *columns)]
            query = select(*grouping, func.count()).where(*self.where).group_by(*grouping)
            self._fetched[columns] = {tuple(row[:-1]): row[-1] for row in db.session.execute(query)}
        return self._fetched[columns]

    def grouped(self, period: Period, fields: tuple[str, ...], *, finished_only: bool = True) -> Grouped:
        first, last = quarters_of(period)
        span_first, span_last = quarters_of(self.span)
        if not span_first <= first <= last <= span_last:
            raise ValueError(f"{period.label} is not within {self.span.label}, the period counted.")
        # The set that holds every field; a grouping no set holds is counted on its own.
        wanted = set(fields) - {"status"}
        held = [together for together in COUNTED_TOGETHER.values() if wanted <= set(together)]
        columns = held[0] if held else tuple(sorted(wanted))
        positions = [("quarter", "status", *columns).index(field) for field in fields]
        counts: Counter[Key] = Counter()
        for key, count in self._fetch(columns).items():
            in_period = first <= key[0] <= last  # type: ignore[operator]
            if in_period and (key[1] == FINISHED or not finished_only):
                counts[tuple(key[position] for position in positions)] += count

        def name_one(key: Key) -> str:
            where = [*self.where, SUMMARIES.c.status == FINISHED] if finished_only else self.where
            query = select(SUMMARIES.c.conversation_id).where(
                *where, SUMMARIES.c.quarter.between(first, last),
                *(_equal(SUMMARIES.c[field], value) for field, value in zip(fields, key, strict=True)),
            )
            return str(db.session.scalar(query.limit(1)))

        return Grouped(fields, counts, name_one)


def counts_for(council: Organisation, period: Period, filters: Filters | None = None) -> DatabaseTally:
    """The return's counts for this council's conversations whose enquiry concluded in the period,
    narrowed by team, method and respondent type when filters are given. Queried when first used."""
    return DatabaseTally(council.id, period, filters)


def agreement_for(council: Organisation, period: Period) -> AgreementSummary | None:
    """How far blind coders agreed over the council's finished conversations in the period, held
    by the council or its advocacy organisations; None when it has no such conversation.

    Items are the outcomes a double-coded conversation has both blind levels for, pooled across
    outcomes, as the agreement page's overall figure (coding/agreement_report.py) counts them.
    """
    first, last = quarters_of(period)
    holders = {council.id, *(advocacy.id for advocacy in council.advocacy_organisations)}
    where = and_(
        SUMMARIES.c.council_id == council.id, SUMMARIES.c.organisation_id.in_(holders),
        SUMMARIES.c.quarter.between(first, last), SUMMARIES.c.status == FINISHED,
    )
    if db.session.scalar(select(SUMMARIES.c.conversation_id).where(where).limit(1)) is None:
        return None
    per_outcome = []
    for outcome in OUTCOMES:
        pair = (SUMMARIES.c[f"first_{outcome}"], SUMMARIES.c[f"second_{outcome}"])
        per_outcome.append(
            select(literal(outcome).label("outcome"), *pair, func.count().label("items"))
            .where(where, SUMMARIES.c.double_coded == true(), pair[0].is_not(None), pair[1].is_not(None))
            .group_by(*pair)
        )
    pairs = {(outcome, a, b): items for outcome, a, b, items in db.session.execute(union_all(*per_outcome))}
    return agreement_of(pairs)
