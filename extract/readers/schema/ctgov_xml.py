"""The shape of a legacy ClinicalTrials.gov `<clinical_study>` as far as evkg reads it: the
fields it quotes hold plain text (a field with child elements would put markup in a quote)."""
from __future__ import annotations

from evkg.extract.readers.schema.xml import TEXT, el

_OUTCOME = el(measure=TEXT, description=TEXT, time_frame=TEXT)
_TEXTBLOCK = el(textblock=TEXT)
_RESULT = el(
    title=TEXT, description=TEXT, time_frame=TEXT, type=TEXT,
    group_list=el(group=el(title=TEXT)),
    measure=el(units=TEXT, param=TEXT, dispersion=TEXT,
               analyzed_list=el(analyzed=el(count_list=el(count=TEXT))),
               class_list=el(**{"class": el(title=TEXT, category_list=el(category=el(
                   title=TEXT, measurement_list=el(measurement=TEXT))))})),
    analysis_list=el(analysis=el(group_id_list=el(group_id=TEXT), param_type=TEXT, param_value=TEXT,
                                 p_value=TEXT, ci_lower_limit=TEXT, ci_upper_limit=TEXT)),
)

STUDY = el(
    id_info=el(nct_id=TEXT), brief_title=TEXT, official_title=TEXT,
    brief_summary=_TEXTBLOCK, detailed_description=_TEXTBLOCK,
    condition=TEXT, phase=TEXT, enrollment=TEXT, study_type=TEXT, patient_registry=TEXT,
    study_design_info=el(allocation=TEXT, intervention_model=TEXT, masking=TEXT, time_perspective=TEXT),
    intervention=el(intervention_type=TEXT, intervention_name=TEXT, description=TEXT, arm_group_label=TEXT),
    arm_group=el(arm_group_label=TEXT, arm_group_type=TEXT, description=TEXT),
    primary_outcome=_OUTCOME, secondary_outcome=_OUTCOME, other_outcome=_OUTCOME,
    clinical_results=el(outcome_list=el(outcome=_RESULT)),
)
