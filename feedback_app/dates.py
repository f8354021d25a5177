"""Dates typed into GOV.UK date inputs (day, month, year boxes)."""

from __future__ import annotations

import datetime as dt


def parse_date_parts(day: str | None, month: str | None, year: str | None) -> dt.date | None:
    """The date the three boxes describe, or None when they do not make a real date."""
    parts = [(part or "").strip() for part in (day, month, year)]
    if not all(part.isdigit() for part in parts) or len(parts[2]) != 4:
        return None
    try:
        return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None


def any_part_given(*parts: str | None) -> bool:
    return any((part or "").strip() for part in parts)
