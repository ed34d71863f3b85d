"""web/render.py: pages from the templates, everything from the store escaped."""
from evkg.kg.web.render import render


def test_document_text_is_escaped_and_ids_are_one_url_segment():
    page = render("documents.html", {"documents": [
        {"doc": "a/b <x>", "title": "<script>alert(1)</script>", "type": "paper", "language": "en",
         "year": 2020, "facts": 3, "recommendations": 1}]}).decode("utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert "/doc/a%2Fb%20%3Cx%3E" in page


def test_document_page_groups_a_results_mentions_with_n_of_n_and_time_point(seeds_store):
    """Seed 003 states ORR 16.7% five times (4/24 in its text, 4 (16.7) in a table): one group of five rows; the two
    one-year and half-year survival rates are two groups told apart by their time points."""
    from evkg.kg.store.backends import open_store
    from evkg.kg.web.pages import document
    from helpers.corpus import seed
    doc = seed("003").stem
    with open_store(seeds_store, read_only=True) as st:
        data = document(st, doc)
    orr = [g for g in data["groups"] if g[0]["name"] == "ORR" and g[0]["value"] == "16.7"]
    assert len(orr) == 1 and len(orr[0]) == 5
    assert [f["n_of_total"] for f in orr[0]].count("4/24") == 4
    rates = {(g[0]["timeframe"], g[0]["value"]) for g in data["groups"] if g[0]["name"] == "OS_RATE"}
    assert {("半年", "83.3"), ("1 年", "50")} <= rates
    assert sorted(f["index"] for g in data["groups"] for f in g) == list(range(len(data["facts"])))   # each fact once
    page = render("document.html", data | {"doc": doc}).decode("utf-8")
    assert page.count('<tbody class="result">') == sum(len(g) > 1 for g in data["groups"])
    assert "<th class=\"num\">n/N</th><th>time point</th><th>arm</th><th>comparator</th>" in page
    assert '<td class="num">4/24</td><td></td>' in page and "<td>半年</td>" in page
