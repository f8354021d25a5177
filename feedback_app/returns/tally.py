"""How many conversations share the values a return counts by: the return's only input. No Flask.

A return never needs a conversation on its own, only counts: for each block, how many finished
conversations in the period share a respondent type and a final level, say, or a case-details
answer and its follow-up question. A `Tally` answers exactly that: `grouped(period, fields)`.

Two tallies give the same answers. `FactTally` counts per-conversation facts in Python (the
reference, and what the unit tests feed); the database tally (data/return_counts.py) asks for the
same counts with GROUP BY over the conversation summaries, so 100,000 conversations become a few
hundred rows. A field is a ConversationFacts attribute (status, method, respondent_type,
double_coded, coding_final), `days_to_conversation`, an outcome id (its final level, None when
none) or a case-details question id (its answer, None when none).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction

from feedback_app.periods import Period
from feedback_app.returns.model import ConversationFacts
from feedback_app.rubric.agreement import AgreementSummary
from feedback_app.vocabulary import CONVERSATION_STATUSES, FINISHED, METHODS, OUTCOMES, RESPONDENT_TYPES

Key = tuple[object, ...]
FACT_FIELDS = ("status", "method", "respondent_type", "double_coded", "coding_final")


@dataclass(frozen=True)
class Grouped:
    """How many conversations share each combination of values of `fields`."""

    fields: tuple[str, ...]
    counts: Mapping[Key, int]
    name_one: Callable[[Key], str]  # a conversation with these values, named for an error message

    def rows(self) -> Iterator[tuple[dict[str, object], int, Key]]:
        """(field -> value, how many, key) for every combination found."""
        for key, count in self.counts.items():
            yield dict(zip(self.fields, key, strict=True)), count, key

    def refuse(self, key: Key, problem: str) -> ValueError:
        return ValueError(f"Conversation {self.name_one(key)}: {problem}")


class Tally(ABC):
    """Counts of conversations whose enquiry concluded in a period, grouped by some fields."""

    @abstractmethod
    def grouped(self, period: Period, fields: tuple[str, ...], *, finished_only: bool = True) -> Grouped:
        """Counts for every combination of these fields' values (finished conversations only,
        unless finished_only is False)."""


def fact_value(facts: ConversationFacts, field: str) -> object:
    """One field of one conversation, as a tally groups by it."""
    if field in FACT_FIELDS:
        return getattr(facts, field)
    if field == "days_to_conversation":
        return (facts.held_on - facts.concluded_on).days
    if field in OUTCOMES:
        return facts.final_levels.get(field)
    return facts.case_details.get(field)


def _check(facts: ConversationFacts) -> None:
    """Refuse facts that would make a block's respondents or the about counts fail to add up."""
    for name, value, allowed in (
        ("status", facts.status, CONVERSATION_STATUSES),
        ("respondent type", facts.respondent_type, RESPONDENT_TYPES),
        ("method", facts.method, METHODS),
    ):
        if value not in allowed:
            raise ValueError(f"Conversation {facts.conversation_id}: {value!r} is not a {name}.")


def in_period(period: Period, facts: Iterable[ConversationFacts]) -> list[ConversationFacts]:
    """The conversations whose enquiry concluded in the period, checked; ValueError on a repeated id."""
    chosen = [f for f in facts if period.contains(f.concluded_on)]
    seen: set[str] = set()
    for f in chosen:
        _check(f)
        if f.conversation_id in seen:
            raise ValueError(f"Conversation {f.conversation_id} appears twice: it would be counted twice.")
        seen.add(f.conversation_id)
    return chosen


class FactTally(Tally):
    """A tally counted in Python from one ConversationFacts per conversation."""

    def __init__(self, facts: Iterable[ConversationFacts]) -> None:
        self.facts = list(facts)
        self._periods: dict[Period, list[ConversationFacts]] = {}

    def _in(self, period: Period) -> list[ConversationFacts]:
        if period not in self._periods:
            self._periods[period] = in_period(period, self.facts)
        return self._periods[period]

    def grouped(self, period: Period, fields: tuple[str, ...], *, finished_only: bool = True) -> Grouped:
        chosen = [f for f in self._in(period) if f.status == FINISHED or not finished_only]
        keys = {f.conversation_id: tuple(fact_value(f, field) for field in fields) for f in chosen}
        counts = Counter(keys.values())

        def name_one(key: Key) -> str:
            return next(conversation for conversation, found in keys.items() if found == key)

        return Grouped(fields, counts, name_one)


def median(histogram: Mapping[int, int]) -> float | int | None:
    """The median of whole numbers given as value -> how many, as statistics.median gives it:
    the middle value, or the mean of the two middle values; None when there are none."""
    total = sum(histogram.values())
    if total == 0:
        return None
    ordered = sorted((value, count) for value, count in histogram.items() if count)

    def nth(index: int) -> int:
        for value, count in ordered:
            if index < count:
                return value
            index -= count
        raise IndexError(index)

    if total % 2:
        return nth(total // 2)
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


def agreement_of(pairs: Mapping[tuple[str, str, str], int]) -> AgreementSummary:
    """Agreement over pooled items given as (outcome, first level, second level) -> how many.

    The same figures as rubric.agreement.summarise over the pooled pairs the agreement report
    makes (each level named with its outcome), worked out from counts: exact fractions, so the
    floats are identical.
    """
    items = sum(pairs.values())
    agreed = sum(count for (_, first, second), count in pairs.items() if first == second)
    if items == 0:
        return AgreementSummary(items=0, agreed=0, percent=None, kappa=None)
    firsts: Counter[str] = Counter()
    seconds: Counter[str] = Counter()
    for (outcome, first, second), count in pairs.items():
        firsts[f"{outcome}:{first}"] += count
        seconds[f"{outcome}:{second}"] += count
    chance = sum(count * seconds[level] for level, count in firsts.items())
    if chance == items * items:
        kappa = 1.0 if agreed == items else 0.0
    else:
        kappa = float(Fraction(items * agreed - chance, items * items - chance))
    percent = float(Fraction(100 * agreed, items))
    return AgreementSummary(items=items, agreed=agreed, percent=percent, kappa=kappa)
