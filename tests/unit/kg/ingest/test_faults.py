"""ingest/faults.py: the crash test's kill switch, off unless EVKG_CRASH_AT names a checkpoint."""
import os
import signal
import subprocess
import sys

from evkg.kg.ingest.faults import checkpoint

PASS_TWICE = "from evkg.kg.ingest.faults import checkpoint; checkpoint('stored'); checkpoint('stored'); print('alive')"


def _run(spec: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "EVKG_CRASH_AT": spec}
    return subprocess.run([sys.executable, "-c", PASS_TWICE], env=env, capture_output=True, text=True, timeout=60)


def test_unset_or_another_name_does_nothing(monkeypatch):
    monkeypatch.delenv("EVKG_CRASH_AT", raising=False)
    checkpoint("stored")
    monkeypatch.setenv("EVKG_CRASH_AT", "pending:1")
    checkpoint("stored")


def test_the_nth_pass_kills_the_process():
    assert _run("stored:2").returncode == -signal.SIGKILL
    assert _run("stored").returncode == -signal.SIGKILL       # N defaults to 1
    late = _run("stored:3")
    assert late.returncode == 0 and late.stdout.strip() == "alive"
