"""The graph as a FHIR R5 Bundle (EBMonFHIR): Citation, Evidence and ArtifactAssessment resources.

- `Citation`: each document and each entry of a reference list (title, authors, journal,
  year, DOI / PMID / NCT id; a reference is `cited-by` its document's Citation). The title is the
  document's (its metadata title without a `TITLE:` label, else its first line; a reference's
  title, else its entry as printed), never the study label; the label (`Kudo 2019`) is its
  short title.
- `Evidence`: each result (report/rows.py `result_rows`, mentions grouped): the statistic with
  its type coded (report/statistics.py, the statistic-type code system: every result has one),
  value and unit, events and sample size (the denominator printed with it, else its arm's N, the
  two arms' N for an effect between them, else the study's size for a number of the whole
  study), CI and p as attribute estimates, and the variables: exposure (the arm), reference
  exposure (the comparator), measured variable (the outcome code and the measure as written). It
  cites the Citation of whose number it is.
- `ArtifactAssessment`: each recommendation's grade: certainty (level as printed, and the
  crosswalk's certainty) and strength, with the statement text and the references it cites.

Built as plain dicts, then validated and written by `fhir.resources` (R5 models).
"""
from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from evkg.extract.vocabulary.cues import cue_alternation
from evkg.kg.report.analyses import data_and_analyses
from evkg.kg.report.rows import per_doc, recommendation_rows, reference_rows, result_rows, selected_rows
from evkg.kg.report.statistics import FHIR_STATISTIC_TYPE, effect_of, statistic_type
from evkg.kg.report.studies import ref_numbers, study_index
from evkg.kg.store.backends import Store
from evkg.kg.store.queries import run_named

_DOI, _PMID, _NCT = "https://doi.org", "https://pubmed.ncbi.nlm.nih.gov", "https://clinicaltrials.gov"
_ROLE = "http://hl7.org/fhir/variable-role"
_TITLE_TYPE = "http://terminology.hl7.org/CodeSystem/title-type"
_ESTIMATE = "http://terminology.hl7.org/CodeSystem/attribute-estimate-type"
_CERTAINTY = "http://terminology.hl7.org/CodeSystem/certainty-rating"
_STRENGTH = "http://terminology.hl7.org/CodeSystem/recommendation-strength"
_CERTAINTY_CODES = {"high": "high", "moderate": "moderate", "low": "low", "very low": "very-low"}
_COMPARATOR = re.compile(r"^\s*(<=|>=|≤|≥|<|>|=)?\s*([0-9]*\.?[0-9]+)\s*$")
_BARE_NUMBER = re.compile(r"[\d\s.,;:()\[\]-]*")
_TITLE_CUT = 300


def _urn(key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'https://w3id.org/evkg/fhir/' + key)}"


def _entry(urn: str, resource: dict) -> dict:
    return {"fullUrl": urn, "resource": {"id": urn.rsplit(":", 1)[1], **resource}}


def _number(v: Any) -> float | int | None:
    if v in (None, ""):
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return int(f) if f.is_integer() else f


def _clean(d: dict) -> dict:
    """Drop empty fields (FHIR forbids empty strings, lists and objects)."""
    out = {}
    for k, v in d.items():
        if isinstance(v, dict):
            v = _clean(v)
        elif isinstance(v, list):
            v = [_clean(x) if isinstance(x, dict) else x for x in v]
            v = [x for x in v if x not in ({}, "", None)]
        if v not in ({}, [], "", None):
            out[k] = v
    return out


def _concept(system: str, code: str, display: str = "", text: str = "") -> dict:
    return {"coding": [{"system": system, "code": code, **({"display": display} if display else {})}],
            **({"text": text} if text else {})}


def citation(urn: str, label: str, title: str, authors: str, journal: str, year: Any,
             doi: str = "", pmid: str = "", nct: str = "", cited_by: str = "") -> dict:
    idents = [{"system": s, "value": v} for s, v in ((_DOI, doi), (_PMID, pmid), (_NCT, nct)) if v]
    titles = [{"type": [_concept(_TITLE_TYPE, "primary")], "text": title}] if title else []
    if label and label != title:
        titles.append({"type": [_concept(_TITLE_TYPE, "short-title")], "text": label})
    return _entry(urn, _clean({
        "resourceType": "Citation", "status": "active", "title": title or label,
        "citedArtifact": {
            "identifier": idents, "title": titles,
            "publicationForm": [{"publishedIn": {"title": journal}, "publicationDateText": str(year or "")}],
            "contributorship": {"summary": [{"value": authors}]} if authors else {},
            "relatesTo": [{"type": "cited-by", "resourceReference": {"reference": cited_by}}] if cited_by else [],
        }}))


def _title_label() -> re.Pattern:
    return re.compile(rf"^\s*(?:{cue_alternation('title_labels')})\s*[:：]\s*", re.IGNORECASE)


def clean_title(text: str) -> str:
    """A title as a reader would write it: without a `TITLE:` / `标题：` label, on one line, cut to a
    few hundred characters; empty when what is left is no title (a bare year, a number)."""
    line = " ".join((text or "").split())
    m = _title_label().match(line)
    if m:
        line = line[m.end():].strip()
    if _BARE_NUMBER.fullmatch(line):
        return ""
    return line if len(line) <= _TITLE_CUT else line[:_TITLE_CUT - 1].rstrip() + "…"


def document_title(store: Store, doc: str, title: str | None) -> str:
    """A document's title: its metadata title, else the first line of its text, else its id."""
    cleaned = clean_title(title or "")
    if cleaned:
        return cleaned
    rows = run_named(store, "document_text", {"doc": doc}).rows
    text = rows[0]["text"] if rows else ""
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    return clean_title(first) or doc


def _estimates(r: dict) -> list[dict]:
    out = []
    if _number(r.get("ci_low")) is not None and _number(r.get("ci_high")) is not None:
        level = _number(r.get("ci_level"))
        out.append({"type": _concept(_ESTIMATE, "C53324", "Confidence interval"),
                    "level": level / 100 if level and level > 1 else level,
                    "range": {"low": {"value": _number(r["ci_low"])}, "high": {"value": _number(r["ci_high"])}}})
    p = _COMPARATOR.match(str(r.get("p_value") or ""))
    if p:
        sign = {"≤": "<=", "≥": ">=", "=": ""}.get(p.group(1), p.group(1))
        out.append({"type": _concept(_ESTIMATE, "C44185", "P-value"),
                    "quantity": {"value": _number(p.group(2)), **({"comparator": sign} if sign else {})}})
    elif r.get("p_value"):
        out.append({"type": _concept(_ESTIMATE, "C44185", "P-value"), "description": f"p {r['p_value']}"})
    if _number(r.get("sd")) is not None:
        out.append({"type": _concept(_ESTIMATE, "C53322", "Standard deviation"),
                    "quantity": {"value": _number(r["sd"])}})
    return out


def sample_size(r: dict, study_sizes: dict[str, Any]) -> float | int | None:
    """How many a number is of: the denominator printed with it; for an effect between two arms both
    arms' N (its Data-and-analyses row's totals, else the arm sizes it names); else its arm's N; for
    a number of a document's own whole study, the study's size."""
    total, arm, comparator = _number(r.get("total")), _number(r.get("arm_size")), _number(r.get("comparator_size"))
    if total:
        return total
    if effect_of(r) and (r.get("comparison_size") or (arm and comparator)):
        return _number(r.get("comparison_size")) or arm + comparator
    if arm:
        return arm
    if not r.get("arm") and not r.get("ref") and not r.get("source_name"):
        return _number(study_sizes.get(r.get("doc")))
    return None


def _statistic(r: dict, study_sizes: dict[str, Any]) -> dict:
    unit, kind = r.get("unit") or "", statistic_type(r)
    effect = effect_of(r)
    unit = "" if effect and unit == effect else unit
    return {"description": r.get("quote") or "",
            "statisticType": _concept(FHIR_STATISTIC_TYPE, kind.code, kind.display, text=kind.statistic),
            "quantity": {"value": _number(r.get("value")), "unit": unit},
            "numberOfEvents": _number(r.get("n")),
            "sampleSize": {"numberOfParticipants": sample_size(r, study_sizes)},
            "attributeEstimate": _estimates(r)}


def _variable(role: str, description: str) -> dict:
    return {"variableRole": _concept(_ROLE, role), "description": description} if description else {}


def evidence(urn: str, r: dict, cite: str, cited: list[str], study_sizes: dict[str, Any] | None = None) -> dict:
    exposure = " ".join(p for p in (r.get("arm") or "", f"(n={r['arm_size']})" if r.get("arm_size") else "") if p)
    reference = " ".join(p for p in (r.get("comparator") or "",
                                     f"(n={r['comparator_size']})" if r.get("comparator_size") else "") if p)
    outcome = " — ".join(p for p in (str(r.get("name") or ""), r.get("measure") or "", r.get("timeframe") or "",
                                     r.get("criteria") or "") if p)
    vs = f" vs {r['comparator']}" if r.get("comparator") else ""
    return _entry(urn, _clean({
        "resourceType": "Evidence", "status": "active",
        "title": f"{r.get('name')}{', ' + r['arm'] if r.get('arm') else ''}{vs} ({r.get('study')})",
        "citeAsReference": {"reference": cite},
        "relatedArtifact": [{"type": "cites", "resourceReference": {"reference": c}} for c in cited],
        "variableDefinition": [_variable("exposure", exposure), _variable("referenceExposure", reference),
                               _variable("measuredVariable", outcome)],
        "statistic": [_statistic(r, study_sizes or {})],
        "note": [{"text": f"{r.get('doc')} [{r.get('start')}:{r.get('end')}] {r.get('quote')}"}]}))


def assessment(urn: str, rec: dict, cite: str, cited: list[str]) -> dict:
    certainty = _CERTAINTY_CODES.get(str(rec.get("certainty") or "").lower())
    level = {"text": " ".join(p for p in (rec.get("level") or "", rec.get("system") or "") if p)}
    strength = {"text": str(rec.get("strength") or "")}
    if certainty:
        level |= _concept(_CERTAINTY, certainty)
    if rec.get("strength_class") in ("strong", "weak"):
        strength |= _concept(_STRENGTH, rec["strength_class"])
    return _entry(urn, _clean({
        "resourceType": "ArtifactAssessment", "artifactUri": rec["rec"], "title": str(rec.get("label") or ""),
        "citeAsReference": {"reference": cite},
        "content": [
            {"informationType": "rating", "type": {"text": "certainty of evidence"},
             "classifier": [level] if level.get("text") or certainty else []},
            {"informationType": "rating", "type": {"text": "strength of recommendation"},
             "classifier": [strength] if strength.get("text") or "coding" in strength else []},
            {"informationType": "comment", "summary": rec.get("text") or "",
             "relatedArtifact": [{"type": "cites", "resourceReference": {"reference": c}} for c in cited]},
        ]}))


def fhir_bundle(store: Store, docs: Iterable[str] = ()) -> dict:
    """The Bundle as a dict, validated by fhir.resources (a ValidationError means a bug here)."""
    from fhir.resources.bundle import Bundle
    docs = list(docs)
    studies = study_index(store)
    entries, doc_urn, ref_urn = [], {}, {}
    for d in per_doc(store, "documents", docs):
        doc_urn[d["doc"]] = _urn(f"doc/{d['doc']}")
        entries.append(citation(doc_urn[d["doc"]], studies.label(d["doc"]), document_title(store, d["doc"], d["title"]),
                                d["authors"] or "", d["journal"] or "", d["year"], d["doi"] or "", d["pmid"] or "",
                                d["nct"] or ""))
    for r in reference_rows(store, docs):
        key = (r["doc"], str(r["ref"]))
        ref_urn[key] = _urn(f"doc/{r['doc']}/reference/{r['ref']}")
        title = clean_title(r["title"] or "") or clean_title(r["quote"] or "")
        entries.append(citation(ref_urn[key], r["study"], title, r["first_author"] or "", r["journal"] or "",
                                r["year"], r["doi"] or "", r["pmid"] or "", cited_by=doc_urn.get(r["doc"], "")))
    rows = selected_rows(store, docs, ("outcome", "arm", "sample_size"))
    study_sizes: dict[str, Any] = {}
    for r in rows:   # a document's own enrolment: the largest size it states of its own study
        if r["kind"] == "sample_size" and not r["ref"] and _number(r["value"]):
            study_sizes[r["doc"]] = max(_number(r["value"]), _number(study_sizes.get(r["doc"])) or 0)
    results = result_rows(rows)
    data_and_analyses(rows, results)   # gives each effect its comparison's size
    for r in results:
        cited = [ref_urn[(r["doc"], n)] for n in ref_numbers(r["ref"] or "") if (r["doc"], n) in ref_urn]
        urn = _urn(f"result/{r['doc']}/{r['result'] or r['start']}-{r['end']}-{r['name']}-{r['arm']}")
        entries.append(evidence(urn, r, cited[0] if cited else doc_urn[r["doc"]], cited, study_sizes))
    for rec in recommendation_rows(store, docs):
        cited = [ref_urn[(rec["doc"], n)] for n in ref_numbers(rec["refs"] or "") if (rec["doc"], n) in ref_urn]
        entries.append(assessment(_urn(f"recommendation/{rec['rec']}"), rec, doc_urn[rec["doc"]], cited))
    bundle = {"resourceType": "Bundle", "id": str(uuid.uuid5(uuid.NAMESPACE_URL, "evkg:" + ",".join(docs))),
              "type": "collection", "entry": entries}
    Bundle.model_validate(bundle)
    return bundle


def export_fhir(store: Store, out: Path, docs: Iterable[str] = ()) -> dict[str, int]:
    """Write the Bundle as JSON; returns how many resources of each type it holds."""
    bundle = fhir_bundle(store, docs)
    Path(out).write_text(json.dumps(bundle, ensure_ascii=False, indent=1), encoding="utf-8")
    counts: dict[str, int] = {}
    for e in bundle["entry"]:
        counts[e["resource"]["resourceType"]] = counts.get(e["resource"]["resourceType"], 0) + 1
    return counts

