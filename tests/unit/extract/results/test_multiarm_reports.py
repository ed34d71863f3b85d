"""Two invented English multi-arm reports (R30; tests/fixtures/results/en_multiarm_dose.txt, en_multiarm_three.txt):
a four-arm dose-finding trial (placebo, 5, 10 and 20 mg) and a three-arm trial of two iron preparations against usual
care, each with a table of arm columns and one of arm rows, `respectively` lists of three and four, n/N (%) per arm,
effects against placebo with their CIs and a subgroup paragraph. Every result is listed in
tests/fixtures/results/multiarm_expected.tsv, written before the reader first ran on them (52 of 100 fully right on
main 15309df; bench/results-log.md, r30), and judged as results_score.py judges (arm folded, half the measure's
words, n/N, CI). Each row must read as expected or exactly as wrong as KNOWN says: a row that reads better fails too,
so KNOWN only shrinks."""
import pytest

from helpers.expected_results import MULTIARM, expected_rows, extras, scorer_judge

ROWS = expected_rows(MULTIARM)

KNOWN = {
    # the measure said in the predicate (`Rescue paracetamol was taken on a mean of 21.4 days`), and the p after
    # a pair printed with its arms (`21.4 days with placebo and 14.9 days with 20 mg (P = 0.003)`)
    "en_multiarm_dose:mean of [21.4] days": ["measure", "p"],
    "en_multiarm_dose:and [14.9] days with 20 mg": ["measure"],
    # a second event after `and` in a sentence opening on its group (`headache … by 11 patients and dizziness by 7`)
    "en_multiarm_dose:by 7 patients ([11.7]%)": ["measure"],
    # a subgroup's response said by the verb (`14 of 26 (53.8%) responded with 20 mg`): the arm after the verb
    "en_multiarm_dose:14 of 26 ([53.8]%)": ["arm"],
    # `in 4/63 (6.3%) given iron sucrose`: the measure before the first value of the list
    "en_multiarm_three:4/63 ([6.3]%)": ["measure"],
    "en_multiarm_three:nausea in [9.7]%": ["measure"],
    # the subgroup a clause opens on (`Among women, haemoglobin rose by …`) is not in the measure
    "en_multiarm_three:by [1.5] g/dL with": ["measure"],
    "en_multiarm_three:and [2.2] g/dL with iron": ["measure"],
}
# Own-study facts over numbers the list does not name: the `0` cells of infusion reactions.
EXTRA = {"en_multiarm_dose": [], "en_multiarm_three": ["0", "0"]}


def test_known_names_rows_that_exist():
    assert set(KNOWN) <= {r.id for r in ROWS}


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.fixture}-{i}" for i, r in enumerate(ROWS)])
def test_each_result_reads_as_expected(row):
    assert scorer_judge(row) == KNOWN.get(row.id, []), row.anchor


@pytest.mark.parametrize("fixture", sorted(EXTRA))
def test_no_other_own_result(fixture):
    assert extras(fixture, ROWS) == EXTRA[fixture]
