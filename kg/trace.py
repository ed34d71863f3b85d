"""Trace a recommendation to its sources: statement -> cited references -> resolved documents -> their facts."""
from __future__ import annotations

from typing import Any

from kg import ids
from core.errors import EvkgError
from kg.export import evidence_rows
from kg.labels import matching_labels
from kg.queries import run_query
from kg.store import Store

# What a source "reports": everything but its own bibliography.
_SOURCE_KINDS = {"condition", "procedure", "drug", "device", "dose", "endpoint", "outcome",
                 "recommendation", "sample_size", "design"}
_REFERENCE_FIELDS = ("first_author", "year", "title", "journal", "doi")


def _clean(row: dict) -> dict:
    return {k: v for k, v in row.items() if v not in (None, "")}


def trace(store: Store, doc: str, label: str | None = None) -> dict[str, Any]:
    """The trace of one document's recommendations (all, or the one labelled `label`)."""
    params = {"doc": doc}
    own = [ids.graph_iri(doc)]  # what the document itself says lives in its own graph
    recs = run_query(store, "trace_recommendations", params, own).rows
    refs = run_query(store, "references", params).rows
    if not recs and not refs:
        known = run_query(store, "SELECT ?doc WHERE { GRAPH ?g { ?d <http://purl.org/dc/terms/identifier> ?doc } }",
                          params).rows
        if not known:
            raise EvkgError(f"no document {doc!r} in the store; `evkg stats` lists what is there")
    if label is not None:
        recs = _labelled(recs, doc, label)
    by_ref = {str(r["ref"]): r for r in refs}
    facts_of: dict[str, list[dict]] = {}
    citations = run_query(store, "trace_citations", params, own).rows
    out_recs = []
    title = recs[0]["title"] if recs else None
    for rec in recs:
        cites = []
        for c in (c for c in citations if _cites(c, rec)):
            ref = by_ref.get(str(c["ref"]), {})
            resolved = ref.get("resolved")
            if resolved and resolved not in facts_of:
                facts_of[resolved] = [_clean(f) for f in evidence_rows(store, doc=resolved)
                                      if f["kind"] in _SOURCE_KINDS]
            cites.append({"ref": str(c["ref"]), "quote": c["quote"], "start": c["start"], "end": c["end"],
                          "reference": {k: ref.get(k) for k in _REFERENCE_FIELDS},
                          "resolved": resolved, "method": ref.get("method"), "score": ref.get("score"),
                          "facts": facts_of.get(resolved, []) if resolved else []})
        out_recs.append({k: rec.get(k) for k in ("label", "level", "strength", "system", "certainty",
                                                 "strengthClass", "quote", "start", "end")} | {"citations": cites})
    return {"document": doc, "title": title,
            "recommendations": out_recs,
            "references": [{"ref": str(r["ref"]), **{k: r.get(k) for k in _REFERENCE_FIELDS},
                            "resolved": r.get("resolved")} for r in refs]}


def _labelled(recs: list[dict], doc: str, label: str) -> list[dict]:
    """The recommendations `label` names (forms people type: `共识4`, `Consensus 4`, `4`); one
    label may stand for several statements (numbering restarts per section), so all are kept
    when the typed form matches one label exactly, and an ambiguous short form is refused."""
    labels = list(dict.fromkeys(r["label"] for r in recs))
    found = matching_labels(label, labels)
    if not found:
        raise EvkgError(f"{doc} has no recommendation labelled {label!r}; its labels are: "
                        f"{', '.join(labels) or '(none)'}")
    if len(found) > 1:
        raise EvkgError(f"{label!r} could be any of {', '.join(found)} in {doc}; give the whole label")
    return [r for r in recs if r["label"] == found[0]]


def _cites(citation: dict, rec: dict) -> bool:
    """A citation belongs to the statement node it is linked to (two statements may share a label)."""
    if citation.get("statement_start") is not None:
        return citation["statement_start"] == rec["start"]
    return citation["label"] == rec["label"]


def render_text(t: dict[str, Any], max_facts: int = 12) -> str:
    """A readable tree with quotes."""
    lines = [f"{t['document']}  {t.get('title') or ''}".rstrip()]
    if not t["recommendations"]:
        lines.append("  (no graded recommendations)")
    for rec in t["recommendations"]:
        grade = ", ".join(f"{k} {rec[k]}" for k in ("level", "strength", "system") if rec.get(k))
        lines.append(f"├─ {rec['label']}  [{grade}]")
        lines.append(f"│    “{_short(rec['quote'], 160)}”  @{rec['start']}-{rec['end']}")
        if not rec["citations"]:
            lines.append("│    (cites no reference)")
        for c in rec["citations"]:
            r = c["reference"]
            bib = " ".join(str(r[k]) for k in ("first_author", "year") if r.get(k))
            lines.append(f"│  ├─ [{c['ref']}] {bib}. {_short(r.get('title') or '', 90)}")
            lines.append(f"│  │    cited at “{_short(c['quote'], 100)}”  @{c['start']}-{c['end']}")
            if not c["resolved"]:
                lines.append("│  │    not in the graph")
                continue
            lines.append(f"│  │    → {c['resolved']} (matched by {c['method']}, score {c['score']})")
            for f in c["facts"][:max_facts]:
                what = " ".join(str(f[k]) for k in ("kind", "name", "value", "unit", "arm") if f.get(k))
                lines.append(f"│  │      • {what}: “{_short(f['quote'], 80)}”")
            if len(c["facts"]) > max_facts:
                lines.append(f"│  │      … {len(c['facts']) - max_facts} more facts (--format json lists all)")
    return "\n".join(lines)


def _short(s: str, n: int) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"
