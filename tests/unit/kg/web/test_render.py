"""web/render.py: pages from the templates, everything from the store escaped."""
from evkg.kg.web.render import render


def test_document_text_is_escaped_and_ids_are_one_url_segment():
    page = render("documents.html", {"documents": [
        {"doc": "a/b <x>", "title": "<script>alert(1)</script>", "type": "paper", "language": "en",
         "year": 2020, "facts": 3, "recommendations": 1}]}).decode("utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert "/doc/a%2Fb%20%3Cx%3E" in page
