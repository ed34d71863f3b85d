"""A paper's eligibility criteria: the sentences saying who could take part (`inclusion`) and who could
not (`exclusion`; ontology/cues/eligibility.tsv). A cue that ends its line (`Exclusion criteria:`) heads
a list that runs to the next blank line; a cue inside a sentence rules that sentence and the sentences
its list goes on into (`排除标准：①合并心力衰竭；②严重认知障碍。`, a sentence ending `；` goes on)."""
from __future__ import annotations

import re

from evkg.extract.text.context import DocContext
from evkg.extract.vocabulary.cues import cue_pattern

_BLOCK_END = re.compile(r"\n\s*\n")
_LIST_GOES_ON = re.compile(r"[;；]\s*$")


def criteria_spans(ctx: DocContext, role: str) -> list[tuple[int, int]]:
    """(start, end) in document offsets of the sentences (or headed lists) stating `role` criteria."""
    def build() -> list[tuple[int, int]]:
        text, cue, out = ctx.doc.text, cue_pattern("eligibility", role), []
        other = cue_pattern("eligibility", "inclusion" if role == "exclusion" else "exclusion")
        view, keys, sents = ctx.folded, ctx.key_sentences, ctx.sentences
        for i, sent in enumerate(sents):
            m = cue.search(view.key, *keys[i])
            if not m:
                continue
            cue_start, cue_end = view.span(m.start(), m.end())  # the cue in the document's offsets
            s, e = sent.start, sent.end
            # A sentence the splitter ran on from a title or heading starts after the blank line before the cue.
            blanks = list(_BLOCK_END.finditer(text, s, cue_start))
            s = blanks[-1].end() if blanks else s
            for k in range(i + 1, len(sents)):
                if not _LIST_GOES_ON.search(text, sent.start, e) or other.search(view.key, *keys[k]):
                    break
                e = sents[k].end
            line_end = text.find("\n", cue_end, e + 1)
            if line_end >= 0 and not text[cue_end:line_end].strip(" \t:："):
                block = _BLOCK_END.search(text, line_end)
                e = max(e, block.start() if block else len(text))
            out.append((s, e))
        return out
    return ctx.memo(f"criteria:{role}", build)


def in_criteria(ctx: DocContext, role: str, start: int) -> bool:
    return any(s <= start < e for s, e in criteria_spans(ctx, role))
