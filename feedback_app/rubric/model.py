"""The shape of a loaded rubric: plain, immutable data with no Flask in sight."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

PRINCIPLES: tuple[str, ...] = (
    "Empowerment",
    "Prevention",
    "Proportionality",
    "Protection",
    "Partnership",
    "Accountability",
)
HEDGE_EFFECTS: tuple[str, ...] = ("soften", "doubt", "weak_negation")
RESPONDENTS: tuple[str, ...] = ("adult", "representative")


@dataclass(frozen=True)
class Example:
    """A worked example: what was said, the answer chosen (if any), who said it, and why it is coded so."""

    words: str
    level: str
    respondent: str
    reason: str
    answer: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Level:
    """One level of an outcome: when to use it, phrases for and against it, and worked examples."""

    id: str
    when: str
    points_to: tuple[str, ...]
    points_away: tuple[str, ...]
    examples: tuple[Example, ...]
    negated_means: str | None = None


@dataclass(frozen=True)
class MixedRule:
    """When the words point to every one of `levels`, code `code` instead."""

    levels: frozenset[str]
    code: str


@dataclass(frozen=True, eq=False)
class Outcome:
    id: str
    principle: str
    description: str
    unclear_when: str
    conflict_rule: str
    levels: Mapping[str, Level]
    hedged: Mapping[str, str] = field(default_factory=dict)
    mixed: tuple[MixedRule, ...] = ()
    yes_means: str | None = None
    no_means: str | None = None

    @property
    def level_ids(self) -> tuple[str, ...]:
        return tuple(self.levels)


@dataclass(frozen=True)
class Hedge:
    phrase: str
    effect: str  # soften | doubt | weak_negation


@dataclass(frozen=True)
class Negations:
    scope: int
    words: tuple[str, ...]
    partial_after: tuple[str, ...] = ()
    boundaries: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Rubric:
    """The whole rubric. Compared by identity, so the suggestion engine can cache its compiled form."""

    id: str
    version: int
    title: str
    outcomes: Mapping[str, Outcome]
    hedges: tuple[Hedge, ...]
    negations: Negations
    uncertain: tuple[str, ...] = ()
    bare_yes: tuple[str, ...] = ()
    bare_no: tuple[str, ...] = ()
    description: str = ""
    path: str = ""

    def outcome(self, outcome_id: str) -> Outcome:
        return self.outcomes[outcome_id]

    def examples(self) -> list[tuple[str, Example]]:
        """(outcome id, example) for every worked example, in file order."""
        return [(o.id, e) for o in self.outcomes.values() for level in o.levels.values() for e in level.examples]


def frozen(mapping: dict[str, object]) -> Mapping[str, object]:
    """A read-only view, so a loaded rubric cannot be changed by accident."""
    return MappingProxyType(dict(mapping))
