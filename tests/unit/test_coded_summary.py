import csv
import io

from openpyxl import load_workbook

from feedback_app.returns.coded_summary import HEADER, SummaryRow, to_csv, to_xlsx

HOSTILE = '=HYPERLINK("http://example.com","click")'


def _row(words: str) -> SummaryRow:
    return SummaryRow("R-1", "2025-06-01", "independent", "adult", {"feel_safer": "safer"}, {"feel_safer": words})


def test_a_formula_typed_as_words_comes_out_inert_in_csv():
    rows = list(csv.reader(io.StringIO(to_csv([_row(HOSTILE), _row("@SUM(1)"), _row("-2+3")]))))
    assert rows[0] == list(HEADER)
    column = HEADER.index("feel_safer_words")
    assert [r[column] for r in rows[1:]] == ["'" + HOSTILE, "'@SUM(1)", "'-2+3"]
    assert rows[1][HEADER.index("listened_to_level")] == "not_recorded"


def test_a_formula_typed_as_words_comes_out_inert_in_xlsx():
    sheet = load_workbook(io.BytesIO(to_xlsx([_row(HOSTILE + "\x07")])))["Coded summary"]
    cell = sheet.cell(row=2, column=HEADER.index("feel_safer_words") + 1)
    assert cell.data_type == "s" and cell.value == "'" + HOSTILE
