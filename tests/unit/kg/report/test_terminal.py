"""report/terminal.py: tables for the terminal, padded by display width, one row one line."""
from evkg.kg.report.terminal import ELLIPSIS, NEWLINE, cut, one_line, pad, render_table, width


def test_chinese_characters_take_two_columns():
    assert width("HAIC") == 4 and width("肝癌") == 4 and width("HAIC组") == 6
    assert pad("组", 4) == "组  "


def test_cut_keeps_within_the_limit_and_says_so():
    assert cut("short", 10) == "short"
    out = cut("肝细胞癌患者", 7)
    assert out.endswith(ELLIPSIS) and width(out) <= 7


def test_a_cell_stays_on_one_line_and_cannot_restyle_the_terminal():
    assert one_line("a\r\nb\nc\rd\te") == f"a{NEWLINE}b{NEWLINE}c{NEWLINE}d e"
    assert one_line("\x1b[31mred") == "\ufffd[31mred"
    assert one_line(None) == "" and one_line(3.5) == "3.5"


def test_columns_line_up():
    lines = render_table(("arm", "n"), [{"arm": "HAIC组", "n": 38}, {"arm": "TACE group", "n": None}])
    assert lines[0].startswith("arm") and len(lines) == 3
    first = lines[1]
    assert width(first[:first.index("38")]) == width("TACE group") + 2   # display columns, not characters
    assert lines[2] == "TACE group"   # an empty last cell leaves no trailing spaces
