"""Treatment groups as written (`HAIC组`, `非AT组`, `TACE单用组`, `the control group`), in key offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from evkg.core.fold import fold
from evkg.extract.vocabulary.cues import cue_alternation, cue_pattern

if TYPE_CHECKING:  # a type only: `arm_key` (kg/graph/ids.py) must not pull in the text views and spaCy
    from evkg.extract.text.views import View

# `两组`, `各组`, `分组`, `亚组` name no group; `组织`, `组成`, `组间` are other words.
_NOT_BEFORE = set("两各每分亚本该此三四五多")
_NOT_AFTER = set("织成间内别合")
_MODIFIERS = ("单用", "单独", "单纯", "联合", "治疗", "单药")
_PREFIXES = ("非", "单独", "单纯", "联合")
_CHAIN = ("单药", "常规", "单纯", "单独", "单用", "联合", "综合", "标准")
_COMBINED = ("联合", "+")
_NOUNS = ("对照", "实验", "试验", "观察", "治疗", "研究", "联合", "单药", "干预", "安慰剂", "常规", "病例",
          "甲", "乙", "丙", "丁")
_ASCII = re.compile(r"[a-z0-9+\-]*[a-z][a-z0-9+\-]*$")
# Words start at a word's start and are bounded: an unbounded `[...]+` tried at every offset of
# a long run of letters scans to its end each time (quadratic; minutes on a damaged text).
# A word may hold a decimal point between digits (`flu-0.25 group` is one name, not `25 group`).
_EN_ARM = re.compile(r"(?<![a-z0-9+\-.])((?:(?:[a-z0-9+\-]|(?<=\d)\.(?=\d)){1,50} ){0,2}"
                     r"(?:[a-z0-9+\-]|(?<=\d)\.(?=\d)){1,50}) (?:group|arm|cohort)s?\b")
_EN_STOP = {"the", "in", "of", "and", "vs", "versus", "than", "with", "for", "between", "both", "a", "an",
            "to", "each", "two", "all", "or", "into", "from", "were", "was", "allocated", "assigned", "that", "this",
            "those", "whole", "same", "other", "age"}
# `Group A`, `arm 2`, `Group II`: the group word before a letter or number.
_EN_LETTERED = re.compile(r"(?<![a-z0-9+\-])(?:group|arm|cohort) (?:[a-d]|[1-6]|i{1,3}|iv)(?![a-z0-9])")
# The size printed right after a group: `HAIC组38例`, `索拉非尼组($n=38$)`, `TACE group (n = 30)`.
SIZE = re.compile(r"\s*[(,]?\s*\$?(?:n\s*=\s*(\d+)|(\d+)\s*(?:例|名|patients|cases))")


@dataclass(frozen=True)
class Arm:
    start: int
    end: int


def _cjk_arm(v: View, g: int, treatments: dict[int, int]) -> int | None:
    """Start of the group name that ends with the `组` at key offset `g`, or None."""
    key = v.key
    head = g
    for mod in _MODIFIERS:
        if key.endswith(mod, 0, g) and (g - len(mod)) in treatments:
            head = g - len(mod)
            break
    if head in treatments:
        start = treatments[head]
    elif _ASCII.search(key, max(0, g - 12), g):
        start = _ASCII.search(key, max(0, g - 12), g).start()
    else:
        noun = next((n for n in _NOUNS if key.endswith(n, 0, g)), None)
        if not noun:
            return None
        start = g - len(noun)
        # `单药治疗组`, `常规治疗组`: the words that say which treatment group it is.
        while (more := next((w for w in _CHAIN if key.endswith(w, 0, start)), None)) and start - len(more) >= 0:
            start -= len(more)
    # A combination arm is named by all its treatments: `TACE联合索拉非尼组`, `HAIC+仑伐替尼组`.
    while (join := next((j for j in _COMBINED if key.endswith(j, 0, start)), None)) \
            and start - len(join) in treatments:
        start = treatments[start - len(join)]
    pre = next((p for p in _PREFIXES if key.endswith(p, 0, start)), "")
    return start - len(pre)


def arms(v: View, start: int, end: int) -> list[Arm]:
    """Groups named in key range [start, end), in text order."""
    key = v.key
    treatments = v.starts_by_end("drug", "procedure")
    out = []
    for m in re.finditer("组", key[start:end]):
        g = start + m.start()
        if key[g - 1:g] in _NOT_BEFORE or key[g + 1:g + 2] in _NOT_AFTER:
            continue
        head = g - 1 if key[g - 1:g] == " " else g
        s = _cjk_arm(v, head, treatments)
        if s is not None:
            out.append(Arm(s, g + 1))
    for m in _EN_ARM.finditer(key, start, end):
        words = []
        for w in reversed(m.group(1).split(" ")):
            if w in _EN_STOP:
                break
            words.insert(0, w)
        if words:
            out.append(Arm(m.end() - len(m.group(0)) + len(m.group(1)) - len(" ".join(words)), m.end()))
    for m in _EN_LETTERED.finditer(key, start, end):
        s, e = v.span(m.end() - 1, m.end())
        # `group A` as written; `group a total of` is a sentence going on.
        if not v.ctx.doc.text[s:e].islower() and not any(a.start <= m.start() < a.end for a in out):
            out.append(Arm(m.start(), m.end()))
    return sorted(out, key=lambda a: a.start)


def arm_text(v: View, arm: Arm) -> str:
    s, e = v.span(arm.start, arm.end)
    return v.ctx.doc.text[s:e].strip()


def arm_key(name: str) -> str:
    """The one matching key of an arm name, wherever arms are matched (arm nodes in kg/graph/ids.py,
    trace, checks, the Studies and Results sheets): folded, without its group words, spaces or
    brackets or hyphens (`HAIC 组` = `HAIC组` = `the HAIC group`, `water-intake` = `water intake`), a group
    named by a letter by the letter
    (`Drug A` = `Group A` = `A组`); words in ontology/cues/arm_words.tsv."""
    folded = _PRINTED_SIZE.sub("", fold(name or "")).strip()
    lettered = _lettered().fullmatch(folded)
    if lettered:
        return lettered.group(1)
    key = cue_pattern("arm_words", "group").sub("", folded)
    return re.sub(r"[\s()\[\]\-]", "", key) or re.sub(r"[\s()\[\]]", "", key) or "".join(folded.split())


@cache
def _lettered() -> re.Pattern:
    heads = cue_alternation("arm_words", "lettered")
    return re.compile(rf"(?:the\s+)?(?:{heads})\s*([a-z]|\d{{1,2}}|i{{1,3}}|iv)(?:\s*(?:group|arm|组))?")


# An N printed with a name is no part of it: `Placebo (n = 30)`, `HAIC组38例`, `TACE group, 45 patients`.
_PRINTED_SIZE = re.compile(r"[\s,]*[(\[]?\s*\$?n\s*=\s*\d+\s*\$?\s*[)\]]?\s*$"
                           r"|(?<=\D)\s*,?\s*\d+\s*(?:例|名|patients|cases)\s*$")
