"""Export benchmark: each `evkg export` format over one store, CPU seconds per step.

    .venv/bin/python bench/export.py STORE [--rounds 3]
    .venv/bin/python bench/export.py --ingest DIR --limit 100      # a fresh store of DIR's first 100 files

Times (CPU: user + sys of this process, the median of the rounds, formats alternated so a busy
machine slows each alike): the evidence-table query (queries/evidence_table.rq, run once per
export), the row views built on it, writing each file (CSV, Data-and-analyses CSV, workbook,
FHIR Bundle) and each whole export as the CLI runs it, the process start and imports excepted
(printed apart). Nothing is asserted; results-export.txt keeps one run.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def timed(fn):
    start = cpu()
    out = fn()
    return cpu() - start, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("store", nargs="?")
    ap.add_argument("--ingest", type=Path, help="ingest the files of this folder into a fresh store first")
    ap.add_argument("--limit", type=int, default=100, help="with --ingest: the first N files")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    start = cpu()
    from evkg.kg.report.analyses import data_and_analyses
    from evkg.kg.report.export import export_csv, export_da_csv
    from evkg.kg.report.fhir import export_fhir
    from evkg.kg.report.rows import RESULT_KINDS, all_facts, pick, result_rows
    from evkg.kg.report.xlsx import export_xlsx, review_sheets
    from evkg.kg.store.backends import open_store
    from evkg.kg.store.queries import run_named
    imports = cpu() - start
    tmp = Path(tempfile.mkdtemp(prefix="evkg-bench-export-"))
    store = args.store
    if args.ingest:
        import shutil

        from evkg.kg.ingest.batch import ingest
        folder = tmp / "docs"
        folder.mkdir()
        for f in sorted(p for p in args.ingest.iterdir() if p.is_file())[:args.limit]:
            shutil.copyfile(f, folder / f.name)
        store = str(tmp / "store")
        ingest([folder], store, progress=False)
    if not store:
        sys.exit("name a STORE or --ingest DIR")
    steps = {
        "evidence-table query + rows": lambda st: all_facts(st),
        "results + data and analyses": lambda st: data_and_analyses(*_results(pick(all_facts(st), RESULT_KINDS))),
        "all workbook sheets": lambda st: review_sheets(st),
        "export csv": lambda st: export_csv(st, tmp / "t.csv"),
        "export da-csv": lambda st: export_da_csv(st, tmp / "t.da.csv"),
        "export xlsx": lambda st: export_xlsx(st, tmp / "t.xlsx"),
        "export fhir": lambda st: export_fhir(st, tmp / "t.json"),
    }

    def _results(rows):
        return rows, result_rows(rows)

    times: dict[str, list[float]] = {k: [] for k in steps}
    with open_store(store, read_only=True) as st:
        docs = len(run_named(st, "documents").rows)
        facts = len(all_facts(st))
        for _ in range(args.rounds):
            for name, step in steps.items():
                times[name].append(timed(lambda step=step: step(st))[0])
    print(f"store: {store} ({docs} documents, {facts} facts); imports {imports:.2f} s; "
          f"{args.rounds} rounds, median CPU s")
    for name, ts in times.items():
        print(f"{name:32s} {statistics.median(ts):6.2f} s")
    print(f"({time.strftime('%Y-%m-%d')}, python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
