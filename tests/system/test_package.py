"""The package: a built wheel installs only `evkg` and runs outside the repository, every folder of
code is in it, building it leaves nothing in the checkout, and the import contracts hold."""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
from pathlib import Path

import lint
import pytest

from helpers.corpus import ROOT

INVENTED = ("Invented study of TACE for hepatocellular carcinoma\n\n"
            "Methods: 60 patients received TACE.\n"
            "Results: the objective response rate was 41.7% and median overall survival was 15.2 months.\n")


def test_import_contracts_hold_and_rooms_have_no_circles():
    kept, report = lint.import_contracts()
    assert kept, report
    assert lint.import_cycles() == []


def test_the_contract_checker_sees_an_upward_import(tmp_path):
    # The same checker on a contract the code breaks (core above kg) must fail, or the test above
    # could never fail.
    config = tmp_path / "upside_down.toml"
    config.write_text('[tool.importlinter]\nroot_packages = ["evkg"]\n\n[[tool.importlinter.contracts]]\n'
                      'name = "upside down"\ntype = "layers"\nlayers = ["evkg.core", "evkg.kg"]\n')
    kept, report = lint.import_contracts(config)
    assert not kept and "evkg.kg is not allowed to import evkg.core" in report, report


def _dev_site_packages() -> str:
    return sysconfig.get_paths()["purelib"]


def _checkout_files() -> set[str]:
    """Every file and folder of the checkout but the venv, git's and caches: what a test must not add to."""
    skip = {".venv", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis"}
    out = set()
    for root, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in skip]
        out.update(os.path.relpath(os.path.join(root, n), ROOT) for n in dirs + files)
    return out


def _source_copy(work: Path) -> Path:
    """The repository copied to `work`, so building the wheel writes its build/ and egg-info there."""
    src = work / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", ".pytest_cache",
                                                              "*.egg-info", "build", "evkg-data"))
    return src


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory) -> Path:
    """The wheel built from a copy of the repository, installed into a fresh venv outside it; the
    dependencies come from the development venv through a .pth file (no network). The build
    leaves nothing in the checkout."""
    work = tmp_path_factory.mktemp("wheel")
    before = _checkout_files()
    src = _source_copy(work)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "-w", str(work / "dist"), str(src)], capture_output=True, text=True, cwd=work)
    if built.returncode:
        built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(work / "dist"),
                                str(src)], capture_output=True, text=True, cwd=work)
    assert built.returncode == 0, built.stderr[-3000:]
    assert _checkout_files() == before, "building the wheel left files in the checkout"
    (wheel,) = (work / "dist").glob("evkg-*.whl")
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    empty = {p.name for p in site.iterdir()}, {p.name for p in (env_dir / "bin").iterdir()}
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet",
                    str(wheel)], check=True, capture_output=True, text=True)
    added = {p.name for p in site.iterdir()} - empty[0], {p.name for p in (env_dir / "bin").iterdir()} - empty[1]
    (site / "zz_dev_dependencies.pth").write_text(_dev_site_packages() + "\n", encoding="utf-8")
    return env_dir, site, added


@pytest.mark.slow
def test_the_wheel_installs_one_import_name_and_one_script(wheel_venv):
    env_dir, site, (in_site, in_bin) = wheel_venv
    dist_info = {n for n in in_site if n.endswith(".dist-info")}
    assert len(dist_info) == 1 and next(iter(dist_info)).startswith("evkg-"), in_site
    assert in_site - dist_info == {"evkg"}, f"the wheel installs more than evkg/: {sorted(in_site)}"
    assert in_bin == {"evkg"}, in_bin
    # The wheel's own list of what it installed says the same, file by file.
    with (site / next(iter(dist_info)) / "RECORD").open(encoding="utf-8", newline="") as fh:
        paths = [row[0] for row in csv.reader(fh)]
    tops = {p.split("/")[0] for p in paths if not p.startswith("../")}
    assert tops == {"evkg"} | dist_info, tops
    assert [p for p in paths if p.startswith("../")] == ["../../../bin/evkg"]


def _listed_packages() -> set[str]:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return set(tomllib.load(fh)["tool"]["setuptools"]["packages"])


def test_every_folder_with_code_is_a_listed_package():
    # A room left out of pyproject.toml would be missing from the wheel, and only a user would notice.
    listed = _listed_packages()
    for top in ("core", "extract", "kg"):
        for folder in [ROOT / top, *(p for p in (ROOT / top).rglob("*") if p.is_dir())]:
            if folder.name == "__pycache__" or not any(folder.glob("*.py")):
                continue
            name = ".".join(("evkg", *folder.relative_to(ROOT).parts))
            assert name in listed, f"{folder.relative_to(ROOT)} holds Python code but {name} is not in " \
                                   "[tool.setuptools] packages of pyproject.toml"
    for name in listed:   # and no listed package is a folder that is gone
        parts = name.split(".")[1:]
        assert (ROOT.joinpath(*parts)).is_dir(), f"{name} is listed in pyproject.toml but there is no folder"


@pytest.mark.slow
def test_the_wheel_ships_every_data_file(wheel_venv):
    env_dir, site, _ = wheel_venv
    for folder in ("ontology", "queries"):
        shipped = {p.relative_to(site / "evkg" / folder) for p in (site / "evkg" / folder).rglob("*")
                   if p.is_file() and p.suffix in (".ttl", ".tsv", ".rq")}
        here = {p.relative_to(ROOT / folder) for p in (ROOT / folder).rglob("*")
                if p.is_file() and p.suffix in (".ttl", ".tsv", ".rq")}
        assert here and here == shipped, sorted(map(str, here ^ shipped))
    templates = {p.name for p in (ROOT / "kg" / "web" / "templates").glob("*.html")}
    assert templates == {p.name for p in (site / "evkg" / "kg" / "web" / "templates").glob("*.html")}


def _run(env_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "EVKG_STORE")}
    return subprocess.run([str(env_dir / "bin" / "evkg"), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


@pytest.mark.slow
def test_the_wheel_ships_ontology_and_queries_and_runs_outside_the_repo(wheel_venv, tmp_path):
    wheel_venv = wheel_venv[0]
    python = wheel_venv / "bin" / "python"
    where = subprocess.run([str(python), "-c",
                            "import evkg.core.namespace, evkg.core.resources as r, evkg.kg.graph.rdf; "
                            "print(evkg.kg.graph.rdf.__file__); print(r.queries_dir()); print(r.ontology_dir())"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout.split()
    assert all(str(wheel_venv) in p and str(ROOT) not in p for p in where), where
    assert (Path(where[1]) / "evidence_table.rq").is_file() and (Path(where[2]) / "shapes.ttl").is_file()
    assert any((Path(where[2]) / "lexicon").glob("*.tsv"))

    doc = tmp_path / "invented_tace_study.txt"
    doc.write_text(INVENTED, encoding="utf-8")
    store, out = tmp_path / "store", tmp_path / "table.csv"
    ingested = _run(wheel_venv, "ingest", "--quiet", "--jobs", "2", "--store", str(store), str(doc), cwd=tmp_path)
    assert ingested.returncode == 0, ingested.stderr
    exported = _run(wheel_venv, "export", "--store", str(store), "--format", "csv", "-o", str(out), cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {"procedure", "outcome"} <= {r["kind"] for r in rows}
    assert all(INVENTED[int(r["start"]):int(r["end"])] == r["quote"] for r in rows)
    validated = _run(wheel_venv, "validate", "--store", str(store), cwd=tmp_path)
    assert validated.returncode == 0, validated.stdout + validated.stderr
