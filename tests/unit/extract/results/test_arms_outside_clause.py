"""Arms the text names away from the value's own digits: after a bracketed spread and its unit, in an
earlier clause or the sentence before, in a label or a lead phrase. Invented sentences."""

from helpers.results import outcomes


def arms(text: str) -> dict[float, tuple[str, str]]:
    return {f.value: (f.arm, f.detail("comparator")) for f in outcomes(f"RESULTS:\n{text}\n", "fixture.txt")}


def test_a_group_after_a_bracketed_spread_and_its_unit_is_the_values():
    got = arms("Mean (SE) walking time rose by 152 (80) minutes with drug K and 61 (90) minutes with placebo. "
               "The mean daily intake rose to 1310 (640) kcal in the usual care group and 1850 (520) kcal in the "
               "intervention group.")
    assert got[152.0] == ("drug K", "placebo")
    assert got[61.0] == ("placebo", "drug K")
    assert got[1310.0][0] == "usual care group"
    assert got[1850.0][0] == "intervention group"
