"""Reporting periods: financial years (1 April to 31 March) and their quarters.

A conversation counts in the period in which its enquiry concluded.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_LABEL = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    """A financial year, or one quarter of it (quarter 1 is April to June)."""

    start_year: int
    quarter: int | None = None

    @property
    def label(self) -> str:
        year = f"{self.start_year}-{(self.start_year + 1) % 100:02d}"
        return f"{year} Q{self.quarter}" if self.quarter else year

    @property
    def start(self) -> dt.date:
        month = 4 + 3 * ((self.quarter or 1) - 1)
        return dt.date(self.start_year + (month - 1) // 12, (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> dt.date:
        """The last day in the period."""
        if self.quarter is None:
            return dt.date(self.start_year + 1, 3, 31)
        following = Period(self.start_year, self.quarter + 1).start if self.quarter < 4 else dt.date(self.start_year + 1, 4, 1)
        return following - dt.timedelta(days=1)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Period:
        if self.quarter in (None, 1):
            return Period(self.start_year - 1, 4 if self.quarter else None)
        return Period(self.start_year, self.quarter - 1)


def financial_year_of(day: dt.date) -> Period:
    return Period(day.year if day.month >= 4 else day.year - 1)


def parse(label: str, quarter: int | None = None) -> Period:
    """A period from "2025-26" (and an optional quarter 1 to 4); ValueError when it is not one."""
    match = _LABEL.match(label.strip())
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValueError(f"not a financial year like 2025-26: {label!r}")
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1 to 4, not {quarter}")
    return Period(int(match.group(1)), quarter)


def recent_years(today: dt.date, count: int = 3) -> list[Period]:
    """This financial year and the ones before it, newest first."""
    current = financial_year_of(today).start_year
    return [Period(current - offset) for offset in range(count)]
