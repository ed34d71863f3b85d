"""The review workbook: its sheets from the graph, readable by openpyxl and LibreOffice, Chinese
intact, and no cell of any export ever a formula, however hostile the document."""
import csv
import gc
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from evkg.core.model import Document
from evkg.kg.cli import main
from evkg.kg.report.analyses import DA_COLUMNS
from evkg.kg.report.columns import COLUMNS, TABLE_COLUMNS
from evkg.kg.report.rows import (
    CODE_COLUMNS,
    RECOMMENDATION_COLUMNS,
    REFERENCE_COLUMNS,
    RESULT_COLUMNS,
    SOURCE_COLUMNS,
    STUDY_COLUMNS,
    evidence_rows,
)
from evkg.kg.report.xlsx import export_xlsx
from evkg.kg.store.backends import open_store
from evkg.kg.store.queries import run_named
from helpers.corpus import SEEDS, read_table

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SHEETS = {"Studies": STUDY_COLUMNS, "Data and analyses": DA_COLUMNS, "Results": RESULT_COLUMNS,
          "Evidence": TABLE_COLUMNS, "Recommendations": RECOMMENDATION_COLUMNS, "References": REFERENCE_COLUMNS,
          "Codes": CODE_COLUMNS, "Sources": SOURCE_COLUMNS}
# An invented paper whose title, byline and reference entry read as spreadsheet formulas.
HOSTILE = ('=HYPERLINK("http://example.invalid/x","点击")\n\n+SUM(1,2), @张三\n\n'
           "摘要： 目的　评价 HAIC 的疗效。方法　回顾性分析 40 例患者。结果　=A1组 ORR 为 45.0%（18/40），"
           "-B2组 ORR 为 22.5%（9/40）。@C3组中位 PFS 为 7.2 个月。\n\n\t=tab 开头的一行 ORR 为 30.0%\n"
           "-2+3 的 DCR 为 85.0%\n\n参考文献\n\n"
           "[1] =cmd|'/C calc'!A0, @Evil B. +Formula title about HAIC[J]. -J Bad, 2020, 1: 1-2.\n")


@pytest.fixture(scope="module")
def seeds_workbook(seeds_store, tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx") / "seeds.xlsx"
    with open_store(seeds_store, read_only=True) as st:
        counts = export_xlsx(st, out)
    return out, counts


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    from evkg.kg.ingest.batch import ingest
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile_zh.txt").write_text(HOSTILE, encoding="utf-8")
    store = str(folder / "store")
    assert ingest([folder], store).ok
    return store


def _cells(path):
    for ws in load_workbook(path):
        for row in ws.iter_rows(min_row=2):
            yield from row


def test_seed_workbook_holds_its_sheets(seeds_workbook, seeds_store):
    path, counts = seeds_workbook
    wb = load_workbook(path)
    assert wb.sheetnames == list(SHEETS)
    for name, columns in SHEETS.items():
        ws = wb[name]
        assert tuple(c.value for c in ws[1]) == columns
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref == ws.dimensions
        # Set up to print: landscape, one page wide, the header on every page.
        assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0) and ws.print_title_rows == "$1:$1"
        assert ws.max_row == counts[name] + 1
    with open_store(seeds_store, read_only=True) as st:
        assert counts["Evidence"] == len(evidence_rows(st))
    # The Recommendations sheet lists 共识 1 too, which has no grade.
    assert counts["Recommendations"] == 9 and counts["References"] == 63 and counts["Sources"] == 5


def test_workbook_keeps_chinese_numbers_and_quotes(seeds_workbook, seeds_store):
    wb = load_workbook(seeds_workbook[0])
    recs = list(wb["Recommendations"].iter_rows(min_row=2, values_only=True))
    assert all(r[1].startswith("共识") for r in recs)
    ungraded = [r for r in recs if "证据质量" not in r[2]]
    assert [r[1] for r in ungraded] == ["共识 1"]
    recs = [r for r in recs if r not in ungraded]
    assert {r[7] for r in recs} == {"strong", "weak"} and all(r[5] == "USPSTF" for r in recs)
    ev = wb["Evidence"]
    header = [c.value for c in ev[1]]
    q, s, e, v = (header.index(k) for k in ("quote", "start", "end", "value"))
    # A quote wider than its column wraps, and the rest of its row reads from the top.
    long = [row for row in ev.iter_rows(min_row=2) if len(row[q].value or "") > ev.column_dimensions["P"].width]
    assert long and all(row[q].alignment.wrap_text and row[0].alignment.vertical == "top" for row in long)
    with open_store(seeds_store, read_only=True) as st:
        texts = {d["doc"]: run_named(st, "document_text", {"doc": d["doc"]}).rows[0]["text"]
                 for d in run_named(st, "documents").rows}
    for row in ev.iter_rows(min_row=2, values_only=True):
        assert texts[row[0]][row[s]:row[e]] == row[q]   # a quote is the document span, unchanged
        assert row[v] is None or isinstance(row[v], (int, float))
    sources = {r[0]: r for r in wb["Sources"].iter_rows(min_row=2, values_only=True)}
    assert sources["002_e3fe8ab5a02a181e"][3].startswith("肝细胞癌经动脉化疗栓塞抵抗")
    # fact_counts.rq, the one count: table rows, so the ungraded 共识 1 (in the Recommendations sheet) is not counted
    assert sources["002_e3fe8ab5a02a181e"][SOURCE_COLUMNS.index("recommendation")] == 8


def test_no_cell_of_a_hostile_document_is_a_formula(hostile_store, tmp_path):
    out = tmp_path / "hostile.xlsx"
    with open_store(hostile_store, read_only=True) as st:
        export_xlsx(st, out)
    text_cells = [c for c in _cells(out) if isinstance(c.value, str)]
    assert text_cells and not any(c.data_type == "f" for c in _cells(out))
    assert not any(c.value.startswith(FORMULA_START) for c in text_cells)
    wb = load_workbook(out)
    assert wb["Sources"]["D2"].value == "'" + HOSTILE.splitlines()[0]
    refs = dict(zip(REFERENCE_COLUMNS, next(wb["References"].iter_rows(min_row=2, values_only=True))))
    assert refs["first_author"].startswith("'=cmd") and refs["title"].startswith("'+Formula")
    assert refs["journal"] == "'-J Bad"
    # openpyxl reads back text, not formulas, even for a workbook it did not write itself.
    assert load_workbook(out, data_only=False)["Sources"]["D2"].data_type == "s"


def test_no_csv_cell_of_a_hostile_document_is_a_formula(hostile_store, tmp_path):
    out = tmp_path / "hostile.csv"
    res = CliRunner().invoke(main, ["export", "--store", hostile_store, "-o", str(out)])
    assert res.exit_code == 0
    rows = read_table(out)
    assert any(r["name"].startswith("'=cmd") for r in rows)
    for r in rows:
        assert not any(v.startswith(FORMULA_START) for v in r.values())
        assert HOSTILE[int(r["start"]):int(r["end"])] == r["quote"]


@pytest.mark.parametrize("lead", FORMULA_START + ("-=+@ ",))
def test_quotes_never_start_with_a_formula_character(lead):
    # Why safe_cell never touches a quote: provenance spans are stripped of these characters.
    doc = Document("d", lead + "ORR 为 45.0%")
    p = doc.span(0, len(doc.text)).provenance("test", "1")
    assert p.quote == "ORR 为 45.0%" == doc.text[p.start:p.end]


def test_export_filters_by_document_and_kind(examples_session_store, tmp_path):
    out = tmp_path / "one.xlsx"
    res = CliRunner().invoke(main, ["export", "--store", examples_session_store, "--format", "xlsx", "-o", str(out),
                                    "--doc", "consensus_tace_haic_zh", "--kind", "outcome", "--kind", "citation"])
    assert res.exit_code == 0 and "Evidence 14 rows" in res.output
    wb = load_workbook(out)
    evidence = list(wb["Evidence"].iter_rows(min_row=2, values_only=True))
    assert {r[0] for r in evidence} == {"consensus_tace_haic_zh"}
    assert {r[1] for r in evidence} == {"outcome", "citation"}
    assert wb["Sources"].max_row == 2 and wb["Recommendations"].max_row == 6
    csv_out = tmp_path / "one.csv"
    res = CliRunner().invoke(main, ["export", "--store", examples_session_store, "-o", str(csv_out),
                                    "--doc", "paper_haic_hcc_zh", "--kind", "endpoint"])
    assert res.exit_code == 0
    assert {(r["doc"], r["kind"]) for r in read_table(csv_out)} == {("paper_haic_hcc_zh", "endpoint")}



def test_a_workbook_that_cannot_be_written_leaves_no_sheet_open(examples_session_store, tmp_path, monkeypatch):
    """openpyxl's write-only sheets are generators: a save that fails (a folder that is not there) must
    close them, not leave them to the garbage collector, which closes them out of order (lxml errors
    that no one can catch, printed as PytestUnraisableExceptionWarning)."""
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    with open_store(examples_session_store, read_only=True) as st, pytest.raises(FileNotFoundError):
        export_xlsx(st, tmp_path / "missing" / "one.xlsx", ["consensus_tace_haic_zh"])
    gc.collect()
    assert [(u.exc_type, u.object) for u in unraisable] == []

@pytest.mark.slow
def test_libreoffice_opens_the_workbook(seeds_workbook, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; e.g. apt-get install libreoffice-calc-nogui")
    res = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                          # Sheet 4 (Evidence): the 12th token of the CSV filter options picks the sheet.
                          "--convert-to",
                          "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,4",
                          "--outdir", str(tmp_path),
                          str(seeds_workbook[0])], capture_output=True, text=True, timeout=120)
    out = next(tmp_path.glob("seeds*.csv"), tmp_path / "seeds.csv")
    assert res.returncode == 0 and out.exists(), res.stderr
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == TABLE_COLUMNS and len(rows) == seeds_workbook[1]["Evidence"] + 1
    assert any("共识" in r[COLUMNS.index("quote")] for r in rows[1:])
    assert rows[0][:len(COLUMNS)] == list(COLUMNS)   # the spec's columns first, in order


def test_two_seeds_print_on_ten_landscape_pages(seeds_store, tmp_path):
    """The issue's measure: LibreOffice prints the workbook of a paper and a review (seeds 003 and
    004) on at most 10 landscape pages (98 portrait pages before the print setup) when seed 003 gave 35
    results; now that its tables are read it gives 105, and the same setup prints 11 pages: 12 at most."""
    soffice, pdfinfo = shutil.which("soffice") or shutil.which("libreoffice"), shutil.which("pdfinfo")
    if not (soffice and pdfinfo):
        pytest.skip("needs LibreOffice and poppler: apt-get install libreoffice-calc-nogui poppler-utils")
    book = tmp_path / "two.xlsx"
    docs = [p.stem for p in sorted(SEEDS.glob("00[34]_*.txt"))]
    with open_store(seeds_store, read_only=True) as st:
        export_xlsx(st, book, docs)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(book)], capture_output=True, timeout=300, check=True)
    info = dict(line.split(":", 1) for line in subprocess.run([pdfinfo, str(tmp_path / "two.pdf")], capture_output=True,
                                                              text=True, check=True).stdout.splitlines() if ":" in line)
    width, height = (float(x) for x in info["Page size"].split()[0:3:2])
    assert int(info["Pages"]) <= 12 and width > height
