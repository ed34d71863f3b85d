"""Stage 4 of reading results: the arms a sentence names, and the arm printed next to a number.

Candidates are the groups the text names (`the ketorolac group`, `HAIC组`, `group N`), the
interventions it names (`brinzolamide/timolol`: joined names make one arm), arm words (`placebo`,
`controls`) and the members of a plural head (`the etomidate and propofol groups`, `arms A and B`,
`A组和B组` give one arm each). A number takes the arm printed right after it (`85.9% with ABLE`,
`41% in the placebo group`, `0.14 for SB2`) or right before it (`TCC: 38.1`, `SB2, 0.38`,
`the propofol group (72.6%)`, `TACE组为33.3%`). Subgroups (`women`, `boys`) are arms of their own
words in ontology/cues/result_words.tsv (role `subgroup`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from evkg.core.fold import fold
from evkg.core.text import HAN_CHAR
from evkg.extract.results.tables import roles, table_zones
from evkg.extract.results.tokens import small_number_words, word_pattern
from evkg.extract.text.allocation import study_arms
from evkg.extract.text.arms import arm_key
from evkg.extract.text.arms import arms as named_groups
from evkg.extract.text.numbers import unit_at
from evkg.extract.text.views import View
from evkg.extract.vocabulary.cues import cue_alternation, cue_pattern, cue_words

# A pattern that matches nothing: what a memo holds when the document names no such group.
_NEVER = re.compile(r"(?!x)x")


@dataclass(frozen=True)
class ArmSpan:
    start: int  # key offsets of the name as written
    end: int
    subgroup: bool = False  # `women`, `ADA-positive patients`: a subgroup, not a treatment arm
    treatment: bool = False  # a drug or procedure named alone (`HAIC`): an arm only where the text makes it one


# `the ketamine and placebo groups`, `the high-dose, low-dose and placebo groups`, `arms A and B`,
# `groups I and II`: several arms under one plural head.
_ITEM = r"[a-z0-9+\-/]+(?: [a-z0-9+\-/]+)?"
_PLURAL_BEFORE = re.compile(rf"\b({_ITEM}(?:, {_ITEM})*,? (?:and|or|vs\.?|versus) {_ITEM}) (?:groups|arms|cohorts)\b")
_PLURAL_AFTER = re.compile(r"\b(?:groups|arms|cohorts) ([a-z0-9][a-z0-9\-]{0,4}(?:, [a-z0-9][a-z0-9\-]{0,4})*,? "
                           r"(?:and|or|vs\.?|versus) [a-z0-9][a-z0-9\-]{0,4})\b")
_CODE_TREATMENT = re.compile(r"\b([a-z][a-z0-9\-]{0,4})\s+(?:treatment|therapy|regimen)\b")


_WITH_WITHOUT = re.compile(r"\b(with|without)\s+(?:the\s+)?([a-z\u03b1-\u03c9][a-z0-9\u03b1-\u03c9\-]+"
                           r"(?: [a-z][a-z\-]+){0,2}?)(?=[\s,;.)\]]|$)")
# `patients who received α2b` / `patients who did not`, `those who were not`, `α2b-treated patients`, and a bare
# `without` after a number once the sentence said `with X`: the groups a sentence sets against each other.
_RECEIVED = re.compile(r"(?<=\bwho )(?:received|were treated with|were given|were randomi[sz]ed to|took|underwent)\s+"
                       r"(?:the\s+)?[a-z\u03b1-\u03c9][a-z0-9\u03b1-\u03c9+/\-]*(?: [a-z][a-z0-9\-]*)?"
                       r"(?=\s*(?:[,;.)(\[]|compared|and|versus|vs|than|had|showed|was|were)|$)"
                       r"|(?<=\bwho )(?:did|were) not(?: receive(?: it)?| treated)?\b"
                       r"|\b[a-z\u03b1-\u03c9][a-z0-9\u03b1-\u03c9\-]*-treated(?= patients| subjects| participants)")
_WITH_PHRASE = re.compile(r"\b(with|without)\s+(?:the\s+)?((?!and\b)[a-z\u03b1-\u03c9][a-z0-9\u03b1-\u03c9\-]+"
                          r"(?: (?!and|or|in|at|on|for|vs|versus|than|compared|was|were|is|are)[a-z][a-z\-]+){0,2})")
_BARE_WITHOUT = re.compile(r"(?<=[\s)\]])without(?=\s*(?:\([^()]*\))?\s*[(,;.]|\s*$)"
                           r"|(?<=[\s)\]])with(?:out)?(?=\s+and\s)")  # `5.88 minutes without and 5.35 minutes with X`


def _with_without(key: str, s: int, e: int) -> list[tuple[int, int]]:
    """`… with hot compresses … without hot compresses`: both phrases are arms when a sentence sets them
    against each other."""
    found: dict[str, list[tuple[int, int]]] = {}
    for m in _WITH_WITHOUT.finditer(key[s:e]):
        found.setdefault(m.group(2), []).append((s + m.start(), s + m.end(), m.group(1)))
    out = []
    for spans in found.values():
        if {x[2] for x in spans} == {"with", "without"}:
            out += [(a, b) for a, b, _ in spans]
    return out


def _with_or_without(key: str, s: int, e: int) -> list[tuple[int, int]]:
    """`9.1 months with α2b and 7.7 months without`: `with X` and a bare `without`; `2.8 months in α2b-treated
    patients compared with 2.5 months without α2b`: `without X` where the sentence names X elsewhere."""
    bare = [m.span() for m in _BARE_WITHOUT.finditer(key, s, e)]
    out = []
    for m in _WITH_PHRASE.finditer(key, s, e):
        word = m.group(2).split()[0]
        named = len(re.findall(rf"(?<![a-z]){re.escape(word)}", key[s:e])) > 1
        if m.group(1) == "with" and bare and m.start() < bare[0][0] or m.group(1) == "without" and named or \
                any(b < m.start() and re.match(r"\s+and\s", key[b:b + 6]) for _, b in bare):
            out.append(m.span())
    return out + (bare if out else [])


# `group N`, `arm B`, `group C-A`, `group II`: a group named by a letter or number after its head.
_HEAD_FIRST = re.compile(r"\b(?:group|arm|cohort|regimen|treatment|drug|dose|schedule|strategy)\s+"
                         r"([a-z0-9](?:[a-z0-9\-]|(?<=\d)\.(?=\d)){0,5})(?![a-z0-9\-]|\.\d)")
_CJK_PAIR = re.compile(r"([^\s,，。;；、和与及]{1,12}?)(?:组)?(?:和|与|及|、)([^\s,，。;；、和与及]{1,12}?组)")
_JOIN = re.compile(r"\s*(?:/|\+|plus|and|with)\s*")
_HEAD_STOP = {"the", "both", "two", "three", "all", "treatment", "study", "these", "those", "each", "in", "of", "and"}
@cache
def _after_value() -> re.Pattern:
    """Between a number and the group printed after it: who (result_words `people`: `of patients`, `responders`)
    and a preposition (`in the`, `with`, `among those who`)."""
    return re.compile(rf"[\s)\]]*,?\s*(?:(?:of\s+)?(?:{cue_alternation('result_words', 'people')})\s+)?"
                      r"(?:in|with|for|among|on|from|of|under|receiving|treated with|given|without)\s+"
                      r"(?:the\s+|a\s+|an\s+|(?:patients|participants|subjects|those)\s+who\s+"
                      r"(?=did|were|received|took|under)|those\s+|patients\s+(?:in|receiving|treated with|given)\s+"
                      r"(?:the\s+)?)?")
_BEFORE = re.compile(r"\s*(?:group)?\s*(?:\(\s*n\s*=\s*\d+\s*\))?\s*"
                     r"(?:(?:[:=,]|\b(?:was|were|had|of)\b)\s*[(\[]?|[(\[](?:\s*(?:an?\s+)?(?:average|mean|median)"
                     r"(?:\s+of)?)?|"
                     r"(?:则|的)?\s*(?:分别)?\s*(?:为|是|达|达到|有|:)?)\s*\(?\s*(?:n\s*=\s*)?")


def _split(items: str) -> list[tuple[int, int]]:
    """Offsets inside `items` of the names it lists (`a, b and c`)."""
    out = []
    for m in re.finditer(r"[^,]+?(?=,|\s(?:and|or|vs\.?|versus)\s|$)", items):
        word = m.group(0).strip()
        word = re.sub(r"^(?:and|or|vs\.?|versus)\s+", "", word)
        while word.split(" ")[0] in _HEAD_STOP and " " in word:  # `the ketamine` -> `ketamine`
            word = word.split(" ", 1)[1]
        if not word or word in _HEAD_STOP:
            continue
        start = m.start() + m.group(0).index(word)
        out.append((start, start + len(word)))
    return out


# A dose printed right after a treatment's name (`meloxicam 30 mg`, `drug X IV 60 mg`, `X 100 and 300 mg`).
_DOSE_LEAD = re.compile(r"\s+(?:(?:iv|oral|po|sc|im|tablets?|capsules?)\s+)?(\d+(?:\.\d+)?)"
                        r"(?:\s*(?:,|and|or)\s*(\d+(?:\.\d+)?))?(?=\s*[a-zµμ])")


def _unit_before_colon(key: str, pos: int) -> tuple[int, str, str] | None:
    """A dose unit ending right at a colon (`cladribine 3.5 mg/kg: −0.92%`): the arm's name before its value."""
    colon = key.find(":", pos, pos + 16)
    u = unit_at(key[:colon], pos, "dose") if colon > pos else None
    return u if u and u[0] == colon else None


def _dosed(key: str, a: int, b: int) -> list[tuple[int, int]]:
    """A treatment's name with the dose printed after it: the arms of a trial of doses differ by dose
    (`canagliflozin 100 mg`, `canagliflozin 300 mg`); `X 100 and 300 mg` names two (`X 100`, `300 mg`)."""
    m = _DOSE_LEAD.match(key, b)
    u = (unit_at(key, m.end(), "dose") or _unit_before_colon(key, m.end())) if m else None
    if u is None or re.match(r"[a-z]", key[u[0]:u[0] + 1]):
        return [(a, b)]
    return [(a, m.end(1)), (m.start(2), u[0])] if m.group(2) else [(a, u[0])]


# One dose of a list printed after a treatment's name (`X 5 mg, 10 mg or 20 mg`, `X 5, 10 or 20 mg`).
_DOSE_ITEM = re.compile(r"\s*(?:,\s*)?(?:(?:and|or)\s+)?(\d+(?:\.\d+)?)(?![\d.:/])")


def _dose_list(key: str, pos: int) -> list[tuple[str, str]]:
    """(value, unit as printed) of each dose listed from `pos`; a dose printed without a unit takes the next one's."""
    out: list[tuple[str, str]] = []
    while (m := _DOSE_ITEM.match(key, pos)) is not None:
        u = unit_at(key, m.end(), "dose")
        out.append((m.group(1), key[m.end():u[0]].strip() if u else ""))
        pos = u[0] if u else m.end()
    unit = ""
    for i in range(len(out) - 1, -1, -1):
        unit = out[i][1] or unit
        out[i] = (out[i][0], unit)
    return [d for d in out if d[1]]


_BEFORE_DOSE = re.compile(r"(?<=[a-z])(?=\s+\d)")


def dose_arms(v: View) -> re.Pattern:
    """Doses the allocation sets against each other (`randomly assigned to placebo or X 5 mg, 10 mg or 20 mg`;
    result_words `allocation_verb`): two doses or more in one unit listed after a word of the sentence name their
    arms alone (`-1.9 with 5 mg`)."""
    def build() -> re.Pattern:
        key, doses = v.key, set()
        for verb in word_pattern("allocation_verb").finditer(key):
            start = key.rfind(". ", 0, verb.start()) + 1
            end = key.find(". ", verb.end())
            for name in _BEFORE_DOSE.finditer(key, start, len(key) if end < 0 else end):
                listed = _dose_list(key, name.end())
                if len(set(listed)) >= 2 and len({u for _, u in listed}) == 1:
                    doses.update(listed)
        if not doses:
            return _NEVER
        by_len = sorted(doses, key=lambda d: -len(d[0]))
        alternation = "|".join(rf"{re.escape(n)}\s*{re.escape(u)}" for n, u in by_len)
        values = "|".join(dict.fromkeys(re.escape(n) for n, _ in by_len))
        joins = cue_alternation("result_words", "list_join")
        # `for 3.5 and 5.25 mg/kg`: a dose printed without its unit before another of the list
        listed = rf"(?:{values})(?=\s*,?\s*(?:(?:{joins})\s+)?(?:{values})(?![\d.]))"
        return re.compile(rf"(?<![\d.\-])(?:{alternation}|{listed})(?![a-z/\d])")
    return v.ctx.memo("result_dose_arms", build)


_EITHER_BEFORE = re.compile(r"\band/or\s+\Z")
_EITHER_AFTER = re.compile(r"\s+and/or\b")


def _specimen(key: str, a: int) -> bool:
    """Whether a drug's name at key offset a follows a specimen word (result_words `specimen`: `plasma insulin`,
    `serum ferritin`): the substance measured, no arm."""
    return bool(_specimen_before().search(key[max(0, a - 24):a]))


@cache
def _specimen_before() -> re.Pattern:
    return re.compile(rf"(?<![a-z])(?:{cue_alternation('result_words', 'specimen')})\s+\Z")


@cache
def _qualifier_before() -> re.Pattern:
    return re.compile(rf"(?<![a-z\-])(?:{cue_alternation('result_words', 'subgroup_qualifier')})\s+\Z")


def _qualified(key: str, a: int, s: int) -> int:
    """Where a subgroup starts: at the word qualifying it (result_words `subgroup_qualifier`: `older women`,
    `younger men` are subgroups of their own, never `women` with `older` left to the measure)."""
    m = _qualifier_before().search(key, max(s, a - 24), a)
    return m.start() if m else a


def candidates(v: View, s: int, e: int) -> list[ArmSpan]:
    """Arms named in key range [s, e), in text order, overlapping names merged, plural heads split."""
    key = v.key
    spans = [(a.start, a.end) for a in named_groups(v, s, e)]
    ivs = sorted((m.start, m.end) for m in v.mentions_in(s, e, "drug", "procedure", "device"))
    merged: list[tuple[int, int]] = []
    for a, b in ivs:  # `brinzolamide/timolol`: one arm of two drugs
        if merged and _JOIN.fullmatch(key[merged[-1][1]:a]):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    merged = [d for a, b in merged for d in _dosed(key, a, b) if not _specimen(key, a)]
    treatments = set(merged)
    spans += merged
    labels = [(m.start, m.end) for m in v.mentions_in(s, e, "endpoint")]
    # `disease control rate`: an arm word inside an endpoint's name names no arm
    spans += [m.span() for m in word_pattern("arm").finditer(key, s, e)
              if not any(a <= m.start() < b for a, b in labels)]
    for m in _HEAD_FIRST.finditer(key, s, e):
        a, b = v.span(m.start(1), m.end(1))
        if re.fullmatch(r"[A-Z0-9][A-Z0-9\-.]*|[IVX]+", v.ctx.doc.text[a:b]):
            spans += _dosed(key, *m.span())  # `drug Q 100 mg`
    # `from EN and/or PN`: names joined by `and/or` are taken together, not set against each other
    spans += [d for m in doc_arms(v).finditer(key, s, e) for d in _dosed(key, *m.span())
              if not _EITHER_BEFORE.search(key, max(0, m.start() - 10), m.start())
              and not _EITHER_AFTER.match(key, m.end())]
    spans += [m.span() for m in allocated_groups(v).finditer(key, s, e)]
    spans += [m.span() for m in dose_arms(v).finditer(key, s, e)]
    spans += [m.span() for m in allocated_names(v).finditer(key, s, e)]
    spans += [m.span() for m in compared_methods(v).finditer(key, s, e)]
    spans += [m.span() for m in longer_names(v).finditer(key, s, e)]
    spans += _with_without(key, s, e)
    spans += [m.span() for m in _RECEIVED.finditer(key, s, e)] + _with_or_without(key, s, e)
    for m in _CODE_TREATMENT.finditer(key, s, e):  # `after C-A treatment`
        a, b = v.span(m.start(1), m.end(1))
        if re.fullmatch(r"[A-Z][A-Z0-9\-]{0,4}", v.ctx.doc.text[a:b]):
            spans.append(m.span())
    plural = []
    for rx in (_PLURAL_BEFORE, _PLURAL_AFTER):
        for m in rx.finditer(key, s, e):
            items = [(m.start(1) + a, m.start(1) + b) for a, b in _split(m.group(1))]
            if len(items) >= 2:
                plural.append((m.span(), items))
    for (ps, pe), items in plural:
        spans = [x for x in spans if not (x[0] < pe and ps < x[1])] + items
    out: list[ArmSpan] = []
    for a, b in sorted(spans, key=lambda x: (x[0], -x[1])):
        if out and a < out[-1].end:
            if b > out[-1].end and not any(a == x for _, its in plural for x, _ in its):
                out[-1] = ArmSpan(out[-1].start, b)
            continue
        out.append(ArmSpan(a, b, treatment=(a, b) in treatments))
    subs = [ArmSpan(_qualified(key, m.start(), s), m.end(), True) for m in word_pattern("subgroup").finditer(key, s, e)
            if not any(x.start <= m.start() < x.end for x in out)]
    out += [g for g in subs if not any(h.start <= g.start and g.end <= h.end and h != g for h in subs)]
    return sorted(out, key=lambda x: x.start)


# A short name as one token: letters and digits, joined by `-`, `+`, `/` or a decimal point (`AQ+SP`, `Flu-0.25`).
_TOKEN = r"[A-Z](?:[A-Za-z0-9\-]|[+/](?=[A-Za-z0-9])|(?<=\d)\.(?=\d)){1,11}"
_SET_AGAINST = re.compile(rf"\b({_TOKEN})\s+(?:and|vs\.?|versus|or|with)\s+({_TOKEN})(?![A-Za-z0-9]|\.\d)")
# A study arm's name before its group word that names it alone: in capitals (`CBT`), or a name with digits or
# joined treatments (`Flu-0.25`, `AQ+SP`, `P-50`), never a word (`Treatment`).
_GROUP_AFTER = re.compile(r"((?:\S+\s+){0,2}?\S+)\s+(?:group|arm)\b")
_ARM_HEAD = re.compile(rf"[A-Z][A-Z0-9\-+/]{{1,9}}|(?=[^+\d]*[+\d]){_TOKEN}")


def doc_arms(v: View) -> re.Pattern:
    """Short arm names the document uses without a group word (`SB2`, `INF`): written in capitals and
    set against each other (`SB2 and INF`, `between SB2 and INF`, `SB2 vs INF`) at least twice, or a
    study arm's name in capitals before its group word (`CBT` of `the CBT group`)."""
    def build() -> re.Pattern:
        text = v.ctx.doc.text
        pairs: dict[tuple[str, str], int] = {}
        for m in _SET_AGAINST.finditer(text):
            a, b = m.group(1), m.group(2)
            if sum(c.isupper() for c in a) >= 2 and sum(c.isupper() for c in b) >= 2 and a != b:
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
        names = {x for (a, b), n in pairs.items() if n >= 2 for x in (a, b)}
        for arm in study_arms(v.ctx):  # `the CBT group`: `CBT` alone names it too (`with CBT compared with …`)
            head = _GROUP_AFTER.match(text, *arm.span)  # (a size printed after the group word left out)
            words = head.group(1).split() if head else []
            while words and not _ARM_HEAD.fullmatch(words[0]):
                words.pop(0)  # `the EX-PRESS P-50 group`: the name's words, each a name (`EX-PRESS`, `P-50`)
            if words and all(_ARM_HEAD.fullmatch(w) for w in words):
                names.add(" ".join(words))
        names -= {n for n in names if re.fullmatch(r"[A-Z]{2,}\d*", n) and n.lower() in _NOT_ARMS}
        if not names:
            return _NEVER
        alternation = "|".join(re.escape(n.lower()) for n in sorted(names, key=len, reverse=True))
        return re.compile(rf"(?<![a-z0-9\-+/.])(?:{alternation})(?![a-z0-9+/]|\.\d)")
    return v.ctx.memo("result_doc_arms", build)


def allocated_groups(v: View) -> re.Pattern:
    """Chinese groups the allocation names with their size (`分为腹腔镜组（72例）和开腹组（96例）`) whatever
    words name them: `腹腔镜组` is an arm wherever it is written, though no treatment word says so."""
    def build() -> re.Pattern:
        first = [arm.mentions[0] for arm in study_arms(v.ctx) if arm.size and not arm.ref]
        names = {v.key[v.to_key(a):v.to_key(b)] for a, b in first}
        names = {n for n in names if n.endswith("组") and len(n) >= 2}
        if not names:
            return _NEVER
        return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    return v.ctx.memo("result_allocated_groups", build)


def allocated_names(v: View) -> re.Pattern:
    """English arms the allocation names with their size (`allocated to ferric maltolane (n = 62), iron sucrose
    (n = 63) or usual care (n = 61)`), two or more: each name is an arm wherever it is written, though no treatment
    word or group word says so (`6/62 (9.7%) patients given ferric maltolane`)."""
    def build() -> re.Pattern:
        sized = [arm for arm in study_arms(v.ctx) if arm.size and not arm.ref]
        names = {fold(arm.name).strip() for arm in sized} if len(sized) >= 2 else set()
        names = {n for n in names if len(n) >= 3 and re.search(r"[a-z]{3}", n) and not HAN_CHAR.search(n)}
        if not names:
            return _NEVER
        alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return re.compile(rf"(?<![a-z0-9\-])(?:{alternation})(?![a-z0-9\-])")
    return v.ctx.memo("result_allocated_names", build)


@cache
def _collective() -> re.Pattern:
    counts = "|".join(re.escape(w) for w in small_number_words())
    return re.compile(rf"(?<![a-z])(?:the\s+)?(?:({counts}|\d)|{cue_alternation('result_words', 'all_groups')})\s+"
                      r"(?:treatment\s+|study\s+)?(?:groups|arms|cohorts)(?![a-z])")


def collective(v: View, s: int, e: int) -> tuple[tuple[int, int], int] | None:
    """The last name of all the groups together in key range [s, e) (`the three arms`, `both groups`; result_words
    `all_groups`) and how many it says (0: as many as there are). It names no one arm."""
    found = list(_collective().finditer(v.key, s, e))
    if not found:
        return None
    m = found[-1]
    said = m.group(1)
    return m.span(), (int(said) if said and said.isdigit() else small_number_words().get(said, 0) if said else 0)


def collective_spans(v: View, s: int, e: int) -> list[tuple[int, int]]:
    """Every name of all the groups together in key range [s, e) (`between the 2 groups`): its number is no value."""
    return [m.span() for m in _collective().finditer(v.key, s, e)]


def together(v: View, g: ArmSpan) -> bool:
    """Whether arm g names all the groups together (`the three arms`, `both treatment groups`): no one arm."""
    return any(a <= g.start and g.end <= b for a, b in collective_spans(v, g.start, g.end))


def in_allocation_order(v: View, k: int) -> list[ArmSpan] | None:
    """The study's k arms as the allocation names them with their sizes, when it allocates exactly k."""
    own = sorted((a for a in study_arms(v.ctx) if not a.ref and a.size), key=lambda a: a.span)
    if len(own) != k:
        return None
    return [ArmSpan(v.to_key(a.mentions[0][0]), v.to_key(a.mentions[0][1])) for a in own]


_CELL_EDGE = re.compile(r"\t|\s{2,}|\u3000|\|")


def compared_methods(v: View) -> re.Pattern:
    """The methods a document compares as its arms, named as the row labels of a table under a corner that says
    the rows are what is compared (table_words `arms_corner`: `诊断方法` over `常规超声`, `SWE`, `联合诊断`): each is
    an arm wherever it is written (`常规超声诊断的灵敏度为…`). Groups (`组`) are found by the allocation."""
    def build() -> re.Pattern:
        corner = cue_pattern("table_words", "arms_corner")
        names: set[str] = set()
        for z in table_zones(v.ctx):
            rows = [ln.text for ln in z.body if ln.text.strip()]
            if not rows or not corner.fullmatch(fold(_CELL_EDGE.split(rows[0].strip())[0]).strip()):
                continue
            for text in rows[1:]:
                cells = [c for c in _CELL_EDGE.split(text.strip()) if c.strip()]
                first = cells[0].strip()
                if len(cells) >= 2 and 2 <= len(first) <= 12 and "组" not in first and not re.search(r"\d", first) \
                        and not roles.role_of(first).role:  # a group is the allocation's; `t值`, `P值` are statistics
                    names.add(fold(first))
        if not names:
            return _NEVER
        return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    return v.ctx.memo("result_compared_methods", build)


def _bare_name(text: str) -> str:
    """An arm's name as written, folded, without `the` and its group word (`the Drug X PF group` -> `drug x pf`)."""
    text = re.sub(r"^(?:the\s+)", "", " ".join(text.lower().split()))
    return re.sub(r"\s+(?:groups?|arms?|cohorts?)$", "", text).strip()


def study_name(v: View, text: str) -> bool:
    """Whether `text` is the bare name of one of the study's arms (`decaffeinated` of `decaffeinated (n = 10)`)."""
    names = v.ctx.memo("result_study_arm_names", lambda: frozenset(
        _bare_name(_PRINTED_SIZE.sub("", v.ctx.doc.text[a:b])) for arm in study_arms(v.ctx) if not arm.ref
        for a, b in arm.mentions))
    return _bare_name(text) in names


# A size printed after an arm's name (`decaffeinated (n = 10`).
_PRINTED_SIZE = re.compile(r"\s*[(\[,]\s*n\s*=\s*\d+\s*[)\]]?\s*$")


def longer_names(v: View) -> re.Pattern:
    """Study arms whose name is another arm's with words added (`drug X PF` beside `drug X`, `X plus Y` beside
    `X`): the longer name is one arm wherever it is written, never the shorter arm with words after it."""
    def build() -> re.Pattern:
        names = {_bare_name(v.ctx.doc.text[a:b]) for arm in study_arms(v.ctx) if not arm.ref
                 for a, b in arm.mentions}
        names = {n for n in names if n and not HAN_CHAR.search(n)}
        longer = {n for n in names for m in names if n != m and re.match(rf"{re.escape(m)}\s|.*\s{re.escape(m)}$", n)}
        if not longer:
            return _NEVER
        alternation = "|".join(re.escape(n) for n in sorted(longer, key=len, reverse=True))
        return re.compile(rf"(?<![a-z0-9\-])(?:{alternation})(?![a-z0-9\-])")
    return v.ctx.memo("result_longer_arm_names", build)


# Capitalised pairs that are measures or statistics, not arms.
_NOT_ARMS = {"orr", "dcr", "os", "pfs", "dfs", "ttp", "cr", "pr", "sd", "pd", "hr", "or", "rr", "ci", "ae", "aes",
             "sae",
             "bmi", "bp", "sbp", "dbp", "hbp", "map", "fev1", "fvc", "ldl", "hdl", "crp", "vas", "qol", "iqr", "icu"}


def name(v: View, arm: ArmSpan) -> str:
    """An arm's key text, without `the` and group words, for telling arms apart."""
    return re.sub(r"\s*\b(?:groups?|arms?|the|cohorts?)\b\s*|组", "", v.key[arm.start:arm.end]).strip()


def distinct(v: View, arms: list[ArmSpan]) -> list[ArmSpan]:
    """The treatment arms with the same name kept once, first mention first."""
    seen, out = set(), []
    for g in arms:
        if g.subgroup:
            continue
        k = name(v, g)
        if k and k not in seen:
            seen.add(k)
            out.append(g)
    return out


# Between a number and the arm printed after it: brackets, a comma, the C of `1.6°C` (`40.6 ± 1.6°C with X`).
_AFTER_DEGREES = re.compile(r"[\s)\]]*(?:(?<=°)[cf](?![a-z])|°\s*[cf](?![a-z])|℃)?[\s)\]]*,?\s*")


_BRACKETED = re.compile(r"[\s%]*[(\[]\s*(?:the\s+)?")
_BARE_GAP = re.compile(r"[\s)\]]*")
# A word of up to eleven letters, digits or signs (`RAPID`, `SB2`, `PD-1`): read as an arm when printed in capitals.
_CAPS_WORD = re.compile(r"[a-z](?:[a-z0-9+\-]|(?<=\d)\.(?=\d)){1,10}\b(?!\.\d)")


def after(v: View, arms: list[ArmSpan], end: int) -> ArmSpan | None:
    """The arm printed right after a number (`85.9% with ABLE`, `41% in the placebo group`, `0.14 for SB2`)."""
    lead = _AFTER_DEGREES.match(v.key, end)
    own = next((g for g in arms if g.start == lead.end() and v.key.startswith(("with", "without"), g.start)), None)
    if own:
        return own  # `5.35 minutes with hot compresses`
    br = _BRACKETED.match(v.key, end)
    alone = next((g for g in arms if br and g.start == br.end() and not g.subgroup
                  and re.match(r"\s*[)\]]", v.key[g.end:g.end + 3])), None)
    if alone:
        return alone  # `57.3% (group A)`: the group alone in the bracket after the value
    m = _after_value().match(v.key, end)
    if not m:
        return None
    kin = re.match(r"[\s)\]]*,?\s*of\s", v.key[end:m.end()]) is not None  # `of children with`: a known arm only
    found = next((g for g in arms if g.start == m.end()), None)
    if found is None:
        bare = _BARE_GAP.match(v.key, end)  # `17% men`: a subgroup right after the number
        found = next((g for g in arms if g.start == bare.end() and g.subgroup), None)
    if found is None and not kin:
        # `72.4% with RAPID compared to 88.1% with SLOW`: an arm abbreviated in capitals
        word = _CAPS_WORD.match(v.key, m.end())
        if word:
            s, e = v.span(word.start(), word.end())
            written = v.ctx.doc.text[s:e]
            if sum(c.isupper() for c in written) >= 2 and written[0].isupper():
                found = ArmSpan(word.start(), word.end())
    if found is not None and (_LEADS_VALUE.match(v.key, found.end) or
                              kin and not found.subgroup and _modifies(v.key, found.end)):
        return None  # `57.1%, for X 38.7%`: X is the next value's; `12.5% of the X cost`: X qualifies a noun
    return found


# After a group: its own value (`for X 38.7%`, `for X was 38.7%`).
_LEADS_VALUE = re.compile(r"\s*(?:was|were|:|=)?\s*[-−]?\d")


_NEXT_WORDS = re.compile(r"(?:\s+[a-z][a-z\-]*){1,3}")


@cache
def _joins() -> frozenset[str]:
    """Words after a group's name that join it to what follows (result_words `series_gap`, `finite_verb`)."""
    return frozenset(cue_words("result_words", "series_gap")) | frozenset(cue_words("result_words", "finite_verb"))


def _modifies(key: str, end: int) -> bool:
    """A group's name followed by a noun it qualifies (`the usual care cost`): a word that joins no list
    (result_words `series_gap`), names no group (`arm`) and no people (`people`)."""
    m = _NEXT_WORDS.match(key, end)
    words = m.group(0).split() if m else []
    people = cue_words("result_words", "people")  # `of X therapy patients`: who, not what
    joins = _joins()
    return bool(words) and len(words[0]) >= 3 and words[0] not in joins and not words[0].endswith(("ed", "ing")) and \
        not word_pattern("arm").match(words[0]) and not any(w in people for w in words)


# A value and its unit, then `in`/`for` before a group: the group is that value's (`74.6 ± 4.6 in Group I`).
_JOIN_WORD = cue_alternation("result_words", "list_join")  # `38.7% and for X`: `and` is no unit
_OWNED_BEFORE = re.compile(r"(?<!p)(?<!p )(?<![<=>])\s?\d[\d.]*\s*%?\s*"
                           rf"(?:(?!(?:{_JOIN_WORD})\s)[a-zμµ]{{1,4}}(?:/[a-z0-9]{{1,4}})?\s+)?"
                           r"(?:in|for|among|with)\s+(?:the\s+)?\Z"
                           r"|[(\[,;]\s*\d[\d.]*\s*%?\s+\Z")  # `(158 FF/VI, 153 TIO)`: the name after a number is its


def before(v: View, arms: list[ArmSpan], start: int) -> ArmSpan | None:
    """The arm printed right before a number (`TCC: 38.1`, `SB2, 0.38`, `the propofol group (72.6%)`,
    `TACE组为33.3%`)."""
    g = next((g for g in reversed(arms) if g.end <= start), None)
    if g and g.treatment and re.search(r"(?<![a-z])of\s+(?:the\s+)?\Z", v.key[max(0, g.start - 12):g.start]):
        return None  # `the mean total dose of heparin (52 mg)`: a drug a measure names, not an arm
    if g and _OWNED_BEFORE.search(v.key[max(0, g.start - 30):g.start]):
        return None  # `74.6 in Group I, 81.2 in Group II`: the group printed after a value is that value's
    return g if g and start - g.end < 40 and _BEFORE.fullmatch(v.key, g.end, start) and \
        not re.search(r"\d", v.key[g.end:start]) else None


def of_label(v: View, arms: list[ArmSpan], label_start: int) -> ArmSpan | None:
    """A group printed right before the endpoint a number reports (`TACE 组 1 年生存率 47.5%`, `HAIC 组的 ORR`)."""
    g = next((g for g in reversed(arms) if g.end <= label_start), None)
    gap = v.key[g.end:label_start] if g else ""
    ok = re.fullmatch(r"\s*(?:的)?\s*(?:(?:\d+|半)\s*(?:个)?\s*(?:年|月|周)|\d+-(?:year|month))?\s*(?:的)?\s*"
                      r"(?:中位|平均|总|median|mean)?\s*", gap)
    return g if g and ok else None


def lead(v: View, arms: list[ArmSpan], s: int, first: int) -> ArmSpan | None:
    """The arm of a lead clause, which all the sentence's numbers report on: `In group N, …`,
    `Within the drug A arm, …`, `For patients receiving X, …`, `HAIC组…`(the sentence's subject)."""
    key = v.key
    head = [g for g in arms if s <= g.start < first and not g.subgroup]
    if not head:
        return None
    g = head[0]
    before = key[s:g.start]
    comma = re.compile(r"[^,;:()]{0,40},").match(key, g.end)
    if re.fullmatch(r"\s*(?:in|within|among|for|with|in the|for the)\s+(?:the\s+|patients\s+(?:in|receiving|treated "
                    r"with)\s+(?:the\s+)?)?", before) and comma:
        return g
    if re.fullmatch(r"\s*", before) and not g.subgroup and HAN_CHAR.search(key[g.start:g.end]) \
            and len(distinct(v, head)) == 1:
        return g  # `HAIC 组 ORR 为 45.0%…`: a Chinese sentence whose subject is an arm
    return None


# `Compared with placebo, …`, `In comparison to placebo, …`: the arm after these is the comparator, never the values'.
_AGAINST_BEFORE = re.compile(r"\b(?:versus|vs\.?|compared (?:with|to)|in comparison (?:with|to)|relative to)\s+"
                             r"(?:the\s+)?\Z")


def other_arm(v: View, known: str) -> ArmSpan | None:
    """The study's other group when it allocates exactly two (with their sizes) and the arm named `known` is one."""
    groups = sorted((a for a in study_arms(v.ctx) if not a.ref and a.size), key=lambda a: a.span)
    other = [a for a in groups if a.key != arm_key(known)]
    if len(groups) != 2 or len(other) != 1:
        return None
    return ArmSpan(v.to_key(other[0].mentions[0][0]), v.to_key(other[0].mentions[0][1]))


def against(v: View, g: ArmSpan, s: int, first: int, alone: bool) -> tuple[ArmSpan | None, ArmSpan] | None:
    """(arm, comparator) of values whose sentence names arm g, before them, as what they are compared against
    (`In comparison to placebo, LDL was reduced by 6%`): the study's other arm, when it allocates two and the value
    stands alone, against g; (None, g) when the other is unknown; None when g is not named so."""
    if g.end > first or not _AGAINST_BEFORE.search(v.key, max(s, g.start - 30), g.start):
        return None
    other = other_arm(v, v.key[g.start:g.end] if v.key.startswith("without", g.start) else name(v, g)) \
        if alone else None
    return other, g
