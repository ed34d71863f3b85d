"""The sheets of the review workbook, each a list of rows read from the graph by SPARQL.

Studies (each document and each cited study: label, design, population, arms with N, ids),
Results (one row per result, its mentions counted), Evidence (the evidence table, one row per
mention), Recommendations (graded statements with their grade on the common scale, cited
references, resolved sources and how much those report), References (each document's
reference list with its resolution), Codes (the key to the codes: English and Chinese names
from the lexicons) and Sources (each document with its fact counts). Values stay Python values
(numbers as numbers) until the writer formats them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from evkg.core.model import TABLE_KINDS
from evkg.core.text import has_han
from evkg.kg.report.export import selected_rows
from evkg.kg.graph.ids import arm_key
from evkg.kg.store.queries import run_query
from evkg.kg.store.backends import Store
from evkg.kg.report.studies import study_index
from evkg.kg.report.table import NUMERIC, TABLE_COLUMNS


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    numeric: frozenset[str] = frozenset()
    wide: frozenset[str] = frozenset()   # long text: wrapped in a wide column


STUDY_COLUMNS = ("study", "role", "doc", "ref", "type", "design", "population", "sample_size", "arms",
                 "registry_id", "doi", "pmid", "year", "title", "resolves_to")
RESULT_COLUMNS = ("study", "doc", "ref", "name", "measure", "arm", "arm_size", "comparator", "comparator_size",
                  "statistic", "value", "unit", "n", "total", "sd", "effect", "ci_low", "ci_high", "ci_level",
                  "p_value", "timeframe", "criteria", "source", "source_name", "mentions", "sections",
                  "quote", "start", "end", "result")
RECOMMENDATION_COLUMNS = ("doc", "label", "text", "level", "strength", "system", "certainty", "strength_class",
                          "refs", "sources", "source_facts")
REFERENCE_COLUMNS = ("doc", "ref", "study", "first_author", "year", "title", "journal", "doi", "pmid",
                     "resolved", "method", "score", "quote")
CODE_COLUMNS = ("kind", "code", "english", "chinese", "synonyms", "rows")
SOURCE_COLUMNS = ("doc", "type", "language", "title", "year", "registry_id", "facts") + TABLE_KINDS
_RESULT_NUMBERS = {"arm_size", "comparator_size", "value", "n", "total", "sd", "ci_low", "ci_high", "ci_level",
                   "mentions", "start", "end"}


def review_sheets(store: Store, docs: Iterable[str] = (), kinds: Iterable[str] = ()) -> list[Sheet]:
    """The sheets; `docs` restricts every sheet, `kinds` the Evidence sheet."""
    docs = list(docs)
    evidence = selected_rows(store, docs, kinds)   # as the CSV: the same kinds, the same rows
    rows = selected_rows(store, docs, ("outcome", "arm", "design", "condition", "sample_size"))
    return [
        Sheet("Studies", STUDY_COLUMNS, study_rows(store, docs, rows), frozenset({"year"}),
              frozenset({"title", "arms"})),
        Sheet("Results", RESULT_COLUMNS, result_rows(rows), frozenset(_RESULT_NUMBERS), frozenset({"quote"})),
        Sheet("Evidence", TABLE_COLUMNS, [_numbers(r, NUMERIC) for r in evidence],
              frozenset(NUMERIC), frozenset({"quote"})),
        Sheet("Recommendations", RECOMMENDATION_COLUMNS, recommendation_rows(store, docs),
              frozenset({"source_facts"}), frozenset({"text"})),
        Sheet("References", REFERENCE_COLUMNS, reference_rows(store, docs),
              frozenset({"year", "score"}), frozenset({"title", "quote"})),
        Sheet("Codes", CODE_COLUMNS, code_rows(evidence), frozenset({"rows"}), frozenset({"synonyms"})),
        Sheet("Sources", SOURCE_COLUMNS, source_rows(store, docs),
              frozenset({"year", "facts", *TABLE_KINDS}), frozenset({"title"})),
    ]


def _arm_key(doc: str, ref: str, arm: str) -> tuple[str, str, str]:
    return doc, ref, arm_key(arm)


def _arm_sizes(rows: list[dict[str, str]]) -> dict[tuple[str, str, str], str]:
    """Each arm's N as an arm fact states it, by document, cited reference and folded name."""
    return {_arm_key(r["doc"], r["ref"], r["name"]): r["total"] or r["value"] for r in rows
            if r["kind"] == "arm" and (r["total"] or r["value"])}


def result_rows(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """One row per result: mentions of one result (evkg:result) grouped, the first one quoted."""
    sizes = _arm_sizes(rows)
    groups: dict[tuple[str, str], list[dict[str, str]]] = {}
    for r in rows:
        if r["kind"] == "outcome":
            groups.setdefault((r["doc"], r["result"] or r["fact"]), []).append(r)
    out = []
    for mentions in groups.values():
        first = min(mentions, key=lambda m: int(m["start"]))
        row = {c: first.get(c, "") for c in RESULT_COLUMNS}
        # The size an arm fact of the same cited study states comes first: a review's arm node
        # (one per document and arm name) may hold the sizes of several studies' "TACE group".
        row["arm_size"] = sizes.get(_arm_key(first["doc"], first["ref"], first["arm"]), "") or row["arm_size"]
        row["comparator_size"] = (sizes.get(_arm_key(first["doc"], first["ref"], first["comparator"]), "")
                                  if first["comparator"] else "") or row["comparator_size"]
        row["mentions"] = str(len(mentions))
        row["sections"] = ", ".join(dict.fromkeys(m["section"] for m in mentions if m["section"]))
        out.append(_numbers(row, _RESULT_NUMBERS))
    return sorted(out, key=lambda r: (r["doc"], r["start"]))


def study_rows(store: Store, docs: list[str], rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """One row per document, then one per cited study (reference entry) with the arms its numbers name."""
    def joined(doc: str, ref: str, kind: str, field: str = "name") -> str:
        return ", ".join(dict.fromkeys(r[field] for r in rows if r["doc"] == doc and r["ref"] == ref
                                       and r["kind"] == kind and r[field]))

    def arms(doc: str, ref: str) -> str:
        return "; ".join(dict.fromkeys(f"{r['name']} (n={r['total'] or r['value']})" if r["total"] or r["value"]
                                       else r["name"] for r in rows
                                       if r["doc"] == doc and r["ref"] == ref and r["kind"] == "arm"))

    studies = study_index(store)
    out = []
    for d in per_doc(store, "documents", docs):
        out.append({"study": studies.label(d["doc"]), "role": "document", "doc": d["doc"], "ref": "",
                    "type": d["type"], "design": joined(d["doc"], "", "design"),
                    "population": joined(d["doc"], "", "condition"),
                    "sample_size": joined(d["doc"], "", "sample_size", "value"), "arms": arms(d["doc"], ""),
                    "registry_id": d["nct"], "doi": d["doi"], "pmid": d["pmid"], "year": d["year"],
                    "title": d["title"], "resolves_to": ""})
    own = {row["doc"]: row for row in out}
    for r in reference_rows(store, docs):
        ref = str(r["ref"])
        # A cited study that is itself in the graph: its design, population and size come from it.
        source = own.get(r["resolved"] or "", {})
        out.append({"study": r["study"], "role": "cited", "doc": r["doc"], "ref": ref, "type": source.get("type", ""),
                    "design": source.get("design", ""), "population": source.get("population", ""),
                    "sample_size": source.get("sample_size", ""),
                    "arms": source.get("arms") or arms(r["doc"], ref),  # the source itself, when in the graph
                    "registry_id": source.get("registry_id", ""), "doi": r["doi"], "pmid": r["pmid"],
                    "year": r["year"], "title": r["title"], "resolves_to": r["resolved"]})
    return out


def reference_rows(store: Store, docs: list[str]) -> list[dict[str, Any]]:
    studies = study_index(store)
    return [r | {"study": studies.label(r["doc"], str(r["ref"]))} for r in per_doc(store, "references", docs)]


def recommendation_rows(store: Store, docs: list[str]) -> list[dict[str, Any]]:
    out = []
    for r in per_doc(store, "recommendation_sources", docs):
        refs = sorted(filter(None, (r["refs"] or "").split(", ")), key=lambda x: (not x.isdigit(), x.zfill(8)))
        out.append(r | {"strength_class": r["strengthClass"], "refs": ", ".join(refs)})
    return out


def code_rows(evidence: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Every lexicon code with its English label and Chinese names, and how many exported rows carry it."""
    from evkg.extract.vocabulary.lexicon import Lexicon
    used: dict[tuple[str, str], int] = {}
    for r in evidence:
        kind = "endpoint" if r["kind"] == "outcome" else "drug" if r["kind"] == "dose" else r["kind"]
        used[(kind, r["name"])] = used.get((kind, r["name"]), 0) + 1
    out = []
    for e in Lexicon.load().entries:
        if e.kind == "ignore":
            continue
        chinese = [s for s in e.synonyms if has_han(s)]
        out.append({"kind": e.kind, "code": e.code, "english": e.label, "chinese": " / ".join(chinese),
                    "synonyms": " | ".join(s for s in e.synonyms if s not in chinese),
                    "rows": used.get((e.kind, e.code), 0)})
    return sorted(out, key=lambda r: (r["rows"] == 0, r["kind"], r["code"]))


def source_rows(store: Store, docs: list[str]) -> list[dict[str, Any]]:
    counts: dict[str, dict[str, int]] = {}
    for r in per_doc(store, "fact_counts", docs):
        counts.setdefault(r["doc"], {})[r["kind"]] = r["facts"]
    out = []
    for r in per_doc(store, "documents", docs):
        c = counts.get(r["doc"], {})
        out.append(r | {"registry_id": r["nct"], "facts": sum(c.values()), **{k: c.get(k, 0) for k in TABLE_KINDS}})
    return out


def per_doc(store: Store, query: str, docs: list[str]) -> list[dict[str, Any]]:
    """A named query's rows, for each of `docs` (bound as ?doc) or for all documents."""
    if not docs:
        return run_query(store, query).rows
    return [r for d in dict.fromkeys(docs) for r in run_query(store, query, {"doc": d}).rows]


def _numbers(row: dict[str, str], numeric: Iterable[str]) -> dict[str, Any]:
    """Numeric columns as numbers (the evidence table is built as text for CSV); text that is not a
    number (a p-value written `<0.001`) stays text."""
    out: dict[str, Any] = dict(row)
    for c in numeric:
        v = row.get(c)
        if isinstance(v, str):
            try:
                out[c] = None if v == "" else float(v) if any(ch in v for ch in ".eE") else int(v)
            except ValueError:
                out[c] = v
    return out
