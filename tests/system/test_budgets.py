"""Budgets: a file over the size limit and a document over its time budget each fail alone,
with one line naming the file; the rest of the batch goes in."""
from __future__ import annotations

import time

from click.testing import CliRunner

from evkg.core.errors import BudgetError
from evkg.extract.budget import Budget
from evkg.kg.cli import main
from evkg.kg.ingest import batch as ingest_module
from evkg.kg.ingest.batch import ingest

TEXT = "TACE 联合仑伐替尼治疗肝细胞癌的回顾性研究\n\n方法 回顾性分析 40 例肝细胞癌患者接受 TACE 治疗。\n"


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    (tmp_path / "small.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "big.txt").write_text(TEXT * 2000, encoding="utf-8")  # about 0.2 MB
    res = CliRunner().invoke(main, ["ingest", "--quiet", "--store", str(tmp_path / "s"), "--max-mb", "0.1",
                                    str(tmp_path)])
    assert res.exit_code == 1
    assert "1 documents ingested" in res.output
    line = next(l for l in res.output.splitlines() if "big.txt" in l)
    assert "over the size limit of 0.1 MB" in line and "--max-mb" in line


def test_a_document_over_its_time_budget_fails_alone(tmp_path, monkeypatch):
    real = ingest_module.extract_facts
    woke = []

    def slow_on_one(doc, run):
        if doc.id == "stuck":
            time.sleep(30)
            woke.append(doc.id)  # reached only if the budget let the sleep run out
        return real(doc, run)
    monkeypatch.setattr(ingest_module, "extract_facts", slow_on_one)
    (tmp_path / "stuck.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "fine.txt").write_text(TEXT, encoding="utf-8")
    rep = ingest([tmp_path], str(tmp_path / "s"), budget=Budget(seconds=1, seconds_per_mb=0))
    assert not woke  # the document was stopped at its budget, not waited for
    assert rep.ingested == ["fine"]
    [(path, message)] = rep.failed
    assert path.endswith("stuck.txt") and "time budget of 1 s" in message


def test_defaults_fit_a_real_guideline_and_come_from_the_environment(monkeypatch):
    b = Budget.from_env()
    assert b.max_mb == 10 and b.seconds_for(200_000) > 60
    monkeypatch.setenv("EVKG_MAX_MB", "2")
    monkeypatch.setenv("EVKG_DOC_SECONDS", "5")
    assert Budget.from_env() == Budget(max_mb=2, seconds=5)
    try:
        Budget(max_mb=1).check_size("x.txt", 3 << 20)
    except BudgetError as e:
        assert str(e).startswith("x.txt: 3.0 MB is over the size limit of 1 MB")
    else:
        raise AssertionError("no error")
