"""Budgets: a file over the size limit, and a document over its CPU or memory budget, each fail
alone with one line naming the file; the rest of the batch goes in and the ledger says why.
CPU and memory are limited by the operating system in the worker reading the document
(extract/budget.py); the documents that go over are made to by kg/ingest/faults.py."""
from __future__ import annotations

import resource

import pytest
from click.testing import CliRunner

from evkg.core.errors import BudgetError
from evkg.extract.budget import Budget
from evkg.kg.cli import main
from evkg.kg.ingest.batch import ingest
from evkg.kg.ingest.doctor import check
from evkg.kg.store.ledger import Ledger, ledger_path

# A robustness suite (servers under attack, slow clients, budgets): `make test` runs it,
# `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

TEXT = "TACE 联合仑伐替尼治疗肝细胞癌的回顾性研究\n\n方法 回顾性分析 40 例肝细胞癌患者接受 TACE 治疗。\n"


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    (tmp_path / "small.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "big.txt").write_text(TEXT * 2000, encoding="utf-8")  # about 0.2 MB
    res = CliRunner().invoke(main, ["ingest", "--quiet", "--store", str(tmp_path / "s"), "--max-mb", "0.1",
                                    str(tmp_path)])
    assert res.exit_code == 1
    assert "1 documents ingested" in res.output
    line = next(ln for ln in res.output.splitlines() if "big.txt" in ln)
    assert "over the size limit of 0.1 MB" in line and "--max-mb" in line


@pytest.mark.parametrize("fault, budget, says", [
    ("loop", Budget(seconds=1, seconds_per_mb=0), "document stuck went over its CPU budget of 1 s; "
                                                  "raise it with --doc-seconds"),
    ("grow", Budget(memory_mb=300), "document stuck went over its memory budget of 300 MB; raise it with --doc-mb"),
])
def test_a_document_over_its_budget_fails_alone_and_the_ledger_says_why(fault, budget, says, tmp_path, monkeypatch):
    monkeypatch.setenv("EVKG_FAULT", f"{fault}:stuck")  # the worker spins, or allocates, without end
    for name in ("fine", "stuck", "zfine"):
        (tmp_path / f"{name}.txt").write_text(TEXT.replace("40", str(40 + len(name))), encoding="utf-8")
    store = str(tmp_path / "s")
    rep = ingest([tmp_path], store, budget=budget, jobs=2)
    assert rep.ingested == ["fine", "zfine"]
    [(path, message)] = rep.failed
    assert path.endswith("stuck.txt") and message.startswith(says) and "\n" not in message
    ledger = Ledger(ledger_path(store))
    try:
        [why] = ledger.failures()
        assert why.path.endswith("stuck.txt") and why.document == "stuck" and why.reason == message
        assert ledger.get("stuck") is None  # nothing of it was stored
    finally:
        ledger.close()
    assert check(store).lines()[-1] == f"not ingested, as the last ingest of it found: {path}: {message}"
    monkeypatch.delenv("EVKG_FAULT")
    again = ingest([tmp_path], store, budget=budget, jobs=2)
    assert again.ingested == ["stuck"] and again.unchanged == ["fine", "zfine"]
    ledger = Ledger(ledger_path(store))
    try:
        assert ledger.failures() == []  # it went in: the reason is gone
    finally:
        ledger.close()


def test_enforce_hands_the_limits_to_the_operating_system(monkeypatch):
    """In this process only the soft limits move, and `lift` takes them away again."""
    limits = {}
    monkeypatch.setattr(resource, "setrlimit", lambda which, pair: limits.__setitem__(which, pair))
    used = resource.getrusage(resource.RUSAGE_SELF)
    Budget(seconds=5, seconds_per_mb=10, memory_mb=100).enforce(1 << 20)
    soft_cpu, _ = limits[resource.RLIMIT_CPU]
    assert used.ru_utime + used.ru_stime + 15 <= soft_cpu <= used.ru_utime + used.ru_stime + 17
    soft_as, _ = limits[resource.RLIMIT_AS]
    assert soft_as >= 100 << 20
    Budget.lift()  # as high as the hard limits allow
    for which in (resource.RLIMIT_CPU, resource.RLIMIT_AS):
        assert limits[which][0] == resource.getrlimit(which)[1]
    limits.clear()
    Budget(seconds=0, memory_mb=0).enforce(1 << 20)
    assert limits == {}  # 0 is no limit


def test_defaults_fit_a_real_guideline_and_come_from_the_environment(monkeypatch):
    b = Budget.from_env()
    assert b.max_mb == 10 and b.seconds_for(200_000) > 60 and b.memory_mb == 2048
    monkeypatch.setenv("EVKG_MAX_MB", "2")
    monkeypatch.setenv("EVKG_DOC_SECONDS", "5")
    monkeypatch.setenv("EVKG_DOC_MB", "500")
    assert Budget.from_env() == Budget(max_mb=2, seconds=5, memory_mb=500)
    assert Budget.from_env(memory_mb=100).memory_mb == 100
    with pytest.raises(BudgetError) as e:
        Budget(max_mb=1).check_size("x.txt", 3 << 20)
    assert str(e.value).startswith("x.txt: 3.0 MB is over the size limit of 1 MB")
