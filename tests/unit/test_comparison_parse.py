"""Reading other councils' publication CSVs: only published figures, with problems named by line."""

from __future__ import annotations

import datetime as dt

import pytest

from feedback_app.periods import financial_year_of
from feedback_app.returns.build import build_return
from feedback_app.returns.comparison import PublicationFileError, parse_publication, side_by_side
from feedback_app.returns.disclosure import present
from feedback_app.returns.export import to_long_csv

HEADER = "period,organisation,block,measure,category,respondent,count,shown_value\n"


def _problems(text: str) -> list[str]:
    with pytest.raises(PublicationFileError) as caught:
        parse_publication(text)
    return caught.value.problems


def test_our_own_publication_export_round_trips():
    ret = build_return("=Other Council", financial_year_of(dt.date(2025, 6, 1)), [], None)
    parsed = parse_publication(to_long_csv(ret, True).encode("utf-8"))
    assert list(parsed) == [("=Other Council", "2025-26")], "the formula escape was not undone"
    shown = {key: value for key, (_c, value, _p) in present(ret, True).values().items()}
    assert parsed[("=Other Council", "2025-26")].items() >= shown.items()


def test_a_file_with_real_counts_is_refused():
    # A coordinators' (not for publication) export: real counts in the count column.
    text = HEADER + "2025-26,Other,risk,sg2e_risk,reduced,all,7,7\n2025-26,Other,risk,sg2e_risk,total,all,12,12\n"
    problems = _problems(text)
    assert len(problems) == 2, problems
    assert problems and all("has a count" in p for p in problems), problems
    assert problems[0].startswith("Line 2:")


def test_each_problem_names_its_line():
    text = HEADER + (
        "2025-26,Other,risk,sg2e_risk,reduced,all,,10\n"
        "2025-26,Other,risk,sg2e_risk,removed,all,,12\n"
        "2025-26,Other,risk,sg2e_risk,remains,all,3,[c]\n"
        "2024-25,Other,risk,sg2e_risk,total,all,,[x]\n"
        "2025-26,,risk,sg2e_risk,total,all,,[c]\n"
        "2025-26,Other,risk,sg2e_risk,reduced,all,,15\n"
    )
    problems = _problems(text)
    assert problems[0].startswith("Line 3:") and "'12'" in problems[0] and "multiple of 5" in problems[0]
    assert problems[1].startswith("Line 4:") and "count" in problems[1]
    assert problems[2].startswith("Line 5:") and "period 2024-25" in problems[2]
    assert problems[3].startswith("Line 6:") and "organisation" in problems[3]
    assert problems[4].startswith("Line 7:") and "more than once" in problems[4]


def test_a_missing_column_is_named():
    problems = _problems("period,organisation,block,measure,category,respondent,shown_value\n")
    assert problems == [problems[0]] and problems[0].startswith("Line 1:") and "count column" in problems[0]


@pytest.mark.parametrize("data", [b"", b"\xff\xfe\x00bad", HEADER.encode()])
def test_empty_or_unreadable_files_are_refused(data):
    assert _problems(data)


def test_side_by_side_keeps_rows_only_another_file_has():
    ours = {("risk", "sg2e_risk", "reduced", "all"): "10"}
    other = {("risk", "sg2e_risk", "reduced", "all"): "[c]", ("risk", "sg2e_risk", "gone", "all"): "5"}
    assert side_by_side(ours, [other]) == [
        ("risk", "sg2e_risk", [("reduced", "all", ["10", "[c]"]), ("gone", "all", ["", "5"])])
    ]
