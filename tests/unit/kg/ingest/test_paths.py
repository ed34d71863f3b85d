"""CLI path edges: missing paths, dangling links, unreadable files and folders each get one
line naming the path and why, count as failed (exit 1), and the rest still goes in."""
from __future__ import annotations

import csv
import errno
import os
import pathlib

import pytest
from click.testing import CliRunner

from evkg.kg.cli import main
from evkg.kg.ingest.paths import discover

# Invented text, enough for a few facts.
GOOD = ("Transarterial chemoembolization (TACE) was given to 40 patients with hepatocellular "
        "carcinoma. The objective response rate was 52.5%.\n")


@pytest.fixture
def make_unreadable(monkeypatch):
    """Make a file or folder unreadable: chmod where that binds (not for root), else refuse
    opening it the way the kernel would, so the test means the same either way."""
    blocked: set[str] = set()
    if os.geteuid() != 0:
        made = []

        def block(path: pathlib.Path):
            mode = path.stat().st_mode
            path.chmod(0)
            made.append((path, mode))
        yield block
        for path, mode in made:
            path.chmod(mode)
        return

    real_open, real_scandir = pathlib.Path.open, os.scandir

    def denied(path):
        return PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    def fake_open(self, *a, **k):
        if str(self) in blocked:
            raise denied(self)
        return real_open(self, *a, **k)

    def fake_scandir(path="."):
        if str(path) in blocked:
            raise denied(path)
        return real_scandir(path)

    monkeypatch.setattr(pathlib.Path, "open", fake_open)
    monkeypatch.setattr(os, "scandir", fake_scandir)
    yield lambda path: blocked.add(str(path))


@pytest.fixture
def batch(tmp_path, make_unreadable):
    """A folder with a good file, an unreadable file, an unreadable sub-folder holding a good
    file, a dangling link and a link to a good file."""
    src = tmp_path / "batch"
    (src / "locked").mkdir(parents=True)
    (src / "sub").mkdir()
    (src / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (src / "sub" / "b_good.txt").write_text(GOOD.replace("40", "41"), encoding="utf-8")
    (src / "c_locked.txt").write_text(GOOD, encoding="utf-8")
    (src / "locked" / "d_hidden_by_lock.txt").write_text(GOOD, encoding="utf-8")
    (src / "e_dangling.txt").symlink_to(tmp_path / "gone.txt")
    (src / "f_link.txt").symlink_to(src / "a_good.txt")
    (src / ".hidden").mkdir()
    (src / ".hidden" / "x.txt").symlink_to(tmp_path / "also_gone.txt")  # not entered, not reported
    (src / "notes.json.bak").write_text("ignored: not a type evkg reads", encoding="utf-8")
    make_unreadable(src / "c_locked.txt")
    make_unreadable(src / "locked")
    return src


def _errors(output: str) -> list[str]:
    return [ln for ln in output.splitlines() if ln.startswith("error:")]


def test_discover_names_every_path_it_cannot_read(batch, tmp_path):
    found = discover([batch, tmp_path / "missing.txt"])
    assert [p.name for p in found.files] == ["a_good.txt", "b_good.txt"]
    why = {pathlib.Path(u.path).name: u.reason for u in found.unreadable}
    assert why == {"c_locked.txt": "permission denied",
                   "locked": "folder cannot be read: permission denied",
                   "e_dangling.txt": f"dangling symbolic link (to {tmp_path / 'gone.txt'})",
                   "missing.txt": "no such file or folder",
                   "f_link.txt": f"the same file as {batch / 'a_good.txt'}, which is read under that name"}


def test_ingest_reports_each_bad_path_once_and_takes_the_rest(batch, tmp_path):
    store = str(tmp_path / "store")
    missing = tmp_path / "nowhere"
    res = CliRunner().invoke(main, ["ingest", "--quiet", "--store", store, str(batch), str(missing)])
    assert res.exit_code == 1, res.output
    errors = _errors(res.output)
    assert len(errors) == 5, errors
    assert f"error: {missing}: no such file or folder" in errors
    assert any("f_link.txt: the same file as" in e for e in errors)
    assert any("c_locked.txt: permission denied" in e for e in errors)
    assert any(e.endswith("locked: folder cannot be read: permission denied") for e in errors)
    assert any("e_dangling.txt: dangling symbolic link" in e for e in errors)
    assert "internal error" not in res.output and "Traceback" not in res.output
    assert "documents ingested" in res.output and "5 failed" in res.output


def test_a_single_missing_or_dangling_path_is_one_line_and_exit_1(tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "target.txt")
    for path, why in [(tmp_path / "none.txt", "no such file or folder"), (link, "dangling symbolic link")]:
        res = CliRunner().invoke(main, ["ingest", "--quiet", "--store", str(tmp_path / "s"), str(path)])
        assert res.exit_code == 1 and _errors(res.output) == [f"error: {path}: {why}" + (
            f" (to {tmp_path / 'target.txt'})" if path == link else "")], res.output


def test_extract_writes_what_it_could_and_reports_the_rest(batch, tmp_path):
    (batch / "g_empty.txt").write_bytes(b"")
    out = tmp_path / "preview.csv"
    res = CliRunner().invoke(main, ["extract", str(batch), str(tmp_path / "missing.md"), "-o", str(out)])
    assert res.exit_code == 1, res.output
    errors = _errors(res.output)
    assert len(errors) == 6, errors
    assert any("g_empty.txt" in e and "empty" in e for e in errors)
    assert "Traceback" not in res.output and "6 paths failed" in res.output
    with out.open(encoding="utf-8-sig", newline="") as fh:
        docs = {row["doc"] for row in csv.DictReader(fh)}
    assert docs == {"a_good", "b_good"}


def test_extract_survives_a_bug_in_one_file(tmp_path, monkeypatch):
    import evkg.extract.pipeline as pipeline
    real = pipeline.extract_facts

    def flaky(doc, run):
        if doc.id == "bad":
            raise ZeroDivisionError("a bug")
        return real(doc, run)
    monkeypatch.setattr(pipeline, "extract_facts", flaky)
    monkeypatch.delenv("EVKG_DEBUG", raising=False)
    for name in ("bad", "good"):
        (tmp_path / f"{name}.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "p.csv"
    res = CliRunner().invoke(main, ["extract", str(tmp_path / "bad.txt"), str(tmp_path / "good.txt"), "-o", str(out)])
    assert res.exit_code == 1
    assert _errors(res.output) == [f"error: {tmp_path / 'bad.txt'}: internal error (ZeroDivisionError: a bug); "
                                   "please report it with this file (EVKG_DEBUG=1 shows the traceback)"]
    assert "good" in out.read_text(encoding="utf-8-sig")


def test_a_link_to_a_file_of_the_same_batch_is_read_once_and_said(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("A trial of drug X in 40 patients with hypertension.\n", encoding="utf-8")
    (folder / "b.txt").symlink_to("a.txt")
    found = discover([folder, folder / "a.txt"])
    assert [f.name for f in found.files] == ["a.txt"]
    assert [(pathlib.Path(u.path).name, "the same file as" in u.reason) for u in found.unreadable] == [("b.txt", True)]
    store = tmp_path / "store"
    r = CliRunner().invoke(main, ["ingest", "--store", str(store), str(folder)])
    assert r.exit_code == 1 and "b.txt: the same file as" in r.output
    stats = CliRunner().invoke(main, ["stats", "--store", str(store)])
    assert "documents: 1" in stats.output


def test_a_loop_of_links_is_called_a_loop_not_dangling(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    (folder / "self.txt").symlink_to("self.txt")
    found = discover([folder, folder / "self.txt"])
    why = sorted((pathlib.Path(u.path).name, u.reason) for u in found.unreadable)
    assert why == [("a.txt", "a loop of symbolic links (to b.txt, which never reaches a file)"),
                   ("b.txt", "a loop of symbolic links (to a.txt, which never reaches a file)"),
                   ("self.txt", "a loop of symbolic links (to self.txt, which never reaches a file)"),
                   ("self.txt", "a loop of symbolic links (to self.txt, which never reaches a file)")]
    res = CliRunner().invoke(main, ["ingest", "--quiet", "--store", str(tmp_path / "s"), str(folder / "a.txt")])
    assert res.exit_code == 1 and _errors(res.output) == [
        f"error: {folder / 'a.txt'}: a loop of symbolic links (to b.txt, which never reaches a file)"]


def test_hidden_files_are_counted_in_the_summary(tmp_path):
    folder = tmp_path / "docs"
    (folder / ".drafts").mkdir(parents=True)
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    for name in ("..x.txt", ".x.txt", ".y.md"):
        (folder / name).write_text(GOOD, encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\0")  # not a type evkg reads: not counted
    (folder / ".drafts" / "z.txt").write_text(GOOD, encoding="utf-8")
    found = discover([folder])
    assert [p.name for p in found.files] == ["a.txt"] and found.unreadable == ()
    assert (found.hidden_files, found.hidden_folders) == (3, 1)
    assert found.hidden_note() == "3 hidden files and 1 hidden folder skipped"
    res = CliRunner().invoke(main, ["ingest", "--quiet", "--store", str(tmp_path / "s"), str(folder)])
    assert res.exit_code == 0 and res.output.rstrip().endswith("; 3 hidden files and 1 hidden folder skipped")
    out = tmp_path / "p.csv"
    res = CliRunner().invoke(main, ["extract", str(folder), "-o", str(out)])
    assert res.exit_code == 0 and "3 hidden files and 1 hidden folder skipped" in res.output
    assert discover([folder / "a.txt"]).hidden_note() == ""  # a file named is no walked folder
