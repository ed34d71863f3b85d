"""Registry pages of registries the readers were not built on, read by the WHO data set's items: invented texts."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evkg.extract.readers.registry_labelled import read_record
from evkg.extract.readers.registry_labels import entries, item_of
from evkg.extract.readers.registry_page import layout_of
from evkg.extract.text.context import Context
from helpers.reading import of_kind, registration_rows

# Labels alone on their lines, outcome and intervention blocks numbered `1`, `2` with sub-fields.
BLOCKS = (
    "Registration number\nXYZ-2024-0091\n\n"
    "Public title\nA breathing-exercise app for adults with asthma\n"
    "Scientific title\nSmartphone-guided breathing exercises versus usual care in adults with asthma: a randomised "
    "trial\n"
    "Inclusion/Exclusion criteria\nInclusion criteria:\nAdults with asthma for at least 1 year\n"
    "Exclusion criteria:\nChronic obstructive pulmonary disease\nHeart failure\n"
    "Sample size\nTarget sample size: 140\n"
    "Randomization (investigator's opinion)\nRandomized\n"
    "Health conditions studied\n1\nDescription of health condition studied\nAsthma\nICD-10 code\nJ45\n\n"
    "Primary outcomes\n1\nDescription\nAsthma control questionnaire score\nTimepoint\nWeek 12\n"
    "Method of measurement\nACQ-6\n\n"
    "Secondary outcomes\n1\nDescription\nSevere exacerbations\nTimepoint\nUp to week 24\n"
    "Method of measurement\nClinic records\n2\nDescription\nAdverse events\nTimepoint\nUp to week 24\n\n"
    "Intervention groups\n1\nDescription\nApp group: a guided 15-minute breathing session twice daily.\n"
    "Category\nTreatment - Other\n"
)

# `label TAB value`, a tab table of arms with their sizes and no total, outcome tables under role labels.
TABS = (
    "Study Title\tA trial of two doses of prednisolone in childhood nephrotic syndrome\n"
    "Scientific Title\tShort versus long prednisolone courses for a first episode of nephrotic syndrome in "
    "children: a randomised trial\n"
    "Study Type\tInterventional\n"
    "Study Design\tRandomized parallel assignment\n"
    "Health Condition(s) or Problem(s) Studied\tIdiopathic nephrotic syndrome\n"
    "Target Size\t\n"
    "Exclusion Criteria\tSystemic lupus erythematosus; hepatitis B\n"
    "Intervention(s)\n"
    "Intervention Name\tIntervention Description\tArm Type\tArm Size\n"
    "Short course\tPrednisolone 60 mg/m2 daily for 4 weeks\tExperimental\t45\n"
    "Long course\tPrednisolone 60 mg/m2 daily for 6 weeks\tActive Comparator\t45\n"
    "Primary Outcome\n"
    "Outcome Name\tMetric/Method of Measurement\tTime Points\n"
    "Time to first relapse\tUrine dipstick diary\tUp to 12 months\n"
    "Secondary Outcome\n"
    "Outcome Name\tMetric/Method of Measurement\tTime Points\n"
    "Frequent relapses\tUrine dipstick diary\tUp to 12 months\n"
    "Results\n"
    "Results Summary\tNo results posted\n"
)

# A table flattened one cell a line, its rows saying their role; a sample-size paragraph with percentages.
FLAT_CELLS = (
    "Public title\nZinc for the duration of diarrhoea in infants\n"
    "Official scientific title\nOral zinc sulfate for acute watery diarrhoea in infants aged 2 to 11 months: a "
    "randomised placebo-controlled trial\n"
    "Type of trial\nRCT\n"
    "Sub-Disease(s) or condition(s) being studied\nAcute watery diarrhoea\n"
    "Anticipated target sample size (number of participants)\n360\n"
    "Sample size calculation\nA reduction from 40% to 25% of episodes lasting over 5 days, 80% power.\n"
    "INTERVENTIONS\nIntervention type\nIntervention name\nDose\nGroup size\nNature of control\n"
    "Drugs\nZinc\nZinc sulfate 10 mg daily for 10 days\n180\n\n"
    "Placebo\nPlacebo syrup\nSyrup daily for 10 days\n180\nPlacebo\n"
    "OUTCOMES\nType of outcome\nOutcome\nTimepoint(s) of assessment of outcome\n"
    "Primary Outcome\nDuration of diarrhoea in hours\nUntil recovery\n"
    "Secondary Outcome\nStool output\nFirst 72 hours\n"
    "ELIGIBILITY CRITERIA\nInclusion criteria\nInfants with diarrhoea for less than 72 hours\n"
)

# Numbered labels `4a.`, bilingual labels, a target total and arms' sizes, a posted-results section with numbers.
NUMBERED = (
    "1. 과학적 제목 (Scientific Title) : Acupuncture for chronic tension-type headache: a randomised sham-controlled "
    "trial\n"
    "2. 연구제목 (Public/Brief Title) : 만성 긴장형 두통에 대한 침 치료\n"
    "3. 대상 질환 (Condition(s)/Problem(s)) : 긴장형 두통 Chronic tension-type headache\n"
    "4a. Study type: Interventional\n"
    "4b. Allocation: Randomised\n"
    "5. Target Number of Participant : 120\n"
    "Arm 1\n- 군 이름 (Arm Label) : Acupuncture\n- Target Number of Participant : 60\n"
    "Arm 2\n- 군 이름 (Arm Label) : Sham acupuncture\n- Target Number of Participant : 60\n"
    "6. Primary outcome(s):\n 1. Headache days per month [Weeks 9 to 12]\n"
    "7. Secondary outcome(s):\n 1. Headache intensity [Weeks 9 to 12]\n 2. Adverse events [Up to week 16]\n"
    "8. Results summary: Headache days fell by 4.2 days (95% CI 3.1 to 5.3) against 2.1 days with sham; 12% had "
    "adverse events.\n"
)


@pytest.fixture(scope="module")
def run() -> Context:
    return Context()


_rows, _kind = registration_rows, of_kind


@pytest.mark.parametrize("text", [BLOCKS, TABS, FLAT_CELLS, NUMBERED])
def test_pages_of_other_registries_are_registrations(text: str) -> None:
    assert layout_of(text)


def test_outcome_blocks_with_sub_fields(tmp_path: Path, run: Context) -> None:
    rows = _rows(tmp_path, BLOCKS, run)
    assert {(n, r) for n, r, _ in _kind(rows, "endpoint")} == {
        ("asthma control questionnaire score", "primary"), ("severe exacerbations", "secondary"),
        ("AE", "secondary")}
    assert _kind(rows, "sample_size") == {("", "", "140")} or {v for *_, v in _kind(rows, "sample_size")} == {"140"}
    assert {n for n, *_ in _kind(rows, "condition")} == {"asthma"}  # not COPD nor heart failure (exclusions)
    assert {n for n, *_ in _kind(rows, "design")} == {"rct"}


def test_tab_tables_sum_arm_sizes_when_no_total(tmp_path: Path, run: Context) -> None:
    rows = _rows(tmp_path, TABS, run)
    assert {v for *_, v in _kind(rows, "sample_size")} == {"90"}
    assert {(n, r) for n, r, _ in _kind(rows, "endpoint")} == {("time to first relapse", "primary"),
                                                               ("frequent relapses", "secondary")}
    assert {n for n, *_ in _kind(rows, "condition")} == {"idiopathic nephrotic syndrome"}
    assert {(n, v) for n, _, v in _kind(rows, "dose")} == {("prednisolone", "60")}
    assert not _kind(rows, "outcome")


def test_flattened_tables_and_no_results_from_other_fields(tmp_path: Path, run: Context) -> None:
    rows = _rows(tmp_path, FLAT_CELLS, run)
    assert {(n, r) for n, r, _ in _kind(rows, "endpoint")} == {("duration of diarrhoea in hours", "primary"),
                                                               ("stool output", "secondary")}
    assert {v for *_, v in _kind(rows, "sample_size")} == {"360"}  # the total, not 180 + 180 again
    assert {(n, v) for n, _, v in _kind(rows, "dose")} == {("zinc sulfate", "10")} or \
        {v for _, _, v in _kind(rows, "dose")} == {"10"}
    assert not _kind(rows, "outcome")  # `40% to 25%` is a sample-size assumption


def test_numbered_bilingual_labels_and_posted_results_not_read(tmp_path: Path, run: Context) -> None:
    rows = _rows(tmp_path, NUMBERED, run)
    assert {(n, r) for n, r, _ in _kind(rows, "endpoint")} == {
        ("headache days per month", "primary"), ("headache intensity", "secondary"), ("AE", "secondary")}
    assert {v for *_, v in _kind(rows, "sample_size")} == {"120"}
    assert {n for n, *_ in _kind(rows, "condition")} == {"chronic tension-type headache"}
    assert not _kind(rows, "outcome")


@pytest.mark.parametrize(("label", "item"), [
    ("Health Condition(s) or Problem(s) Studied", "condition"),
    ("4a. Target number/sample size", "enrollment"),
    ("과학적 제목 (Scientific Title)", "official_title"),
    ("주요 평가변수 (Primary Outcome(s))", "primary_outcomes"),
    ("Target number of participant", "enrollment"),
    ("Randomization (investigator's opinion)", "allocation"),
    ("Key secondary outcomes:", "secondary_outcomes"),
    ("Public Title of Study", "title"),
])
def test_labels_by_their_words(label: str, item: str) -> None:
    from evkg.extract.readers.registry_labels import _NUMBERING
    assert item_of(label[_NUMBERING.match(label).end():]) == item


@pytest.mark.parametrize("line", ["Control group", "Knee function", "Knee pain for at least 3 months",
                                  "Change in haemoglobin concentration", "Target sample size 88",
                                  "Outcome assessor"])
def test_values_are_no_labels(line: str) -> None:
    assert item_of(line) is None


def test_a_design_question_is_a_label_only_before_its_answer() -> None:
    found = entries("Randomisation\nRandomized\nDouble blind: Yes\nOpen: No\n")
    assert [(e.item, e.value.value if e.value else "") for e in found] == [
        ("allocation", "Randomized"), ("masking_asked", "Yes"), ("masking_asked", "No")]


def test_outcomes_numbered_on_one_line_and_a_size_after_an_equals_sign(tmp_path: Path, run: Context) -> None:
    page = ("Public Title of Study: Tai chi for knee pain in older adults\n"
            "Scientific Title of Study: Tai chi versus walking for knee pain in older adults, a randomised trial\n"
            "Health Condition / Problems Studied: Chronic knee pain\n"
            "Study Type: Interventional\n"
            "Primary Outcome: 1) Knee pain on walking; 2) Timed up-and-go test\n"
            "Secondary Outcome: Falls over 6 months\n"
            "Target Sample Size: Total Sample Size=80\n")
    rows = _rows(tmp_path, page, run)
    assert {(n, r) for n, r, _ in _kind(rows, "endpoint")} == {
        ("knee pain on walking", "primary"), ("timed up-and-go test", "primary"), ("falls over 6 months", "secondary")}
    assert {v for *_, v in _kind(rows, "sample_size")} == {"80"}


# Each item twice, in Portuguese then in English, with `label:` alone on its line: ChiCTR's English labels among
# them (`Public title:`, `Study type:`), so the ChiCTR reader claims it first and reads less of it.
TWO_LANGUAGES = (
    "Título científico:\nEfeito do treino de equilíbrio em idosos com tontura: ensaio clínico randomizado\n"
    "Scientific title:\nEffect of balance training in older adults with dizziness: a randomised clinical trial\n"
    "Título público:\nTreino de equilíbrio para tontura\nPublic title:\nBalance training for dizziness\n"
    "Condições de saúde:\nTontura crônica\nHealth conditions:\nChronic dizziness\n"
    "Critérios de exclusão:\nDoença de Parkinson\nExclusion criteria:\nParkinson disease\n"
    "Study type:\nInterventional\nStudy design:\nRandomized parallel trial\n"
    "Target sample size:\n96\n"
    "Desfechos primários:\nQuedas em 6 meses\nPrimary outcomes:\nFalls over 6 months\n"
    "Desfechos secundários:\nEquilíbrio\nSecondary outcomes:\nBerg balance scale score at week 12\n"
)


def test_an_item_in_two_languages_is_read_once_in_english(tmp_path: Path, run: Context) -> None:
    rows = _rows(tmp_path, TWO_LANGUAGES, run)
    assert {(n, r) for n, r, _ in _kind(rows, "endpoint")} == {
        ("falls over 6 months", "primary"), ("berg balance scale score at week 12", "secondary")}
    assert {n for n, *_ in _kind(rows, "condition")} == {"chronic dizziness"}
    assert {v for *_, v in _kind(rows, "sample_size")} == {"96"}
    assert {n for n, *_ in _kind(rows, "design")} == {"rct"}


def test_a_combination_dose_written_as_one_is_each_drug_s(tmp_path: Path, run: Context) -> None:
    page = ("Public title: Two schedules of lopinavir/ritonavir in adults with HIV\n"
            "Scientific title: Once versus twice daily lopinavir/ritonavir in adults with HIV, a randomised trial\n"
            "Health condition(s) or problem(s) studied: HIV infection\n"
            "Study type: Interventional\n"
            "Intervention(s): Lopinavir/ritonavir 800/200 mg once daily or 400/100 mg twice daily\n"
            "Primary outcome(s): Viral load below 50 copies/mL at week 48\n"
            "Target sample size: 200\n")
    rows = _rows(tmp_path, page, run)
    assert {(n, v) for n, _, v in _kind(rows, "dose")} >= {("lopinavir", "800"), ("ritonavir", "200")}


def test_a_page_in_spanish_only(tmp_path: Path, run: Context) -> None:
    page = ("Título público: Música durante la colonoscopia\n"
            "Título científico: Música grabada frente a silencio durante la colonoscopia: ensayo clínico aleatorizado\n"
            "Enfermedad o condición de salud: Ansiedad ante procedimientos\n"
            "Tipo de estudio: Intervencional\n"
            "Diseño: Aleatorizado, grupos paralelos\n"
            "Criterios de exclusión: Hipoacusia\n"
            "Desenlace primario: Ansiedad al terminar el procedimiento\n"
            "Desenlaces secundarios: Dolor durante el procedimiento; satisfacción del paciente\n"
            "Tamaño de la muestra: 150\n")
    rows = _rows(tmp_path, page, run)
    assert {(n, r) for n, r, _ in _kind(rows, "endpoint")} == {
        ("ansiedad al terminar el procedimiento", "primary"), ("dolor durante el procedimiento", "secondary"),
        ("satisfacción del paciente", "secondary")}
    assert {v for *_, v in _kind(rows, "sample_size")} == {"150"}
    assert {n for n, *_ in _kind(rows, "design")} == {"rct"}


def test_a_semicolon_before_a_description_keeps_the_outcome_whole(tmp_path: Path, run: Context) -> None:
    page = BLOCKS.replace("Severe exacerbations", "Severe exacerbations; defined as oral steroids for 3 days")
    rows = _rows(tmp_path, page, run)
    assert ("severe exacerbations; defined as oral steroids for 3 days", "secondary") in \
        {(n, r) for n, r, _ in _kind(rows, "endpoint")}


def test_a_protocol_paper_is_no_registry_page() -> None:
    paper = ("Methods\nStudy design\nThis was a randomised trial.\nPrimary outcome\nPain at 12 weeks.\n"
             "Sample size\nWe needed 120 patients.\nInclusion criteria\nAdults.\nInterventions\nYoga.\n"
             "Results\nPain fell by 2.1 points.\n")
    assert not layout_of(paper)


_LINES = st.lists(st.sampled_from([
    "Public title: A", "Primary outcome(s):", " 1. Pain [week 4]", "Target size\t40", "Arm 1", "INTERVENTIONS",
    "Outcome Name\tTime Points", "Pain\tWeek 4", "Type of outcome", "Outcome", "Timepoint(s)", "Primary Outcome",
    "", "2", "Group size", "30", "Sample Name:\tBlood\tTissue:\tPlasma", "Randomised: Yes", "Condition: C22.0 X",
]), max_size=30)


@given(_LINES)
def test_every_value_is_a_stretch_of_the_page(lines: list[str]) -> None:
    text = "\n".join(lines)
    for en in entries(text):
        fields = [en.value] if en.value else []
        fields += [f for row in en.rows for _, f in row]
        assert all(text[f.start:f.end] == f.value for f in fields)
    record, _ = read_record(text)
    for o in record.outcomes:
        assert text[o.measure.start:o.measure.end] == o.measure.value
