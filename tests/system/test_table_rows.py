"""One rule for which facts are rows of the evidence table (queries/fragments/table_row.rq): the CSV,
the workbook, `evkg stats`, the web page, the Sources sheet and the ledger all count the same rows."""
import re
from collections import Counter

from evkg.core.model import TABLE_KINDS
from evkg.kg.report.rows import evidence_rows, selected_rows, source_rows
from evkg.kg.store.backends import open_store
from evkg.kg.store.ledger import Ledger, ledger_path
from evkg.kg.store.queries import FRAGMENT_DIR, QUERY_DIR, fragment
from evkg.kg.store.stats import document_fact_counts, fact_count, store_stats
from evkg.kg.web import pages
from helpers.corpus import read_table


def test_the_rule_has_one_home_and_names_the_spec_kinds():
    rule = fragment("table_row")
    assert tuple(re.findall(r'"(\w+)"', rule.split("&&")[0])) == TABLE_KINDS
    users = [p.stem for p in QUERY_DIR.glob("*.rq") if "{{table_row}}" in p.read_text(encoding="utf-8")]
    assert sorted(users) == ["evidence_table", "fact_counts"]
    assert (FRAGMENT_DIR / "table_row.rq").read_text(encoding="utf-8").startswith("# table_row:")


def _agree(store: str) -> Counter:
    with open_store(store, read_only=True) as st:
        rows = Counter(r["doc"] for r in evidence_rows(st))
        counts = {d: sum(c.values()) for d, c in document_fact_counts(st).items()}
        assert rows == Counter(counts)
        assert sum(store_stats(st)["kinds"].values()) == sum(rows.values())
        assert {d["doc"]: d["facts"] for d in pages.documents(st)["documents"] if d["facts"]} == counts
        assert {r["doc"]: r["facts"] for r in source_rows(st, []) if r["facts"]} == counts
        assert all(fact_count(st, d) == n for d, n in counts.items())
        for doc in list(counts)[:3]:
            page = pages.document(st, doc)
            assert len(page["facts"]) == len([r for r in evidence_rows(st, doc) if int(r["end"]) > int(r["start"])])
    ledger = Ledger(ledger_path(store))
    try:
        assert {e.id: e.facts for e in ledger.entries() if e.facts} == counts
    finally:
        ledger.close()
    return rows


def test_export_stats_web_sources_and_ledger_agree_on_the_seeds(seeds_store, seeds_table):
    rows = _agree(seeds_store)
    assert len(read_table(seeds_table)) == sum(rows.values())
    with open_store(seeds_store, read_only=True) as st:
        # a statement printed without a grade is a fact of the graph but no row; asked for by kind, it is listed
        graded = [r for r in evidence_rows(st) if r["kind"] == "recommendation"]
        every = selected_rows(st, kinds=["recommendation"])
        assert len(every) > len(graded) and all(r["level"] or r["strength"] for r in graded)
        assert not any(r["kind"] == "arm" for r in evidence_rows(st)) and selected_rows(st, kinds=["arm"])


def test_they_agree_on_the_check_fixtures(planted_store):
    _agree(planted_store)
