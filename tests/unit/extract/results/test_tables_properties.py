"""Properties of the table reader on generated tables (hypothesis): whatever the layout, every fact's quote is
its cell as printed, its value's digits are in the quote, and a well-formed table gives each value cell once with
its row's measure and its column's arm."""
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from evkg.extract.pipeline import extract_facts
from evkg.extract.readers.plain import read_plain
from evkg.extract.text.context import Context

RUN = Context()
LABELS = ["Headache", "Nausea", "Dizziness", "Pruritus", "Fatigue", "Cough", "Insomnia", "Rash", "Back pain", "Fever"]
ARMS = ["Drug A", "Placebo", "Verumab", "Standard care", "Control"]


@st.composite
def tables(draw):
    rows = draw(st.lists(st.sampled_from(LABELS), min_size=1, max_size=6, unique=True))
    arms = draw(st.lists(st.sampled_from(ARMS), min_size=1, max_size=3, unique=True))
    sizes = [draw(st.integers(20, 400)) for _ in arms]
    form = draw(st.sampled_from(["n_pct", "mean_sd", "count"]))
    grid = []
    for _ in rows:
        line = []
        for size in sizes:
            n = draw(st.integers(0, size))
            sd = draw(st.integers(1, 99)) / 10
            line.append({"n_pct": f"{n} ({n / size * 100:.1f})", "mean_sd": f"{n / 10:.1f} ± {sd}",
                         "count": f"{n}"}[form])
        grid.append(line)
    layout = draw(st.sampled_from(["glued", "lines", "glued_label", "columns"]))
    return rows, arms, sizes, form, grid, layout


def flatten(rows, arms, sizes, form, grid, layout) -> str:
    title = "Table 2Events by arm" + (", n (%)" if form == "n_pct" else "")
    heads = [f"{a} (n = {s})" for a, s in zip(arms, sizes)]
    if layout == "columns":  # column by column: the labels, then each arm and its cells
        body = ["Event"] + rows + [x for j, h in enumerate(heads) for x in [h] + [r[j] for r in grid]]
        return "\n".join([title] + body) + "\n"
    lines = [title]
    if layout == "glued":
        lines.append("Event" + "".join(heads))
    elif layout == "lines":
        lines += ["Event"] + heads
    for i, (label, cells) in enumerate(zip(rows, grid)):
        if i == 0 and layout == "glued_label":
            lines.append("Event" + "".join(heads) + label)
        else:
            lines.append(label)
        lines += cells
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None)
@given(tables())
def test_every_cell_once_with_its_measure_and_arm(table):
    rows, arms, sizes, form, grid, layout = table
    text = flatten(*table)
    doc = read_plain(Path("fixture.txt"), text)
    facts = [f for f in extract_facts(doc, RUN, ["outcomes"]) if f.kind == "outcome"]
    for f in facts:
        quote = f.provenance.quote
        assert quote == text[f.provenance.start:f.provenance.end]
        assert f"{abs(f.value):g}".rstrip("0").rstrip(".") in quote.replace("−", "-") or f.value == 0
    got = {(f.detail("measure"), f.arm, round(f.value, 3)) for f in facts}
    want = set()
    for label, cells in zip(rows, grid):
        for arm, cell in zip(arms, cells):
            value = float(cell.split(" (")[1].rstrip(")")) if form == "n_pct" else float(cell.split(" ")[0])
            want.add((label, arm, round(value, 3)))
    assert len(facts) == len(rows) * len(arms)
    assert got == want
