"""The table reader on real documents (../shared, read, never copied): the table cells of the results gold
(ei-dev and seed 003) are found with their arm, measure, n and CI; on the other ei-dev documents no table
result has a name that reads as numbers, and every quote is its cell."""
import csv
import re

import pytest

from evkg.extract.readers import read_document
from evkg.extract.results.tables import pending
from evkg.extract.results.tables.cells import numeric_looking
from evkg.extract.results.tables.zones import zones
from evkg.extract.text.context import Context
from helpers.corpus import EI_DEV, SEEDS, SHARED

RUN = Context()
GOLDS = [(SHARED / "corpus" / "ei-dev" / "results-gold.csv", EI_DEV), (SHARED / "gold" / "seeds-results" /
                                                                         "results-gold.csv", SEEDS)]
STOP = {"the", "of", "and", "in", "at", "a", "an", "for", "with", "to", "rate", "patients", "vs", "after"}


def _table_mentions(gold_path, docs):
    """Gold mentions inside a table of their document."""
    out: dict = {}
    for r in csv.DictReader(gold_path.open(encoding="utf-8-sig")):
        if r["doc"] not in out:
            doc = read_document(docs / f"{r['doc']}.txt")
            out[r["doc"]] = (doc, [(z.start, z.end) for z in zones(doc)], [])
        if any(s <= int(r["start"]) < e for s, e in out[r["doc"]][1]):
            out[r["doc"]][2].append(r)
    return {d: (doc, ms) for d, (doc, _, ms) in out.items() if ms}


def _words(s: str) -> set:
    return {w for w in re.findall(r"[a-z0-9]+", s.lower()) if w not in STOP} | set(re.findall(r"[\u4e00-\u9fff]{2}", s))


def _right(p, g) -> bool:
    arm_ok = (not g["arm"] and not p.arm) or (g["arm"] and p.arm and
                                             (g["arm"].lower() in p.arm.lower() or p.arm.lower() in g["arm"].lower()))
    measure_ok = (g["endpoint"] and g["endpoint"] == p.code) or \
        len(_words(g["measure"]) & _words(p.measure + " " + p.code)) * 2 >= len(_words(g["measure"]))
    n_ok = not g["n"] or p.reading.n == int(g["n"])
    ci_ok = not g["ci_low"] or (float(p.details.get("ci_low", "nan")), float(p.details.get("ci_high", "nan"))) == \
        (float(g["ci_low"]), float(g["ci_high"]))
    return bool(arm_ok and measure_ok and n_ok and ci_ok)


@pytest.mark.skipif(not all(g.exists() for g, _ in GOLDS), reason="results gold not present")
@pytest.mark.parametrize("gold_path,docs", GOLDS, ids=["ei-dev", "seed003"])
def test_the_table_cells_of_the_results_gold_are_read_fully_right(gold_path, docs):
    found = right = total = 0
    for doc, mentions in _table_mentions(gold_path, docs).values():
        results = pending(doc, RUN.for_document(doc))
        for g in mentions:
            total += 1
            s, e = int(g["start"]), int(g["end"])
            hits = [p for p in results if p.cell.start <= s and e <= p.cell.end
                    and abs(p.reading.value - float(g["value"])) < 1e-6]
            found += bool(hits)
            right += bool(hits) and _right(hits[0], g)
    assert total > 60
    assert found / total >= 0.95 and right / total >= 0.9, (found, right, total)


@pytest.mark.skipif(not EI_DEV.exists(), reason="ei-dev corpus not present")
def test_no_table_result_of_other_documents_has_a_name_that_reads_as_numbers():
    docs = sorted(EI_DEV.glob("PMC*.txt"))[::3]
    seen = 0
    for path in docs:
        doc = read_document(path)
        for p in pending(doc, RUN.for_document(doc)):
            seen += 1
            quote = doc.text[p.cell.start:p.cell.end]
            assert p.cell.start <= p.reading.vspan[0] < p.reading.vspan[1] <= p.cell.end, quote
            assert not numeric_looking(p.arm) and not numeric_looking(p.measure), (path.name, quote, p.arm, p.measure)
    assert seen > 100
