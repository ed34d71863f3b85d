"""Legacy ClinicalTrials.gov XML (`<clinical_study>`), parsed with defusedxml.

No DTD, no entity declarations, no external references: a file with any of them
is refused. The document text is the raw XML; each element remembers where its
content lies in the text, so a quote is the element's raw content (or an
attribute's raw value) at its offsets in the file.
"""
from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

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
from evkg.extract.readers import detect
from evkg.extract.readers.limits import is_count, whole_number
from evkg.extract.readers.schema import xml as shape
from evkg.extract.readers.schema.ctgov_xml import STUDY
from evkg.extract.readers.xml_spans import LocatedXml

LAYOUT = "ctgov-xml"
OUTCOME_TAGS = (("primary_outcome", "primary"), ("secondary_outcome", "secondary"), ("other_outcome", "exploratory"))
RESULT_ROLES = {"primary": "primary", "secondary": "secondary", "other pre-specified": "exploratory",
                "post-hoc": "exploratory"}


class XmlStudy(LocatedXml):
    """A parsed `<clinical_study>`."""

    def __init__(self, text: str, path: Path):
        super().__init__(text, path)
        if self.root.tag != "clinical_study":
            raise ReadError(path, f"XML root is <{self.root.tag}>, not a ClinicalTrials.gov <clinical_study>")
        shape.check(self.root, STUDY, path)


def _value(f: Field | None) -> str:
    return f.value if f else ""


def read_ctgov_xml(path: Path, text: str) -> list[Document]:
    study = XmlStudy(text, path)
    nct = _value(study.find("id_info/nct_id"))
    sections = [Section(name, f.start, f.end) for name, tag in
                (("title", "brief_title"), ("official_title", "official_title"),
                 ("summary", "brief_summary/textblock"), ("description", "detailed_description/textblock"))
                if (f := study.find(tag))]
    prose = " ".join(_value(study.find(t)) for t in ("brief_title", "brief_summary/textblock",
                                                      "detailed_description/textblock"))
    return [Document(id=path.stem, text=text, path=str(path), language=detect.language(prose or text),
                     doctype="registration", sections=tuple(sorted(sections, key=lambda s: s.start)),
                     metadata=Metadata(title=_value(study.find("brief_title")), nct_id=nct), layout=LAYOUT,
                     record=study_record(study), references=(), wrapped=False)]


def study_record(s: XmlStudy) -> TrialRecord:
    """The registration fields of a parsed `<clinical_study>`."""
    root = s.root
    interventions, assigned = [], {}
    for i in root.findall("intervention"):
        if name := s.find("intervention_name", i):
            interventions.append(Intervention(_value(s.find("intervention_type", i)).upper().replace(" ", "_"), name,
                                              s.find("description", i)))
            for label in s.all("arm_group_label", i):
                assigned.setdefault(label.value, []).append(name.value)
    arms = tuple(ArmGroup(label, _value(s.find("arm_group_type", a)).upper().replace(" ", "_"),
                          s.find("description", a), tuple(assigned.get(label.value, ())))
                 for a in root.findall("arm_group") if (label := s.find("arm_group_label", a)))
    outcomes = []
    for tag, role in OUTCOME_TAGS:
        for o in root.findall(tag):
            if measure := s.find("measure", o):
                outcomes.append(Outcome(role, measure.start, measure.end, measure, s.find("description", o),
                                        s.find("time_frame", o)))
    phase = s.find("phase")
    enrollment = root.find("enrollment")
    return TrialRecord(
        nct_id=_value(s.find("id_info/nct_id")), title=s.find("brief_title"), official_title=s.find("official_title"),
        summary=s.find("brief_summary/textblock"), description=s.find("detailed_description/textblock"),
        conditions=s.all("condition"), interventions=tuple(interventions), arms=arms, outcomes=tuple(outcomes),
        design=Design(study_type=s.find("study_type"), allocation=s.find("study_design_info/allocation"),
                      model=s.find("study_design_info/intervention_model"),
                      masking=s.find("study_design_info/masking"),
                      time_perspective=s.find("study_design_info/time_perspective"),
                      patient_registry="registry" in _value(s.find("study_type")).lower()
                                       or _value(s.find("patient_registry")).lower() == "yes",
                      phases=_phases(phase)),
        enrollment=count if (count := s.field(enrollment)) and is_count(count.value) else None,
        enrollment_type=enrollment.get("type", "") if enrollment is not None else "",
        results=tuple(_result(s, o) for o in root.findall("clinical_results/outcome_list/outcome")
                      if s.find("title", o)),
    )


def _phases(f: Field | None) -> tuple[Field, ...]:
    """`Phase 2/Phase 3` as two phases, each at its own offsets."""
    if f is None:
        return ()
    out, pos = [], f.start
    for part in f.value.split("/"):
        out.append(Field(pos, pos + len(part), part))
        pos += len(part) + 1
    return tuple(out)


def _result(s: XmlStudy, o: Element) -> ResultMeasure:
    groups = {g.get("group_id", ""): _value(s.find("title", g)) for g in o.findall("group_list/group")}
    m = o.find("measure")
    m = m if m is not None else Element("measure")
    totals = {c.get("group_id", ""): n for c in m.findall("analyzed_list/analyzed[1]/count_list/count")
              if (n := whole_number(c.get("value", ""))) is not None}
    measurements = []
    for cls in m.findall("class_list/class"):
        for cat in cls.findall("category_list/category"):
            category = _value(s.find("title", cat)) or _value(s.find("title", cls))
            for x in cat.findall("measurement_list/measurement"):
                if value := s.attribute(x, "value"):
                    gid = x.get("group_id", "")
                    measurements.append(Measurement(groups.get(gid, gid), value, total=totals.get(gid),
                                                    category=category, lower=x.get("lower_limit", ""),
                                                    upper=x.get("upper_limit", "")))
    analyses = tuple(Analysis(tuple(groups.get(g.text or "", g.text or "")
                                    for g in a.findall("group_id_list/group_id")),
                              _value(s.find("param_type", a)), s.find("param_value", a), s.find("p_value", a),
                              _value(s.find("ci_lower_limit", a)), _value(s.find("ci_upper_limit", a)))
                     for a in o.findall("analysis_list/analysis"))
    return ResultMeasure(RESULT_ROLES.get(_value(s.find("type", o)).lower(), "exploratory"), s.find("title", o),
                         s.find("description", o), s.find("time_frame", o), _value(s.find("units", m)),
                         _value(s.find("param", m)), _value(s.find("dispersion", m)), tuple(measurements), analyses)
