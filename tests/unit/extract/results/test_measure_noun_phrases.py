"""The measure is a noun phrase the sentence names (R12): never a lone ordinal, preposition or discourse word, never a
clause with its verb; when a value's own words name nothing, the measure said before or the sentence's subject."""
import pytest

from evkg.extract.results.measure import names_measure, noun_phrase
from helpers.results import outcomes


def rows(text: str) -> dict[float, tuple[str, str]]:
    return {f.value: (f.detail("measure"), f.arm) for f in outcomes(f"RESULTS:\n{text}\n", "fixture.txt")}


def cut(text: str) -> str | None:
    span = noun_phrase(text, 0, len(text))
    return text[span[0]:span[1]] if span else None


@pytest.mark.parametrize("phrase, want", [
    ("frail subgroup, however, the mean change in grip strength", "mean change in grip strength"),
    ("fasting glucose was more reduced in the drug k group", "fasting glucose"),
    ("in the mean wall thickness did not differ significantly between", "mean wall thickness"),
    ("units of insulin (iu/kg", "units of insulin"),
    ("serum ferritin (sf) levels", "serum ferritin (sf) levels"),
    ("children who were breastfed", "children who were breastfed"),
])
def test_a_measure_phrase_is_cut_to_its_noun_phrase(phrase, want):
    assert cut(phrase) == want


@pytest.mark.parametrize("phrase", ["first", "among", "intermediate", "there", "respectively", "although",
                                    "further", "second test", "six", "reduced", "mg/kg"])
def test_words_that_name_nothing_measured_are_no_measure(phrase):
    assert not names_measure(phrase) and cut(phrase) is None


def test_a_value_whose_clause_names_nothing_takes_the_measure_said_before():
    got = rows("Among the 80 children, 52 were free of wheeze at six months, including 30 in the inhaler group "
               "and 22 in the spacer group.")
    assert "free of wheeze" in got[30.0][0] and "free of wheeze" in got[22.0][0]
    assert got[30.0][1] == "inhaler group"


def test_an_ordinal_takes_the_measure_the_sentence_before_names():
    got = rows("The peak lactate concentration is shown in Table 3. There was no difference either in the first "
               "(control = 4.1 ± 0.6, drug = 4.3 ± 0.5) or the second session (control = 3.9 ± 0.4, drug = 3.8 ± 0.7).")
    assert {got[v][0] for v in (4.1, 4.3, 3.9, 3.8)} == {"peak lactate concentration"}


def test_a_difference_in_brackets_measures_the_subject_not_its_clause():
    got = rows("Fasting glucose was more reduced in the drug K group (between-group difference −0.8 mmol/L "
               "(95% CI −1.1 to −0.5), p<0.001).")
    assert got[-0.8][0].startswith("Fasting glucose") and "reduced" not in got[-0.8][0]


def test_the_noun_after_a_comparative_when_the_subject_names_who():
    got = rows("Although children had fewer attacks in both groups, those on the zinc supplement had greater "
               "grip strength (24.1 ± 3.1 kg) compared to the placebo group (21.7 ± 2.8 kg).")
    assert got[24.1][0] == got[21.7][0] == "grip strength"


def test_a_later_value_of_the_sentence_keeps_its_subject():
    got = rows("In group B, the pain score decreased from 7.1 ± 1.2 to 3.0 ± 1.1 after the first dose, further "
               "decreased to 2.5 ± 0.9 at day 3 and 1.9 ± 0.8 at day 7.")
    assert got[2.5] == ("pain score", "group B") and got[1.9][0] == "pain score"


def test_a_bracket_the_phrase_opens_is_closed_or_left_out():
    got = rows("Within the pharmacokinetic analysis the area under the curve (AUC) was 18% (95% CI 4–30%) lower with "
               "the heat pack.")
    assert got[18.0][0].endswith("area under the curve (AUC)")
    got = rows("The lowest blood glucose levels within 8 h after birth (mg/dL) were 36.1 ± 9.2 in group A and "
               "48.7 ± 10.1 in group B.")
    measure = got[36.1][0]
    assert measure.startswith("lowest blood glucose levels") and measure.count("(") == measure.count(")")


def test_a_count_opening_its_clause_keeps_its_predicate():
    got = rows("Roughly 37% of the trial cohort had needed at least one extra visit.")
    assert got[37.0][0].endswith("at least one extra visit")


def test_a_subject_that_names_nothing_leaves_the_measure_to_the_words_after_concerning():
    got = rows("Similar findings were seen concerning the time to first meal (3.6, SD 1.1 vs. 4.9, SD 1.4).")
    assert got[3.6][0] == got[4.9][0] == "time to first meal"


def test_a_unit_alone_is_no_measure():
    assert not names_measure("mg/kg")


def test_a_group_as_subject_leaves_the_measure_to_the_noun_after_its_comparative():
    got = rows("The drug K group gained less fat (between-group difference −2.7 kg (95% CI −3.5 to −1.9), p<0.001).")
    assert got[-2.7][0].startswith("fat")
