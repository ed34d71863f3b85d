"""Multi-record benchmark: time per article in PubMed files of 25, 200 and 1,000 articles.

Each record's document holds only its own article's text, so the time per article should be
flat in the file's size. The articles are invented here (numbers and arms vary from one to
the next); nothing is read from ../shared.

    .venv/bin/python bench/multi_record.py [--sizes 25 200 1000]
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from evkg.extract.pipeline import extract_facts
from evkg.extract.readers import read_documents
from evkg.extract.text.context import Context

_ARMS = (("TACE plus lenvatinib", "TACE alone"), ("HAIC with FOLFOX", "sorafenib"),
         ("DEB-TACE", "conventional TACE"), ("microwave ablation", "radiofrequency ablation"))


def article(pmid: int, rng: random.Random) -> str:
    a, b = rng.choice(_ARMS)
    n_a, n_b = rng.randint(20, 200), rng.randint(20, 200)
    orr_a, orr_b = rng.uniform(20, 70), rng.uniform(10, 50)
    os_a, os_b = rng.uniform(8, 30), rng.uniform(6, 25)
    hr = rng.uniform(0.4, 0.95)
    abstract = (f"In this invented retrospective study, {n_a + n_b} patients with hepatocellular carcinoma were "
                f"analysed: {n_a} received {a} and {n_b} received {b}. The objective response rate was "
                f"{orr_a:.1f}% in the {a} group and {orr_b:.1f}% in the {b} group (P = 0.0{rng.randint(1, 4)}). "
                f"Median overall survival was {os_a:.1f} months versus {os_b:.1f} months "
                f"(HR {hr:.2f}, 95% CI {hr - 0.15:.2f}-{hr + 0.1:.2f}).")
    return f"""  <PubmedArticle>
    <MedlineCitation Status="MEDLINE" Owner="NLM">
      <PMID Version="1">{pmid}</PMID>
      <Article PubModel="Print">
        <Journal><JournalIssue CitedMedium="Print"><PubDate><Year>{rng.randint(2010, 2024)}</Year></PubDate>
        </JournalIssue><Title>Journal of Invented Oncology</Title>
        <ISOAbbreviation>J Inv Oncol</ISOAbbreviation></Journal>
        <ArticleTitle>{escape(a)} versus {escape(b)} for hepatocellular carcinoma: invented study {pmid}.</ArticleTitle>
        <Abstract><AbstractText Label="RESULTS" NlmCategory="RESULTS">{escape(abstract)}</AbstractText></Abstract>
        <AuthorList><Author><LastName>Author{pmid}</LastName><Initials>A</Initials></Author></AuthorList>
        <PublicationTypeList><PublicationType>Journal Article</PublicationType></PublicationTypeList>
      </Article>
    </MedlineCitation>
  </PubmedArticle>
"""


def pubmed_file(path: Path, articles: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    body = "".join(article(91000000 + i, rng) for i in range(articles))
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>\n{body}</PubmedArticleSet>\n',
                    encoding="utf-8")
    return path


def time_file(path: Path, run: Context) -> dict[str, float]:
    """Seconds to read the file into documents, and to extract every document's facts."""
    t0 = time.perf_counter()
    docs = read_documents(path)
    read_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    facts = sum(len(extract_facts(doc, run)) for doc in docs)
    return {"articles": len(docs), "read": read_s, "extract": time.perf_counter() - t0, "facts": facts}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[25, 200, 1000], help="articles per file")
    args = ap.parse_args(argv)
    run = Context()
    with tempfile.TemporaryDirectory(prefix="evkg-multi-") as tmp:
        time_file(pubmed_file(Path(tmp) / "warmup.xml", 3), run)  # lexicon and NLP loads are one-offs
        print("PubMed set      articles   read ms/article   extract ms/article   facts/article")
        for size in args.sizes:
            path = pubmed_file(Path(tmp) / f"set{size}.xml", size)
            t = time_file(path, run)
            n = t["articles"]
            print(f"{path.stat().st_size / 2**20:6.2f} MB      {n:8d}   {1000 * t['read'] / n:15.2f}   "
                  f"{1000 * t['extract'] / n:18.2f}   {t['facts'] / n:13.1f}")


if __name__ == "__main__":
    sys.exit(main())
