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


def test_a_printed_number_is_read_as_the_decimal_it_states():
    from decimal import Decimal

    from evkg.kg.graph.terms import decimal_of, decimal_text, p_value_of
    assert decimal_of("0·62") == Decimal("0.62")
    assert decimal_of("−1.5") == Decimal("-1.5")
    assert decimal_of(".001") == Decimal("0.001")
    assert decimal_of("1,726") == Decimal(1726) and decimal_of("13,731.4") == Decimal("13731.4")
    assert decimal_of("１２") == Decimal(12)
    for no_number in ("NA", "4 courses", "1,2", "", "1e5", "9" * 19):
        assert decimal_of(no_number) is None, no_number
    assert p_value_of("< 0.001") == ("<", Decimal("0.001"))
    assert p_value_of("≤.05") == ("<=", Decimal("0.05"))
    assert p_value_of("=0.04") == ("", Decimal("0.04")) == p_value_of("0.04")
    assert p_value_of("NS") is None and p_value_of("-0.2") is None
    assert decimal_text(Decimal("1.00")) == "1" and decimal_text(Decimal("-0")) == "0"
    assert decimal_text(Decimal("0.480")) == "0.48" and decimal_text(Decimal("1E+3")) == "1000"


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-10**12, max_value=10**12))
def test_a_decimal_reads_back_from_its_canonical_text(d):
    from evkg.kg.graph.terms import decimal_of, decimal_text
    text = decimal_text(d)
    assert decimal_of(text) == d
    assert "e" not in text.lower() and not text.endswith(".")


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=0, max_value=10**9),
       st.sampled_from([".", "·"]), st.booleans(), st.booleans())
def test_a_number_reads_the_same_however_it_is_printed(d, point, thousands, bare):
    from evkg.kg.graph.terms import decimal_of
    whole, _, frac = format(d, "f").partition(".")
    if thousands:
        whole = f"{int(whole):,}"
    if bare and whole == "0" and frac:
        whole = ""   # `.048`
    printed = whole + (point + frac if frac else "")
    assert decimal_of(printed) == d, printed
