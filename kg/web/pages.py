"""What each web page shows, read from the store by SPARQL: plain data for the templates."""
from __future__ import annotations

from rdflib import Literal

from evkg.core.errors import EvkgError
from evkg.kg.report.rows import evidence_rows
from evkg.kg.report.trace import comparison_text, trace
from evkg.kg.store.backends import Store, term_text
from evkg.kg.store.queries import run_named

CONTEXT_CHARS = 80     # text shown on each side of a quote
SEARCH_LIMIT = 100     # facts listed for a search
TEXT_HITS_LIMIT = 20   # documents listed for a search over text
# When two facts overlap, the highlight takes the colour of the more specific kind.
_KIND_ORDER = ("outcome", "recommendation", "dose", "citation", "sample_size", "design", "endpoint",
               "reference", "drug", "device", "procedure", "condition")

_PREFIXES = """PREFIX evkg: <https://w3id.org/evkg/ontology#>
PREFIX oa:   <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
# The search term must be bound before FILTER reads it, which a trailing VALUES (run_named's
# parameters) is not; so it goes in as an inline VALUES of one RDF literal (term_text escapes it).
# No ORDER BY: with one, every match is found before the LIMIT applies (seconds on 500
# documents); without, a common term stops at the first hits. The hits are sorted here.
_SEARCH_FACTS = _PREFIXES + """SELECT ?doc ?kind ?name ?value ?unit ?quote ?start ?end WHERE {
  VALUES ?q { %s }
  GRAPH ?g {
    ?fact a evkg:Fact ; evkg:kind ?kind ; evkg:inDocument ?d ; evkg:evidence ?ev .
    ?d dcterms:identifier ?doc .
    ?ev oa:hasSelector ?pos , ?sel .
    ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
    ?sel a oa:TextQuoteSelector ; oa:exact ?quote .
    OPTIONAL { ?fact evkg:label|evkg:code|evkg:firstAuthor ?name }
    OPTIONAL { ?fact evkg:value ?value }
    OPTIONAL { ?fact evkg:unit ?unit }
  }
  FILTER (CONTAINS(LCASE(?quote), ?q) || CONTAINS(LCASE(COALESCE(?name, "")), ?q))
} LIMIT %d"""
_SEARCH_TEXT = _PREFIXES + """SELECT ?doc ?title ?text WHERE {
  VALUES ?q { %s }
  GRAPH ?g { ?d a evkg:Document ; dcterms:identifier ?doc ; evkg:fullText ?text .
             OPTIONAL { ?d dcterms:title ?title } }
  FILTER (CONTAINS(LCASE(?text), ?q))
} LIMIT %d"""


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
    for a, b in zip(cuts, cuts[1:]):
        active = {i for i in active if int(facts[i]["end"]) > a} | set(starts.get(a, ()))
        covering = sorted(active, key=lambda i: _rank(facts[i]["kind"]))
        pieces.append({"text": text[a:b], "kind": facts[covering[0]]["kind"] if covering else None,
                       "facts": covering})
    return pieces


def _rank(kind: str) -> int:
    return _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER)


def document(store: Store, doc: str) -> dict:
    info = _document(store, doc)
    facts = [f for f in evidence_rows(store, doc=doc) if f["end"] and int(f["end"]) > int(f["start"])]
    kinds = sorted({f["kind"] for f in facts}, key=_rank)
    return info | {"facts": facts, "pieces": highlight(info["text"], facts), "kinds": kinds}


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


def search(store: Store, q: str) -> dict:
    term = q.strip()
    if not term:
        return {"q": q, "facts": [], "texts": []}
    needle = term_text(Literal(term.lower()))
    facts = sorted(store.select(_SEARCH_FACTS % (needle, SEARCH_LIMIT)).rows,
                   key=lambda r: (r["doc"], r["start"], r["kind"]))
    texts = []
    for r in sorted(store.select(_SEARCH_TEXT % (needle, TEXT_HITS_LIMIT)).rows, key=lambda r: r["doc"]):
        at = r["text"].lower().find(term.lower())
        texts.append({"doc": r["doc"], "title": r["title"],
                      "context": in_context(r["text"], at, at + len(term)) if at >= 0 else None})
    return {"q": q, "facts": facts, "texts": texts, "limit": SEARCH_LIMIT, "text_limit": TEXT_HITS_LIMIT}
