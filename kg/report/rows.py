"""The row views every report is made of, each a list of rows read from the graph by SPARQL.

- `evidence_rows` / `selected_rows`: the evidence table, one row per fact (queries/evidence_table.rq;
  which facts are rows: queries/fragments/table_row.rq), with the study and section of each.
- `result_rows`: one row per result (its mentions grouped), arm sizes from the arms' own facts.
- `study_rows`: each document and each cited study (label, design, population, arms with N, ids).
- `recommendation_rows`, `reference_rows`, `code_rows`, `source_rows`: graded statements with their
  sources, reference lists with their resolution, the key to the codes, documents with their counts.

The CSV (report/export.py), the workbook (report/xlsx.py), FHIR (report/fhir.py), trace, checks and
the web pages all read these; a wrong number in any of them is fixed here or in the query it reads.
Evidence rows are text (the CSV's cells); `as_numbers` turns the numeric columns into numbers.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from evkg.core.errors import EvkgError
from evkg.core.model import KINDS, TABLE_KINDS
from evkg.core.text import has_han
from evkg.extract.text.arms import arm_key
from evkg.kg.graph import ids
from evkg.kg.graph.terms import format_number
from evkg.kg.report.columns import TABLE_COLUMNS
from evkg.kg.report.studies import section_index, study_index
from evkg.kg.store.backends import Store
from evkg.kg.store.lookup import check_documents
from evkg.kg.store.queries import run_named

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
RESULT_NUMBERS = {"arm_size", "comparator_size", "value", "n", "total", "sd", "ci_low", "ci_high", "ci_level",
                   "mentions", "start", "end"}


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (int, float)):
        return format_number(v)
    return str(v)


# What a row keeps beyond the table's columns: the arm nodes its arm and comparator fold to (and
# their labels), which the Data-and-analyses sheet groups by (report/analyses.py).
NODE_COLUMNS = ("arm_node", "arm_label", "comparator_node", "comparator_label")
# The kinds the Studies, Results and Data-and-analyses sheets and FHIR are made of.
RESULT_KINDS = ("outcome", "arm", "design", "condition", "sample_size")


def fact_rows(store: Store, doc: str | None = None) -> list[dict[str, Any]]:
    """Every fact (of one document when `doc` is given) once, in a stable order: the evidence
    table's columns as text, plus `table_row` (a row of the spec's table or not), `fact`, the
    arm nodes, the study label and section. The one run of queries/evidence_table.rq that every
    view of a document's facts is cut from (`pick`)."""
    res = run_named(store, "evidence_table", {"doc": doc}, [ids.graph_iri(doc)]) if doc \
        else run_named(store, "evidence_table")
    studies, sections = study_index(store, doc), section_index(store, doc)
    seen, out = set(), []
    for r in res.rows:
        # A fact with two values of one optional property would come twice; it is one mention.
        if r["fact"] in seen:
            continue
        seen.add(r["fact"])
        row: dict[str, Any] = {c: _cell(r.get(c)) for c in TABLE_COLUMNS + NODE_COLUMNS}
        if _own_number(row):
            row["arm_size"] = row["arm_size"] or _cell(r["node_arm_size"])
        else:
            row["comparator_size"] = ""
        row["study"] = studies.label(row["doc"], row["ref"], row["source_name"])
        row["section"] = sections.at(row["doc"], int(r["start"]))
        row["title"], row["year"], row["fact"] = _cell(r["title"]), _cell(r["year"]), r["fact"]
        row["table_row"] = r["table_row"] in (True, "true")
        out.append(row)
    return out


def pick(rows: Iterable[dict[str, Any]], kinds: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Without `kinds`, the evidence table's rows (the spec's kinds; statements only with a grade,
    as queries/fragments/table_row.rq says); with `kinds`, every fact of those kinds, graph kinds
    (arm, regimen) and statements printed without a grade included."""
    wanted = set(kinds)
    return [{k: v for k, v in r.items() if k != "table_row"} for r in rows
            if (r["kind"] in wanted if wanted else r["table_row"])]


def evidence_rows(store: Store, doc: str | None = None, kinds: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The evidence table (of one document when `doc` is given), one row per fact (see `pick`)."""
    return pick(fact_rows(store, doc), kinds)


def _own_number(row: dict[str, str]) -> bool:
    """A number of a study whose arms the document states: its own, or a cited one (arm nodes are
    per study, keyed by the cited reference). A trial named without a citation shares the
    document's arm nodes, so their sizes are not its arms' sizes."""
    return not row["source_name"] or bool(row["ref"])


def all_facts(store: Store, docs: Iterable[str] = ()) -> list[dict[str, Any]]:
    """`fact_rows` of some documents (checked: an unknown id is an error naming the nearest), or of all."""
    docs = list(dict.fromkeys(docs))
    if docs:
        check_documents(store, docs)
        return [r for d in docs for r in fact_rows(store, d)]
    return fact_rows(store)


def check_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    kinds = tuple(kinds)
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise EvkgError(f"unknown kind {', '.join(unknown)}; kinds are: {', '.join(KINDS)}")
    return kinds


def selected_rows(store: Store, docs: Iterable[str] = (), kinds: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The evidence table restricted to some documents and kinds (empty: all documents, the table's rows)."""
    return pick(all_facts(store, docs), check_kinds(kinds))


def _arm_key(doc: str, ref: str, arm: str) -> tuple[str, str, str]:
    return doc, ref, arm_key(arm)


def _arm_sizes(rows: list[dict[str, str]]) -> dict[tuple[str, str, str], str]:
    """Each arm's N as an arm fact states it, by document, cited reference and folded name."""
    return {_arm_key(r["doc"], r["ref"], r["name"]): r["total"] or r["value"] for r in rows
            if r["kind"] == "arm" and (r["total"] or r["value"])}


def result_groups(rows: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The outcome mentions of each result (evkg:result; a mention of none is a result of its own),
    each group in text order, the groups in order of their first mention."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        if r["kind"] == "outcome":
            groups.setdefault((r["doc"], r["result"] or r["fact"]), []).append(r)
    out = [sorted(g, key=lambda m: (int(m["start"]), int(m["end"]))) for g in groups.values()]
    return sorted(out, key=lambda g: (g[0]["doc"], int(g[0]["start"])))


def result_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per result: mentions of one result (evkg:result) grouped, the first one quoted;
    `locations` lists every mention's offsets (`start-end`)."""
    sizes = _arm_sizes(rows)
    out = []
    for mentions in result_groups(rows):
        first = mentions[0]
        row = {c: first.get(c, "") for c in RESULT_COLUMNS + NODE_COLUMNS}
        # The size an arm fact of the same cited study states comes first: a review's arm node
        # (one per document and arm name) may hold the sizes of several studies' "TACE group".
        row["arm_size"] = sizes.get(_arm_key(first["doc"], first["ref"], first["arm"]), "") or row["arm_size"]
        row["comparator_size"] = (sizes.get(_arm_key(first["doc"], first["ref"], first["comparator"]), "")
                                  if first["comparator"] else "") or row["comparator_size"]
        row["mentions"] = str(len(mentions))
        row["sections"] = ", ".join(dict.fromkeys(m["section"] for m in mentions if m["section"]))
        row["locations"] = ", ".join(f"{m['start']}-{m['end']}" for m in mentions)
        out.append(as_numbers(row, RESULT_NUMBERS))
    return out


def study_rows(store: Store, docs: list[str], rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """One row per document, then one per cited study (reference entry) with the arms its numbers name."""
    by_study: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for r in rows:
        by_study.setdefault((r["doc"], r["ref"], r["kind"]), []).append(r)

    def joined(doc: str, ref: str, kind: str, field: str = "name") -> str:
        return ", ".join(dict.fromkeys(r[field] for r in by_study.get((doc, ref, kind), ()) if r[field]))

    def arms(doc: str, ref: str) -> str:
        return "; ".join(dict.fromkeys(f"{r['name']} (n={r['total'] or r['value']})" if r["total"] or r["value"]
                                       else r["name"] for r in by_study.get((doc, ref, "arm"), ())))

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


def code_rows(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The lexicon codes the exported rows carry, each with its English label and Chinese names and
    how many rows carry it (a code no row uses is left out: the sheet is the key to these rows)."""
    from evkg.extract.vocabulary.lexicon import Lexicon
    used: dict[tuple[str, str], int] = {}
    for r in evidence:
        kind = "endpoint" if r["kind"] == "outcome" else "drug" if r["kind"] == "dose" else r["kind"]
        used[(kind, r["name"])] = used.get((kind, r["name"]), 0) + 1
    lexicon, out = Lexicon.load(dictionary=False), []
    for (kind, code), count in used.items():
        e = lexicon.entry(kind, code)   # one entry, though a code may be in two tables (drug, drug.zh)
        if e is None:
            continue
        chinese = [s for s in e.synonyms if has_han(s)]
        out.append({"kind": kind, "code": code, "english": e.label, "chinese": " / ".join(chinese),
                    "synonyms": " | ".join(s for s in e.synonyms if s not in chinese), "rows": count})
    return sorted(out, key=lambda r: (r["kind"], r["code"]))


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
        return run_named(store, query).rows
    return [r for d in dict.fromkeys(docs) for r in run_named(store, query, {"doc": d}).rows]


def as_numbers(row: dict[str, str], numeric: Iterable[str]) -> dict[str, Any]:
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
