"""The study's arms: every group a report names, folded to one arm per name and study, with the
arm's N from allocation when the text gives it and the codes of what it received.

`study_arms(ctx)` is what the readers of results and tables bind numbers to: each `StudyArm`
has its first name as written, its one key (`arm_key`: `Drug A`, `Drug A arm`, `the drug A
group` are one arm; `A组` = `A 组` = `Group A`), the cited study it belongs to in a review (a
review's "TACE group" of two trials is two arms), its N and where every N of it is printed.
`match_arm(arms, name)` finds the arm a name as written (a header cell `Placebo (n = 30)`, a
number's `in the placebo group`) stands for.

An arm's N is read where it is printed with its name (`HAIC组38例`, `the TACE group (n = 30)`,
`TACE plus sorafenib (n=75)` in an allocation sentence), before its name (`58 were assigned
to X and 62 to Y`, `58 in the RFA group`, `50 例为病例组`) or for every arm of the sentence
(`n = 30 per group`, `各 48 例`). An N of a sentence that enrols, randomises or totals its
patients is the allocation's and wins over one printed elsewhere (`A 组 3 例发热`); a count of
excluded or screened patients is none. Sentences of a paper that report another study
(`Wang 等[5]`) name no arm of its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from evkg.core.text import HAN_CHAR
from evkg.extract.text.arms import SIZE, Arm, arm_key, arm_text, arms
from evkg.extract.text.context import DocContext
from evkg.extract.text.counts import SizeCount, chinese_count_start, number_pattern, number_value, typed_counts, verbs
from evkg.extract.text.views import View, view
from evkg.extract.vocabulary.cues import cue_alternation, cue_pattern, cue_table, cue_words
from evkg.extract.vocabulary.intervention_codes import INTERVENTION_KINDS, codes_between

REVIEW_TYPES = ("review", "guideline", "consensus")


@dataclass(frozen=True)
class ArmSize:
    """An N printed for an arm: the number's document offsets, the phrase printing it (`38例`,
    `(n = 30`, `58 were assigned to`), and its rank: 0 when its sentence allocates (enrols,
    randomises, totals), 1 otherwise, 2 when it is only a part of the arm (`Seven patients
    randomized to placebo achieved ...`: no other arm's N beside it), which is no arm's N."""
    value: int
    start: int
    end: int
    rank: int
    phrase: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class StudyArm:
    name: str                                  # the first naming, as written
    key: str                                   # arm_key(name): the one key of the arm
    ref: str                                   # the cited study in a review; "" for the document's own
    size: int | None                           # N from allocation, when the text gives it
    span: tuple[int, int]                      # document offsets: the naming that gives the N, else the first
    mentions: tuple[tuple[int, int], ...]      # document offsets of every naming
    interventions: tuple[str, ...]             # codes of what it received
    sizes: tuple[ArmSize, ...] = ()            # every N printed for it, best first


def study_arms(ctx: DocContext) -> tuple[StudyArm, ...]:
    """The arms of the document (own study and, in reviews, cited ones), in order of first naming."""
    return ctx.memo("study_arms", lambda: _build(view(ctx)))


def match_arm(found: tuple[StudyArm, ...], name: str, ref: str = "") -> StudyArm | None:
    """The arm a name as written stands for: the same key, else the one arm whose key contains it
    or is contained in it (`TACE plus sorafenib (n=75)` -> `TACE plus sorafenib group`); None when
    no arm or more than one fits."""
    key = arm_key(name)
    if not key:
        return None
    same = [a for a in found if a.ref == ref.strip()]
    exact = [a for a in same if a.key == key]
    if exact:
        return exact[0]
    within = [a for a in same if a.key and (a.key in key or key in a.key)]
    return within[0] if len(within) == 1 else None


@dataclass
class _Arm:
    namings: list[tuple[Arm, tuple[int, int]]]
    sizes: list[tuple[ArmSize, Arm]]
    grouped: bool = False  # named with a group word somewhere (`the placebo group`), not only by treatment


def _build(v: View) -> tuple[StudyArm, ...]:
    doc = v.ctx.doc
    refs = doc.section("references")
    limit = v.to_key(refs.start) if refs else len(v.key)
    review = doc.doctype in REVIEW_TYPES
    found: dict[tuple[str, str], _Arm] = {}
    carried = False

    def add(a: Arm, sent: tuple[int, int], size: ArmSize | None = None, grouped: bool = False) -> None:
        k = (arm_key(arm_text(v, a)), v.ref_at(a.start) if review else "")
        if not k[0]:
            return
        entry = found.setdefault(k, _Arm([], []))
        entry.grouped = entry.grouped or grouped
        if not any(n.start == a.start for n, _ in entry.namings):
            entry.namings.append((a, sent))
        if size is not None:
            entry.sizes.append((size, a))

    for s, e in v.sentences:
        if s >= limit:
            break
        if not review and (not own_sentence(v, s, e) or cue_pattern("study_size", "planned").search(v.key, s, e)):
            continue  # another study's arms, or the arms a sample size calculation planned
        typed = typed_counts(v.key, s, e)
        allocates = any(c.total or c.type in ("enrolled", "randomised") for c in typed) \
            or any(t == "randomised" for _, _, t in verbs(v.key, s, e)) \
            or (carried and v.key[:s].rstrip().endswith(";"))  # `... were recruited; the first 16 received X`
        carried = allocates
        groups = _groups(v, s, e)
        for a in groups:
            add(a, (s, e), grouped=True)
        for a, size in _sizes(v, (s, e), groups, typed, allocates):
            add(a, (s, e), size)
    found = _merge(found)
    return tuple(sorted((_arm(v, k, a) for k, a in found.items() if _kept(v, a)), key=lambda x: x.mentions[0]))


def own_sentence(v: View, s: int, e: int) -> bool:
    """Whether a paper's sentence [s, e) (key offsets) may speak of its own study: it names no other
    study's authors (`Wang 等[5]`, `Stocker et al found`) and cites nothing unless it says `this
    study`, `we`, `本研究`."""
    other = cue_pattern("study_size", "other_study")
    if v.cites_other(s, e) or other.search(v.key, s, e):
        return False
    # A sentence split after `et al.` goes on in lower case: `Wang et al. | randomised 200 patients`.
    ds = v.span(s, e)[0]
    if v.ctx.doc.text[ds:ds + 1].islower() and other.search(v.key, max(0, s - 8), s):
        return False
    cited = bool(v.citations_between(s, e))
    return not cited or bool(cue_pattern("study_size", "self").search(v.key, s, e))


def _merge(found: dict[tuple[str, str], _Arm]) -> dict[tuple[str, str], _Arm]:
    """An arm an allocation names by its treatment (`randomized to either a bromfenac 0.09%
    solution (n = 69)`) is the group named after it (`the bromfenac group`) when exactly one
    group's key is inside its key."""
    grouped = {k for k, a in found.items() if a.grouped}
    for k in [k for k, a in found.items() if not a.grouped]:
        # A longer allocation name holds a group's key; a shorter one is the group only without its
        # generic words (`SB2` = `the SB2 treatment group`, but `bimatoprost` is not `bimatoprost PF`).
        hosts = [g for g in grouped if g[1] == k[1] and (g[0] in k[0] or _bare(g[0]) == k[0])]
        if len(hosts) == 1:
            host = found[hosts[0]]
            host.namings.extend(found[k].namings)
            host.sizes.extend(found.pop(k).sizes)
    return found


def _bare(key: str) -> str:
    """An arm key without the generic words before or after it (`sb2treatment` -> `sb2`)."""
    for w in sorted(cue_words("arm_heads"), key=len, reverse=True):
        w = w.replace(" ", "")
        if key.endswith(w) and len(key) > len(w):
            key = key[:-len(w)]
        elif key.startswith(w) and len(key) > len(w):
            key = key[len(w):]
    return key


def _kept(v: View, a: _Arm) -> bool:
    """Named once, with no N and nothing it received: a passing phrase, not an arm."""
    return len(a.namings) > 1 or any(z.rank < 2 for z, _ in a.sizes) or bool(_interventions(v, a.namings))


def _arm(v: View, k: tuple[str, str], a: _Arm) -> StudyArm:
    sizes = sorted(a.sizes, key=lambda x: (x[0].rank, x[0].start))
    first = a.namings[0][0]
    if sizes and sizes[0][0].rank < 2:
        best, named = sizes[0]
        lo, hi = (v.to_key(x) for x in best.phrase)
        span = v.span(min(named.start, lo), max(named.end, hi))
    else:
        span = v.span(first.start, first.end)
    seen: dict[int, ArmSize] = {}
    for size, _ in sizes:
        seen.setdefault(size.start, size)
    best_rank = sizes[0][0].rank if sizes else 2
    return StudyArm(name=arm_text(v, first), key=k[0], ref=k[1], size=sizes[0][0].value if best_rank < 2 else None,
                    span=span, mentions=tuple(v.span(n.start, n.end) for n, _ in a.namings),
                    interventions=tuple(_interventions(v, a.namings)), sizes=tuple(seen.values()))


def _size(v: View, value: int, ks: int, ke: int, rank: int, phrase: tuple[int, int]) -> ArmSize:
    s, e = v.span(ks, ke)
    ps, pe = phrase
    while ps < pe and v.key[ps] in " ,(":  # the phrase starts at what it says, not at a bracket
        ps += 1
    while pe > ps and v.key[pe - 1] == " ":
        pe -= 1
    return ArmSize(value, s, e, rank, v.span(ps, pe))


def _count_at(typed: tuple[SizeCount, ...], ks: int) -> SizeCount | None:
    return next((c for c in typed if c.count.num_start == ks), None)


def _rank(typed: tuple[SizeCount, ...], ks: int, allocates: bool) -> int | None:
    """0 for an allocation's N, 1 for another, None for no arm size (excluded, screened)."""
    c = _count_at(typed, ks)
    if c and c.type in ("excluded", "screened"):
        return None
    if c and c.type == "analysed":
        return 1
    return 0 if allocates else 1


def _sizes(v: View, sent: tuple[int, int], groups: list[Arm], typed: tuple[SizeCount, ...], allocates: bool):
    """(arm, ArmSize) for every N the sentence prints for an arm."""
    key = v.key
    per_arm = cue_pattern("study_size", "per_arm")
    for a in groups:  # `HAIC组38例`, `the TACE group (n = 30)`, `the TACE arm of 46 patients`
        m = size_after(key, a.end)
        if m:
            g = 1 if m.group(1) else 2
            rank = _rank(typed, m.start(g), allocates)
            # `In the SVH group 84 patients (86.1%) had no edema`: a result's count, not the arm's N.
            worded = m.re is SIZE and m.group(2) and _WORDED.match(key, m.end(2))
            if rank is None or _SHARE_AFTER.match(key, m.end()) or (not allocates and worded) or len(m.group(g)) > 7:
                continue  # (a run of thousands of digits is no arm's N, and no int Python will parse)
            size = _size(v, int(m.group(g)), m.start(g), m.end(g), rank, m.span())
            # `an intervention group and a control group (n = 30 per group)`: every group's.
            each = per_arm.match(key, m.end() + len(key[m.end():m.end() + 3]) - len(key[m.end():m.end() + 3].lstrip()))
            for b in [b for b in groups if b.end <= a.end] if each else [a]:
                yield b, size
    # `58 were assigned to X and 62 to Y` lists the allocation; a lone `Seven patients randomized
    # to placebo achieved ...` is a part of an arm, not its N.
    before = list(_sizes_before(v, sent, groups, typed, allocates))
    listed = len({arm_key(arm_text(v, a)) for a, _ in before}) >= 2
    for a, size in before:
        yield a, size if listed else replace(size, rank=2)
    if allocates:
        yield from _named_sizes(v, sent, groups, typed)
    yield from _respectively(v, sent, groups, typed)
    for c in typed:  # `n = 30 per group`, `各 48 例`
        if c.per_arm and c.type not in ("excluded", "screened"):
            size = _size(v, c.count.value, c.count.num_start, c.count.num_end, 0 if allocates else 1,
                         (c.count.start, c.count.end))
            for a in [a for a in groups if a.end <= c.count.start] or groups:
                yield a, size


_SHARE_AFTER = re.compile(r"\s*(?:\(\s*\d+(?:\.\d+)?\s*%|%|/\s*\d)")
_WORDED = re.compile(r"\s*(?:patients|cases|participants|subjects)")
_SIZE_OF = re.compile(r"\s+(?:of|with)\s+(\d+)()\s*(?:patients|participants|subjects|cases)")


def size_after(key: str, end: int) -> re.Match | None:
    """The N printed right after a group's name (`HAIC组38例`, `(n = 30)`, `of 46 patients`,
    `HAIC 组纳入 38 例`, `the TACE group included 38 patients`), as a match whose group 1 or 2 is the number."""
    return SIZE.match(key, end) or _SIZE_OF.match(key, end) or _has_size().match(key, end)


@cache
def _has_size() -> re.Pattern:
    has = cue_alternation("study_size", "arm_has")
    return re.compile(rf"\s*(?:{has})\s*(\d+)()\s*(?:例|名|patients|participants|subjects|cases)")


@cache
def _before_pattern() -> re.Pattern:
    """`58 were assigned to`, `58 in the`, `50 例为`, `62 to`, `40 例（`: a count and the word joining it to an arm."""
    num = number_pattern()
    nouns = cue_alternation("study_size", "noun")
    measures = cue_alternation("study_size", "measure")
    joins = cue_alternation("study_size", "before_arm")
    zh_measures = "".join(w for w in cue_words("study_size", "measure") if len(w) == 1 and HAN_CHAR.match(w))
    return re.compile(
        rf"(?P<num>{num})(?:\s*\(\s*\d+(?:\.\d+)?\s*%\s*\))?(?:\s*(?:{measures})|(?:\s+[a-z-]+){{0,2}}?\s+(?:{nouns}))?"
        rf"(?:\s+(?:were|was))?(?:\s+(?:randomly\s+)?(?P<verb>assigned|allocated|randomi[sz]ed))?"
        # `行 A 术式 40 例（A 组）`: the group named in brackets after its Chinese count.
        rf"\s*(?P<join>(?:{joins})(?![a-z])|(?<=[{zh_measures}])\()"
        rf"\s*(?:the\s+)?(?:(?:receive|undergo|be treated with)\s+)?")


def _sizes_before(v: View, sent: tuple[int, int], groups: list[Arm], typed: tuple[SizeCount, ...], allocates: bool):
    """`58 were assigned to colchicine and 62 to placebo`, `58 in the RFA group`, `50 例为病例组`."""
    key = v.key
    explicit = False  # after `150 randomized to CASM`, `146 to CAPS` allocates too
    for m in _before_pattern().finditer(key, *sent):
        value = number_value(m.group("num"))
        # `58 were assigned to X`, `16 received X`: the treatment follows, whatever its name.
        gives = m.group("join") in cue_words("study_size", "gives")
        explicit = explicit or bool(m.group("verb")) or gives
        if value is None or not (allocates or m.group("verb") or gives):
            continue
        if HAN_CHAR.match(m.group("num")) and not chinese_count_start(key, m.start("num")):
            continue
        if cue_pattern("study_size", "sex").search(key, m.end("num"), m.end()):
            continue  # `8 men and 14 women in the treatment arm`: parts of the arm
        at = m.end() + _lead(key, m.end(), sent[1])
        a = next((g for g in groups if g.start == at), None) or _treatment_at(v, at, sent[1], explicit=explicit)
        # A list of what patients received (`15 received X, 3 received Y`) allocates only in a
        # sentence that allocates or says `assigned`.
        rank = _rank(typed, m.start("num"), True)
        if rank is not None and not (allocates or m.group("verb")):
            rank = 2
        if a is None or rank is None or _more_arms_follow(v, a, groups, sent[1]):
            continue  # `60 students were allocated to an intervention group and a control group`: all of them
        yield a, _size(v, value, m.start("num"), m.end("num"), rank, m.span())


def _lead(key: str, k: int, end: int) -> int:
    """Length of the words before a treatment that are no part of its name (`either`, `a`)."""
    return re.match(rf"(?:(?:{cue_alternation('study_size', 'lead')})\s+)*", key[k:end]).end()


def _more_arms_follow(v: View, a: Arm, groups: list[Arm], end: int) -> bool:
    """`X and a Y group`, `X or Y` with no number of its own before Y: the count is of all the arms listed."""
    m = re.match(r"\s*(?:,\s*)?(?:and|or)\s+", v.key[a.end:end])
    if not m:
        return False
    nxt = a.end + m.end()
    nxt += _lead(v.key, nxt, end)
    return any(g.start == nxt for g in groups) or _treatment_at(v, nxt, end, explicit=False) is not None


# Where a treatment's name ends: a mark, a conjunction, a group word or a preposition (`X for 6 months`).
@cache
def _respectively_patterns() -> tuple[re.Pattern, re.Pattern]:
    one = rf"(?:{number_pattern()})(?:\s*(?:{cue_alternation('study_size', 'measure')}))?"
    nums = rf"(?P<nums>{one}(?:\s*,\s*{one})*\s*,?\s*(?:and|和|与|、)\s*{one})"
    en = re.compile(rf"{nums}(?P<mid>[^;]{{0,60}}?)\s+to\s+(?:receive\s+|treatment\s+with\s+)?"
                    rf"(?P<items>[^;]{{1,120}}?),?\s+respectively")
    zh = re.compile(rf"(?P<items>[^,;。]{{2,60}}?)分别(?:为|纳入|入组|有)?\s*{nums}")
    return en, zh


_ITEM_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|和|与|、")


def _respectively(v: View, sent: tuple[int, int], groups: list[Arm], typed: tuple[SizeCount, ...]):
    """`204 and 198 participants were assigned to drug K and drug M, respectively`, `A 组和 B 组分别为 30 例和
    32 例`: the numbers of a list paired in order with the arms of a list."""
    key = v.key
    en, zh = _respectively_patterns()
    for rx, word in ((en, "respectively"), (zh, "分别")):
        if key.find(word, *sent) < 0:
            continue  # the pattern needs the word: no number list is tried at every character
        for m in rx.finditer(key, *sent):
            if rx is en and not any(t == "randomised" for _, _, t in verbs(key, m.start("mid"), m.end("mid"))):
                continue
            values = [(x.start(), x.end()) for x in re.finditer(number_pattern(), m.group("nums"))
                      if number_value(x.group(0)) is not None]
            items, pos = [], m.start("items")
            for cut in [*_ITEM_SPLIT.finditer(key, m.start("items"), m.end("items")), None]:
                end = cut.start() if cut else m.end("items")
                name = key[pos:end].strip()
                lead = len(key[pos:end]) - len(key[pos:end].lstrip())
                if name:
                    items.append(Arm(pos + lead, pos + lead + len(name)))
                pos = cut.end() if cut else end
            if len(items) != len(values) or any(len(key[a.start:a.end].split()) > 5 for a in items):
                continue
            for a, (ns, ne) in zip(items, values):
                a = next((g for g in groups if g.start <= a.start < g.end), a)
                s0 = m.start("nums") + ns
                value = number_value(key[s0:m.start("nums") + ne])
                rank = _rank(typed, s0, True)
                if value is not None and rank is not None:
                    yield a, _size(v, value, s0, m.start("nums") + ne, rank, (s0, m.start("nums") + ne))


_STOP = re.compile(r"\s*(?:[,;.:)(]|\b(?:and|or|groups?|arms?|on|for|at|from|during|until|after|before|in|with|by"
                   r"|but|who|which|that|because|while|whereas|when)\b|$)")


def _treatment_at(v: View, k: int, end: int, explicit: bool) -> Arm | None:
    """The treatment an allocation names at key offset k: lexicon mentions joined by `plus`/`+`
    (`TACE plus sorafenib`), an arm word (`placebo`), else, after an explicit `assigned to`,
    one to three words up to a stop (`62 were assigned to usual care`)."""
    key = v.key
    k += _lead(key, k, end)
    mentions = [m for m in v.mentions_of(*INTERVENTION_KINDS) if k <= m.start < end]
    if mentions and mentions[0].start == k:
        stop = mentions[0].end
        for m in mentions[1:]:
            if re.fullmatch(r"\s*(?:plus|\+|with|and|联合)\s*", key[stop:m.start]):
                stop = m.end
            else:
                break
        return Arm(k, stop)
    head = cue_pattern("arm_heads").match(key, k)
    words = re.match(r"[a-z][a-z0-9-]{2,}(?:\s+[a-z][a-z0-9-]*){0,4}?(?=" + _STOP.pattern + ")", key[k:end])
    if head and _STOP.match(key, head.end()):
        return Arm(k, head.end())
    if explicit and words and not _not_a_name(key, Arm(k, k + words.end())):
        return Arm(k, k + words.end())
    return None


# `TACE alone (n=75)`, `(CPM, n = 72; MP, n = 66)`
_NAMED_N = re.compile(r"(?:\(|,|:)\s*n\s*=\s*(\d+)\s*(?=[);,])")
_CONNECTOR = re.compile(r"(?:\bto\b|\bor\b|\band\b|\bversus\b|\bvs\.?|[,;:(])\s*(?:receive\s+|the\s+)?")


def _named_sizes(v: View, sent: tuple[int, int], groups: list[Arm], typed: tuple[SizeCount, ...]):
    """`randomly assigned to TACE plus sorafenib (n=75) or TACE alone (n=75)`: a treatment named
    without a group word, its N in brackets, in a sentence that allocates."""
    key = v.key
    for m in _NAMED_N.finditer(key, *sent):
        if any(0 <= m.start() - g.end <= 2 for g in groups):
            continue  # a group's N, read with the group
        lo = max(sent[0], m.start() - 60)
        cuts = [c.end() for c in _CONNECTOR.finditer(key, lo, m.start())]
        if not cuts:
            continue  # no `to X (n = ...)`, `or Y (n = ...)`: a table caption or a subgroup, not an allocation
        start = cuts[-1]
        lead = re.match(rf"(?:\d\)\s*)?(?:(?:{cue_alternation('study_size', 'lead')})\s+)*", key[start:m.start()])
        start += lead.end()  # `4) vitamin A (n = 19)`, `either a X (n = 69)`
        name = key[start:m.start()].strip()
        if not name or len(name.split()) > 6:
            continue
        a = Arm(start, start + len(name))
        # A lexicon treatment or an arm word (`placebo`), else words that can name one (`usual care`).
        named_thing = codes_between(v.mentions_of(*INTERVENTION_KINDS), a.start, a.end) \
            or cue_pattern("arm_heads").search(key, a.start, a.end) \
            or (re.fullmatch(r"[a-z][a-z0-9+/\- ]*[a-z0-9%]", name) and not _not_a_name(key, a))
        rank = _rank(typed, m.start(1), True)
        if named_thing and rank is not None:
            yield a, _size(v, int(m.group(1)), m.start(1), m.end(1), rank, m.span())


def _not_a_name(key: str, a: Arm) -> bool:
    """Words that start a clause, count people or describe (`characteristics of the full cohort`),
    not a treatment's name."""
    return bool(cue_pattern("study_size", "not_adjective").match(key, a.start)
                or re.search(r"\b(?:of|the|was|were|is|are)\b", key[a.start:a.end])
                or cue_pattern("study_size", "noun").search(key, a.start, a.end)
                or verbs(key, a.start, a.end))


# `分为肌少症组 80 例和非肌少症组 120 例`: the groups a Chinese allocation lists, whatever they are named.
_CJK_LIST = re.compile(r"(?:分为|分成|分入|分配至|分配到|分配入)")
_CJK_ITEM = re.compile(r"\s*([^,;:。()\d\s和与及、或]{1,12}?组)")
_CJK_JOIN = re.compile(r"\s*(?:\([^)]{0,20}\)|\d+\s*例)?\s*(?:和|与|及|、|或|,)")
# `A、B、C 三组`, `groups A, B and C`: groups named by letters.
_LETTERS_ZH = re.compile(r"([a-z甲乙丙丁])((?:\s*[、,和与及]\s*[a-z甲乙丙丁])+)\s*[两三四五六2-6]?\s*组")
_LETTERS_EN = re.compile(r"\bgroups\s+([a-f])((?:\s*,\s*[a-f])*\s*,?\s*(?:and|or)\s+[a-f])(?![a-z])")


def _groups(v: View, s: int, e: int) -> list[Arm]:
    """The groups a sentence names: group names (`the TACE group`, `HAIC组`), the items of a Chinese
    allocation list and groups named by letters; overlapping readings once, the longest."""
    found = [a for a in arms(v, s, e) if names_an_arm(v, a)] + _listed(v, s, e)
    out: list[Arm] = []
    for a in sorted(found, key=lambda a: (a.start, -(a.end - a.start))):
        if not any(o.start <= a.start < o.end or a.start <= o.start < a.end for o in out):
            out.append(a)
    return sorted(out, key=lambda a: a.start)


def _listed(v: View, s: int, e: int) -> list[Arm]:
    key, text = v.key, v.ctx.doc.text
    out = []
    for m in _CJK_LIST.finditer(key, s, e):
        pos = m.end()
        while (item := _CJK_ITEM.match(key, pos, e)) and not item.group(1).startswith(("两", "各", "每", "三", "四")):
            out.append(Arm(item.start(1), item.end(1)))
            join = _CJK_JOIN.match(key, item.end(), e)
            if not join:
                break
            pos = join.end()
    for rx in (_LETTERS_ZH, _LETTERS_EN):
        for m in rx.finditer(key, s, e):
            rest = re.finditer(r"(?<![a-z])[a-z甲乙丙丁](?![a-z])", m.group(2))  # not the letters of `and`
            for k in [m.start(1)] + [m.start(2) + x.start() for x in rest]:
                ds, de = v.span(k, k + 1)
                if not text[ds:de].islower():
                    out.append(Arm(k, k + 1))
    return out


_ARM_FUNCTION = re.compile(r"^(?:within|between|by|per|each|all|both|total|whole)\b|\b(?:by|per)\b")
_PLURAL = re.compile(r"(?:groups|arms|cohorts)$")
# Cells of a flattened table run together (`VariablesTreatment arm`, `months6 months12`): no name.
_GLUED = re.compile(r"[a-z]{3,}[A-Z][a-z]|[a-z]{4,}\d")
_TITLE_CASE_NAME = re.compile(r"(?:[A-Z][\w-]*\s+){2,}(?:Group|Arm|Cohort)\b")


@cache
def _clause_words() -> re.Pattern:
    """Function words and verbs (`studies included control group`): a clause, not a group's name."""
    words = [w for role in ("end", "verb") for w in cue_words("intervention_frames", role) if w.isascii()]
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\s")


@cache
def _frame_roles() -> dict[str, set[str]]:
    roles: dict[str, set[str]] = {}
    for cue, role, *_ in cue_table("intervention_frames"):
        roles.setdefault(cue, set()).add(role)
    return roles


def names_an_arm(v: View, a: Arm) -> bool:
    """Not `within group`, `three groups`, nor an organisation (`Eastern Cooperative Oncology Group`)."""
    key = v.key[a.start:a.end]
    s, e = v.span(a.start, a.end)
    written = v.ctx.doc.text[s:e]
    if _ARM_FUNCTION.search(key) or _PLURAL.search(key) or _TITLE_CASE_NAME.fullmatch(written.strip()) \
            or _clause_words().search(key) or "\n" in written or _GLUED.search(written):
        return False
    head = key.split()[:-1] if key.isascii() else []
    after = re.match(r"\s*([a-z]+|×)", v.key[a.end:a.end + 20])
    if (head and head[-1] in cue_words("arm_words", "not_head")) or \
            (after and after.group(1) in cue_words("arm_words", "not_after")):
        return False  # `the prospective cohort`, `group differences`
    roles = _frame_roles()
    # `the left arm` is a limb; `either group`, `one group`, `small group` name no group in particular.
    if head and ("anatomy" in roles.get(head[-1], ()) or all(
            roles.get(w, set()) & {"generic", "determiner", "lead"} and w not in cue_words("arm_heads") for w in head)):
        return False
    # `研究组` alone is the study arm of a Chinese trial; `中国肝癌协作研究组` is an organisation.
    org = cue_pattern("organisation").search(key)
    return not org or (org.group(0) == key.strip() and not key.isascii())


_CLAUSE_MARK = re.compile(r"[,，;；:：。]|\.\s")


def _interventions(v: View, namings: list[tuple[Arm, tuple[int, int]]]) -> list[str]:
    """Codes of what the group received: named in its name, else in the rest of the clause naming it."""
    found = v.mentions_of(*INTERVENTION_KINDS)
    first = namings[0][0]
    inside = codes_between(found, first.start, first.end)
    if inside:
        return inside
    for a, (s, e) in namings:
        inside = codes_between(found, a.start, a.end)
        if inside:
            return inside
        # `cefepime (C group, 20 patients)`: the treatment printed right before the bracket.
        if re.search(r"\(\s*$", v.key[max(s, a.start - 3):a.start]):
            lo = s + max((m.end() for m in re.finditer(r"[,;]|\bor\b|\)", v.key[s:a.start - 1])), default=0)
            before = codes_between(found, lo, a.start)
            if before:
                return before
        stop = _CLAUSE_MARK.search(v.key, a.end, e)
        after = codes_between(found, a.end, stop.start() if stop else e)
        if after:
            return after
    return []
