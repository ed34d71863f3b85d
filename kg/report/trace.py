"""Trace a recommendation to its sources: statement -> cited references -> resolved documents -> their facts.

For each recommendation the facts of a cited source list first the outcomes of
the arms that received the recommendation's interventions (`evkg:ofArm/
evkg:receivedIntervention` when the graph links them, else the outcome's arm
text matched against the source's arm facts, else the interventions the arm's
name names, read with the source's own drug / procedure / device mentions:
`TACE plus lenvatinib group`); arms that received the most of them come first,
then the rest.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from evkg.core.errors import EvkgError
from evkg.core.fold import fold
from evkg.extract.guidelines.labels import label_key
from evkg.extract.text.arms import arm_key
from evkg.extract.vocabulary.intervention_codes import INTERVENTION_KINDS
from evkg.kg.graph import ids
from evkg.kg.report.rows import evidence_rows
from evkg.kg.store.backends import Store
from evkg.kg.store.lookup import check_documents
from evkg.kg.store.queries import run_named

# What a source "reports": everything but its own bibliography.
_SOURCE_KINDS = {"condition", "procedure", "drug", "device", "dose", "endpoint", "outcome",
                 "recommendation", "sample_size", "design"}
_REFERENCE_FIELDS = ("first_author", "year", "title", "journal", "doi")
_REC_FIELDS = ("label", "level", "strength", "system", "certainty", "strengthClass", "quote", "start", "end")


class LabelNotFound(EvkgError):
    """A label that names no recommendation of the document, or several."""


def find_label(labels: Iterable[str], typed: str, doc: str = "") -> str:
    """The one label of `labels` that `typed` means, as people type it (`共识4`, `Consensus 4`, `4`,
    or `2` for `4.1 2` when only one section has a 2). Raises LabelNotFound listing what exists,
    or the candidates when several fit."""
    labels = list(dict.fromkeys(labels))
    if typed in labels:
        return typed
    key = label_key(typed)
    hits = [lb for lb in labels if label_key(lb) == key]
    if not hits:  # `2` for `4.1 2`: the number within its section
        hits = [lb for lb in labels if label_key(lb).rpartition(" ")[2] == key and " " in label_key(lb)]
    if len(hits) == 1:
        return hits[0]
    where = f"{doc} " if doc else ""
    if hits:
        raise LabelNotFound(f"{where}has several recommendations labelled like {typed!r}: "
                            f"{', '.join(hits)}; give one of them in full")
    listed = ", ".join(labels[:40]) + (" …" if len(labels) > 40 else "")
    raise LabelNotFound(f"{where}has no recommendation labelled {typed!r}; its labels are: "
                        f"{listed or '(none)'}")


def trace(store: Store, doc: str, label: str | None = None) -> dict[str, Any]:
    """The trace of one document's recommendations (all, or the one labelled `label`)."""
    params = {"doc": doc}
    own = [ids.graph_iri(doc)]  # what the document itself says lives in its own graph
    recs = _unique(run_named(store, "trace_recommendations", params, own).rows)
    refs = run_named(store, "references", params).rows
    if not recs and not refs:
        check_documents(store, [doc])
    if label is not None:
        wanted = find_label([r["label"] for r in recs], label, doc)
        recs = [r for r in recs if r["label"] == wanted]
    by_ref = {str(r["ref"]): r for r in refs}
    sources = _Sources(store)
    citations = run_named(store, "trace_citations", params, own).rows
    out_recs = []
    for rec in recs:
        wanted_codes = _codes(rec.get("interventions"))
        cites = []
        for c in (c for c in citations if _cites(c, rec)):
            ref = by_ref.get(str(c["ref"]), {})
            resolved = ref.get("resolved")
            facts = sources.facts(resolved, wanted_codes) if resolved else []
            cites.append({"ref": str(c["ref"]), "quote": c["quote"], "start": c["start"], "end": c["end"],
                          "reference": {k: ref.get(k) for k in _REFERENCE_FIELDS},
                          "resolved": resolved, "method": ref.get("method"), "score": ref.get("score"),
                          "facts": facts, "matching": sum(1 for f in facts if f.get("matches"))})
        out_recs.append({k: rec.get(k) for k in _REC_FIELDS}
                        | {"interventions": wanted_codes, "citations": cites})
    return {"document": doc, "title": recs[0]["title"] if recs else None,
            "recommendations": out_recs,
            "references": [{"ref": str(r["ref"]), **{k: r.get(k) for k in _REFERENCE_FIELDS},
                            "resolved": r.get("resolved")} for r in refs]}


def _unique(rows: list[dict]) -> list[dict]:
    """One row per recommendation node (a node with both a label and a code answers twice)."""
    seen, out = set(), []
    for r in rows:
        k = r.get("rec") or (r["label"], r["start"])
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def _cites(citation: dict, rec: dict) -> bool:
    """A citation belongs to the statement node it links to, else to the statement with its label."""
    if citation.get("statement") and rec.get("rec"):
        return citation["statement"] == rec["rec"]
    return citation["label"] == rec["label"]


def _codes(joined: str | None) -> list[str]:
    return [c.strip() for c in (joined or "").split(";") if c.strip()]


class _Sources:
    """The facts of each resolved source, read once, and what each of its arms received."""

    def __init__(self, store: Store):
        self.store = store
        self._facts: dict[str, list[dict]] = {}
        self._arms: dict[str, tuple[dict, dict]] = {}

    def facts(self, doc: str, wanted: list[str]) -> list[dict]:
        """Outcomes of the arms that received the most of `wanted` first (marked `matches`), then the rest."""
        if doc not in self._facts:
            self._facts[doc] = [_clean(f) for f in evidence_rows(self.store, doc=doc) if f["kind"] in _SOURCE_KINDS]
        want = {fold(c) for c in wanted}
        overlap = [len(want & self._arm_codes(doc, f)) if want and f["kind"] == "outcome" else 0
                   for f in self._facts[doc]]
        best = max(overlap, default=0)
        first = [f | {"matches": True} for f, n in zip(self._facts[doc], overlap) if best and n == best]
        return first + [f for f, n in zip(self._facts[doc], overlap) if not best or n != best]

    def _arm_codes(self, doc: str, outcome: dict) -> set[str]:
        """What the outcome's arm received; without an arm record, what its name says (`TACE group`,
        `仑伐替尼组`), read with the source's own intervention mentions (their codes and quotes)."""
        received = self.received(doc, outcome)
        arm = fold(outcome.get("arm", ""))
        if received or not arm:
            return received
        names = {fold(f["quote"]): fold(f["name"]) for f in self._facts[doc] if f["kind"] in INTERVENTION_KINDS}
        names.update({code: code for code in names.values()})
        return {code for name, code in names.items() if _names(arm, name)}

    def received(self, doc: str, outcome: dict) -> set[str]:
        """Folded codes of what the outcome's arm received: by the graph's arm link, else by arm name."""
        if doc not in self._arms:
            by_span: dict[tuple[int, int], set[str]] = {}
            by_name: dict[str, set[str]] = {}
            for r in run_named(self.store, "trace_arm_interventions", {"doc": doc}).rows:
                if r.get("code"):
                    by_span.setdefault((int(r["start"]), int(r["end"])), set()).add(fold(str(r["code"])))
                elif r.get("arm"):
                    by_name.setdefault(arm_key(r["arm"]), set()).update(fold(c) for c in _codes(r["interventions"]))
            self._arms[doc] = (by_span, by_name)
        by_span, by_name = self._arms[doc]
        linked = by_span.get((int(outcome["start"]), int(outcome["end"])))
        if linked:
            return linked
        return by_name.get(arm_key(outcome.get("arm", "")), set()) if outcome.get("arm") else set()


def _names(arm: str, name: str) -> bool:
    """Whether a folded arm name holds a folded term as a word (`tace` in `tace plus lenvatinib group`)."""
    return bool(name) and re.search(rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])", arm) is not None


def _clean(row: dict) -> dict:
    return {k: v for k, v in row.items() if v not in (None, "")}


def render_text(t: dict[str, Any], max_facts: int = 12) -> str:
    """A readable tree with quotes."""
    lines = [f"{t['document']}  {t.get('title') or ''}".rstrip()]
    if not t["recommendations"]:
        lines.append("  (no recommendations)")
    for rec in t["recommendations"]:
        grade = ", ".join(f"{k} {rec[k]}" for k in ("level", "strength", "system") if rec.get(k)) or "no grade"
        about = f"  about {', '.join(rec['interventions'])}" if rec.get("interventions") else ""
        lines.append(f"├─ {rec['label']}  [{grade}]{about}")
        lines.append(f"│    “{_short(rec['quote'], 160)}”  @{rec['start']}-{rec['end']}")
        if not rec["citations"]:
            lines.append("│    (cites no reference)")
        for c in rec["citations"]:
            lines.extend(_render_citation(c, max_facts))
    return "\n".join(lines)


def _render_citation(c: dict, max_facts: int) -> list[str]:
    r = c["reference"]
    bib = " ".join(str(r[k]) for k in ("first_author", "year") if r.get(k))
    lines = [f"│  ├─ [{c['ref']}] {bib}. {_short(r.get('title') or '', 90)}",
             f"│  │    cited at “{_short(c['quote'], 100)}”  @{c['start']}-{c['end']}"]
    if not c["resolved"]:
        return lines + ["│  │    not in the graph"]
    lines.append(f"│  │    → {c['resolved']} (matched by {c['method']}, score {c['score']})")
    if c.get("matching"):
        lines.append(f"│  │      {c['matching']} results of arms that received these interventions first:")
    for f in c["facts"][:max_facts]:
        what = " ".join(str(f[k]) for k in ("kind", "name", "value", "unit", "arm") if f.get(k))
        lines.append(f"│  │      {'★' if f.get('matches') else '•'} {what}: “{_short(f['quote'], 80)}”")
    if len(c["facts"]) > max_facts:
        lines.append(f"│  │      … {len(c['facts']) - max_facts} more facts (--format json lists all)")
    return lines


def _short(s: str, n: int) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"
