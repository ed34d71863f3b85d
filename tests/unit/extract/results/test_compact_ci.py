"""tokens: an unlabelled interval after a bracket's first number (`(−1·8, −2·9 to −0·7; p=0·002)`) is its CI only
when it holds the number; a count's bracket or an interval that leaves the number out is not."""
from evkg.core.fold import fold
from evkg.extract.results.tokens import numbers


def _values(text: str) -> list[tuple[float, dict]]:
    key = fold(text)
    return [(n.value, n.details) for n in numbers(key, 0, len(key), bytearray(len(key))) if n.is_value]


def test_compact_interval_is_the_ci_and_the_p_follows():
    [(value, details)] = _values("persisted at 24 weeks (−1·8, −2·9 to −0·7; p=0·002).")
    assert value == -1.8
    assert (details["ci_low"], details["ci_high"], details["p_value"]) == ("-2·9", "-0·7", "0·002")


def test_an_interval_that_leaves_the_number_out_is_no_ci():
    assert all("ci_low" not in d for _, d in _values("improved (12, 14 to 18) in both arms."))
    assert all("ci_low" not in d for _, d in _values("responded (45%, 30 to 60)."))


def test_a_count_and_its_share_take_the_denominator_after_them_spelt_out_or_not():
    key = fold("reported by nine (15%) of 60 women in the yoga group and 14 (17%) of 84 in the CBT group")
    found = [(n.value, n.n, n.total) for n in numbers(key, 0, len(key), bytearray(len(key))) if n.is_value]
    assert found == [(15.0, 9, 60), (17.0, 14, 84)]
