"""roles.time_tail: a header cell that prints its group and time point together splits between them."""
from evkg.extract.results.tables import roles


def _split(text: str):
    at = roles.time_tail(text)
    return None if at is None else (text[:at[0]], text[at[1]:])


def test_group_then_time_point_splits():
    assert _split("Exercise week 12 (n=78)") == ("Exercise", "week 12 (n=78)")
    assert _split("Usual care baseline") == ("Usual care", "baseline")
    assert _split("Adjusted difference at week 12 (95% CI)") == ("Adjusted difference", "week 12 (95% CI)")


def test_a_change_from_baseline_or_a_bare_time_point_does_not_split():
    assert _split("Change from baseline") is None
    assert _split("Week 12") is None
    assert _split("Usual care") is None


def test_a_title_naming_baseline_and_a_later_time_point_holds_results():
    assert roles.reads_results(roles.kinds_of("QLQ-C30 scores at baseline and week 12"))
    assert not roles.reads_results(roles.kinds_of("Baseline characteristics"))
