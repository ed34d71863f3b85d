"""Where a paper's eligibility criteria stand (extract/trials/eligibility.py), on invented text. The cue is found in
the folded view, which is not as long as the text (`®`, `™` fold away): its offsets must be mapped back."""
from pathlib import Path

from evkg.extract.readers.plain import read_plain
from evkg.extract.text.context import Context
from evkg.extract.trials.eligibility import criteria_spans, in_criteria

RUN = Context()


def _ctx(text: str):
    return RUN.for_document(read_plain(Path("paper.txt"), text))


def test_a_cue_ending_its_line_heads_the_list_after_it_even_after_signs_that_fold_away():
    # one sentence to the splitter (no full stop): the list starts after the blank line before the cue
    text = ("Methods\nPatients received Zorvex\u00ae\u00ae\u00ae\u00ae\u00ae\u00ae\u2122\u2122 tablets\n\n"
            "Exclusion criteria:\nheart failure\nsevere asthma\n\nResults\nAll patients finished.\n")
    ctx = _ctx(text)
    assert in_criteria(ctx, "exclusion", text.index("severe asthma"))
    assert not in_criteria(ctx, "exclusion", text.index("All patients"))
    assert not in_criteria(ctx, "exclusion", text.index("Zorvex"))


def test_a_cue_inside_a_sentence_rules_that_sentence_only():
    text = "Methods\nPatients with gout were included. Those with renal failure were excluded. The dose was fixed.\n"
    ctx = _ctx(text)
    [(s, e)] = criteria_spans(ctx, "exclusion")
    assert text[s:e].startswith("Those with renal failure") and "dose" not in text[s:e]
