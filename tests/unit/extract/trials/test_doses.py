"""Doses and regimens: drug, value and unit in their written forms; specifications are no doses."""
import csv
from pathlib import Path

import pytest

from evkg.extract.pipeline import extract_facts
from evkg.extract.readers import read_document
from evkg.extract.readers.plain import read_plain
from evkg.extract.text.context import Context
from evkg.extract.text.numbers import unit_at
from helpers.corpus import ROOT

SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
GOLD = ROOT.parent / "shared" / "gold" / "seeds"
RUN = Context()


def facts(text: str, kind: str = "dose") -> list:
    return [f for f in extract_facts(read_plain(Path("fixture.txt"), text), RUN, ["doses"]) if f.kind == kind]


def rows(fs):
    return [(f.name, f.value, f.unit) for f in fs]


@pytest.mark.parametrize("written, unit", [
    (" mg·m-2", "mg/m2"), (" g·m-2", "g/m2"), (" mg/m²", "mg/m2"), (" mg/m2", "mg/m2"), ("mg", "mg"),
    (" mg/kg", "mg/kg"), (" mL", "mL"), ("\\text{ mg}/\\text{m}^2$", "mg/m2")])
def test_written_dose_units_normalize(written, unit):
    from evkg.core.fold import fold
    assert unit_at(fold(written), 0, "dose")[1] == unit


def test_units_that_are_concentrations_or_packages_are_not_dose_units():
    assert unit_at("g·l-1", 0, "dose") is None
    assert unit_at("mg/支", 0, "dose") is None


def test_chinese_regimen_with_routes_durations_and_schedule():
    fs = facts("术后经导管持续灌注改良的FOLFOX7方案——奥沙利铂 130 mg·m-2，动脉滴注 2 h；"
               "氟尿嘧啶 2.4 g·m-2，持续动脉滴注 46 h；间隔 3~4周重复 1 次。")
    assert rows(fs) == [("oxaliplatin", 130, "mg/m2"), ("fluorouracil", 2.4, "g/m2")]
    ox, fu = fs
    assert ox.detail("route") == "intra-arterial infusion" and ox.detail("duration") == "2 h"
    assert fu.detail("route") == "continuous intra-arterial infusion" and fu.detail("duration") == "46 h"
    assert fu.detail("schedule") == "间隔 3~4周" and fu.detail("regimen") == "mFOLFOX7"
    reg = facts("术后经导管持续灌注改良的FOLFOX7方案——奥沙利铂 130 mg·m-2。", "regimen")
    assert [r.name for r in reg] == ["mFOLFOX7"]
    assert reg[0].detail("components") == "oxaliplatin, leucovorin, fluorouracil"
    assert reg[0].detail("doses") == "oxaliplatin 130 mg/m2"


def test_product_specifications_are_not_doses():
    fs = facts("奥沙利铂（某制药公司，国药准字 H20000000，规格：10 mL∶50 mg）130 mg·m-2；"
               "左亚叶酸钙（规格：50 mg/支）200 mg·m-2。")
    assert rows(fs) == [("oxaliplatin", 130, "mg/m2"), ("levoleucovorin", 200, "mg/m2")]


def test_dose_before_its_drug_spaced_thousands_and_latex():
    fs = facts("TACE组(40 mg 表柔比星, 30 mg 洛铂,碘油)。HAIC组(奥沙利铂 $130\\text{ mg}/\\text{m}^2$,"
               "氟尿嘧啶,400 mg/m² 经动脉团注,随后 2 400 mg/m² 持续动脉输注),每 3 周进行 1 次。")
    assert rows(fs) == [("epirubicin", 40, "mg"), ("lobaplatin", 30, "mg"), ("oxaliplatin", 130, "mg/m2"),
                        ("fluorouracil", 400, "mg/m2"), ("fluorouracil", 2400, "mg/m2")]
    assert fs[0].arm == "TACE组"
    assert fs[3].detail("route") == "intra-arterial bolus"
    assert fs[4].detail("schedule") == "每 3 周进行 1 次"


def test_english_flat_and_weight_based_doses_with_schedule():
    fs = facts("Patients received 100mg irinotecan, and sorafenib 400 mg twice daily. "
               "Oxaliplatin 85 mg/m2 was given as an intra-arterial infusion q3w for 6 cycles. Bevacizumab 10 mg/kg.")
    assert rows(fs) == [("irinotecan", 100, "mg"), ("sorafenib", 400, "mg"), ("oxaliplatin", 85, "mg/m2"),
                        ("bevacizumab", 10, "mg/kg")]
    assert fs[1].detail("schedule") == "twice daily"
    assert fs[2].detail("schedule") == "q3w" and fs[2].detail("cycles") == "6 cycles"
    assert fs[2].detail("route") == "intra-arterial infusion"


def test_solvent_volumes_ranges_and_lab_values_are_not_doses():
    assert facts("顺铂(20 mg/m²)溶于 100 mL 生理盐水中，先注入 5~10 mL 碘油，血红蛋白≥100 g·L-1。") and \
        rows(facts("顺铂(20 mg/m²)溶于 100 mL 生理盐水中，先注入 5~10 mL 碘油，血红蛋白≥100 g·L-1。")) == [
            ("cisplatin", 20, "mg/m2")]
    assert rows(facts("给予利多卡因 5 mL∶0.1 g 注射。")) == [("lidocaine", 0.1, "g")]


def test_review_doses_carry_the_cited_reference_and_a_weekly_schedule():
    fs = facts("Wang 等［12］评价了 L-OHP（100 mg·m-2，3周）HAIC的疗效。")
    assert rows(fs) == [("oxaliplatin", 100, "mg/m2")]
    assert fs[0].ref == "12" and fs[0].detail("schedule") == "3周"


def _mg(value, unit):
    return round(float(value) * (1000 if unit.startswith("g") else 1), 3), "m2" if "m2" in unit else unit


@pytest.mark.parametrize("prefix", ["003", "004"])
def test_seed_doses_match_the_gold(prefix):
    fs = [f for f in extract_facts(read_document(next(SEEDS.glob(prefix + "_*.txt"))), RUN, ["doses"])
          if f.kind == "dose"]
    with next(GOLD.glob(prefix + "_*.csv")).open(encoding="utf-8-sig", newline="") as fh:
        gold = {(r["name"], *_mg(r["value"], r["unit"])) for r in csv.DictReader(fh) if r["kind"] == "dose"}
    got = {(f.name, *_mg(f.value, f.unit)) for f in fs}
    tp = len(got & gold)
    assert tp / len(got) >= 0.9 and tp / len(gold) >= 0.9, (sorted(gold - got), sorted(got - gold))


def test_a_dose_range_is_its_upper_bound_with_both_bounds_kept():
    for text in ("TACE 组将表柔比星 20~40 mg 与碘化油混合后栓塞。",
                 "The emulsion held 20-40 mg epirubicin and lipiodol."):
        (f,) = facts(text)
        assert (f.name, f.value, f.unit, f.detail("range_low"), f.detail("range_high")) == (
            "epirubicin", 40, "mg", "20", "40")
        assert "20" in f.provenance.quote and "40 mg" in f.provenance.quote


def test_a_range_of_volumes_is_no_dose():
    assert facts("栓塞时注入碘化油 5~15 mL，再以明胶海绵加强栓塞。") == []
    assert facts("An emulsion of 5-15 mL lipiodol was injected.") == []
