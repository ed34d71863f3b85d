"""docs/imports.md: the room-level import graph (tools/import_graph.py) is up to date, has no circle
now, and keeps the graph measured once before the move."""
from __future__ import annotations

from import_graph import BEFORE_HEADING, DOC_PATH, circles, main, room, room_graph


def test_imports_page_is_up_to_date():
    assert main(["--check"]) == 0, "run: python tools/import_graph.py"


def test_the_page_shows_no_circle_now_and_keeps_the_graph_before_the_move():
    text = DOC_PATH.read_text(encoding="utf-8")
    now, before = text.split("\n" + BEFORE_HEADING)
    assert "0 circles" in now and "| kg.report |" in now
    assert "Circles:" in before and "kg.doctor <-> kg.ingest" in before


def test_rooms_are_children_of_extract_and_kg_and_core_is_one():
    assert room("extract.text.views") == room("extract.text") == "extract.text"
    assert room("kg.cli") == "kg.cli" and room("core.model") == room("core") == "core"
    assert room("tests.helpers.corpus") is None


def test_a_circle_between_rooms_is_found_however_long():
    edges = [("kg.a.x", "kg.b.y"), ("kg.b.z", "kg.c"), ("kg.c", "kg.a"), ("kg.c", "core.model"),
             ("kg.a.x", "kg.a.w")]  # inside one room: no arrow
    rooms, arrows = room_graph(edges)
    assert rooms == {"kg.a", "kg.b", "kg.c", "core"}
    assert ("kg.a", "kg.a") not in arrows and ("kg.c", "core") in arrows
    assert circles(rooms, arrows) == [["kg.a", "kg.b", "kg.c"]]
