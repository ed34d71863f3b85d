"""The `entities` plugin: conditions, procedures, drugs and devices the lexicon finds, once per code and
document (registrations: the `registration_entities` plugin in registration.py)."""
from __future__ import annotations

import re
from collections.abc import Iterable

from evkg.core.fold import fold
from evkg.core.model import Document, Fact
from evkg.extract.plugin import PROSE_TYPES, Plugin
from evkg.extract.text.context import DocContext
from evkg.extract.trials.eligibility import in_criteria
from evkg.extract.vocabulary.cues import cue_pattern

ENTITY_KINDS = ("condition", "procedure", "drug", "device")
_CLAUSE_BREAK = re.compile(r"[，,；;。:：()（）\[\]\n]|\.\s")
_CLAUSE_REACH = 80


def negated(text: str, start: int) -> bool:
    """A negation cue earlier in the mention's clause (`没有门静脉癌栓或肝外转移`, `not suitable for resection`)."""
    lo = max(0, start - _CLAUSE_REACH)
    before = text[lo:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end():] if breaks else before
    return bool(cue_pattern("negation").search(fold(clause)))


_NAME_REACH = 12  # characters between a term and an organisation word within one name
_NAME_BREAK = re.compile(r"[，,；;。:：()（）\[\]、\n]")


def in_organisation_name(text: str, end: int) -> bool:
    """The term is part of an organisation's name: an organisation word follows before any break."""
    after = text[end:end + _NAME_REACH + 8]
    stop = _NAME_BREAK.search(after)
    after = after[:stop.start()] if stop else after
    m = cue_pattern("organisation").search(fold(after))
    return bool(m) and m.start() <= _NAME_REACH


def in_work_title(text: str, start: int) -> bool:
    """Inside 《…》, the title of a book or guideline (`《原发性肝癌诊疗指南》`), not the topic at hand."""
    opened = text.rfind("《", max(0, start - 80), start)
    return opened >= 0 and "》" not in text[opened:start] and "》" in text[start:start + 80]


_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)\S+")
# An affiliation shows an e-mail, a postcode or a country after a comma.
_COUNTRY = r"[,，]\s*(?:china|中国|p\.?\s?r\.?\s?china|usa|uk|japan|korea)\b"
_AFFILIATION_MARK = re.compile(rf"[\w.+-]+@[\w-]+\.|(?<!\d)\d{{5,6}}(?!\d)|{_COUNTRY}")


def in_address(text: str, start: int, end: int) -> bool:
    """Inside an e-mail address or a URL (`paclitaxel@example.org`, `https://…/sorafenib`)."""
    lo = max(0, start - 120)
    return any(m.start() <= start and end <= m.end() for m in _ADDRESS.finditer(text, lo, end + 120))


def in_affiliation(text: str, start: int) -> bool:
    """On an author's affiliation line: an institution word and a postcode, e-mail or country."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    line = fold(text[lo:hi if hi >= 0 else len(text)])
    return len(line) < 400 and bool(cue_pattern("affiliation").search(line)) and bool(_AFFILIATION_MARK.search(line))


_HARM_BEFORE = 200  # characters back to a harm word heading a list or table of harms
_SENTENCE_END = re.compile(r"[。！？]|[.!?]\s")


def among_harms(text: str, start: int, end: int) -> bool:
    """A condition in a sentence about harms, or in the list a harm word heads (`表 3 不良事件 … 贫血`)."""
    lo = max(0, start - _HARM_BEFORE)
    ends = list(_SENTENCE_END.finditer(text, lo, start))
    lo = ends[-1].end() if ends else lo
    after = _SENTENCE_END.search(text, end, end + _HARM_BEFORE)
    hi = after.start() if after else min(len(text), end + _HARM_BEFORE)
    return bool(cue_pattern("harm_words").search(fold(text[lo:hi])))


def names_an_operation(text: str, end: int) -> bool:
    """`食管癌根治术`, `gastric cancer surgery`: the condition names the operation, not what is studied."""
    m = cue_pattern("condition_frames", "procedure_after").match(fold(text[end:end + 12].lstrip()))
    return m is not None


class Entities(Plugin):
    name = "entities"
    version = "4"
    doctypes = PROSE_TYPES  # registration.py reads those field by field, without eligibility
    requires = ("mentions",)
    assigns = ("condition", "procedure", "drug", "device")

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        # The first affirmed mention of each code stands for the document.
        seen = set()
        refs = doc.section("references")
        for m in ctx.mentions_of(*ENTITY_KINDS):
            if refs and refs.start <= m.start < refs.end:
                continue  # a title in the reference list is not something this document discusses
            if (m.kind, m.code) in seen or negated(doc.text, m.start) or in_organisation_name(doc.text, m.end) \
                    or in_work_title(doc.text, m.start) or in_address(doc.text, m.start, m.end) \
                    or in_affiliation(doc.text, m.start) or in_criteria(ctx, "exclusion", m.start):
                continue  # what only the exclusion criteria name is not what the study is about
            if m.kind == "condition" and (among_harms(doc.text, m.start, m.end) or names_an_operation(doc.text, m.end)):
                continue
            seen.add((m.kind, m.code))
            yield self.fact(ctx, m.kind, m.start, m.end, name=m.code, details=ctx.lexicon.grounding(m.kind, m.code))
