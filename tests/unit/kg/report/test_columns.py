"""report/columns.py and report/csv_out.py: the evidence table's columns, a fact as a row, safe CSV."""
import csv

from evkg.core.model import Document, Fact
from evkg.kg.report.columns import COLUMNS, NUMERIC, TABLE_COLUMNS, fact_row, safe_cell
from evkg.kg.report.csv_out import write_csv

DOC = Document("invented_cols", "客观缓解率为41.7%（HAIC组）。")


def test_a_fact_as_a_row_of_the_spec_columns():
    start = DOC.text.index("41.7%")
    f = Fact("outcome", DOC.span(start, start + 5).provenance("test", "1"), name="ORR", value=41.7, unit="%",
             n=20, total=48, arm="HAIC组")
    row = fact_row(f)
    assert tuple(row) == COLUMNS and TABLE_COLUMNS[:len(COLUMNS)] == COLUMNS
    assert row["quote"] == DOC.text[int(row["start"]):int(row["end"])] == "41.7%"
    assert (row["value"], row["n"], row["total"], row["level"]) == ("41.7", "20", "48", "")


def test_formula_text_is_defused_but_numbers_are_not():
    assert safe_cell("name", "=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("quote", "@cmd") == "'@cmd" and safe_cell("arm", "\tx") == "'\tx"
    assert all(safe_cell(c, "-1.5") == "-1.5" for c in NUMERIC)
    assert safe_cell("name", "ORR") == "ORR"


def test_csv_has_a_bom_the_header_and_one_line_per_row(tmp_path):
    out = tmp_path / "t.csv"
    n = write_csv([{"doc": "d", "name": "+cmd", "value": "-2"}, {"doc": "e", "quote": "多行\n引文"}], out)
    assert n == 2 and out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(COLUMNS)
    assert (rows[0]["name"], rows[0]["value"], rows[1]["quote"]) == ("'+cmd", "-2", "多行\n引文")
