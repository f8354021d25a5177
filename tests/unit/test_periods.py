import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback_app.periods import Period, financial_year_of, parse, recent_years


def test_financial_year_runs_from_1_april_to_31_march():
    assert financial_year_of(dt.date(2026, 3, 31)).label == "2025-26"
    assert financial_year_of(dt.date(2026, 4, 1)).label == "2026-27"
    year = parse("2025-26")
    assert (year.start, year.end) == (dt.date(2025, 4, 1), dt.date(2026, 3, 31))


def test_quarters_cover_the_year():
    quarters = [parse("2025-26", q) for q in (1, 2, 3, 4)]
    assert [(q.start, q.end) for q in quarters] == [
        (dt.date(2025, 4, 1), dt.date(2025, 6, 30)),
        (dt.date(2025, 7, 1), dt.date(2025, 9, 30)),
        (dt.date(2025, 10, 1), dt.date(2025, 12, 31)),
        (dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    ]
    assert quarters[0].previous() == Period(2024, 4) and quarters[2].previous() == quarters[1]
    assert parse("2025-26").previous().label == "2024-25"


@pytest.mark.parametrize("bad", ["2025", "2025-27", "25-26", "2025-26x"])
def test_bad_labels_are_refused(bad):
    with pytest.raises(ValueError):
        parse(bad)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_every_day_is_in_exactly_one_quarter_of_its_year(day):
    year = financial_year_of(day)
    assert year.contains(day)
    assert sum(parse(year.label, q).contains(day) for q in (1, 2, 3, 4)) == 1


def test_recent_years_newest_first():
    assert [p.label for p in recent_years(dt.date(2026, 11, 25))] == ["2026-27", "2025-26", "2024-25"]
