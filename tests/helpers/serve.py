"""Running `evkg serve` inside a test and talking to it over HTTP on the loopback."""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from evkg.kg.web.server import make_server


@dataclass
class Reply:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@contextmanager
def running_server(store: str, **settings):
    """A server on a free port of 127.0.0.1, serving in a thread; yields its base URL."""
    server = make_server(store, "127.0.0.1", 0, quiet=True, **settings)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}", server
    finally:
        server.shutdown()
        server.server_close()


def request(url: str, data: bytes | None = None, headers: dict | None = None, timeout: float = 30) -> Reply:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return Reply(resp.status, dict(resp.headers), resp.read())
    except urllib.error.HTTPError as e:
        return Reply(e.code, dict(e.headers), e.read())


def sparql_get(base: str, query: str, accept: str = "application/sparql-results+json") -> Reply:
    return request(f"{base}/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})


@dataclass
class ServeProcess:
    url: str            # http://127.0.0.1:PORT
    log: Path           # everything it wrote to stderr

    def lines(self) -> list[str]:
        return self.log.read_text(encoding="utf-8", errors="replace").splitlines()


@contextmanager
def evkg_serve(store: str, *args: str):
    """`evkg serve` as a user starts it, on a free port of 127.0.0.1, stderr to a file."""
    evkg = str(Path(sys.executable).parent / "evkg")
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "stderr.log"
        with log.open("w") as err:
            proc = subprocess.Popen([evkg, "serve", "--store", store, "--port", "0", *args], stderr=err)
        served = ServeProcess("", log)
        try:
            for _ in range(300):  # up to 30 s for the two startup lines
                lines = served.lines()
                if len(lines) >= 2 or proc.poll() is not None:
                    break
                time.sleep(0.1)
            served.url = re.search(r"http://127\.0\.0\.1:\d+", lines[0]).group(0)
            yield served
        finally:
            proc.send_signal(2)
            proc.wait(10)
