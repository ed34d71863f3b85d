"""Trace a recommendation to its sources, as a guideline author reads it.

Per recommendation: the statement, its grade in words (certainty, strength, system) as well as
printed; each cited reference once, with every place it is cited; for a reference whose document
is in the graph, what that source is (design, size) and its comparisons: one line per result
compared between arms (the graph's Result and StudyArm nodes: `evkg:result`, `ofArm`,
`comparatorArm`, `armSize`, `effect`, `ciLow`/`ciHigh`, `pValue`), both arms with N and value,
the effect with its CI and p, and how often the source mentions it (counted, not repeated). The
arms that received the recommendation's interventions are marked (`evkg:ofArm/
evkg:receivedIntervention` when the graph links them, else the arm's name read with the source's
own drug / procedure / device mentions: `TACE plus lenvatinib group`), and their comparisons come
first. Text (`render_text`), `--format json` and the web page show the same content.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from evkg.core.errors import EvkgError
from evkg.core.fold import fold
from evkg.extract.guidelines.labels import label_key
from evkg.extract.text.arms import arm_key
from evkg.extract.vocabulary.intervention_codes import INTERVENTION_KINDS
from evkg.kg.graph import ids
from evkg.kg.report.rows import evidence_rows, result_rows
from evkg.kg.store.backends import Store
from evkg.kg.store.lookup import check_documents
from evkg.kg.store.queries import run_named

_REFERENCE_FIELDS = ("first_author", "year", "title", "journal", "doi")
_REC_FIELDS = ("label", "level", "strength", "system", "certainty", "strengthClass", "strengthPrinted", "quote",
               "start", "end")
_EFFECT_UNITS = {"hr", "or", "rr", "md", "smd", "rd", "irr"}
_ABOUT_SOURCE = ("design", "sample_size")


_PLACE = re.compile(r" #\d+$")  # `Recommendation 1 #2`: the second statement printed with that label


class LabelNotFound(EvkgError):
    """A label that names no recommendation of the document, or several."""


def find_label(labels: Iterable[str], typed: str, doc: str = "") -> str:
    """The one label of `labels` that `typed` means, as printed or as people type it (`共识4`,
    `Consensus 4`, `4`, `Recommendation 3.1.1`, `3a`, or `2` for `4.1 2` when only one section has
    a 2). Raises LabelNotFound with the candidates when several fit, or the closest labels and the
    list of all when none does."""
    labels = list(dict.fromkeys(labels))
    if typed in labels:
        return typed
    key = label_key(typed)
    hits = [lb for lb in labels if label_key(lb) == key]
    if not hits:  # `共识1` for `一 1 #1` and `一 1 #2`: a label repeated, named apart by its place
        hits = [lb for lb in labels if _PLACE.sub("", label_key(lb)) == key]
    if not hits:  # `2` for `4.1 2`, `Recommendation 1` for `I 1`: the number within its section
        hits = [lb for lb in labels if " " in (k := _PLACE.sub("", label_key(lb))) and k.rpartition(" ")[2] == key]
    if len(hits) == 1:
        return hits[0]
    where = f"{doc} " if doc else ""
    if hits:
        raise LabelNotFound(f"{where}has several recommendations labelled like {typed!r}: "
                            f"{', '.join(hits)}; give one of them in full")
    keys = {label_key(lb): lb for lb in labels}
    close = [keys[k] for k in difflib.get_close_matches(key, list(keys), n=5, cutoff=0.5)]
    listed = ", ".join(labels[:40]) + (" …" if len(labels) > 40 else "")
    hint = f"did you mean {', '.join(close)}? " if close else ""
    raise LabelNotFound(f"{where}has no recommendation labelled {typed!r}; {hint}its labels are: "
                        f"{listed or '(none)'}")


def trace(store: Store, doc: str, label: str | None = None) -> dict[str, Any]:
    """The trace of one document's recommendations (all, or the one labelled `label`)."""
    params = {"doc": doc}
    own = [ids.graph_iri(doc)]  # what the document itself says lives in its own graph
    recs = _statements(run_named(store, "trace_recommendations", params, own).rows)
    refs = run_named(store, "references", params).rows
    if not recs and not refs:
        check_documents(store, [doc])
    if label is not None:
        wanted = find_label([r["label"] for r in recs], label, doc)
        recs = [r for r in recs if r["label"] == wanted]
    entries = {r["reference"]: r for r in refs}
    by_number = {str(r["ref"]): r for r in refs}  # a citation the graph did not link to its entry
    sources = _Sources(store)
    citations = run_named(store, "trace_citations", params, own).rows
    out_recs = []
    for rec in recs:
        wanted_codes = _codes(rec.get("interventions"))
        cited: dict[str, dict] = {}
        for c in (c for c in citations if _cites(c, rec)):
            entry = entries.get(c.get("reference")) or by_number.get(str(c["ref"]), {})
            key = entry.get("reference") or f"#{c['ref']}"
            if key not in cited:
                cited[key] = _reference(str(c["ref"]), entry, sources, wanted_codes)
            place = {"quote": c["quote"], "start": c["start"], "end": c["end"]}
            if place not in cited[key]["cited_at"]:
                cited[key]["cited_at"].append(place)
        out_recs.append({k: rec.get(k) for k in _REC_FIELDS}
                        | {"grade": grade_in_words(rec), "interventions": wanted_codes,
                           "also_at": rec.get("also_at", []),
                           "references": sorted(cited.values(), key=lambda r: (_number(r["ref"]), r["ref"]))})
    return {"document": doc, "title": recs[0]["title"] if recs else _title(store, doc),
            "recommendations": out_recs,
            "references": [{"ref": str(r["ref"]), **{k: r.get(k) for k in _REFERENCE_FIELDS},
                            "resolved": r.get("resolved")} for r in refs]}


def _reference(ref: str, entry: dict, sources: _Sources, wanted: list[str]) -> dict:
    resolved = entry.get("resolved")
    out = {"ref": ref, "reference": {k: entry.get(k) for k in _REFERENCE_FIELDS}, "cited_at": [],
           "resolved": resolved, "method": entry.get("method"), "score": entry.get("score"),
           "source": None, "comparisons": [], "matching": 0}
    if resolved:
        out["source"] = sources.about(resolved)
        out["comparisons"] = sources.comparisons(resolved, wanted)
        out["matching"] = sum(1 for c in out["comparisons"] if c["matches"])
    return out


def _number(ref: str) -> int:
    return int(ref) if ref.isdigit() else 0


def _title(store: Store, doc: str) -> str | None:
    rows = run_named(store, "documents", {"doc": doc}).rows
    return rows[0]["title"] if rows else None


def _statements(rows: list[dict]) -> list[dict]:
    """One entry per recommendation: a node with both a label and a code answers twice, and a statement
    printed twice (a summary list, then the body: one label, statements/_unique_names) is one
    recommendation, found at both places, graded as where its grade is printed."""
    seen, out, by_label = set(), [], {}
    for r in rows:
        k = r.get("rec") or (r["label"], r["start"])
        if k in seen:
            continue
        seen.add(k)
        first = by_label.get(r["label"])
        if first is None:
            by_label[r["label"]] = first = dict(r, nodes=[r.get("rec")], also_at=[])
            out.append(first)
            continue
        first["nodes"].append(r.get("rec"))
        if not (first.get("level") or first.get("strength")) and (r.get("level") or r.get("strength")):
            first["also_at"].append({"start": first["start"], "end": first["end"]})
            first.update({f: r.get(f) for f in _REC_FIELDS + ("interventions",) if f != "label"})
        else:
            first["also_at"].append({"start": r["start"], "end": r["end"]})
    return out


def _cites(citation: dict, rec: dict) -> bool:
    """A citation belongs to the statement node it links to, else to the statement with its label."""
    nodes = rec.get("nodes") or [rec.get("rec")]
    if citation.get("statement") and any(nodes):
        return citation["statement"] in nodes
    return citation["label"] == rec["label"]


def _codes(joined: str | None) -> list[str]:
    return [c.strip() for c in (joined or "").split(";") if c.strip()]


_STRENGTH_WORDS = {"strong": "strong recommendation", "weak": "weak or conditional recommendation",
                   "against": "recommendation against", "unclear": "no recommendation either way"}


def grade_in_words(rec: dict) -> str:
    """`moderate certainty (level B-R) · weak or conditional recommendation (class 2a) · ACC/AHA`."""
    level, strength, certainty, cls = (rec.get(k) or "" for k in ("level", "strength", "certainty", "strengthClass"))
    parts = []
    if not level and not strength and cls == "unclear":
        return "no recommendation made"
    if not level and not strength and rec.get("strengthPrinted"):  # ungraded on purpose, known by its kind
        return f"ungraded ({rec['strengthPrinted']})"
    if level:
        parts.append(f"{certainty} certainty (level {level})" if certainty else f"level {level}")
    if strength:
        parts.append(f"{_STRENGTH_WORDS[cls]} ({strength})" if cls in _STRENGTH_WORDS else f"strength {strength}")
    elif cls in _STRENGTH_WORDS:
        parts.append(f"{_STRENGTH_WORDS[cls]} (by its wording; no strength printed)")
    if not parts:
        return "no grade printed"
    return " · ".join(parts + ([rec["system"]] if rec.get("system") else []))


class _Sources:
    """What each resolved source is and its comparisons, read once per source."""

    def __init__(self, store: Store):
        self.store = store
        self._rows: dict[str, list[dict]] = {}
        self._arms: dict[str, tuple[dict, dict]] = {}

    def rows(self, doc: str) -> list[dict]:
        if doc not in self._rows:
            self._rows[doc] = evidence_rows(self.store, doc=doc)
        return self._rows[doc]

    def about(self, doc: str) -> dict:
        """The source's title, type, design and size, each once."""
        rows = [r for r in self.rows(doc) if not r["ref"]]
        info = next(iter(run_named(self.store, "documents", {"doc": doc}).rows), {})  # one document, not all
        return {"doc": doc, "title": info.get("title"), "type": info.get("type"),
                "design": list(dict.fromkeys(r["name"] for r in rows if r["kind"] == "design")),
                "sample_size": list(dict.fromkeys(r["value"] for r in rows if r["kind"] == "sample_size"))}

    def comparisons(self, doc: str, wanted: list[str]) -> list[dict]:
        """The source's own results, one entry per comparison (both arms, the effect, CI and p, the
        mentions counted); those of arms that received `wanted` first."""
        results = [r for r in result_rows(self.rows(doc)) if not r["ref"] and r["source"] in ("", "own")]
        want = {fold(c) for c in wanted}
        out = [self._comparison(doc, group, want) for group in _grouped(results)]
        return sorted(out, key=lambda c: (not c["matches"], -c["mentions"], c["start"]))

    def _comparison(self, doc: str, results: list[dict], want: set[str]) -> dict:
        first = min(results, key=lambda r: r["start"])
        arms: dict[str, dict] = {}
        effects = []
        for r in sorted(results, key=lambda r: r["start"]):
            if _is_effect(r):
                effects.append({k: r[k] for k in ("effect", "value", "unit", "ci_low", "ci_high", "ci_level",
                                                   "p_value", "arm", "comparator") if r[k] not in ("", None)})
                continue
            pairs = ((r["arm"], r["arm_size"], r), (r["comparator"], r["comparator_size"], None))
            for name, size, value in pairs if r["arm"] or r["comparator"] else (("", "", r),):
                if not name and value is None:
                    continue
                arm = arms.setdefault(arm_key(name), {"arm": name, "n": None, "value": None, "unit": "",
                                                      "events": None, "total": None, "received": False})
                arm["n"] = arm["n"] or size or None
                if value is not None and arm["value"] is None:
                    arm.update(value=value["value"], unit=value["unit"], events=value["n"] or None,
                               total=value["total"] or None)
        # Marked: the arms that received the most of the recommended interventions (TACE plus lenvatinib,
        # not TACE alone, for a recommendation of both).
        got = {k: len(want & self._arm_codes(doc, a["arm"], first)) if want and a["arm"] else 0
               for k, a in arms.items()}
        best = max(got.values(), default=0)
        for k, arm in arms.items():
            arm["received"] = bool(best) and got[k] == best
        p = next((r["p_value"] for r in results if r["p_value"]), "")
        return {"measure": first["measure"] or first["name"], "name": first["name"], "timeframe": first["timeframe"],
                "statistic": first["statistic"], "arms": list(arms.values()), "effects": effects, "p_value": p,
                "mentions": sum(int(r["mentions"] or 1) for r in results),
                "matches": any(a["received"] for a in arms.values()),
                "quote": first["quote"], "start": first["start"], "end": first["end"]}

    def _arm_codes(self, doc: str, arm: str, result: dict) -> set[str]:
        """What an arm received: by the graph's arm link of the result's first mention, by the source's arm
        facts, else by what its name names, read with the source's own intervention mentions."""
        received = self.received(doc, {"arm": arm, "start": result["start"] if arm == result["arm"] else -1,
                                       "end": result["end"]})
        if received or not arm:
            return received
        names = {fold(f["quote"]): fold(f["name"]) for f in self.rows(doc) if f["kind"] in INTERVENTION_KINDS}
        names.update({code: code for code in names.values()})
        folded = fold(arm)
        return {code for name, code in names.items() if _names(folded, name)}

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


def _is_effect(r: dict) -> bool:
    return bool(r["effect"]) or fold(r["unit"] or "") in _EFFECT_UNITS


def _grouped(results: list[dict]) -> list[list[dict]]:
    """Results of one comparison together: same measure, time point and criteria, each arm once (a second
    value of an arm already in the comparison starts another: a subgroup, another analysis); an effect
    estimate (HR, OR …) joins the first comparison of its measure."""
    groups: dict[tuple, list[list[dict]]] = {}
    for r in sorted(results, key=lambda r: r["start"]):
        slots = groups.setdefault((r["name"], r["timeframe"], r["criteria"]), [])
        if _is_effect(r):
            (slots[0] if slots else _new(slots)).append(r)
            continue
        arm = arm_key(r["arm"]) or arm_key(r["comparator"])
        slot = next((g for g in slots if arm not in {arm_key(x["arm"]) or arm_key(x["comparator"])
                                                     for x in g if not _is_effect(x)}), None)
        (slot if slot is not None else _new(slots)).append(r)
    return sorted((g for slots in groups.values() for g in slots), key=lambda g: min(r["start"] for r in g))


def _new(slots: list[list[dict]]) -> list[dict]:
    slots.append([])
    return slots[-1]


def _names(arm: str, name: str) -> bool:
    """Whether a folded arm name holds a folded term as a word (`tace` in `tace plus lenvatinib group`)."""
    return bool(name) and re.search(rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])", arm) is not None


def render_text(t: dict[str, Any], max_comparisons: int = 8) -> str:
    """A readable tree: each recommendation, its grade in words, its references once each, their sources'
    comparisons."""
    lines = [f"{t['document']}  {t.get('title') or ''}".rstrip()]
    if not t["recommendations"]:
        lines.append("  (no recommendations)")
    for rec in t["recommendations"]:
        about = f"  about {', '.join(rec['interventions'])}" if rec.get("interventions") else ""
        lines.append(f"├─ {rec['label']}  [{rec['grade']}]{about}")
        printed = ", ".join(f"{k} {rec[k]}" for k in ("level", "strength") if rec.get(k))
        if printed:
            lines.append(f"│    grade as printed: {printed}")
        also = "".join(f", also @{a['start']}-{a['end']}" for a in rec.get("also_at", []))
        lines.append(f"│    “{_short(rec['quote'], 160)}”  @{rec['start']}-{rec['end']}{also}")
        if not rec["references"]:
            lines.append("│    (cites no reference)")
        for r in rec["references"]:
            lines.extend(_render_reference(r, max_comparisons))
    return "\n".join(lines)


def _render_reference(r: dict, max_comparisons: int) -> list[str]:
    bib = r["reference"]
    who = " ".join(str(bib[k]) for k in ("first_author", "year") if bib.get(k))
    lines = [f"│  ├─ [{r['ref']}] {who}. {_short(bib.get('title') or '', 90)}"]
    places = r["cited_at"]
    lines.append(f"│  │    cited {len(places)}× at “{_short(places[0]['quote'], 90)}”  @{places[0]['start']}-"
                 f"{places[0]['end']}" + "".join(f", @{p['start']}-{p['end']}" for p in places[1:]))
    if not r["resolved"]:
        return lines + ["│  │    not in the graph (ingest it to see its results)"]
    src = r["source"] or {}
    size = "N = " + ", ".join(src["sample_size"]) if src.get("sample_size") else ""
    what = "; ".join(x for x in (", ".join(src.get("design") or []) or src.get("type") or "", size) if x)
    lines.append(f"│  │    → {r['resolved']} (matched by {r['method']}, score {r['score']})"
                 + (f": {what}" if what else ""))
    if not r["comparisons"]:
        lines.append("│  │      (the source reports no results)")
    if r.get("matching"):
        lines.append(f"│  │      ★ marks arms that received the recommended interventions "
                     f"({r['matching']} comparisons)")
    for c in r["comparisons"][:max_comparisons]:
        lines.append(f"│  │      {'★' if c['matches'] else '•'} {comparison_text(c)}")
    if len(r["comparisons"]) > max_comparisons:
        lines.append(f"│  │      … {len(r['comparisons']) - max_comparisons} more results (--format json lists all)")
    return lines


def comparison_text(c: dict) -> str:
    """`time to first flatus (mean, at 30 days): ★TEA group N=33 73.19 hours vs control group N=30 82.82
    hours; HR 0.5 (95% CI 0.3–0.8); p 0.038 [3 mentions]`."""
    head = c["measure"] if len(c["measure"]) <= 60 else c["name"]
    if head != c["name"] and re.fullmatch(r"[A-Z][A-Z0-9_]*", c["name"] or "") and c["name"] not in head:
        head += f" [{c['name']}]"  # the measure as printed, with its vocabulary code
    qual = ", ".join(x for x in (c["statistic"], f"at {c['timeframe']}" if c["timeframe"] else "") if x)
    arms = " vs ".join(_arm_text(a) for a in c["arms"])
    effects = "; ".join(_effect_text(e) for e in c["effects"])
    p = f"; p {c['p_value']}" if c["p_value"] and "p_value" not in "".join(map(str, c["effects"])) else ""
    mentions = f" [{c['mentions']} mentions]" if c["mentions"] > 1 else ""
    return f"{head}{f' ({qual})' if qual else ''}: {arms}{'; ' + effects if effects else ''}{p}{mentions}"


def _arm_text(a: dict) -> str:
    value = "" if a["value"] in (None, "") else f"{_num(a['value'])}{unit_suffix(a['unit'])}"
    events = f" ({_num(a['events'])}/{_num(a['total'])})" if a.get("events") and a.get("total") else ""
    n = f" N={_num(a['n'])}" if a["n"] else ""
    return f"{'★' if a['received'] else ''}{a['arm'] or '(arm not stated)'}{n} {value or '(no value)'}{events}".strip()


def _effect_text(e: dict) -> str:
    ci = ""
    if e.get("ci_low") not in (None, "") and e.get("ci_high") not in (None, ""):
        ci = f" ({e.get('ci_level') or 95}% CI {_num(e['ci_low'])}–{_num(e['ci_high'])})"
    p = f", p {e['p_value']}" if e.get("p_value") else ""
    return f"{e.get('effect') or e.get('unit') or 'effect'} {_num(e.get('value', ''))}{ci}{p}"


def _num(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def unit_suffix(u: str) -> str:
    """A unit as printed after its number: `45%`, `12.5 months`."""
    return "" if not u else u if u == "%" else f" {u}"


def _short(s: str, n: int) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"
