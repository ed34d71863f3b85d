"""A result read from a sentence, and the units a sentence's values fall into (shared by the reader's stages)."""
from __future__ import annotations

from dataclasses import dataclass

from evkg.extract.results.arm import ArmSpan
from evkg.extract.results.measure import Measure
from evkg.extract.results.tokens import Num


@dataclass
class Mention:
    """A number a sentence reports as a result, with what it reports on."""
    num: Num
    measure: Measure
    arm: ArmSpan | None = None
    comparator: ArmSpan | None = None
    subgroup: ArmSpan | None = None  # `women` in `Among women, … with drug A`: the arm is `women (drug A)`
    effect: str = ""  # HR, OR, RR, MD … when the number compares two arms
    statistic: str = ""
    code: str = ""
    timeframe: str = ""
    quote_start: int = -1  # where the quote starts when the reader knows (an effect: at its name)
    carried: bool = False  # its measure was named in a clause before
    explicit: bool = False  # its arm is printed next to it
    kind: str = "single"  # of the unit it was read in


@dataclass
class Unit:
    values: list[Num]
    kind: str = "single"  # single | pair | run | cross
    split: int = 0  # cross: the number of values on each side
    assigned: bool = False  # its label was given by a series of comparisons or lists


class Assigned(list):
    """The one label a unit of a series goes with (not to be weighed against the clause's words)."""
    assigned = True
