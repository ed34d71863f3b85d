"""Evidence checks for guideline authors, read from the graph.

Each finding names what is wrong and carries the quotes on both sides: the claim
(what a registration, paper or guideline says) and what the other document says.
The checks:

- registered_not_reported / reported_not_registered / primary_endpoint_changed:
  a registration against the paper that publishes it (linked by NCT id or title,
  queries/registered_vs_reported_endpoints.rq);
- no_resolvable_source: one finding per document whose graded recommendations have no
  source in the graph: how many, and which references to ingest (cited by how many);
- strong_on_low_certainty: a strong recommendation whose own evidence level maps to
  low or very low certainty (ontology/grading.tsv);
- strong_without_rct: a strong recommendation whose cited references all resolve and
  none is a randomised trial (with a reference outside the graph the evidence is unknown);
- strong_on_nonsignificant: a strong recommendation whose sources in the graph compare its
  interventions, and none of those comparisons is significant (p < 0.05, or a CI that
  excludes no effect);
- number_mismatch: a number a guideline or review attributes to a cited source that
  the source, when in the graph, does not report (compared at the shorter of the two
  precisions, so a rounded 67% matches 67.4%);
- ungraded_recommendation: a statement printed without a grade (not one whose label says it is
  ungraded on purpose: a practice point, ontology/cues/ungraded_labels.tsv);
- no_result_for_intervention: a recommendation about named interventions whose cited
  sources in the graph report no outcome of an arm that received any of them (report/trace.py
  decides which arm received what).

A statement that makes no recommendation (`we make no recommendation for or against …`), or one
ungraded on purpose (a good practice statement), needs no source and no grade: no check reports it.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from evkg.core.fold import fold
from evkg.core.text import SENTENCE_ENDS
from evkg.extract.text.arms import arm_key
from evkg.extract.vocabulary.cues import cue_pattern
from evkg.kg.report.rows import evidence_rows, recommendation_rows
from evkg.kg.report.trace import trace, unit_suffix
from evkg.kg.store.backends import Store
from evkg.kg.store.queries import run_named

CHECKS = {
    "registered_not_reported": "registered endpoints the linked publication does not report",
    "reported_not_registered": "endpoints a publication declares that its registration does not",
    "primary_endpoint_changed": "a primary endpoint of the registration is not primary in the publication, "
                                "or vice versa",
    "no_resolvable_source": "documents whose graded recommendations have no source in the graph, and the "
                            "references to ingest",
    "strong_on_low_certainty": "strong recommendations on evidence graded low or very low certainty",
    "strong_without_rct": "strong recommendations whose cited sources (all in the graph) include no randomised trial",
    "strong_on_nonsignificant": "strong recommendations whose sources in the graph show no significant difference "
                                "for the interventions they recommend",
    "number_mismatch": "numbers attributed to a source that the source reports differently",
    "ungraded_recommendation": "recommendations printed without a grade",
    "no_result_for_intervention": "recommendations whose cited sources in the graph hold no result "
                                  "for the interventions they are about",
}
_LOW_CERTAINTY = ("low", "very low")
_NO_RECOMMENDATION = "no recommendation"
# Documents whose numbers, without an explicit reference, belong to the citation in their sentence.
_CITING_TYPES = ("guideline", "consensus", "review")
_SENTENCE_END = re.compile(rf"[{SENTENCE_ENDS}]|\.(?=\s)")


@dataclass(frozen=True)
class Quote:
    doc: str
    text: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Finding:
    check: str
    doc: str
    subject: str
    message: str
    claim: tuple[Quote, ...]    # the statement the finding is about
    against: tuple[Quote, ...]  # what the other side says (or, when it says nothing, what it does say)

    def __post_init__(self):
        # A marker citing [2,5] is two citation facts with one quote: show it once.
        object.__setattr__(self, "claim", tuple(dict.fromkeys(self.claim)))
        object.__setattr__(self, "against", tuple(dict.fromkeys(self.against)))

    def as_dict(self) -> dict:
        return asdict(self)


class _Facts:
    """The evidence table, indexed by document and kind, read once per run."""

    def __init__(self, store: Store):
        self.by_doc: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for r in evidence_rows(store):
            self.by_doc[(r["doc"], r["kind"])].append(r)

    def of(self, doc: str, kind: str, name: str | None = None) -> list[dict]:
        return [r for r in self.by_doc.get((doc, kind), ()) if name is None or r["name"] == name]

    def quotes(self, doc: str, kind: str, name: str | None = None) -> tuple[Quote, ...]:
        return tuple(_quote(r) for r in self.of(doc, kind, name))


def _quote(r: dict) -> Quote:
    return Quote(r["doc"], r["quote"], int(r["start"]), int(r["end"]))


def run_checks(store: Store, only: Iterable[str] | None = None) -> list[Finding]:
    """Every finding, in a stable order."""
    facts = _Facts(store)
    found = (endpoint_findings(store, facts) + source_findings(store, facts) + number_findings(store, facts)
             + grade_findings(store))
    wanted = set(only) if only else set(CHECKS)
    return [f for f in found if f.check in wanted]


def endpoint_findings(store: Store, facts: _Facts) -> list[Finding]:
    out = []
    for r in run_named(store, "registered_vs_reported_endpoints").rows:
        reg, pub, code = r["registration"], r["publication"], r["endpoint"]
        registered = facts.quotes(reg, "endpoint", code)
        declared = facts.quotes(pub, "endpoint", code)
        link = f"{reg} ↔ {pub} (by {r['linked_by']})"
        if r["status"] == "registered, not reported":
            out.append(Finding("registered_not_reported", pub, code,
                               f"{code} is registered in {reg} but {pub} neither declares nor reports it; {link}",
                               registered, facts.quotes(pub, "endpoint") or facts.quotes(pub, "outcome")))
        elif r["status"] == "reported, not registered":
            out.append(Finding("reported_not_registered", pub, code,
                               f"{pub} declares {code} as an endpoint but {reg} does not register it; {link}",
                               declared, facts.quotes(reg, "endpoint")))
        else:
            reg_roles = set(filter(None, (r["registered_role"] or "").split(", ")))
            pub_roles = set(filter(None, (r["reported_role"] or "").split(", ")))
            if reg_roles and pub_roles and ("primary" in reg_roles) != ("primary" in pub_roles):
                out.append(Finding("primary_endpoint_changed", pub, code,
                                   f"{code} is {'/'.join(sorted(reg_roles))} in {reg} but "
                                   f"{'/'.join(sorted(pub_roles))} in {pub}; {link}",
                                   declared, registered))
    return out


def _makes_none(rec: dict) -> bool:
    """A statement that makes no recommendation, or is ungraded on purpose (a good practice statement):
    printed without a grade but with the class of its kind."""
    return (rec.get("strength") or "") == _NO_RECOMMENDATION or bool(
        not rec.get("level") and not rec.get("strength") and rec.get("strengthClass"))


def source_findings(store: Store, facts: _Facts) -> list[Finding]:
    """Documents whose recommendations have no source in the graph, and strong ones on weak evidence."""
    out = []
    unsourced: dict[str, list[dict]] = defaultdict(list)
    for rec in recommendation_rows(store, []):
        doc, label = rec["doc"], rec["label"]
        if _makes_none(rec):
            continue
        claim = (Quote(doc, rec["text"], rec["start"], rec["end"]),)
        sources = sorted(filter(None, (rec["sources"] or "").split(", ")))
        grade = f"{rec['level'] or '?'} {rec['strength'] or '?'} ({rec['system'] or 'system not stated'})"
        if not sources and (rec["level"] or rec["strength"]):  # ungraded ones have their own check
            unsourced[doc].append(rec)
        if rec["strength_class"] != "strong":
            continue
        designs = tuple(q for s in sources for q in facts.quotes(s, "design"))
        if rec["certainty"] in _LOW_CERTAINTY:
            out.append(Finding("strong_on_low_certainty", doc, label,
                               f"{label} is a strong recommendation {grade} on evidence of {rec['certainty']} "
                               "certainty",
                               claim, designs or tuple(_quote(c) for c in facts.of(doc, "citation", label))))
    out += [_unsourced(doc, recs, facts) for doc, recs in sorted(unsourced.items())]
    for rec in run_named(store, "strong_recommendations_without_rct").rows:
        if rec["cited"] and rec["cited"] == rec["resolved"]:
            sources = sorted((rec["sources"] or "").split(", "))
            out.append(Finding("strong_without_rct", rec["doc"], rec["label"],
                               f"{rec['label']} is a strong recommendation ({rec['level']} {rec['strength']}) whose "
                               f"cited sources {', '.join(sources)} include no randomised trial "
                               f"(designs: {rec['source_designs'] or 'not stated'})",
                               (Quote(rec["doc"], rec["quote"], rec["start"], rec["end"]),),
                               tuple(q for s in sources for q in facts.quotes(s, "design"))))
    return out


_TO_INGEST = 8  # references named in the one line; the rest counted


def _unsourced(doc: str, recs: list[dict], facts: _Facts) -> Finding:
    """One line for a document: how many graded recommendations have no source in the graph, and the
    references to ingest, most cited first."""
    cited: dict[str, int] = defaultdict(int)
    for rec in recs:
        for n in filter(None, (rec["refs"] or "").split(", ")):
            cited[n] += 1
    entries = {e["ref"]: e for e in facts.of(doc, "reference")}
    wanted = sorted(cited, key=lambda n: (-cited[n], int(n) if n.isdigit() else 0))
    named = [f"[{n}] {_bib(entries.get(n))}".rstrip() + (f" ×{cited[n]}" if cited[n] > 1 else "")
             for n in wanted[:_TO_INGEST]]
    more = f" and {len(wanted) - _TO_INGEST} more" if len(wanted) > _TO_INGEST else ""
    bare = sum(1 for r in recs if not r["refs"])
    labels = ", ".join(r["label"] for r in recs[:6]) + (" …" if len(recs) > 6 else "")
    many = len(recs) > 1
    message = (f"{doc}: {len(recs)} graded recommendation{'s' if many else ''} ({labels}) "
               f"{'have' if many else 'has'} no source in the graph"
               + (f"; ingest {', '.join(named)}{more} to check {'them' if many else 'it'}" if named else "")
               + (f"; {bare} cite{'s' if bare == 1 else ''} no reference" if bare else ""))
    claim = tuple(Quote(doc, r["text"], r["start"], r["end"]) for r in recs)
    against = tuple(_quote(entries[n]) for n in wanted if n in entries)
    return Finding("no_resolvable_source", doc, f"{len(recs)} recommendation{'s' if many else ''}", message,
                   claim, against)


def _bib(entry: dict | None) -> str:
    if not entry:
        return ""
    return " ".join(str(x) for x in (entry["name"], entry["value"]) if x)


def grade_findings(store: Store) -> list[Finding]:
    """Recommendations without a grade, those whose sources hold no result for their interventions,
    and strong ones whose sources show no significant difference."""
    out = []
    docs = sorted({r["doc"] for r in recommendation_rows(store, [])})
    for doc in docs:
        t = trace(store, doc)
        for rec in t["recommendations"]:
            if _makes_none(rec):
                continue
            label = rec["label"]
            claim = (Quote(doc, rec["quote"], rec["start"], rec["end"]),)
            if not rec["level"] and not rec["strength"] and not cue_pattern("ungraded_labels").search(fold(label)):
                out.append(Finding("ungraded_recommendation", doc, label,
                                   f"{label} has no grade (no level of evidence, no strength)", claim, ()))
            resolved = [r for r in rec["references"] if r["resolved"]]
            if rec["interventions"] and resolved and not any(r["matching"] for r in resolved):
                sources = sorted({r["resolved"] for r in resolved})
                out.append(Finding("no_result_for_intervention", doc, label,
                                   f"{label} is about {', '.join(rec['interventions'])} but its cited sources "
                                   f"{', '.join(sources)} report no result of an arm that received "
                                   f"{'it' if len(rec['interventions']) == 1 else 'any of them'}",
                                   claim, tuple(Quote(r["resolved"], c["quote"], c["start"], c["end"])
                                                for r in resolved for c in r["comparisons"])[:10]))
            if rec.get("strengthClass") == "strong":
                out += _nonsignificant(doc, rec, claim, resolved)
    return out


def _nonsignificant(doc: str, rec: dict, claim: tuple[Quote, ...], resolved: list[dict]) -> list[Finding]:
    """A strong recommendation whose sources compare its interventions (the marked arms' comparisons, or
    all when it names none) and none of those comparisons is significant."""
    tested = [(r["resolved"], c) for r in resolved for c in r["comparisons"]
              if (c["matches"] or not rec["interventions"]) and significant(c) is not None]
    if not tested or any(significant(c) for _, c in tested):
        return []
    shown = "; ".join(f"{c['name']} p {c['p_value'] or '?'}" for _, c in tested[:4])
    return [Finding("strong_on_nonsignificant", doc, rec["label"],
                    f"{rec['label']} is a strong recommendation but none of its sources' comparisons of "
                    f"{', '.join(rec['interventions']) or 'its interventions'} is significant ({shown})",
                    claim, tuple(Quote(src, c["quote"], c["start"], c["end"]) for src, c in tested)[:10])]


_P = re.compile(r"^\s*(?P<op>[<>≤≥=]?)\s*(?P<value>\d*\.?\d+)")
_RATIOS = {"hr", "or", "rr", "irr"}
_ALPHA = 0.05


def significant(c: dict) -> bool | None:
    """Whether a comparison is significant at 5% (by a p-value, else by an effect's CI); None when it
    gives neither."""
    for p in [c.get("p_value") or ""] + [e.get("p_value") or "" for e in c.get("effects", [])]:
        m = _P.match(str(p))
        if m:
            value, op = float(m.group("value")), m.group("op")
            return value < _ALPHA or (op in ("<", "≤") and value <= _ALPHA)
    for e in c.get("effects", []):
        try:
            low, high = float(e["ci_low"]), float(e["ci_high"])
        except (KeyError, TypeError, ValueError):
            continue
        null = 1.0 if str(e.get("effect") or e.get("unit") or "").casefold() in _RATIOS else 0.0
        return not low <= null <= high
    return None


def number_findings(store: Store, facts: _Facts) -> list[Finding]:
    """Numbers a document attributes to a cited source, against what that source reports itself."""
    resolved = {(r["doc"], str(r["ref"])): r["resolved"] for r in run_named(store, "references").rows
                if r["resolved"]}
    citing_docs = {d for d, _ in resolved}
    types = {r["doc"]: r["type"] for r in run_named(store, "documents").rows}
    out = []
    for doc in sorted(citing_docs):
        outcomes = facts.of(doc, "outcome")
        text = _full_text(store, doc) if types.get(doc) in _CITING_TYPES else None
        citations = facts.of(doc, "citation")
        for o in outcomes:
            sources = {resolved[(doc, n)] for n in _attributed_refs(o, citations, text) if (doc, n) in resolved}
            reported = [s for src in sorted(sources) for s in facts.of(src, "outcome", o["name"])
                        if s["unit"] == o["unit"] and not s["ref"]]
            # Compare like with like: `HAIC 组` in the claim is `the HAIC group` in the source.
            same_arm = [s for s in reported if o["arm"] and arm_key(s["arm"]) == arm_key(o["arm"])]
            reported = same_arm or reported
            if not reported or any(_same_number(o["value"], s["value"]) for s in reported):
                continue
            values = ", ".join(dict.fromkeys(f"{s['value']}{unit_suffix(s['unit'])}" for s in reported))
            out.append(Finding("number_mismatch", doc, o["name"],
                               f"{doc} gives {o['name']} {o['value']}{unit_suffix(o['unit'])}"
                               f"{' (' + o['arm'] + ')' if o['arm'] else ''} citing "
                               f"{', '.join(sorted(sources))}, which reports {values}",
                               (_quote(o),), tuple(_quote(s) for s in reported)))
    return out


def _attributed_refs(outcome: dict, citations: list[dict], text: str | None) -> list[str]:
    """The references a number is given from: its own `ref`, else (in a guideline or review)
    the first citation marker after it in its sentence, else the last one before it."""
    if outcome["ref"]:
        return re.split(r"[,，\s]+", outcome["ref"])
    if text is None:
        return []
    start, end = int(outcome["start"]), int(outcome["end"])
    after = [c for c in citations if int(c["end"]) >= end and not _SENTENCE_END.search(text, end, int(c["end"]))]
    if after:
        first = min(int(c["end"]) for c in after)
        return [c["ref"] for c in after if int(c["end"]) == first]
    before = [c for c in citations if int(c["end"]) <= start and not _SENTENCE_END.search(text, int(c["end"]), start)]
    if before:
        last = max(int(c["end"]) for c in before)
        return [c["ref"] for c in before if int(c["end"]) == last]
    return []


def _same_number(a: str, b: str) -> bool:
    """Equal at the precision of the less precise of the two (67 matches 67.4, 7.2 does not match 7.3)."""
    places = min(len(a.partition(".")[2]), len(b.partition(".")[2]))
    return abs(float(a) - float(b)) <= 0.5 * 10 ** -places + 1e-9


def _full_text(store: Store, doc: str) -> str:
    rows = run_named(store, "document_text", {"doc": doc}).rows
    return rows[0]["text"] if rows else ""


def render_text(findings: list[Finding]) -> str:
    if not findings:
        return "no findings"
    lines = []
    for check in CHECKS:
        group = [f for f in findings if f.check == check]
        if not group:
            continue
        lines.append(f"{check} ({len(group)}): {CHECKS[check]}")
        for f in group:
            lines.append(f"  • {f.message}")
            lines += [f"      claim  {_cite(q)}" for q in f.claim]
            lines += [f"      other  {_cite(q)}" for q in f.against] or ["      other  (nothing to quote)"]
    lines.append(f"{len(findings)} findings")
    return "\n".join(lines)


def _cite(q: Quote) -> str:
    text = " ".join(q.text.split())
    text = text if len(text) <= 140 else text[:139] + "…"
    where = f"@{q.start}-{q.end}" if q.start is not None else ""
    return f"{q.doc}{where}: “{text}”"
