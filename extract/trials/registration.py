"""The `registration_*` plugins: facts of trial registrations (doctype "registration"), read field by
field from the trial record.

The flat layout, ClinicalTrials.gov JSON and XML all parse into one `TrialRecord`
(core/records.py), handed over by the readers as `Document.record`, so these plugins give the same facts for the
same trial whichever file it came in. Eligibility criteria are not read: the
conditions and treatments they name are not what the trial studies.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from evkg.core.fold import fold, fold_text
from evkg.core.model import Document, Fact
from evkg.core.records import Field, ResultMeasure, TrialRecord, upper_code
from evkg.core.text import HAN_CHAR
from evkg.extract.plugin import Plugin
from evkg.extract.text.context import DocContext
from evkg.extract.text.design import design_cues
from evkg.extract.text.numbers import NUM, unit_at
from evkg.extract.text.views import View
from evkg.extract.trials import registration_text as trial_text
from evkg.extract.trials.entities import ENTITY_KINDS, negated
from evkg.extract.vocabulary.cues import cue_table
from evkg.extract.vocabulary.lexicon import Mention

# Designs a registration can have, most specific first: `prospective, randomized` is an RCT.
DESIGN_PRIORITY = ("rct", "nonrandomized_trial", "registry", "prospective_cohort", "retrospective_cohort")
# Intervention types whose unlisted single-word name is a drug's INN.
_DRUG_TYPES = ("DRUG", "BIOLOGICAL")
_INN = re.compile(r"[A-Za-z][a-z]{3,}(?:-[a-z]+)?")
_NOT_A_DRUG = {"placebo", "saline", "vehicle", "control"}
# A drug carried by microspheres or beads; with chemoembolization in the same sentence it is DEB-TACE.
_LOADED = re.compile(r"\w*(?:spheres?|beads?)\b[^.;]{0,40}?\b(?:pre-?)?loaded\b"
                     r"|\b\w+[- ](?:loaded|eluting)\s+(?:[\w-]+\s+){0,2}?\w*(?:spheres?|beads?)\b", re.I)
_CHEMOEMBOLIZATION = ("TACE",)  # conventional TACE carries lipiodol, not beads
_DOSE_AFTER = re.compile(rf"\s*(?:\(|,|:)?\s*(?:at (?:a |the )?dose of\s+|at least\s+|at\s+|dosed at\s+)?({NUM})")
_DOSE_GAP = re.compile(r"\s*(?:of\s+)?$")
# `Diabetes Mellitus, Type 2`: a head, one comma, and a qualifier of at most three words.
_INVERTED = re.compile(r"([^,]+),\s*((?:[\w-]+\s?){1,3})")
_ENROLMENT_STATUS = {"ESTIMATED": "planned", "ANTICIPATED": "planned", "ACTUAL": "actual"}


class _RegistrationPlugin(Plugin):
    """A plugin that reads only registrations, from the trial record their reader handed over."""
    doctypes = ("registration",)
    requires = ("record", "mentions")

    def extract(self, doc: Document, ctx: DocContext) -> Iterable[Fact]:
        return self.read(ctx, doc.record)

    def read(self, ctx: DocContext, rec: TrialRecord) -> Iterable[Fact]:
        raise NotImplementedError


def _inside(m: Mention | tuple[int, int], f: Field) -> bool:
    start, end = (m.start, m.end) if isinstance(m, Mention) else m
    return f.start <= start and end <= f.end


def _mentions_in(ctx: DocContext, f: Field, *kinds: str) -> list[Mention]:
    return [m for m in _coded(ctx, ctx.mentions_of(*kinds)) if _inside(m, f)]


def _coded(ctx: DocContext, mentions: list[Mention]) -> list[Mention]:
    """The mentions of the coded vocabulary: a registration names a condition outside it by its registered
    name (the open table gives only a whole registered name its English name, `慢性阻塞性肺疾病`)."""
    return [m for m in mentions if not ctx.lexicon.is_open(m.kind, m.code)]


class RegistrationEntities(_RegistrationPlugin):
    """Conditions, procedures, drugs and devices named in the registration's narrative fields."""
    name = "registration_entities"
    version = "3"
    assigns = ("condition", "procedure", "drug", "device")

    def read(self, ctx: DocContext, rec: TrialRecord) -> Iterable[Fact]:
        fields = rec.narrative()
        excluded = trial_text.exclusions(ctx.doc.text, fields)
        seen = set()
        for m in _curated(ctx, _coded(ctx, ctx.mentions_of(*ENTITY_KINDS))):
            if (m.kind, m.code) in seen or not any(_inside(m, f) for f in fields) or negated(ctx.doc.text, m.start) \
                    or any(s <= m.start < e for s, e in excluded):
                continue
            seen.add((m.kind, m.code))
            yield self.fact(ctx, m.kind, m.start, m.end, name=m.code)
        if ("procedure", "DEB-TACE") not in seen:
            yield from self._loaded_beads(ctx, fields)
        for f in rec.conditions:
            if _mentions_in(ctx, f, *ENTITY_KINDS):
                continue
            name = condition_name(f)
            # The turned name may be the vocabulary's (`Carcinoma, Hepatocellular`).
            known = ctx.lexicon.find(name, fold_text(name), ("condition",))
            name = known[0].code if len(known) == 1 and known[0].end - known[0].start == len(name) else name
            if ("condition", name) not in seen:
                seen.add(("condition", name))
                yield self.fact(ctx, "condition", f.start, f.end, name=name)
        for i in rec.interventions:
            if i.type in _DRUG_TYPES and _INN.fullmatch(i.name.value) and i.name.value.lower() not in _NOT_A_DRUG \
                    and not _mentions_in(ctx, i.name, *ENTITY_KINDS) and ("drug", i.name.value.lower()) not in seen:
                seen.add(("drug", i.name.value.lower()))
                yield self.fact(ctx, "drug", i.name.start, i.name.end, name=i.name.value.lower())

    def _loaded_beads(self, ctx: DocContext, fields: tuple[Field, ...]) -> Iterable[Fact]:
        """DEB-TACE: a drug loaded into microspheres or beads, delivered by chemoembolization."""
        text = ctx.doc.text
        for f in fields:
            for s, e in trial_text.sentences(text, f):
                cue = _LOADED.search(text, s, e)
                inside = [m for m in ctx.mentions_of("procedure", "drug") if s <= m.start and m.end <= e]
                tace = [m for m in inside if m.kind == "procedure" and m.code in _CHEMOEMBOLIZATION]
                if cue and tace and any(m.kind == "drug" for m in inside):
                    start, end = min(cue.start(), tace[0].start), max(cue.end(), tace[0].end)
                    yield self.fact(ctx, "procedure", start, end, name="DEB-TACE")
                    return


def _curated(ctx: DocContext, mentions: list[Mention]) -> Iterable[Mention]:
    """The mentions, a drug class of the dictionary (`PD-1 inhibitor`: immune checkpoint inhibitors, no
    DrugBank id, no row of our tables) read as the vocabulary's terms inside it (`PD-1`: IMMUNOTHERAPY)."""
    text = ctx.doc.text
    for m in mentions:
        inside = []
        if m.kind == "drug" and not ctx.lexicon.entry("drug", m.code) \
                and "drugbank_id" not in ctx.lexicon.grounding("drug", m.code):
            written = text[m.start:m.end]
            inside = ctx.lexicon.find(written, fold_text(written), tuple(k for k in ENTITY_KINDS if k != "drug"))
        if not inside:
            yield m
        for x in inside:
            yield Mention(x.kind, x.code, m.start + x.start, m.start + x.end)


class RegistrationDesign(_RegistrationPlugin):
    """Design (with phase, masking, allocation in details) and enrolment."""
    name = "registration_design"
    version = "3"
    assigns = ("design", "sample_size")

    def read(self, ctx: DocContext, rec: TrialRecord) -> Iterable[Fact]:
        prose = [f for f in (rec.title, rec.official_title, rec.summary, rec.description) if f]
        design = self._registered_design(rec) or self._design_in_prose(ctx, rec)
        if design:
            code, f = design
            yield self.fact(ctx, "design", f.start, f.end, name=code,
                            details=self._design_details(rec, ctx.doc.text, prose))
        yield from self._enrolment(ctx, rec, prose)

    @staticmethod
    def _registered_design(rec: TrialRecord) -> tuple[str, Field] | None:
        d = rec.design
        study = upper_code(d.study_type.value) if d.study_type else ""
        allocation = upper_code(d.allocation.value) if d.allocation else ""
        if allocation == "RANDOMIZED":
            return "rct", d.allocation
        if allocation == "NON_RANDOMIZED" or (study == "INTERVENTIONAL" and d.allocation):
            return "nonrandomized_trial", d.allocation
        if d.model and upper_code(d.model.value) == "SINGLE_GROUP":
            return "nonrandomized_trial", d.model
        if study == "INTERVENTIONAL":
            return "nonrandomized_trial", d.study_type
        if study.startswith("OBSERVATIONAL"):
            perspective = upper_code(d.time_perspective.value) if d.time_perspective else ""
            if d.patient_registry or "REGISTRY" in study:
                return "registry", d.study_type
            if perspective in ("PROSPECTIVE", "RETROSPECTIVE"):
                return f"{perspective.lower()}_cohort", d.time_perspective
            return "registry", d.study_type
        return None

    @staticmethod
    def _design_in_prose(ctx: DocContext, rec: TrialRecord) -> tuple[str, Field] | None:
        """The most specific design the trial's prose gives itself: its titles and summary first, then the
        sentences of its description that say `this trial`, then its other sentences; never a sentence about
        other studies (`retrospective series suggested ...`) or studies to come."""
        text = ctx.doc.text
        v = View(ctx)
        heads = [f for f in (rec.title, rec.official_title, rec.summary) if f]
        body = trial_text.sentences(text, rec.description) if rec.description else []
        own = [se for se in body if trial_text.speaks_of_itself(text, *se)]
        zones = ([se for f in heads for se in trial_text.sentences(text, f)], own,
                 [se for se in body if se not in own])
        for zone in zones:
            found = {}
            for s, e in zone:
                if trial_text.speaks_of_others(text, s, e):
                    continue
                for code, start, end in _design_words(ctx, v, s, e):
                    found.setdefault(code, Field(start, end, text[start:end]))
            code = next((c for c in DESIGN_PRIORITY if c in found), None)
            if code:
                return code, found[code]
        # A trial with a phase that says nothing of randomising: an interventional, non-randomised trial.
        phase = next((at for f in heads if (at := trial_text.phase_at(text, f))), None)
        return ("nonrandomized_trial", Field(*phase, text[slice(*phase)])) if phase else None

    @staticmethod
    def _design_details(rec: TrialRecord, text: str, prose: list[Field]) -> dict[str, str]:
        d = rec.design
        written = " ".join(text[f.start:f.end] for f in prose)
        # PHASE2 / Phase 2 -> 2; EARLY_PHASE1 -> early 1; NA -> nothing.
        phases = [("early " if "EARLY" in upper_code(p.value) else "") + re.sub(r"\D", "", p.value) for p in d.phases]
        details = {
            "phase": "/".join(p for p in phases if p and p[-1].isdigit()) or trial_text.phase_in(written),
            "masking": (upper_code(d.masking.value).split("_")[0].lower() if d.masking
                        else trial_text.masking_in(written)),
            "allocation": upper_code(d.allocation.value).lower() if d.allocation else "",
            "model": upper_code(d.model.value).lower() if d.model else "",
        }
        return {k: v for k, v in details.items() if v}

    def _enrolment(self, ctx: DocContext, rec: TrialRecord, prose: list[Field]) -> Iterable[Fact]:
        if rec.enrollment and re.fullmatch(r"\d+(?:\.0+)?", rec.enrollment.value):
            status = _ENROLMENT_STATUS.get(upper_code(rec.enrollment_type), rec.enrollment_type.lower())
            f = rec.enrollment
            yield self.fact(ctx, "sample_size", f.start, f.end, value=int(float(f.value)), unit="patients",
                            details={"size_type": "enrolled", **({"enrollment_type": status} if status else {})})
            return
        for f in prose:
            if e := trial_text.enrolment_in(ctx.doc.text, f):
                status = {"enrollment_type": e.status} if e.status else {}
                yield self.fact(ctx, "sample_size", e.start, e.end, value=e.value, unit="patients",
                                details={"size_type": "enrolled", **status})
                return


def _design_words(ctx: DocContext, v: View, s: int, e: int) -> list[tuple[str, int, int]]:
    """(code, start, end) of the designs sentence [s, e) names: lexicon words and the codes its design
    features imply (`randomized` -> rct, `single-arm` -> nonrandomized_trial), unless negated or naming
    other studies (`retrospective series`)."""
    text = ctx.doc.text
    out = [(m.code, m.start, m.end) for m in ctx.mentions_of("design") if s <= m.start and m.end <= e]
    out += [(c.implies, *v.span(c.start, c.end)) for c in design_cues(v.key, v.to_key(s), v.to_key(e)) if c.implies]
    return [(code, a, b) for code, a, b in out if code in DESIGN_PRIORITY and not negated(text, a)
            and not trial_text.names_other_studies(text, b)]


_CLAUSE_END = re.compile(r"[,;:]|\.(?:\s|$)")


def _lead(text: str, f: Field | None) -> Field | None:
    """The first clause of a field."""
    if f is None:
        return None
    stop = _CLAUSE_END.search(text, f.start, f.end)
    return Field(f.start, stop.start() if stop else f.end, "")


class RegistrationEndpoints(_RegistrationPlugin):
    """Registered outcome measures, and the narrative's restatements of them, as endpoints with roles."""
    name = "registration_endpoints"
    version = "2"
    assigns = ("endpoint",)

    def read(self, ctx: DocContext, rec: TrialRecord) -> Iterable[Fact]:
        registered = {}  # code -> (timeframe, criteria) of its first registration
        for o in rec.outcomes:
            fields = [f for f in (o.measure, o.other_measure, o.description) if f]
            # A description names the measure in its first clause (`The success rate of embolization ...`);
            # later it may name another (`Change in QoL score, ... in patients with progressive disease`).
            named = [f for f in (o.measure, o.other_measure, _lead(ctx.doc.text, o.description)) if f]
            code = next((m.code for f in named for m in _mentions_in(ctx, f, "endpoint")), None) \
                or open_name(o.measure, o.other_measure)
            if not code:
                continue
            timeframe = o.timeframe.value if o.timeframe else ""
            criteria = "; ".join(trial_text.criteria_in(" ".join(f.value for f in fields)))
            registered.setdefault(code, (timeframe, criteria))
            yield self.fact(ctx, "endpoint", o.start, o.end, name=code, role=o.role, timeframe=timeframe,
                            criteria=criteria)
        yield from self._restated(ctx, rec, registered)

    def _restated(self, ctx: DocContext, rec: TrialRecord, registered: dict) -> Iterable[Fact]:
        """`The primary end point of this study is ...`: the same endpoint, again with its role."""
        text = ctx.doc.text
        for f in (rec.summary, rec.description):
            if not f:
                continue
            for role, cue_start, start, end in trial_text.role_scopes(text, f):
                seen = set()
                for m in ctx.mentions_of("endpoint"):
                    if not (start <= m.start and m.end <= end) or m.code in seen:
                        continue
                    seen.add(m.code)
                    s, e = next(se for se in trial_text.sentences(text, Field(start, end, ""))
                                if se[0] <= m.start < se[1])
                    if s == start:  # the cue's own sentence: quote it from the cue
                        s = cue_start
                    timeframe, criteria = registered.get(m.code, ("", ""))
                    yield self.fact(ctx, "endpoint", s, max(e, m.end), name=m.code, role=role, timeframe=timeframe,
                                    criteria=criteria)


def open_name(*names: Field | None) -> str:
    """An endpoint or condition outside the vocabulary, by its registered name in lower case: the first
    name in Latin script when the registry prints one in two languages (`无进展生存期` / `Progression-free
    survival`)."""
    written = [f.value for f in names if f and f.value.strip()]
    if not written:
        return ""
    name = next((w for w in written if not HAN_CHAR.search(w)), written[0])
    return " ".join(name.lower().split())


def condition_name(f: Field) -> str:
    """A registered condition outside the vocabulary, a MeSH-style inverted name turned (`Diabetes
    Mellitus, Type 2` -> `type 2 diabetes mellitus`)."""
    inverted = _INVERTED.fullmatch(f.value.strip())
    return open_name(Field(f.start, f.end, f"{inverted.group(2)} {inverted.group(1)}") if inverted else f)


class RegistrationArms(_RegistrationPlugin):
    """Arms (kind "arm") and the doses of drugs given in them."""
    name = "registration_arms"
    version = "2"
    assigns = ("arm", "dose")

    def read(self, ctx: DocContext, rec: TrialRecord) -> Iterable[Fact]:
        for a in rec.arms:
            details = {"arm_type": a.type.lower(), "interventions": "|".join(a.interventions)}
            size = int(a.size.value) if a.size and a.size.value.isdigit() else None
            yield self.fact(ctx, "arm", a.label.start, a.label.end, name=a.label.value,
                            value=float(size) if size is not None else None, unit="patients" if size else "",
                            total=size, details={k: v for k, v in details.items() if v})
        yield from self._doses(ctx, rec)

    def _doses(self, ctx: DocContext, rec: TrialRecord) -> Iterable[Fact]:
        # Each field with the arm it belongs to when the record says so.
        fields: list[tuple[Field, str]] = []
        for i in rec.interventions:
            arms = [a.label.value for a in rec.arms if i.name.value in a.interventions]
            fields += [(f, arms[0] if len(arms) == 1 else "") for f in (i.name, i.description) if f]
        fields += [(a.description, a.label.value) for a in rec.arms if a.description]
        fields += [(f, "") for f in (rec.summary, rec.description) if f]
        view = View(ctx)
        text = ctx.doc.text
        for f, arm in fields:
            drugs = _mentions_in(ctx, f, "drug")
            for m, dose in _combined_doses(text, view, drugs, f):
                yield self._dose_fact(ctx, m, dose, f, arm)
            for k, m in enumerate(drugs):
                first = self._dose_at(view, m, f)
                # Without a dose of its own, a drug may open a list of doses (`仑伐替尼：体重≥60 kg者12 mg`).
                if not first and not _LIST_OPENS.match(text, m.end):
                    continue
                stop = drugs[k + 1].start if k + 1 < len(drugs) else f.end
                later = _later_doses(view, first[1] if first else m.end, stop)
                for dose in ([first] if first else []) + later:
                    yield self._dose_fact(ctx, m, dose, f, arm)

    def _dose_fact(self, ctx: DocContext, m: Mention, dose: tuple[int, int, float, str], f: Field, arm: str) -> Fact:
        text = ctx.doc.text
        start, end, value, unit = dose
        if not arm:
            sentence = next((s for s, e in trial_text.sentences(text, f) if s <= m.start < e), f.start)
            arm = trial_text.arm_before(text, sentence, start)
        return self.fact(ctx, "dose", start, end, name=m.code, value=value, unit=unit, arm=arm)

    @staticmethod
    def _dose_at(view: View, m: Mention, f: Field) -> tuple[int, int, float, str] | None:
        """(start, end, value, unit) of `100 mg irinotecan` or `irinotecan 100 mg` around a drug mention."""
        key = view.key
        ks, ke, lo, hi = view.to_key(m.start), view.to_key(m.end), view.to_key(f.start), view.to_key(f.end)
        # Before: a number, a unit, then the drug (`100mg irinotecan`, `100 mg of irinotecan`).
        window = max(lo, ks - 24)
        for n in re.finditer(NUM, key[window:ks]):
            nstart = window + n.start()
            if nstart > lo and (key[nstart - 1].isdigit() or key[nstart - 1] == "."):
                continue  # the window cut a number
            unit = unit_at(key, nstart + len(n.group(0)), "dose")
            if unit and _DOSE_GAP.fullmatch(key[unit[0]:ks]):
                start, _ = view.span(nstart, ks)
                return start, m.end, float(n.group(0)), unit[1]
        after = _DOSE_AFTER.match(key, ke, hi)
        if after:
            unit = unit_at(key, after.end(), "dose")
            if unit and unit[0] <= hi:
                _, end = view.span(ks, unit[0])
                return m.start, end, float(after.group(1)), unit[1]
        return None


_COMBINED = re.compile(r"\s*[-/+]\s*")
_COMBINED_DOSE = re.compile(rf"\s*(?P<one>{NUM})\s*/\s*(?P<two>{NUM})")


def _combined_doses(text: str, view: View, drugs: list[Mention], f: Field) -> Iterable[tuple[Mention, tuple]]:
    """A fixed combination's doses written as one (`sulfadoxine-pyrimethamine 500/25 mg`): each its drug's."""
    key = view.key
    for a, b in zip(drugs, drugs[1:]):
        if not _COMBINED.fullmatch(text, a.end, b.start):
            continue
        hi = view.to_key(f.end)
        pair = _COMBINED_DOSE.match(key, view.to_key(b.end), hi)
        unit = unit_at(key, pair.end(), "dose") if pair else None
        if unit and unit[0] <= hi:
            start, end = view.span(view.to_key(a.start), unit[0])
            yield a, (start, end, float(pair.group("one")), unit[1])
            yield b, (start, end, float(pair.group("two")), unit[1])


_LATER_REACH = 60  # characters from a drug's dose to a further dose of it
_LIST_OPENS = re.compile(r"\s*[:：]")
_BOUND = re.compile(r"[<>≤≥]\s*$")
_DILUENT = re.compile(r"\b(?:in|into|with)\s+$", re.I)  # `1000 mg in 250 ml saline`: a volume to dilute in, no dose
_SENTENCE_STOP = re.compile(r"[。！？]|[.;!?](?=\s|$)")


def _later_doses(view: View, after: int, stop: int) -> list[tuple[int, int, float, str]]:
    """Further doses of a drug after its first, before the next drug and the sentence's end (`仑伐替尼：
    体重≥60 kg者12 mg，每日1次；体重<60 kg者8 mg`): each within reach of the one before; a bound
    (`≥60 kg`) or a number with no dose unit is no dose."""
    key = view.key
    pos, hi = view.to_key(after), view.to_key(stop)
    end_of_sentence = _SENTENCE_STOP.search(key, pos, hi)
    hi = end_of_sentence.start() if end_of_sentence else hi
    out = []
    for n in re.finditer(NUM, key[pos:hi]):
        ns, ne = pos + n.start(), pos + n.end()
        if ns - (view.to_key(out[-1][1]) if out else pos) > _LATER_REACH:
            break
        before = key[ns - 1:ns]
        if (before.isascii() and before.isalnum()) or before == "." or _BOUND.search(key, max(0, ns - 3), ns) \
                or _DILUENT.search(key, max(0, ns - 6), ns):
            continue
        unit = unit_at(key, ne, "dose")
        if unit and unit[0] <= hi:
            s, e = view.span(ns, unit[0])
            out.append((s, e, float(n.group(0)), unit[1]))
    return out


_RATIOS = (("HR", re.compile(r"hazard ratio|\(HR\)", re.I)), ("OR", re.compile(r"odds ratio|\(OR\)", re.I)),
           ("RR", re.compile(r"risk ratio|relative risk|rate ratio|\(RR\)", re.I)))


def _result_unit(written: str) -> str:
    """`percentage of participants` -> `%`, `Participants` -> `patients`, `months` -> `months`."""
    w = fold(written).strip()
    if "percent" in w or w == "%":
        return "%"
    if "participant" in w or "patient" in w:
        return "patients"
    return next((row[1] for row in cue_table("units") if fold(row[0]) == w), written)


def _number(f: Field | None) -> float | None:
    try:
        return float(f.value.replace(",", "")) if f else None
    except ValueError:
        return None  # `NA`, `<0.001`: not a value


class RegistrationResults(_RegistrationPlugin):
    """Posted results: one outcome per arm and measure (CI in details), and comparisons (HR, p-value)."""
    name = "registration_results"
    version = "1"
    assigns = ("outcome",)

    def read(self, ctx: DocContext, rec: TrialRecord) -> Iterable[Fact]:
        for r in rec.results:
            fields = [f for f in (r.title, r.description) if f]
            code = next((m.code for f in fields for m in _mentions_in(ctx, f, "endpoint")), None)
            if code:
                yield from self._measure(ctx, r, code)

    def _measure(self, ctx: DocContext, r: ResultMeasure, code: str) -> Iterable[Fact]:
        timeframe = r.timeframe.value if r.timeframe else ""
        p_of_group: dict[str, str] = {}  # a p-value without an effect size speaks for the groups compared
        for a in r.analyses:
            ratio = next((u for u, rx in _RATIOS if rx.search(a.param_type)), "")
            value = _number(a.value)
            details = {"p_value": a.p_value.value if a.p_value else "", "ci_low": a.ci_low, "ci_high": a.ci_high,
                       "param_type": a.param_type}
            if value is not None:
                yield self.fact(ctx, "outcome", a.value.start, a.value.end, name=code, value=value, unit=ratio,
                                arm=" vs ".join(a.groups), timeframe=timeframe,
                                details={k: v for k, v in details.items() if v})
            elif a.p_value:
                for g in a.groups:
                    p_of_group.setdefault(g, a.p_value.value)
        unit = _result_unit(r.unit)
        with_ci = "confidence" in r.dispersion.lower()
        for m in r.measurements:
            value = _number(m.value)
            if value is None:
                continue
            name = next((x.code for x in ctx.lexicon.find(m.category, fold_text(m.category), ("endpoint",))), code)
            details = {"ci_low": m.lower if with_ci else "", "ci_high": m.upper if with_ci else "",
                       "p_value": p_of_group.get(m.group, ""), "param_type": r.param.lower()}
            count = unit == "patients" and value.is_integer()
            yield self.fact(ctx, "outcome", m.value.start, m.value.end, name=name, value=value, unit=unit,
                            n=int(value) if count else None, total=m.total, arm=m.group, timeframe=timeframe,
                            details={k: v for k, v in details.items() if v})
