"""Stage: JATS XML (readers/jats_xml.py). An article hands over metadata, sections, the matching
view of its prose, and its reference list read from the `<ref>` elements."""
from pathlib import Path

from evkg.extract.readers.jats_xml import read_jats_bundle, read_jats_xml

ARTICLE = """<article article-type="research-article">
  <front>
    <journal-meta>
      <journal-title-group><journal-title>Invented Journal</journal-title></journal-title-group>
    </journal-meta>
    <article-meta>
      <article-id pub-id-type="pmid">{pmid}</article-id>
      <article-id pub-id-type="doi">10.9999/jats.{pmid}</article-id>
      <title-group>
        <article-title>Lenvatinib with TACE: an <italic>invented</italic> cohort</article-title>
      </title-group>
      <contrib-group>
        <contrib contrib-type="author">
          <name><surname>Example</surname><given-names>Ann Beth</given-names></name>
        </contrib>
      </contrib-group>
      <pub-date><year>2022</year></pub-date>
      <abstract><p>Sixty patients were treated.</p></abstract>
    </article-meta>
  </front>
  <body>
    <sec sec-type="methods"><title>Methods</title>
      <p>We analysed 60 patients [<xref ref-type="bibr" rid="r1">1</xref>].</p></sec>
    <sec><title>Results</title><p>The ORR was 45.0%.</p></sec>
  </body>
  <back>
    <ref-list><title>References</title>
      <ref id="r1"><label>1</label>
        <mixed-citation publication-type="journal"><person-group><name><surname>Doe</surname>
          <given-names>J</given-names></name></person-group>. <article-title>An invented trial</article-title>.
          <source>J Demo</source>. <year>2019</year>;<volume>7</volume>:1-9.
          <pub-id pub-id-type="doi">10.9999/ref.1</pub-id></mixed-citation>
      </ref>
      <ref id="r2"><label>2</label>
        <mixed-citation>Roe R, Poe P. Another invented study. Demo Med. 2018;3:10-20.</mixed-citation></ref>
    </ref-list>
  </back>
</article>
"""


def test_an_article_hands_over_metadata_sections_view_and_tagged_references():
    text = ARTICLE.format(pmid="90000201")
    (doc,) = read_jats_xml(Path("art.xml"), text)
    assert (doc.id, doc.layout, doc.doctype, doc.language) == ("art", "jats-xml", "paper", "en")
    md = doc.metadata
    assert (md.title, md.authors, md.journal, md.year, md.doi, md.pmid) == (
        "Lenvatinib with TACE: an invented cohort", ("Example AB",), "Invented Journal", 2022,
        "10.9999/jats.90000201", "90000201")
    assert [s.name for s in doc.sections] == ["abstract", "methods", "results", "references"]
    first, second = doc.references
    assert (first.number, first.first_author, first.year, first.title, first.journal, first.volume, first.doi) == (
        1, "Doe", 2019, "An invented trial", "J Demo", "7", "10.9999/ref.1")
    assert text[first.start:first.end].startswith("<person-group>")  # the citation's raw content
    assert (second.number, second.first_author, second.year) == (2, "Roe", 2018)  # untagged: its text parsed
    assert "an invented cohort" in doc.view.key and "we analysed 60 patients [1]." in doc.view.key
    assert "invented journal" not in doc.view.key
    assert doc.record is None and doc.pages == ()


def test_a_bundle_hands_over_one_article_each_at_its_offset_with_its_own_view_and_references():
    articles = ARTICLE.format(pmid="90000202") + ARTICLE.format(pmid="90000203")
    text = '<pmc-articleset>' + articles + '</pmc-articleset>'
    a, b = read_jats_bundle(Path("bundle.xml"), text)
    assert (a.id, b.id) == ("bundle-90000202", "bundle-90000203")
    assert text[b.base:b.base + len(b.text)] == b.text and b.text.startswith("<article")
    assert b.metadata.pmid == "90000203" and len(b.references) == 2
    ref = b.references[0]
    assert b.text[ref.start:ref.end].startswith("<person-group>")
    k = b.view.key.index("45.0%")
    assert b.text[slice(*b.view.span(k, k + 5))] == "45.0%"
