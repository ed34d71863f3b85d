"""Papers outside the oncology vocabulary (invented, tests/fixtures/papers/, gold beside them): who was
studied (conditions in the open vocabulary, never what only the exclusion criteria name), the design and
the N, as the gold lists them."""
import csv

import pytest

from helpers.corpus import FIXTURES
from helpers.reading import facts_by_stem

PAPERS = FIXTURES / "papers"


@pytest.fixture(scope="module")
def facts():
    return facts_by_stem(PAPERS)


def gold(doc, kind):
    with (PAPERS / "gold" / f"{doc}.csv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["kind"] == kind]
    return {float(r["value"]) for r in rows} if kind == "sample_size" else {r["name"] for r in rows}


def got(fs, kind):
    return {f.value for f in fs if f.kind == kind} if kind == "sample_size" else {f.name for f in fs if f.kind == kind}


@pytest.mark.parametrize("doc", ["en_copd_rehab", "zh_stroke_rehab", "zh_esophageal_single_arm"])
def test_conditions_as_the_gold_lists_them(facts, doc):
    assert got(facts[doc], "condition") == gold(doc, "condition")


def test_exclusion_only_conditions_are_not_read(facts):
    assert "HBV" not in got(facts["en_gastric_noninferiority"], "condition")
    assert "HBV" not in got(facts["zh_esophageal_single_arm"], "condition")
    assert "diabetes" not in got(facts["en_gastric_noninferiority"], "condition")


@pytest.mark.parametrize("doc", ["en_copd_rehab", "en_gastric_noninferiority", "zh_stroke_rehab",
                                 "zh_esophageal_single_arm"])
def test_design(facts, doc):
    assert got(facts[doc], "design") == gold(doc, "design")


@pytest.mark.parametrize("doc", ["en_copd_rehab", "zh_stroke_rehab", "zh_esophageal_single_arm"])
def test_sample_sizes(facts, doc):
    assert got(facts[doc], "sample_size") == gold(doc, "sample_size")


def test_a_second_analysed_set_named_as_such(facts):
    assert got(facts["en_gastric_noninferiority"], "sample_size") == gold("en_gastric_noninferiority", "sample_size")
