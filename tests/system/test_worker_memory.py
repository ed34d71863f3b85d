"""A query that grows without end meets its worker's memory cap (RLIMIT_AS) and fails alone:
the answer is an error, the server and the next query are fine."""
from __future__ import annotations

import pytest

from helpers.serve import running_server, sparql_get

# A robustness suite (servers under attack, slow clients, budgets): `make test` runs it,
# `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

# Every triple against every triple against every triple, sorted: memory grows until the cap.
GREEDY = ("SELECT ?a ?c ?f ?i WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY DESC(?i) ?c ?f ?a LIMIT 5")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def test_a_greedy_query_fails_alone_under_the_memory_cap(examples_session_store, monkeypatch):
    monkeypatch.setenv("EVKG_WORKER_MB", "1000")
    with running_server(examples_session_store, workers=1, timeout=60) as (base, server):
        greedy = sparql_get(base, GREEDY)
        assert greedy.status == 500 and "1000 MB memory cap" in greedy.text
        after = sparql_get(base, COUNT)
        assert after.status == 200 and '"n"' in after.text
