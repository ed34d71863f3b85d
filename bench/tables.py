"""Table reader speed against table size: prints CPU time per cell, asserts nothing.

    .venv/bin/python bench/tables.py                  # row-major and column-major tables of 10 to 5,000 rows
    .venv/bin/python bench/tables.py --rows 100,1000 --cols 2,8

Each table is invented (n (%) cells under arms glued on one header line, or the Chinese layout flattened
column by column), read by `extract.results.tables.pending` on a fresh document context. The figure to
watch is microseconds per cell: flat as tables grow means the reader is linear in table size. CPU time
(user + sys of this process, `resource.getrusage`) is printed, not wall time.
"""
from __future__ import annotations

import argparse
import resource

from evkg.core.model import Document
from evkg.extract.results.tables import pending
from evkg.extract.text.context import Context


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def row_major(rows: int, cols: int) -> str:
    head = "Event" + "".join(f"Arm {chr(65 + j % 26)}{j // 26 or ''} (n = {100 + j})" for j in range(cols))
    lines = ["Table 2Adverse events, n (%)", head]
    for i in range(rows):
        lines.append(f"Event {i}")
        lines += [f"{(i + j) % 90} ({(i + j) % 90 / (100 + j) * 100:.1f})" for j in range(cols)]
    return "\n".join(lines) + "\n"


def column_major(rows: int, cols: int) -> str:
    lines = ["表3　不良反应，例（%）", "不良反应"] + [f"事件{i}" for i in range(rows)]
    for j in range(cols):
        lines.append(f"{j + 1}级")
        lines += [f"{(i + j) % 20}（{(i + j) % 20 * 4.0:.1f}）" for i in range(rows)]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", default="10,100,1000,5000")
    ap.add_argument("--cols", default="2,4")
    args = ap.parse_args()
    run = Context()
    print(f"{'layout':<14}{'rows':>6}{'cols':>6}{'cells':>8}{'results':>9}{'cpu s':>9}{'µs/cell':>9}")
    for layout, make in (("row-major", row_major), ("column-major", column_major)):
        for cols in map(int, args.cols.split(",")):
            for rows in map(int, args.rows.split(",")):
                text = make(rows, cols)
                language = "zh" if layout == "column-major" else "en"
                doc = Document(f"bench-{layout}-{rows}-{cols}", text, language=language)
                ctx = run.for_document(doc)
                t0 = _cpu()
                got = pending(doc, ctx)
                spent = _cpu() - t0
                cells = rows * cols
                print(f"{layout:<14}{rows:>6}{cols:>6}{cells:>8}{len(got):>9}{spent:>9.3f}{spent / cells * 1e6:>9.1f}")


if __name__ == "__main__":
    main()
