"""ClinicalTrials.gov API v2 JSON: one study object, a list of them, or `{"studies": [...]}`.

The document text is raw JSON, so a quote is a string value as it stands in the
file (escapes included). A file with one study gives the id `<stem>` and holds the
whole file; a file with several gives one document per study, id `<stem>-<NCT id>`,
whose text is only that study's object (`Document.base` is where it starts in the file).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from evkg.core.errors import ReadError
from evkg.core.model import Document, Metadata, Section
from evkg.core.records import (
    Analysis,
    ArmGroup,
    Design,
    Field,
    Intervention,
    Measurement,
    Outcome,
    ResultMeasure,
    TrialRecord,
)
from evkg.extract.readers import detect, json_spans, schema
from evkg.extract.readers.json_spans import Located
from evkg.extract.readers.limits import TooDeep, is_count, whole_number
from evkg.extract.readers.schema.ctgov_json import STUDY

LAYOUT = "ctgov-json"
OUTCOME_KEYS = (("primaryOutcomes", "primary"), ("secondaryOutcomes", "secondary"), ("otherOutcomes", "exploratory"))
RESULT_ROLES = {"PRIMARY": "primary", "SECONDARY": "secondary", "OTHER_PRE_SPECIFIED": "exploratory",
                "POST_HOC": "exploratory"}
_TYPE_PREFIX = re.compile(r"^[A-Za-z_ ]+:\s*")


def _get(d, *keys):
    for k in keys:
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d


def _list(d, *keys) -> list:
    v = _get(d, *keys)
    return v if isinstance(v, list) else []


def _field(v) -> Field | None:
    if isinstance(v, Located) and v.strip():
        return Field(v.start, v.end, str(v))
    return None


def _count(v) -> Field | None:
    """A count field, left out when it is no count a registry could hold (a 4,000-digit number)."""
    f = _field(v)
    return f if f and is_count(f.value) else None


def _text(v) -> str:
    return str(v) if isinstance(v, str) else ""


def studies(data, path: Path) -> list[dict]:
    """The study objects of a parsed file; ReadError when it holds none."""
    if isinstance(data, dict) and "studies" in data:
        data = data["studies"]
    items = data if isinstance(data, list) else [data]
    found = [s for s in items if isinstance(s, dict) and isinstance(s.get("protocolSection"), dict)]
    if not found or len(found) != len(items):
        raise ReadError(path, "JSON is not ClinicalTrials.gov study data (every study needs a protocolSection); "
                              "download records with `evkg fetch ctgov NCT...`")
    return found


def parse(text: str, path: Path) -> list[dict]:
    try:
        data = json_spans.loads(text)
    except json.JSONDecodeError as e:
        raise ReadError(path, f"malformed JSON: {e.msg} (line {e.lineno}, column {e.colno})") from None
    except (json_spans.Nested, RecursionError):  # the standard library's own depth check: about 1,000
        raise TooDeep(path, "JSON") from None
    found = studies(data, path)
    for i, study in enumerate(found):
        schema.check(study, STUDY, path, root=f"studies[{i}]" if len(found) > 1 else "")
    return found


def nct_id(study: dict) -> str:
    return _text(_get(study, "protocolSection", "identificationModule", "nctId"))


def read_ctgov_json(path: Path, text: str) -> list[Document]:
    found = parse(text, path)
    ids = [nct_id(s) for s in found]
    if len(found) > 1 and (not all(ids) or len(set(ids)) != len(ids)):
        raise ReadError(path, "the file holds several studies but their NCT ids are missing or repeated; "
                              "give each study its own file")
    if len(found) == 1:
        return [_document(path, path.stem, text, found[0])]
    docs = []
    for study, nct in zip(found, ids):
        # Each study holds only its own object's text; offsets stay file offsets through `base`.
        record = text[study.start:study.end]
        docs.append(_document(path, f"{path.stem}-{nct}", record, parse(record, path)[0], base=study.start))
    return docs


def _document(path: Path, doc_id: str, text: str, study: dict, base: int = 0) -> Document:
    ident = _get(study, "protocolSection", "identificationModule") or {}
    desc = _get(study, "protocolSection", "descriptionModule") or {}
    sections = [Section(name, f.start, f.end) for name, v in
                (("title", ident.get("briefTitle")), ("official_title", ident.get("officialTitle")),
                 ("summary", desc.get("briefSummary")), ("description", desc.get("detailedDescription")))
                if (f := _field(v))]
    prose = " ".join(_text(v) for v in (ident.get("briefTitle"), desc.get("briefSummary"),
                                         desc.get("detailedDescription")))
    return Document(id=doc_id, text=text, path=str(path), language=detect.language(prose or text),
                    doctype="registration", sections=tuple(sorted(sections, key=lambda s: s.start)),
                    metadata=Metadata(title=_text(ident.get("briefTitle")), nct_id=nct_id(study)), layout=LAYOUT,
                    base=base, record=study_record(study), references=(), wrapped=False)


def study_record(study: dict) -> TrialRecord:
    p = study["protocolSection"]
    design = _get(p, "designModule") or {}
    info = design.get("designInfo") or {}
    enrollment = design.get("enrollmentInfo") or {}
    arms = tuple(ArmGroup(label, _text(a.get("type")), _field(a.get("description")),
                     tuple(_TYPE_PREFIX.sub("", _text(n)) for n in _list(a, "interventionNames")))
                 for a in _list(p, "armsInterventionsModule", "armGroups") if (label := _field(a.get("label"))))
    interventions = tuple(Intervention(_text(i.get("type")).upper(), name, _field(i.get("description")))
                          for i in _list(p, "armsInterventionsModule", "interventions")
                          if (name := _field(i.get("name"))))
    outcomes = []
    for key, role in OUTCOME_KEYS:
        for o in _list(p, "outcomesModule", key):
            if measure := _field(o.get("measure")):
                outcomes.append(Outcome(role, measure.start, measure.end, measure, _field(o.get("description")),
                                        _field(o.get("timeFrame"))))
    return TrialRecord(
        nct_id=nct_id(study),
        title=_field(_get(p, "identificationModule", "briefTitle")),
        official_title=_field(_get(p, "identificationModule", "officialTitle")),
        summary=_field(_get(p, "descriptionModule", "briefSummary")),
        description=_field(_get(p, "descriptionModule", "detailedDescription")),
        conditions=tuple(f for c in _list(p, "conditionsModule", "conditions") if (f := _field(c))),
        interventions=interventions, arms=arms, outcomes=tuple(outcomes),
        design=Design(study_type=_field(design.get("studyType")), allocation=_field(info.get("allocation")),
                      model=_field(info.get("interventionModel")),
                      masking=_field(_get(info, "maskingInfo", "masking")),
                      time_perspective=_field(info.get("timePerspective")),
                      patient_registry=design.get("patientRegistry") is True,
                      phases=tuple(f for ph in _list(design, "phases") if (f := _field(ph)))),
        enrollment=_count(enrollment.get("count")), enrollment_type=_text(enrollment.get("type")),
        results=tuple(_result(m) for m in _list(study, "resultsSection", "outcomeMeasuresModule", "outcomeMeasures")
                      if _field(m.get("title"))),
    )


def _result(m: dict) -> ResultMeasure:
    groups = {_text(g.get("id")): _text(g.get("title")) for g in _list(m, "groups")}
    totals = {}
    for denom in _list(m, "denoms")[:1]:  # the first denominator counts participants
        for c in _list(denom, "counts"):
            if (n := whole_number(_text(c.get("value")))) is not None:
                totals[_text(c.get("groupId"))] = n
    measurements = []
    for cls in _list(m, "classes"):
        for cat in _list(cls, "categories"):
            category = _text(cat.get("title")) or _text(cls.get("title"))
            for x in _list(cat, "measurements"):
                if value := _field(x.get("value")):
                    gid = _text(x.get("groupId"))
                    measurements.append(Measurement(groups.get(gid, gid), value, total=totals.get(gid),
                                                    category=category, lower=_text(x.get("lowerLimit")),
                                                    upper=_text(x.get("upperLimit"))))
    analyses = tuple(Analysis(tuple(groups.get(_text(g), _text(g)) for g in _list(a, "groupIds")),
                              _text(a.get("paramType")), _field(a.get("paramValue")), _field(a.get("pValue")),
                              _text(a.get("ciLowerLimit")), _text(a.get("ciUpperLimit")))
                     for a in _list(m, "analyses"))
    return ResultMeasure(RESULT_ROLES.get(_text(m.get("type")).upper(), "exploratory"), _field(m.get("title")),
                         _field(m.get("description")), _field(m.get("timeFrame")), _text(m.get("unitOfMeasure")),
                         _text(m.get("paramType")), _text(m.get("dispersionType")), tuple(measurements), analyses)
