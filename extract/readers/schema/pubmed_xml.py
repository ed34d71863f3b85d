"""The shape of a PubMed `<PubmedArticleSet>` as far as evkg reads it: each article has the
elements the reader walks into; titles and abstracts may hold inline markup."""
from __future__ import annotations

from evkg.extract.readers.schema.xml import ANY, TEXT, el

_ABSTRACT = el(AbstractText=ANY)
ARTICLE = el(
    ("Journal",),
    ArticleTitle=ANY, VernacularTitle=ANY, Abstract=_ABSTRACT, ELocationID=TEXT,
    AuthorList=el(Author=el(LastName=TEXT, Initials=TEXT, CollectiveName=ANY)),
    Journal=el(ISOAbbreviation=TEXT, Title=TEXT),
    PublicationTypeList=el(PublicationType=TEXT),
)
ARTICLE_SET = el(
    ("PubmedArticle",),
    PubmedArticle=el(("MedlineCitation",),
                     MedlineCitation=el(("Article",), PMID=TEXT, Article=ARTICLE, OtherAbstract=_ABSTRACT),
                     PubmedData=el(ArticleIdList=el(ArticleId=TEXT))),
)
