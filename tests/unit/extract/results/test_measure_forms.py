"""The 40 invented English result sentences of tests/fixtures/results/measure_forms.tsv (R31), each with the measure a
reviewer would write: the row of its value names it (at least half of the expected measure's words, and at least
half of the row's own words are the expected measure's: a long fragment of the sentence is no measure). Forms still
read wrong are strict xfails, so one that starts to pass says so. bench/measure_forms.py prints the share."""
import pytest

from helpers.corpus import FIXTURES
from helpers.results import outcomes
from helpers.scorer import results_score

TABLE = FIXTURES / "results" / "measure_forms.tsv"
# Values whose measure is still read wrong or not at all (bench/results-log.md, r31: what is left).
_KNOWN = {34.2, 59.0, 61.0, 4.5, 1.2, 32.0, 96.4, 22.0}


def _forms() -> list[tuple[str, float, str]]:
    out = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            _, text, value, measure = line.split("\t")
            out.append((text, float(value), measure))
    return out


@pytest.mark.parametrize("text,value,measure", [
    pytest.param(*f, marks=pytest.mark.xfail(strict=True)) if f[1] in _KNOWN else f for f in _forms()])
def test_the_measure_is_the_phrase_a_reviewer_would_write(text, value, measure):
    got = [f.detail("measure") or "" for f in outcomes(f"RESULTS:\n{text}\n", "fixture.txt")
           if f.value is not None and abs(f.value - value) < 1e-9]
    assert got, "the value is read"
    mine, want = results_score().tokens(got[0]), results_score().tokens(measure)
    assert len(mine & want) >= len(want) / 2 and len(mine & want) >= len(mine) / 2
