"""The shape of a JATS `<article>` as far as evkg reads it: front matter with its article
meta, names and dates as plain text, running text (titles, abstracts, references) free."""
from __future__ import annotations

from evkg.extract.readers.schema.xml import ANY, TEXT, el

_NAME = el(**{"surname": TEXT, "given-names": TEXT})
META = el(**{
    "title-group": el(**{"article-title": ANY, "trans-title-group": el(**{"trans-title": ANY})}),
    "contrib-group": el(contrib=el(name=_NAME, collab=ANY)),
    "pub-date": el(year=TEXT), "article-id": TEXT, "abstract": ANY, "trans-abstract": ANY,
})
ARTICLE = el(
    ("front",),
    front=el(("article-meta",), **{
        "article-meta": META,
        "journal-meta": el(**{"journal-title-group": el(**{"journal-title": ANY}), "journal-title": ANY})}),
    back=el(**{"ref-list": el(title=ANY, ref=el(label=TEXT))}),
)
