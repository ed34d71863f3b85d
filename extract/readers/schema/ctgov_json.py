"""The shape of a ClinicalTrials.gov API v2 study as far as evkg reads it: every member the
reader walks into is an object or a list of objects; what it takes text from is a scalar."""
from __future__ import annotations

from evkg.extract.readers.schema import SCALAR, arr, leaves, obj

_OUTCOMES = arr(leaves("measure", "description", "timeFrame"))
_RESULT = obj(
    title=SCALAR, description=SCALAR, timeFrame=SCALAR, unitOfMeasure=SCALAR, paramType=SCALAR,
    dispersionType=SCALAR, type=SCALAR,
    groups=arr(leaves("id", "title")),
    denoms=arr(obj(counts=arr(leaves("groupId", "value")))),
    classes=arr(obj(title=SCALAR, categories=arr(obj(
        title=SCALAR, measurements=arr(leaves("groupId", "value", "lowerLimit", "upperLimit")))))),
    analyses=arr(obj(groupIds=arr(SCALAR), paramType=SCALAR, paramValue=SCALAR, pValue=SCALAR,
                     ciLowerLimit=SCALAR, ciUpperLimit=SCALAR)),
)

STUDY = {**obj(
    protocolSection=obj(
        identificationModule=leaves("nctId", "briefTitle", "officialTitle"),
        descriptionModule=leaves("briefSummary", "detailedDescription"),
        conditionsModule=obj(conditions=arr(SCALAR)),
        designModule=obj(studyType=SCALAR, patientRegistry=SCALAR, phases=arr(SCALAR),
                         designInfo=obj(allocation=SCALAR, interventionModel=SCALAR, timePerspective=SCALAR,
                                        maskingInfo=leaves("masking")),
                         enrollmentInfo=leaves("count", "type")),
        armsInterventionsModule=obj(
            armGroups=arr(obj(label=SCALAR, type=SCALAR, description=SCALAR, interventionNames=arr(SCALAR))),
            interventions=arr(leaves("type", "name", "description"))),
        outcomesModule=obj(primaryOutcomes=_OUTCOMES, secondaryOutcomes=_OUTCOMES, otherOutcomes=_OUTCOMES),
    ),
    resultsSection=obj(outcomeMeasuresModule=obj(outcomeMeasures=arr(_RESULT))),
), "required": ["protocolSection"]}
