"""What each web page shows, read from the store by SPARQL: plain data for the templates."""
from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from evkg.core.errors import EvkgError
from evkg.kg.report.rows import evidence_rows
from evkg.kg.report.trace import comparison_text, trace
from evkg.kg.store.backends import Store
from evkg.kg.store.ledger import ledger_path
from evkg.kg.store.queries import run_named
from evkg.kg.store.search import FACT_LIMIT, TEXT_LIMIT
from evkg.kg.store.search import search as find

CONTEXT_CHARS = 80     # text shown on each side of a quote
# When two facts overlap, the highlight takes the colour of the more specific kind.
_KIND_ORDER = ("outcome", "recommendation", "dose", "citation", "sample_size", "design", "endpoint",
               "reference", "drug", "device", "procedure", "condition")


def in_context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> dict:
    """A quote with the text around it, cut at `width` characters each side."""
    lo, hi = max(0, start - width), min(len(text), end + width)
    return {"before": ("…" if lo else "") + text[lo:start], "quote": text[start:end],
            "after": text[end:hi] + ("…" if hi < len(text) else "")}


def _document(store: Store, doc: str) -> dict:
    rows = run_named(store, "document_text", {"doc": doc}).rows
    if not rows:
        raise EvkgError(f"no document {doc!r} in the store")
    return rows[0]


def documents(store: Store) -> dict:
    facts: dict[str, int] = {}
    recommendations: dict[str, int] = {}
    for r in run_named(store, "fact_counts").rows:  # one row per document and kind
        facts[r["doc"]] = facts.get(r["doc"], 0) + r["facts"]
        if r["kind"] == "recommendation":
            recommendations[r["doc"]] = r["facts"]
    docs = [r | {"facts": facts.get(r["doc"], 0), "recommendations": recommendations.get(r["doc"], 0)}
            for r in run_named(store, "documents").rows]
    return {"documents": docs}


def highlight(text: str, facts: list[dict]) -> list[dict]:
    """The text cut where any fact starts or ends; each piece lists the facts covering it."""
    cuts = sorted({0, len(text), *(int(f["start"]) for f in facts), *(int(f["end"]) for f in facts)})
    starts: dict[int, list[int]] = {}
    for i, f in enumerate(facts):
        starts.setdefault(int(f["start"]), []).append(i)
    active: set[int] = set()
    pieces = []
    for a, b in pairwise(cuts):
        active = {i for i in active if int(facts[i]["end"]) > a} | set(starts.get(a, ()))
        covering = sorted(active, key=lambda i: _rank(facts[i]["kind"]))
        pieces.append({"text": text[a:b], "kind": facts[covering[0]]["kind"] if covering else None,
                       "facts": covering})
    return pieces


def _rank(kind: str) -> int:
    return _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER)


def fact_groups(facts: list[dict]) -> list[list[dict]]:
    """The document page's table: the mentions of one result (evkg:result) together, in the order
    of their first mention; any other fact a group of its own. Each fact keeps its `index` into
    `facts` (the highlight's tooltips point there)."""
    groups: dict[str, list[dict]] = {}
    for i, f in enumerate(facts):
        key = f["result"] if f["kind"] == "outcome" and f["result"] else f["fact"]
        groups.setdefault(key, []).append(f | {"index": i, "n_of_total": _n_of_total(f)})
    return list(groups.values())


def _n_of_total(f: dict) -> str:
    """`4/24` for a proportion printed with its counts, `/24` with its denominator only."""
    return f"{f['n']}/{f['total']}" if f["n"] and f["total"] else f"/{f['total']}" if f["total"] else f["n"]


def document(store: Store, doc: str) -> dict:
    info = _document(store, doc)
    facts = [f for f in evidence_rows(store, doc=doc) if f["end"] and int(f["end"]) > int(f["start"])]
    kinds = sorted({f["kind"] for f in facts}, key=_rank)
    return info | {"facts": facts, "groups": fact_groups(facts), "pieces": highlight(info["text"], facts),
                   "kinds": kinds}


def trace_page(store: Store, doc: str, label: str | None = None) -> dict:
    """One recommendation's trace (or the list of a document's recommendations), quotes in context:
    the same content as `evkg trace` (report/trace.py)."""
    t = trace(store, doc, label)
    texts = {doc: _document(store, doc)["text"]}
    for rec in t["recommendations"]:
        rec["context"] = in_context(texts[doc], rec["start"], rec["end"])
        for r in rec["references"]:
            for place in r["cited_at"]:
                place["context"] = in_context(texts[doc], place["start"], place["end"])
            if r["resolved"]:
                if r["resolved"] not in texts:
                    texts[r["resolved"]] = _document(store, r["resolved"])["text"]
                for c in r["comparisons"]:
                    c["text"] = comparison_text(c)
                    c["context"] = in_context(texts[r["resolved"]], int(c["start"]), int(c["end"]))
    # The label as stored (`共识 4`), whichever form was typed (`共识4`, `4`): kg.trace.find_label resolved it.
    return t | {"label": t["recommendations"][0]["label"] if label and t["recommendations"] else label}


def search(store: Store, q: str, ledger: str | None = None) -> dict:
    """Facts and texts matching `q`, from the search index in the store's ledger (kg/store/search.py);
    `ledger` names it where the server found it (a remote store's is under the server's home)."""
    hits = find(Path(ledger) if ledger else ledger_path(store.location), q)
    texts = [{"doc": t.doc, "title": t.title, "context": in_context(t.text, *t.at) if t.at else None}
             for t in hits.texts]
    return {"q": q, "facts": list(hits.facts), "texts": texts, "limit": FACT_LIMIT, "text_limit": TEXT_LIMIT,
            "unindexed": hits.unindexed}
