"""Regenerate the pictures in docs/ and docs/query-zh.txt:

    .venv/bin/evkg ingest --store /tmp/seeds ../shared/corpus/seeds
    .venv/bin/evkg ingest --store /tmp/examples examples
    .venv/bin/evkg ingest --store /tmp/trials tests/fixtures/trials
    .venv/bin/python docs/screenshots.py /tmp/seeds /tmp/examples /tmp/trials

- workbook-pages.png: every printed page of the review workbook of two seeds (003, a paper, and 004,
  a review), as LibreOffice prints it (landscape, fitted to the page width), shrunk so the layout
  shows and the text does not (the seeds' text stays out of the repo); the page count is printed.
- workbook-data-and-analyses.png: the Data-and-analyses page of the workbook of the two invented
  trials of tests/fixtures/trials, readable.
- workbook-results.png: the Results sheet of seed 004 cut to the columns a reviewer checks a
  comparison with (offsets, not quotes).
- query-zh.txt: a query over the invented examples/.

Needs LibreOffice Calc and poppler (`apt-get install libreoffice-calc-nogui poppler-utils`); Chinese
needs a CJK font visible to fontconfig (`apt-get install fonts-wqy-zenhei`, or set FONTCONFIG_FILE).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner
from PIL import Image, ImageOps

from evkg.kg.cli import main
from evkg.kg.report.xlsx import review_sheets, write_workbook
from evkg.kg.store.backends import open_store

DOCS = Path(__file__).resolve().parent
SHOWN = ("study", "ref", "source", "name", "arm", "arm_size", "comparator", "value", "unit", "n", "total", "ci_low",
         "ci_high", "p_value", "timeframe", "criteria", "sections", "mentions", "start", "end")
SEED_DOCS = ("003_a869add1d828453c", "004_f08e5dc3bf0d0779")


def _tool(*names: str) -> str:
    found = next((shutil.which(n) for n in names if shutil.which(n)), None)
    if not found:
        raise SystemExit(f"{names[0]} not found: apt-get install libreoffice-calc-nogui poppler-utils")
    return found


def to_pdf(book: Path) -> Path:
    """LibreOffice's print of a workbook (every visible sheet), as PDF beside it."""
    subprocess.run([_tool("soffice", "libreoffice"), "--headless",
                    f"-env:UserInstallation=file://{book.parent}/profile",
                    "--convert-to", "pdf", "--outdir", str(book.parent), str(book)],
                   check=True, capture_output=True, timeout=300)
    return book.with_suffix(".pdf")


def pages(pdf: Path, dpi: int) -> list[Image.Image]:
    prefix = pdf.with_suffix("")
    subprocess.run([_tool("pdftoppm"), "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True, timeout=300)
    return [Image.open(p) for p in sorted(pdf.parent.glob(f"{prefix.name}-*.png"))]


def cropped(image: Image.Image, pad: int = 20) -> Image.Image:
    left, top, right, bottom = ImageOps.invert(image.convert("L")).getbbox()
    return image.crop((max(left - pad, 0), max(top - pad, 0), right + pad, bottom + pad))


def workbook_pages(store: str, out: Path) -> int:
    """All printed pages of the two seeds' workbook side by side; returns the page count."""
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "two-seeds.xlsx"
        res = CliRunner().invoke(main, ["export", "--store", store, *[a for d in SEED_DOCS for a in ("--doc", d)],
                                        "-o", str(book)])
        assert res.exit_code == 0, res.output
        shots = pages(to_pdf(book), dpi=24)
    width, height = shots[0].size
    columns = 5
    sheet = Image.new("RGB", (columns * (width + 8), -(-len(shots) // columns) * (height + 8)), "#888")
    for i, page in enumerate(shots):
        sheet.paste(page, ((i % columns) * (width + 8) + 4, (i // columns) * (height + 8) + 4))
    sheet.save(out)
    return len(shots)


def data_and_analyses_page(store: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "trials.xlsx"
        with open_store(store, read_only=True) as st:
            sheet = next(s for s in review_sheets(st) if s.name == "Data and analyses")
        write_workbook([sheet], book)
        cropped(pages(to_pdf(book), dpi=150)[0]).save(out)


def workbook_picture(store: str, doc: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "results.xlsx"
        with open_store(store, read_only=True) as st:
            results = next(s for s in review_sheets(st, [doc]) if s.name == "Results")
        # The comparisons with a HAIC arm, and the columns a reviewer checks them with.
        studies = {r["study"] for r in results.rows if "HAIC" in (r["arm"] or "")}
        rows = [r for r in results.rows if r["study"] in studies]
        write_workbook([replace(results, columns=SHOWN, rows=rows, wide=frozenset())], book)
        cropped(pages(to_pdf(book), dpi=150)[0]).save(out)


def query_capture(store: str, out: Path) -> None:
    query = ("PREFIX evkg: <https://w3id.org/evkg/ontology#> "
             "SELECT ?arm ?name ?value ?unit ?p ?quote WHERE { ?o evkg:kind \"outcome\" ; evkg:arm ?arm ; "
             "evkg:code ?name ; evkg:value ?value ; evkg:evidence/<http://www.w3.org/ns/oa#hasSelector>/"
             "<http://www.w3.org/ns/oa#exact> ?quote . OPTIONAL { ?o evkg:unit ?unit } "
             "OPTIONAL { ?o evkg:pValue ?p } FILTER(CONTAINS(?arm, \"组\")) } ORDER BY ?name ?arm ?value LIMIT 14")
    res = CliRunner().invoke(main, ["query", "--store", store, query])
    out.write_text(f"$ evkg query --store STORE '{query}'\n{res.output}", encoding="utf-8")


if __name__ == "__main__":
    seeds, examples, trials = sys.argv[1:4]
    n = workbook_pages(seeds, DOCS / "workbook-pages.png")
    data_and_analyses_page(trials, DOCS / "workbook-data-and-analyses.png")
    workbook_picture(seeds, SEED_DOCS[1], DOCS / "workbook-results.png")
    query_capture(examples, DOCS / "query-zh.txt")
    print(f"the two seeds' workbook prints on {n} landscape pages (docs/workbook-pages.png); "
          "written docs/workbook-data-and-analyses.png, docs/workbook-results.png, docs/query-zh.txt")
