"""Where a conversation's coding stands, and its final levels. Plain Python, no Flask.

Final levels are what returns count. A single-coded conversation's final level is the first
coder's. A double-coded one needs both blind codings: where they agree that level is final;
where they differ, only a coordinator's adjudication makes a level final.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from feedback_app.vocabulary import OUTCOMES

TO_CODE = "to_code"
AWAITING_SECOND = "awaiting_second"
AWAITING_ADJUDICATION = "awaiting_adjudication"
FINAL = "final"


@dataclass(frozen=True)
class OutcomeCoding:
    """The levels given for one outcome of one conversation."""

    outcome: str
    first: str | None = None
    second: str | None = None
    adjudicated: str | None = None

    @property
    def disagreed(self) -> bool:
        return self.first is not None and self.second is not None and self.first != self.second

    def final(self, double_coded: bool) -> str | None:
        if not double_coded:
            return self.first
        if self.first is None or self.second is None:
            return None
        return self.adjudicated if self.disagreed else self.first


@dataclass(frozen=True)
class ConversationCoding:
    double_coded: bool
    outcomes: Mapping[str, OutcomeCoding]

    @property
    def status(self) -> str:
        codings = [self.outcomes.get(outcome, OutcomeCoding(outcome)) for outcome in OUTCOMES]
        if any(coding.first is None for coding in codings):
            return TO_CODE
        if not self.double_coded:
            return FINAL
        if any(coding.second is None for coding in codings):
            return AWAITING_SECOND
        if any(coding.disagreed and coding.adjudicated is None for coding in codings):
            return AWAITING_ADJUDICATION
        return FINAL

    def final_levels(self) -> dict[str, str]:
        """outcome -> final level, for outcomes that have one."""
        finals = {
            outcome: coding.final(self.double_coded) for outcome, coding in self.outcomes.items()
        }
        return {outcome: level for outcome, level in finals.items() if level is not None}


def combine(
    double_coded: bool,
    codings: Iterable[tuple[str, int, str]],
    adjudications: Iterable[tuple[str, str]] = (),
) -> ConversationCoding:
    """Build the state from (outcome, round, level) codings and (outcome, level) adjudications."""
    levels: dict[str, dict[str, str | None]] = {}
    for outcome, round_, level in codings:
        levels.setdefault(outcome, {})["first" if round_ == 1 else "second"] = level
    for outcome, level in adjudications:
        levels.setdefault(outcome, {})["adjudicated"] = level
    return ConversationCoding(
        double_coded,
        {outcome: OutcomeCoding(outcome, **given) for outcome, given in levels.items()},  # type: ignore[arg-type]
    )
