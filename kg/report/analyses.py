"""The Data-and-analyses view: one row per outcome x comparison x time point of each study, each
arm's numbers side by side and the effect with its CI and p, in the columns a reviewer types into
RevMan (Experimental events / total, mean / SD / total per group, effect estimate, CI, P).

Made from the results of report/rows.py (`result_rows`, mentions grouped by evkg:result):
- A study is a document's own study, a cited reference, or a trial the text names.
- An outcome is a result's code (or measure) with its time point and response criteria.
- Arms are the graph's study arm nodes (evkg:ofArm / evkg:comparatorArm), so two spellings the
  graph folds to one arm are one arm here, shown by the node's label.
- A comparison is a pair of arms: one a result names with its comparator, else the arms an
  outcome reports numbers for (two arms: that pair; more: each against the control, else against
  the first). Which is Experimental: the arm an effect estimate names, else the one that is not a
  control (ontology/cues/control_arms.tsv), else the arm a result names before its comparator,
  else the arm the study introduces first. One orientation per pair and study.
- An effect estimate without arms belongs to the outcome's one comparison (or the study's one);
  a number without an arm belongs to the study's one arm, else to a row of its own.
- Each arm's number goes to the column its statistic says (report/statistics.py): events (n of a
  proportion, or a count), mean with SD, median, or value; total is the denominator printed with
  it, else the arm's N. A second, different number for a filled cell opens another row.
An effect estimate's result row gets `comparison_size`: both arms' totals, when the row has them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from evkg.core.fold import fold
from evkg.extract.text.arms import arm_key
from evkg.extract.vocabulary.cues import cue_pattern
from evkg.kg.report.rows import as_numbers, result_rows
from evkg.kg.report.statistics import effect_of, statistic_of, statistic_types

SIDES = ("Experimental", "Control")
ARM_FIELDS = ("events", "mean", "SD", "total", "median", "value")
DA_COLUMNS = (("Study", "Doc", "Outcome", "Code", "Time point", "Criteria", "Data type")
              + tuple(c for side in SIDES for c in (side, *(f"{side} {f}" for f in ARM_FIELDS)))
              + ("Unit", "Effect measure", "Effect estimate", "CI lower", "CI upper", "CI level", "P", "Quotes"))
DA_NUMBERS = frozenset(c for c in DA_COLUMNS if c.split(" ", 1)[-1] in ARM_FIELDS) \
    | {"Effect estimate", "CI lower", "CI upper", "CI level", "P"}
_EFFECT_FIELDS = ("Effect measure", "Effect estimate", "CI lower", "CI upper", "CI level", "P")
_NO_ARM = ""


@dataclass
class _Study:
    label: str
    arm_order: dict[str, int] = field(default_factory=dict)       # arm id -> first offset
    arm_labels: dict[str, str] = field(default_factory=dict)
    arm_sizes: dict[str, Any] = field(default_factory=dict)
    pairs: dict[frozenset, tuple[str, str]] = field(default_factory=dict)   # oriented


def _arm_id(r: dict[str, Any], comparator: bool = False) -> str:
    node, name = ("comparator_node", "comparator") if comparator else ("arm_node", "arm")
    if r.get(node):
        return r[node]
    return f"{r['doc']}|{r['ref']}|{arm_key(r[name])}" if r.get(name) else _NO_ARM


def _study_key(r: dict[str, Any]) -> tuple[str, str, str]:
    return r["doc"], r["ref"] or "", r["source_name"] or ""


@cache
def _endpoint_labels() -> dict[str, str]:
    from evkg.extract.vocabulary.lexicon import Lexicon
    return {e.code: e.label for e in Lexicon.load(dictionary=False).entries if e.kind == "endpoint"}


def _is_control(label: str) -> bool:
    return bool(cue_pattern("control_arms").search(fold(label)))


def _studies(facts: list[dict[str, Any]], results: list[dict[str, Any]]) -> dict[tuple, _Study]:
    """Each study's arms (order of first mention, label, N) from its arm facts and results."""
    studies: dict[tuple, _Study] = {}
    for r in facts:
        if r["kind"] not in ("arm", "outcome"):
            continue
        s = studies.setdefault(_study_key(r), _Study(r["study"]))
        for comparator in (False, True):
            arm = _arm_id(r, comparator)
            if arm == _NO_ARM or (r["kind"] == "arm" and comparator):
                continue
            s.arm_order.setdefault(arm, int(r["start"]))
            label = r["comparator_label" if comparator else "arm_label"] or r["comparator" if comparator else "arm"]
            s.arm_labels.setdefault(arm, label or (r["name"] if r["kind"] == "arm" else ""))
            if r["kind"] == "arm" and (r["total"] or r["value"]):
                s.arm_sizes.setdefault(arm, as_numbers({"n": r["total"] or r["value"]}, ("n",))["n"])
    for r in results:
        s = studies[_study_key(r)]
        for comparator, size in ((False, r["arm_size"]), (True, r["comparator_size"])):
            arm = _arm_id(r, comparator)
            if arm != _NO_ARM and size not in (None, ""):
                s.arm_sizes.setdefault(arm, size)
    return studies


def _stat(r: dict[str, Any]) -> str:
    """statistic_of, once per result."""
    if "_statistic" not in r:
        r["_statistic"] = statistic_of(r)
    return r["_statistic"]


def _named(r: dict[str, Any]) -> tuple[str, str]:
    return _arm_id(r), _arm_id(r, True)


def _orient(s: _Study, pair: frozenset, results: list[dict[str, Any]]) -> tuple[str, str]:
    """(experimental, control) for a pair of a study's arms (see the module's docstring)."""
    a, b = sorted(pair)
    about = [r for r in results if set(_named(r)) == {a, b}]
    effects = [_named(r) for r in about if effect_of(r)]
    if effects:
        return effects[0]
    control = [x for x in (a, b) if _is_control(s.arm_labels.get(x, ""))]
    if len(control) == 1:
        return (b, a) if control[0] == a else (a, b)
    if about:
        return _named(about[0])
    return (a, b) if s.arm_order.get(a, 0) <= s.arm_order.get(b, 0) else (b, a)


def _implicit_pairs(s: _Study, arms: list[str]) -> list[frozenset]:
    """The pairs an outcome's arms make when no result names a comparator."""
    arms = sorted(arms, key=lambda a: s.arm_order.get(a, 0))
    if len(arms) < 2:
        return []
    controls = [a for a in arms if _is_control(s.arm_labels.get(a, ""))]
    reference = controls[0] if len(controls) == 1 else arms[0]
    return [frozenset((a, reference)) for a in arms if a != reference]


def _comparisons(s: _Study, group: list[dict[str, Any]]) -> list[frozenset]:
    explicit = list(dict.fromkeys(frozenset((_arm_id(r), _arm_id(r, True))) for r in group
                                  if _arm_id(r) and _arm_id(r, True) and _arm_id(r) != _arm_id(r, True)))
    paired = {a for p in explicit for a in p}
    alone = list(dict.fromkeys(_arm_id(r) for r in group if _arm_id(r) and _arm_id(r) not in paired
                               and not effect_of(r)))
    return explicit + _implicit_pairs(s, alone)


def _outcome_label(r: dict[str, Any]) -> tuple[str, str]:
    """(outcome as a reviewer reads it, its code): the lexicon's label of a code, else the measure as written."""
    code = r["name"] or ""
    label = _endpoint_labels().get(code)
    if label:
        return label, code
    measure = (r["measure"] or code).strip().splitlines()
    return (measure[0] if measure else code), ""


def _fields(r: dict[str, Any], size: Any, median_units: set[str]) -> tuple[str, dict[str, Any]]:
    """(slot, cells) of one arm's result: the columns its statistic fills. A plain value in a unit
    another arm's median of the outcome has is a median too (`median PFS 16 vs 3 months`)."""
    stat, total = _stat(r), r["total"] if r["total"] not in (None, "") else size
    if stat == "value" and r["unit"] and r["unit"] in median_units:
        stat = "median"
    if r["n"] not in (None, ""):
        return "events", {"events": r["n"], "total": total}
    if stat == "count":
        return "events", {"events": r["value"], "total": size}
    if stat == "mean":
        return "mean", {"mean": r["value"], "SD": r["sd"], "total": total}
    if stat == "median":
        return "median", {"median": r["value"], "total": total}
    return "value", {"value": r["value"], "total": total}


def _effect_cells(r: dict[str, Any]) -> dict[str, Any]:
    return {"Effect measure": effect_of(r) or _stat(r), "Effect estimate": r["value"],
            "CI lower": r["ci_low"], "CI upper": r["ci_high"], "CI level": r["ci_level"], "P": r["p_value"]}


class _Rows:
    """The rows of one outcome x comparison: cells go to the first row where none of them clashes
    with a different value; P and Unit only fill a cell still empty (an arm's p is the comparison's)."""
    SOFT = ("P", "Unit")

    def __init__(self, base: dict[str, Any]):
        self.base = base
        self.rows: list[dict[str, Any]] = []

    def place(self, cells: dict[str, Any], r: dict[str, Any]) -> None:
        cells = {k: v for k, v in cells.items() if v not in (None, "")}
        hard = {k: v for k, v in cells.items() if k not in self.SOFT}
        row = next((row for row in self.rows if all(row.get(k) in (None, "", v) for k, v in hard.items())), None)
        if row is None:
            row = dict(self.base, _results=[])
            self.rows.append(row)
        for k, v in cells.items():
            if k in hard or row.get(k) in (None, ""):
                row[k] = v
        row["_results"].append(r)


def _arm_cells(side: str, s: _Study, arm: str, r: dict[str, Any], median_units: set[str]) -> dict[str, Any]:
    slot, cells = _fields(r, s.arm_sizes.get(arm), median_units)
    out = {f"{side} {k}": v for k, v in cells.items()}
    out["P"] = r["p_value"]
    if slot != "events":
        out["Unit"] = r["unit"]
    return out


def data_and_analyses(facts: list[dict[str, Any]], results: list[dict[str, Any]] | None = None
                      ) -> list[dict[str, Any]]:
    """The Data-and-analyses rows of the facts of report/rows.py (outcomes and arms at least);
    `results`: their `result_rows`, when already made."""
    results = result_rows(facts) if results is None else results
    studies = _studies(facts, results)
    groups: dict[tuple, dict[tuple, list[dict[str, Any]]]] = {}   # study -> outcome -> results
    for r in results:
        groups.setdefault(_study_key(r), {}).setdefault((r["name"], r["timeframe"], r["criteria"]), []).append(r)
    out = []
    for key, outcomes in groups.items():
        s = studies[key]
        pairs = {p for g in outcomes.values() for p in _comparisons(s, g)}
        study_results = [r for g in outcomes.values() for r in g]
        s.pairs = {p: _orient(s, p, sorted(study_results, key=lambda r: r["start"])) for p in pairs}
        for group in outcomes.values():
            out.extend(_finish(row) for row in _group_rows(s, group))
    return out


def _effect_home(s: _Study, pairs: list[tuple[str, str]], arm: str, comparator: str) -> tuple[str, str] | None:
    """The comparison an effect estimate is about: the arms it names, else the outcome's one
    comparison (with its arm, if it names one), else the study's one."""
    if arm and comparator:
        return s.pairs.get(frozenset((arm, comparator)))
    candidates = [p for p in pairs if arm in p] if arm else pairs
    if len(candidates) == 1:
        return candidates[0]
    if not pairs and len(s.pairs) == 1:
        return next(iter(s.pairs.values()))
    return None


def _group_rows(s: _Study, group: list[dict[str, Any]]) -> list[dict[str, Any]]:
    first = group[0]
    outcome, code = _outcome_label(first)
    base = {"Study": first["study"], "Doc": first["doc"], "Outcome": outcome, "Code": code,
            "Time point": first["timeframe"], "Criteria": first["criteria"]}
    pairs = [s.pairs[p] for p in _comparisons(s, group) if p in s.pairs]
    single = next(iter(s.arm_order)) if len(s.arm_order) == 1 else _NO_ARM
    medians = {r["unit"] for r in group if _stat(r) == "median"}
    tables: dict[tuple[str, str], _Rows] = {}

    def table(exp: str, ctrl: str) -> _Rows:
        if (exp, ctrl) not in tables:
            names = {"Experimental": s.arm_labels.get(exp, ""), "Control": s.arm_labels.get(ctrl, "")}
            tables[(exp, ctrl)] = _Rows(base | names)
        return tables[(exp, ctrl)]

    for p in pairs:
        table(*p)
    for r in group:
        arm, comparator = _arm_id(r) or single, _arm_id(r, True)
        if effect_of(r) or _stat(r) == "difference":
            table(*(_effect_home(s, pairs, arm, comparator) or (_NO_ARM, _NO_ARM))).place(_effect_cells(r), r)
            continue
        for exp, ctrl in [p for p in pairs if arm in p] or [(arm, _NO_ARM)]:
            table(exp, ctrl).place(_arm_cells("Experimental" if arm == exp else "Control", s, arm, r, medians), r)
    return [row for t in tables.values() for row in t.rows]


def _data_type(row: dict[str, Any], results: list[dict[str, Any]]) -> str:
    """RevMan's data type of a row: dichotomous with events, continuous with means, else what the
    arms' statistics are (a proportion is dichotomous), else what the effect estimate is."""
    if any(row.get(f"{side} events") is not None for side in SIDES):
        return "Dichotomous"
    if any(row.get(f"{side} mean") is not None for side in SIDES):
        return "Continuous"
    types = statistic_types()
    arms = [types[_stat(r)].data_type for r in results if not effect_of(r)]
    effects = [types[_stat(r)].data_type for r in results if effect_of(r)]
    return next((t for t in arms if t in ("Dichotomous", "Continuous")), None) or (effects or ["Other data"])[0]


def _finish(row: dict[str, Any]) -> dict[str, Any]:
    results = row.pop("_results")
    sizes = [row.get(f"{side} total") for side in SIDES]
    if all(isinstance(n, (int, float)) for n in sizes):
        for r in results:   # an effect between the two arms is of both arms' patients (FHIR sampleSize)
            if effect_of(r):
                r["comparison_size"] = sum(sizes)
    row["Data type"] = _data_type(row, results)
    row["Quotes"] = ", ".join(dict.fromkeys(loc for r in results for loc in r["locations"].split(", ")))
    return as_numbers({c: row.get(c) for c in DA_COLUMNS}, DA_NUMBERS)
