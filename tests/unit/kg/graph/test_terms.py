"""graph/terms.py: the one way a number becomes text (IRIs, literals, labels, table cells)."""
import math

from hypothesis import given
from hypothesis import strategies as st

from evkg.kg.graph.terms import format_number


def test_integers_lose_the_point_and_none_is_empty():
    assert format_number(None) == ""
    assert format_number(12.0) == "12"
    assert format_number(-3.0) == "-3"
    assert format_number(7) == "7"
    assert format_number(0.5) == "0.5"
    assert format_number(1e-05) == "1e-05"


@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers(min_value=-10**12, max_value=10**12))
def test_the_text_reads_back_as_the_same_number(v):
    text = format_number(v)
    assert float(text) == v
    assert ("." in text or "e" in text) == (isinstance(v, float) and not v.is_integer() and math.isfinite(v))
