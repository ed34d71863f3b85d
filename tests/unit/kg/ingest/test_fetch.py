"""`evkg fetch ctgov`: downloads from a local stand-in for the ClinicalTrials.gov API (no internet)."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from evkg.core.errors import EvkgError
from evkg.extract.readers import read_document
from evkg.kg.cli import main
from evkg.kg.ingest.fetch import fetch_ctgov
from helpers.corpus import FIXTURES

CTGOV_FIXTURES = FIXTURES / "ctgov"

KNOWN = {"NCT09990003": (CTGOV_FIXTURES / "NCT09990003.json").read_bytes()}


class _Api(BaseHTTPRequestHandler):
    failures_left: dict[str, int] = {}  # NCT id -> 503 answers before the record
    requests: list[str] = []

    def do_GET(self):
        self.requests.append(self.path)
        nct = self.path.rsplit("/", 1)[-1]
        if self.failures_left.get(nct, 0) > 0:
            self.failures_left[nct] -= 1
            self.send_error(503, "busy")
        elif self.path.startswith("/api/v2/studies/") and nct in KNOWN:
            body = KNOWN[nct]
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404, "not found")

    def log_message(self, *args):
        pass


@pytest.fixture()
def api():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Api)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Api.requests.clear()
    _Api.failures_left.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/v2"
    server.shutdown()
    server.server_close()


def test_fetch_saves_records_ready_to_ingest(api, tmp_path):
    paths = fetch_ctgov(["nct09990003"], tmp_path / "out", api)
    assert paths == [tmp_path / "out" / "NCT09990003.json"]
    assert paths[0].read_bytes() == KNOWN["NCT09990003"]
    assert read_document(paths[0]).metadata.nct_id == "NCT09990003"
    assert _Api.requests == ["/api/v2/studies/NCT09990003"]


def test_transient_errors_are_retried_a_bounded_number_of_times(api, tmp_path):
    waits = []
    _Api.failures_left["NCT09990003"] = 2
    fetch_ctgov(["NCT09990003"], tmp_path, api, retries=3, backoff=0.5, sleep=waits.append)
    assert waits == [0.5, 1.0] and len(_Api.requests) == 3
    _Api.failures_left["NCT09990003"] = 5
    with pytest.raises(EvkgError, match="failed 3 times"):
        fetch_ctgov(["NCT09990003"], tmp_path / "again", api, retries=2, backoff=0, sleep=waits.append)


def test_unknown_and_malformed_ids(api, tmp_path):
    with pytest.raises(EvkgError, match=r"NCT09999999: no such study .*HTTP 404") as e:
        fetch_ctgov(["NCT09990003", "NCT09999999"], tmp_path, api, sleep=lambda s: None)
    assert "1 of 2 downloads failed" in str(e.value)
    assert (tmp_path / "NCT09990003.json").exists() and not (tmp_path / "NCT09999999.json").exists()
    with pytest.raises(EvkgError, match="not NCT ids: NCT123"):
        fetch_ctgov(["NCT123"], tmp_path, api)
    assert len(_Api.requests) == 2  # a malformed id is refused before any request


def test_cli_fetch(api, tmp_path):
    runner = CliRunner()
    ok = runner.invoke(main, ["fetch", "ctgov", "NCT09990003", "--into", str(tmp_path), "--base-url", api])
    assert ok.exit_code == 0 and "NCT09990003.json" in ok.output
    bad = runner.invoke(main, ["fetch", "ctgov", "NCT09999999", "--into", str(tmp_path), "--base-url", api])
    assert bad.exit_code == 2 and "HTTP 404" in bad.output
