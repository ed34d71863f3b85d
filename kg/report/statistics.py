"""What kind of number a result is: its statistic (the effect estimate it names, else the
extractor's evkg:statistic, else read from its unit and quote), and for that statistic the FHIR
statistic-type code and the RevMan data type (ontology/statistics.tsv, one row per statistic).

Every result gets one: a number nothing more is known of is `value` (FHIR `descriptive`), so the
FHIR Bundle never has an uncoded statisticType and the Data-and-analyses sheet always has a type.
"""
from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from evkg.core.fold import fold
from evkg.core.namespace import ONTOLOGY_DIR
from evkg.extract.vocabulary.cues import cue_pattern

FHIR_STATISTIC_TYPE = "http://terminology.hl7.org/CodeSystem/statistic-type"


@dataclass(frozen=True)
class StatisticType:
    statistic: str    # evkg's name: HR, OR, mean, median, proportion, value ...
    code: str         # FHIR statistic-type code
    display: str
    data_type: str    # RevMan: Dichotomous, Continuous, Generic inverse variance, Other data


@cache
def statistic_types() -> dict[str, StatisticType]:
    with (ONTOLOGY_DIR / "statistics.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))[1:]
    return {r[0]: StatisticType(*r[:4]) for r in rows if r and r[0]}


def effects() -> frozenset[str]:
    """The effect estimates (HR, OR, RR, MD ...): the table's names in capitals."""
    return frozenset(s for s in statistic_types() if s.isupper())


def effect_of(row: Mapping[str, Any]) -> str:
    """The effect estimate a result is, if any: its evkg:effect, else its unit when the unit names
    one (the evidence table writes `HR` as the unit of a hazard ratio)."""
    effect, unit = str(row.get("effect") or ""), str(row.get("unit") or "")
    return effect or (unit if unit in effects() else "")


def _is_median(row: Mapping[str, Any]) -> bool:
    text = fold(f"{row.get('quote') or ''} {row.get('measure') or ''}")
    return bool(cue_pattern("median_words").search(text))


def statistic_of(row: Mapping[str, Any]) -> str:
    """The statistic of a result row (a key of ontology/statistics.tsv)."""
    effect = effect_of(row)
    if effect:
        return effect if effect in statistic_types() else "ratio"
    stat = str(row.get("statistic") or "").strip().lower()
    if stat in ("", "value"):
        # A percentage is a proportion even beside a median (`DCR 100%, median PFS 16 months`).
        if row.get("unit") == "%" or row.get("n") not in (None, ""):
            return "proportion"
        if _is_median(row):
            return "median"
    return stat if stat in statistic_types() else "value"


def statistic_type(row: Mapping[str, Any]) -> StatisticType:
    return statistic_types()[statistic_of(row)]
