"""Regenerate docs/workbook-results.png (from a store holding the seeds) and docs/query-zh.txt
(from the invented examples/, so no third-party text enters the repo).

    .venv/bin/evkg ingest --store /tmp/seeds ../shared/corpus/seeds
    .venv/bin/evkg ingest --store /tmp/examples examples
    .venv/bin/python docs/screenshots.py /tmp/seeds 004_f08e5dc3bf0d0779 /tmp/examples

The picture is LibreOffice's rendering (headless, to PDF) of the workbook's Results sheet for
one document, cut to the columns a reviewer checks a comparison with (offsets, not quotes: the
seeds' text stays out of the repo), rasterised with pypdfium2
(`pip install pypdfium2`; a tool for this script only). Chinese needs a CJK font visible to
fontconfig (set FONTCONFIG_FILE to a config naming one if the system has none).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from evkg.kg.cli import main
from evkg.kg.report.xlsx import review_sheets, write_workbook
from evkg.kg.store.backends import open_store

DOCS = Path(__file__).resolve().parent
SHOWN = ("study", "ref", "source", "name", "arm", "arm_size", "comparator", "value", "unit", "n", "total", "ci_low",
         "ci_high", "p_value", "timeframe", "criteria", "sections", "mentions", "start", "end")


def workbook_picture(store: str, doc: str, out: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("soffice not found: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "results.xlsx"
        with open_store(store, read_only=True) as st:
            results = next(s for s in review_sheets(st, [doc]) if s.name == "Results")
        # The comparisons with a HAIC arm, and the columns a reviewer checks them with.
        studies = {r["study"] for r in results.rows if "HAIC" in (r["arm"] or "")}
        rows = [r for r in results.rows if r["study"] in studies]
        write_workbook([replace(results, columns=SHOWN, rows=rows)], book)
        wb = load_workbook(book)
        ws = wb["Results"]
        ws.page_setup.orientation = "landscape"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 1
        wb.save(book)
        # Calc renders to PDF (its PNG export needs the GUI packages); pypdfium2 rasterises page 1.
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", "pdf", "--outdir", tmp, str(book)],
                       check=True, capture_output=True, timeout=300)
        import pypdfium2
        page = pypdfium2.PdfDocument(Path(tmp) / "results.pdf")[0]
        image = page.render(scale=2.5).to_pil()
        from PIL import ImageOps
        left, top, right, bottom = ImageOps.invert(image.convert("L")).getbbox()
        image.crop((max(left - 20, 0), max(top - 20, 0), right + 20, bottom + 20)).save(out)


def query_capture(store: str, out: Path) -> None:
    query = ("PREFIX evkg: <https://w3id.org/evkg/ontology#> "
             "SELECT ?arm ?name ?value ?unit ?p ?quote WHERE { ?o evkg:kind \"outcome\" ; evkg:arm ?arm ; "
             "evkg:code ?name ; evkg:value ?value ; evkg:evidence/<http://www.w3.org/ns/oa#hasSelector>/"
             "<http://www.w3.org/ns/oa#exact> ?quote . OPTIONAL { ?o evkg:unit ?unit } "
             "OPTIONAL { ?o evkg:pValue ?p } FILTER(CONTAINS(?arm, \"组\")) } ORDER BY ?name ?arm ?value LIMIT 14")
    res = CliRunner().invoke(main, ["query", "--store", store, query])
    out.write_text(f"$ evkg query --store STORE '{query}'\n{res.output}", encoding="utf-8")


if __name__ == "__main__":
    store, doc, examples = sys.argv[1], sys.argv[2], sys.argv[3]
    workbook_picture(store, doc, DOCS / "workbook-results.png")
    query_capture(examples, DOCS / "query-zh.txt")
    print("written docs/workbook-results.png and docs/query-zh.txt")
