"""The `doses` plugin: doses of named drugs (`奥沙利铂 130 mg·m-2`, `40 mg 表柔比星`, `100mg irinotecan`)
and named regimens.

A dose belongs to the drug printed right after it, else to the nearest drug before it in
the sentence (`氟尿嘧啶,400 mg/m² 团注,随后 2 400 mg/m² 持续注入`: both fluorouracil).
Product specifications (`规格：10 mL∶50 mg`, `50 mg/支`) are not doses. Route, schedule,
duration and cycles are read from the words after the dose.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from evkg.core.model import Document, Fact
from evkg.extract.plugin import PROSE_TYPES, Plugin
from evkg.extract.text.arms import arm_text, arms
from evkg.extract.text.context import DocContext
from evkg.extract.text.numbers import NUM, NUM_SPACED, in_range, to_float, unit_at
from evkg.extract.text.views import View, view
from evkg.extract.vocabulary.cues import cue_table

_SPEC = re.compile(r"规格|specification|批准文号|国药准字|批号")
_BOUND = re.compile(r"[<>≤≥]\s*$")
# The two ends of a dose range: `5~15`, `30-50`, `5 to 15` (the lower bound printed without a unit).
_RANGE_START = re.compile(r"\s*(?:~|-|to|至)\s*\d")
_RANGE_END = re.compile(rf"(?<![\d.a-z-])({NUM})\s*(?:~|-|to|至)\s*$")
# A schedule: an interval (每 3 周, 间隔 2 周, q3w, every 2-3 weeks), a daily frequency (每日 2 次, once
# daily), a bracketed period (`, 4 周)`) or the days of a cycle (第 1、8 天, days 1-5).
_INTERVAL = (r"每\s*\d+(?:\s*[~\-]\s*\d+)?\s*(?:周|天|日|个月)(?:\s*(?:进行|重复|给药)*\s*\d+\s*次)?"
             r"|间隔\s*\d+(?:\s*[~\-]\s*\d+)?\s*(?:周|天)")
_DAILY = r"每日\s*\d*\s*次?|每天\s*\d*\s*次?"
_INTERVAL_EN = r"\bq\d+w\b|\bevery \d+(?:\s*[-~]\s*\d+)? (?:weeks?|days?)"
_DAILY_EN = r"\b(?:once|twice) daily\b|\bdaily\b"
_PERIOD = r"(?<=[,(])\s*\d+\s*(?:周|weeks?)(?=\))"
_CYCLE_DAYS = r"第\s*\d+(?:\s*[~\-、,]\s*\d+)*\s*天|\bdays? \d+(?:\s*[-,]\s*\d+)*"
_SCHEDULE = re.compile("|".join((_INTERVAL, _DAILY, _INTERVAL_EN, _DAILY_EN, _PERIOD, _CYCLE_DAYS)))
_DURATION = re.compile(r"(\d+(?:\.\d+)?\s*(?:h|min|小时|分钟))(?![a-z])")
_CYCLES = re.compile(r"(\d+)\s*(?:个)?\s*(?:周期|疗程|cycles?|courses?)")
_REGIMEN_PREFIX = r"(m|modified\s*|改良的?|改良\s*)?"


def _regimens():
    """(pattern, code, components) for each written form in ontology/cues/regimens.tsv, longest first."""
    out = []
    for code, components, written, *_ in cue_table("regimens"):
        for w in written.split("|"):
            pat = re.compile(rf"(?<![a-z]){_REGIMEN_PREFIX}({re.escape(w.lower())})(?![a-z0-9])")
            out.append((len(w), pat, code, tuple(components.split("|"))))
    return [o[1:] for o in sorted(out, key=lambda o: -o[0])]


def _routes():
    return sorted(((w.lower(), r) for w, r, *_ in cue_table("routes")), key=lambda wr: -len(wr[0]))


class Doses(Plugin):
    name = "doses"
    version = "1"
    doctypes = PROSE_TYPES
    requires = ("sentences", "mentions")
    assigns = ("dose", "regimen")

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        v = view(ctx)
        refs = doc.section("references")
        limit = v.to_key(refs.start) if refs else len(v.key)
        regimens = _find_regimens(v.key[:limit])
        drugs = [m for m in v.mentions_of("drug") if m.end <= limit]
        doses = list(_quantities(v, drugs, limit))
        facts = []
        by_regimen: dict[tuple[str, int], list[str]] = {}
        for i, (ks, ke, drug, value, unit, rng) in enumerate(doses):
            nxt = doses[i + 1][0] if i + 1 < len(doses) else None
            details = {**_details(v, ke, nxt, drug), **rng}
            sent = next(((s, e) for s, e in v.sentences if s <= ks < e), (ks, ke))
            reg = _regimen_of(v, regimens, drug.code, ks)
            if reg:
                details["regimen"] = reg[1]
                by_regimen.setdefault((reg[1], reg[0]), []).append(f"{drug.code} {value:g} {unit}")
            group = [a for a in arms(v, sent[0], sent[1]) if a.end <= ks]
            # The drug joins the quote when printed next to its dose, not across a maker's name.
            near = drug.end <= ks and ks - drug.end <= 4 or drug.start >= ke
            start, end = v.span(min(ks, drug.start), max(ke, drug.end)) if near else v.span(ks, ke)
            facts.append(self.fact(
                ctx, "dose", start, end, name=drug.code, value=value, unit=unit,
                arm=arm_text(v, group[-1]) if group else "", details=details,
                ref=v.reported_ref(ks, *sent)))
        seen = set()
        for ks, ke, code, components in regimens:
            if code in seen:
                continue
            seen.add(code)
            start, end = v.span(ks, ke)
            stated = [d for (c, k), ds in by_regimen.items() if c == code for d in ds]
            details = {"components": ", ".join(c for c in components if c != "levoleucovorin")}
            if stated:
                details["doses"] = "; ".join(stated)
            facts.append(self.fact(ctx, "regimen", start, end, name=code, details=details))
        return facts


def _find_regimens(key: str) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """(kstart, kend, code, components) of each regimen named, `m`/`改良` making the modified one."""
    out, taken = [], set()
    for pat, code, components in _regimens():
        for m in pat.finditer(key):
            if any(k in taken for k in range(m.start(2), m.end(2))):
                continue
            taken.update(range(m.start(2), m.end(2)))
            out.append((m.start(), m.end(), ("m" if m.group(1) else "") + code, components))
    return sorted(out)


def _regimen_of(v: View, regimens, drug: str, k: int):
    """The regimen named before a dose in its paragraph, when the drug is one of its components."""
    para = v.paragraph_at(k)
    before = [r for r in regimens if para[0] <= r[0] < k and drug in r[3]]
    return (before[-1][0], before[-1][2]) if before else None


def _in_spec(key: str, k: int) -> bool:
    """Inside brackets that give a product's specification or approval number."""
    open_ = max(key.rfind("(", 0, k), key.rfind("[", 0, k))
    if open_ < 0 or max(key.rfind(")", 0, k), key.rfind("]", 0, k)) > open_:
        return False
    return bool(_SPEC.search(key, open_, k))


def _quantities(v: View, drugs, limit: int):
    """(kstart, kend, drug mention, value, unit, range) of each dose in the text before `limit`.

    A range (`表柔比星 30~50 mg`, `30-50 mg epirubicin`) is one dose: its value is the upper bound,
    the most a patient may be given, and `range_low` / `range_high` keep both bounds. A range of
    volumes (`5~15 mL 碘油`) is an amount titrated to the lesion during the procedure, not a dose.
    """
    key = v.key
    for m in re.finditer(rf"(?<![\d.a-z]){NUM_SPACED}", key[:limit]):
        s = m.start()
        u = unit_at(key, m.end(), "dose")
        if u is None or _RANGE_START.match(key, m.end()) or _BOUND.search(key[max(0, s - 3):s]) or _in_spec(key, s):
            continue
        low = _RANGE_END.search(key, max(0, s - 12), s)
        if low is None and in_range(key, s, m.end()):
            continue
        start = low.start() if low else s
        end, unit, _ = u
        if low and unit == "mL":
            continue
        drug = _drug_for(v, drugs, start, end, unit)
        if drug is None:
            continue
        rng = {"range_low": low.group(1), "range_high": m.group(0)} if low else {}
        yield start, end, drug, to_float(m.group(0)), unit, rng


def _drug_for(v: View, drugs, s: int, e: int, unit: str):
    key = v.key
    after = next((d for d in drugs if d.start >= e), None)
    if after and re.fullmatch(r"[\s$}]*", key[e:after.start]):
        return after
    # Back to the last full stop: a wrapped line that looks like a heading (`2.4 g·m-2`) is no sentence end.
    since = max(key.rfind(c, 0, s) for c in "。;!?")
    before = [d for d in drugs if since < d.start and d.end <= s]
    if not before:
        return None
    drug = before[-1]
    gap = key[drug.end:s]
    # A volume is a dose only right after its drug (`碘油 10 mL`), not `溶于 250 mL 氯化钠`.
    if unit == "mL" and not re.fullmatch(r"[\s:(]*", gap):
        return None
    return drug


def _details(v: View, k: int, nxt: int | None, drug) -> dict[str, str]:
    """Route, schedule, duration and cycles written after a dose, up to the next dose or drug."""
    key = v.key
    para_end = v.paragraph_at(k)[1]
    stop = min(x for x in (nxt, para_end, _next_drug(v, drug, k)) if x is not None)
    semicolon = key.find(";", k, stop)
    stop = semicolon if semicolon >= 0 else stop
    out = {}
    route = next((r for w, r in _routes() if w in key[k:stop]), None)
    if route:
        out["route"] = route
    for name, rx in (("schedule", _SCHEDULE), ("duration", _DURATION), ("cycles", _CYCLES)):
        m = rx.search(key, k, stop) or (rx.search(key, k, para_end) if name == "schedule" else None)
        if m:
            s, e = v.span(m.start(), m.end())
            out[name] = v.ctx.doc.text[s:e].strip()
    return out


def _next_drug(v: View, drug, k: int) -> int | None:
    return next((d.start for d in v.mentions_of("drug") if d.start > k and d.code != drug.code), None)
