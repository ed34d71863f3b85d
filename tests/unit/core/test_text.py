"""One home for scripts and identifiers: which characters are Chinese, and the identifier patterns."""
from evkg.core.text import DOI, DOI_PREFIX, HAN_CHAR, NCT, has_han, is_cjk


def test_han_covers_the_unified_ideographs_extension_a_and_compatibility_forms():
    assert all(has_han(c) for c in "肝癌介入㐀䶵﨑")
    assert not any(has_han(c) for c in "A1，。（ 　ä") and not has_han("")
    assert has_han("TACE组") and not has_han("TACE group")
    assert HAN_CHAR.findall("HAIC组38例") == ["组", "例"]


def test_cjk_adds_punctuation_and_full_width_forms_to_han():
    assert all(is_cjk(c) for c in "组，。（）　１")
    assert not any(is_cjk(c) for c in "a1,.() ") and not is_cjk("")


def test_identifiers():
    assert DOI.search("see doi: 10.1000/abc.2020.1, then").group(1) == "10.1000/abc.2020.1"
    assert DOI_PREFIX.sub("", "https://doi.org/10.1/x") == "10.1/x"
    assert NCT.fullmatch("NCT01234567") and not NCT.fullmatch("NCT0123456")
