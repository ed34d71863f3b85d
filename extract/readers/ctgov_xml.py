"""Legacy ClinicalTrials.gov XML (`<clinical_study>`), parsed with defusedxml.

No DTD, no entity declarations, no external references: a file with any of them
is refused. The document text is the raw XML; each element remembers where its
content lies in the text, so a quote is the element's raw content (or an
attribute's raw value) at its offsets in the file.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from extract import detect
from extract.readers.trial_record import (Analysis, Arm, Design, Field, Intervention, Measurement, Outcome,
                                          ResultMeasure, TrialRecord)
from kg.errors import ReadError
from kg.model import Document, Metadata, Section

LAYOUT = "ctgov-xml"
OUTCOME_TAGS = (("primary_outcome", "primary"), ("secondary_outcome", "secondary"), ("other_outcome", "exploratory"))
RESULT_ROLES = {"primary": "primary", "secondary": "secondary", "other pre-specified": "exploratory",
                "post-hoc": "exploratory"}
_ATTRIBUTE = r"""\b{name}\s*=\s*(?:"([^"]*)"|'([^']*)')"""


class _Located(DefusedXMLParser):
    """Records, per element, the byte offsets of its start tag and of its end tag."""

    def __init__(self):
        super().__init__(forbid_dtd=True, forbid_entities=True, forbid_external=True)
        self.where: dict[Element, list[int]] = {}
        start, end = self.parser.StartElementHandler, self.parser.EndElementHandler

        def on_start(tag, attrs):
            at = self.parser.CurrentByteIndex
            elem = start(tag, attrs)
            self.where[elem] = [at, at]
            return elem

        def on_end(tag):
            at = self.parser.CurrentByteIndex
            elem = end(tag)
            self.where[elem][1] = at
            return elem

        self.parser.StartElementHandler, self.parser.EndElementHandler = on_start, on_end


class XmlStudy:
    """A parsed study: the element tree and each element's content span in the text."""

    def __init__(self, text: str, path: Path):
        parser = _Located()
        try:
            parser.feed(text)  # a str is parsed as UTF-8, whatever the declaration says
            self.root = parser.close()
        except ParseError as e:
            raise ReadError(path, f"malformed XML: {e}") from None
        except DefusedXmlException as e:
            raise ReadError(path, f"XML refused for safety ({type(e).__name__}): no DTD or entities allowed") from None
        if self.root.tag != "clinical_study":
            raise ReadError(path, f"XML root is <{self.root.tag}>, not a ClinicalTrials.gov <clinical_study>")
        self.text = text
        encoded = [len(c.encode("utf-8")) for c in text]
        self._byte_starts = [0, *accumulate(encoded)] if not text.isascii() else None
        self.where = parser.where

    def _char(self, byte: int) -> int:
        return byte if self._byte_starts is None else bisect_right(self._byte_starts, byte) - 1

    def tag_span(self, e: Element) -> tuple[int, int]:
        """(start, end) of the element's start tag."""
        start = self._char(self.where[e][0])
        m = re.compile(r"""<[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""").match(self.text, start)
        return start, m.end() if m else start

    def field(self, e: Element | None) -> Field | None:
        """The element's raw text content (whitespace trimmed), for a leaf element."""
        if e is None or len(e):
            return None
        _, start = self.tag_span(e)
        end = max(start, self._char(self.where[e][1]))
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Field(start, end, (e.text or "").strip()) if end > start else None

    def attribute(self, e: Element, name: str) -> Field | None:
        start, end = self.tag_span(e)
        m = re.compile(_ATTRIBUTE.format(name=re.escape(name))).search(self.text, start, end)
        if not m:
            return None
        g = 1 if m.group(1) is not None else 2
        return Field(m.start(g), m.end(g), e.get(name, ""))

    def find(self, path: str, within: Element | None = None) -> Field | None:
        return self.field((self.root if within is None else within).find(path))

    def all(self, path: str, within: Element | None = None) -> tuple[Field, ...]:
        found = (self.field(e) for e in (self.root if within is None else within).findall(path))
        return tuple(f for f in found if f)


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
                     metadata=Metadata(title=_value(study.find("brief_title")), nct_id=nct), layout=LAYOUT)]


def xml_record(doc: Document) -> TrialRecord:
    s = XmlStudy(doc.text, Path(doc.path))
    root = s.root
    interventions, assigned = [], {}
    for i in root.findall("intervention"):
        if name := s.find("intervention_name", i):
            interventions.append(Intervention(_value(s.find("intervention_type", i)).upper().replace(" ", "_"), name,
                                              s.find("description", i)))
            for label in s.all("arm_group_label", i):
                assigned.setdefault(label.value, []).append(name.value)
    arms = tuple(Arm(label, _value(s.find("arm_group_type", a)).upper().replace(" ", "_"), s.find("description", a),
                     tuple(assigned.get(label.value, ())))
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
        enrollment=s.field(enrollment), enrollment_type=enrollment.get("type", "") if enrollment is not None else "",
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
    totals = {c.get("group_id", ""): int(c.get("value")) for c in m.findall("analyzed_list/analyzed[1]/count_list/count")
              if re.fullmatch(r"\d+", c.get("value", ""))}
    measurements = []
    for cls in m.findall("class_list/class"):
        for cat in cls.findall("category_list/category"):
            category = _value(s.find("title", cat)) or _value(s.find("title", cls))
            for x in cat.findall("measurement_list/measurement"):
                if value := s.attribute(x, "value"):
                    gid = x.get("group_id", "")
                    measurements.append(Measurement(groups.get(gid, gid), value, total=totals.get(gid), category=category,
                                                    lower=x.get("lower_limit", ""), upper=x.get("upper_limit", "")))
    analyses = tuple(Analysis(tuple(groups.get(g.text or "", g.text or "") for g in a.findall("group_id_list/group_id")),
                              _value(s.find("param_type", a)), s.find("param_value", a), s.find("p_value", a),
                              _value(s.find("ci_lower_limit", a)), _value(s.find("ci_upper_limit", a)))
                     for a in o.findall("analysis_list/analysis"))
    return ResultMeasure(RESULT_ROLES.get(_value(s.find("type", o)).lower(), "exploratory"), s.find("title", o),
                         s.find("description", o), s.find("time_frame", o), _value(s.find("units", m)),
                         _value(s.find("param", m)), _value(s.find("dispersion", m)), tuple(measurements), analyses)
