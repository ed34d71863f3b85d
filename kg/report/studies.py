"""Study labels as a reviewer writes them (first author + year, or a registry id), and the
section a quote lies in: both read from the graph by SPARQL, joined to rows here."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from evkg.extract.readers.reference_list import first_author
from evkg.kg.store.backends import Store
from evkg.kg.store.queries import run_named

_REF_ITEM = re.compile(r"\d+")


def study_label(author: str = "", year: Any = None, registry_id: str = "", fallback: str = "") -> str:
    who = " ".join(p for p in (first_author(author or ""), str(year or "")) if p)
    return who if author else (registry_id or who or fallback)


@dataclass(frozen=True)
class StudyIndex:
    """Labels of every document (by id) and of every reference entry (by document and number)."""
    documents: dict[str, str]
    references: dict[tuple[str, str], str]

    def label(self, doc: str, ref: str = "", named: str = "") -> str:
        """Whose number it is: the cited studies' labels when `ref` names entries, else the study the
        text names without citing it (`named`: a trial acronym, a team), else the document's."""
        cited = [self.references.get((doc, r), f"[{r}]") for r in ref_numbers(ref)]
        return "; ".join(dict.fromkeys(cited)) if cited else named or self.documents.get(doc, doc)


def ref_numbers(ref: str) -> list[str]:
    """`4`, `4, 5`, `4-6` -> the reference numbers named (a range spelt out)."""
    out: list[str] = []
    for part in re.split(r"[,，;；]", ref or ""):
        nums = _REF_ITEM.findall(part)
        if len(nums) == 2 and re.search(r"[-–~～]", part) and 0 < int(nums[1]) - int(nums[0]) < 50:
            out.extend(str(i) for i in range(int(nums[0]), int(nums[1]) + 1))
        else:
            out.extend(nums)
    return out


def _params(doc: str | None) -> dict[str, str]:
    return {"doc": doc} if doc else {}


def study_index(store: Store, doc: str | None = None) -> StudyIndex:
    docs = {}
    for r in run_named(store, "documents", _params(doc)).rows:
        own = r["nct"] if r["type"] == "registration" else ""
        docs[r["doc"]] = own or study_label(r["authors"] or "", r["year"], r["nct"] or "", r["doc"])
    refs = {(r["doc"], str(r["ref"])): study_label(r["first_author"] or "", r["year"], "", f"[{r['ref']}]")
            for r in run_named(store, "references", _params(doc)).rows}
    return StudyIndex(docs, refs)


class SectionIndex:
    """The innermost named section containing an offset, per document."""

    def __init__(self, rows: Iterable[dict[str, Any]]):
        self._by_doc: dict[str, list[tuple[int, int, str]]] = {}
        for r in rows:
            self._by_doc.setdefault(r["doc"], []).append((int(r["start"]), int(r["end"]), r["section"]))
        for spans in self._by_doc.values():
            spans.sort()

    def at(self, doc: str, offset: int) -> str:
        spans = self._by_doc.get(doc, [])
        i = bisect.bisect_right(spans, (offset, float("inf"), ""))
        inside = [s for s in spans[:i] if s[0] <= offset < s[1]]
        return min(inside, key=lambda s: s[1] - s[0])[2] if inside else ""


def section_index(store: Store, doc: str | None = None) -> SectionIndex:
    return SectionIndex(run_named(store, "document_sections", _params(doc)).rows)
