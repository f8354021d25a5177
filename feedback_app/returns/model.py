"""The shape of a return: blocks of counts, plain immutable data.

A block counts conversations into categories, by respondent where that matters. Within a block
the categories sum to the block's total, and block totals reconcile with the conversation counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

COMPLETE, PARTIAL, NOT_COLLECTED = "complete", "partial", "not_collected"
ALL, ADULT, REPRESENTATIVE = "all", "adult", "representative"
NOT_RECORDED = "not_recorded"


@dataclass(frozen=True)
class ConversationFacts:
    """What a return needs to know about one conversation, whatever its status."""

    conversation_id: str
    status: str  # finished | declined | withdrawn | in_progress | paused
    concluded_on: dt.date
    held_on: dt.date
    method: str  # enquiry_lead | independent
    respondent_type: str  # adult | representative
    double_coded: bool = False
    coding_final: bool = False  # every outcome has a final level
    final_levels: Mapping[str, str] = field(default_factory=dict)  # outcome -> final level
    case_details: Mapping[str, str | None] = field(default_factory=dict)  # case-details question -> value


@dataclass(frozen=True)
class Cell:
    category: str
    respondent: str  # all | adult | representative
    count: int


@dataclass(frozen=True)
class Block:
    id: str  # asked_outcomes | outcomes_achieved | risk | capacity | capacity_support | experience | about
    measure: str  # what is counted: a SAC table, an outcome id, or an about-the-return figure
    status: str  # complete | partial | not_collected
    cells: tuple[Cell, ...]

    def total(self, respondent: str = ALL) -> int:
        return sum(cell.count for cell in self.cells if cell.respondent == respondent)


@dataclass(frozen=True)
class Return:
    organisation: str
    period: str  # "2025-26" or "2025-26 Q1"
    blocks: tuple[Block, ...]
    about: Mapping[str, float | int | None]  # held, by method, declined, withdrawn, median days, coded...

    def block(self, block_id: str, measure: str | None = None) -> Block | None:
        return next(
            (b for b in self.blocks if b.id == block_id and (measure is None or b.measure == measure)), None
        )


NO_TEAM = "none"  # a team filter for conversations started by someone in no team


@dataclass(frozen=True)
class Filters:
    """Which conversations a return counts, beyond council and period. None means every one."""

    team: int | Literal["none"] | None = None  # a team id, or NO_TEAM
    method: str | None = None  # enquiry_lead | independent
    respondent_type: str | None = None  # adult | representative

    @property
    def any(self) -> bool:
        return (self.team, self.method, self.respondent_type) != (None, None, None)

    def describe(self) -> str:
        """A short, stable description for the audit trail: ids and codes only, never names.

        With a period label in front ("2025-26 Q4;team=...;method=...;who=..."), it stays within an
        audit event's 64-character object id for team ids of up to 9 digits.
        """
        return ";".join(
            f"{name}={value}"
            for name, value in (("team", self.team), ("method", self.method), ("who", self.respondent_type))
            if value is not None
        )
