"""What is done with one file, away from the store: read it, and for each of its documents not
known to be unchanged, extract the facts, build the graph and check it against the shapes.

It runs in a worker process (kg/ingest/worker.py, driven by kg/ingest/pool.py) or, with
`--jobs 0`, in the ingest's own. Either way it only says what it found, as the events of
kg/ingest/events.py; the ingest commits the graphs (kg/ingest/batch.py).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

from evkg.core.model import Document
from evkg.extract.budget import Budget
from evkg.extract.pipeline import extract_facts
from evkg.extract.readers import read_documents
from evkg.extract.text.context import Context
from evkg.kg.graph.rdf import document_triples
from evkg.kg.graph.shapes import ShapeViolation, check_document
from evkg.kg.ingest.events import End, Event, Extracted, Read, Refused, Task, Unchanged
from evkg.kg.ingest.paths import failure_message
from evkg.kg.store.backends import ntriples_bytes
from evkg.kg.store.search import SearchRows, indexed_entry, search_rows
from evkg.kg.store.stats import indexed_fact_count


def read_and_extract(task: Task, run: Context, budget: Budget,
                     before: Callable[[str, int], None] = lambda doc, chars: None) -> Iterator[Event]:
    """The file's events. `before(doc, chars)` is called as the reading ("" for the file) and
    each extraction begins (a worker sets its limits there). MemoryError is left to the caller,
    which knows whether the memory budget or the machine ran out."""
    try:
        before("", task.size)
        docs = read_documents(task.path, budget)
    except MemoryError:
        raise
    except Exception as e:
        yield End(failure_message(task.path, e))
        return
    yield Read(tuple(d.id for d in docs))
    for doc in docs:
        if doc.id in task.unchanged:
            yield Unchanged(doc.id)
            continue
        try:
            before(doc.id, len(doc.text))
            graph, facts, search = _checked_graph(doc, task.sha256, run)
        except ShapeViolation as e:  # ... but the file's other records still are
            yield Refused(doc.id, str(e))
            continue
        except MemoryError:
            raise
        except Exception as e:  # a bug in one extractor must not stop the batch
            yield End(failure_message(task.path, e), doc.id)
            return
        yield Extracted(doc.id, doc.doctype, doc.language, doc.metadata.title, graph, facts, search)
        del graph  # not held while the next document is read
    yield End()


def _checked_graph(doc: Document, sha256: str, run: Context) -> tuple[bytes, int, SearchRows | None]:
    """The document's graph, checked against ontology/shapes.ttl (ShapeViolation: not stored), as
    N-Triples in UTF-8, with its fact count and search rows. Writing it here, beside the
    extraction, keeps it off the one writer, and bytes cross from a worker process far cheaper
    than rdflib terms. The count and the rows are those the writer would read back from the
    stored graph, read from the index the shape check built. The triples are gone when this
    returns: a 10 MB text's take 160 MB, and they are not held while the text is sent."""
    triples = list(document_triples(doc, sha256, extract_facts(doc, run)))
    idx = check_document(doc.id, triples)
    facts, entry = indexed_fact_count(idx, doc.id), indexed_entry(idx, doc.id)
    del idx
    search = search_rows(entry) if entry is not None else None
    # Written in order, each let go as it is written: taken from the end of the list reversed.
    triples.reverse()
    return ntriples_bytes(triples.pop() for _ in range(len(triples))), facts, search
