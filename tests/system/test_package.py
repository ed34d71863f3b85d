"""The package: a built wheel runs outside the repository, and the import contracts hold."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from helpers.corpus import ROOT

import lint

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


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory) -> Path:
    """The wheel built from pyproject.toml, installed into a fresh venv outside the repository;
    the dependencies come from the development venv through a .pth file (no network)."""
    work = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "-w", str(work / "dist"), str(ROOT)], capture_output=True, text=True)
    if built.returncode:
        built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(work / "dist"),
                                str(ROOT)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = (work / "dist").glob("evkg-*.whl")
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet",
                    str(wheel)], check=True, capture_output=True, text=True)
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "zz_dev_dependencies.pth").write_text(_dev_site_packages() + "\n", encoding="utf-8")
    return env_dir


def _run(env_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "EVKG_STORE")}
    return subprocess.run([str(env_dir / "bin" / "evkg"), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


def test_the_wheel_ships_ontology_and_queries_and_runs_outside_the_repo(wheel_venv, tmp_path):
    python = wheel_venv / "bin" / "python"
    where = subprocess.run([str(python), "-c", "import evkg.core.namespace, evkg.core.resources as r, evkg.kg.graph.rdf; "
                            "print(evkg.kg.graph.rdf.__file__); print(r.queries_dir()); print(r.ontology_dir())"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout.split()
    assert all(str(wheel_venv) in p and str(ROOT) not in p for p in where), where
    assert (Path(where[1]) / "evidence_table.rq").is_file() and (Path(where[2]) / "shapes.ttl").is_file()
    assert any((Path(where[2]) / "lexicon").glob("*.tsv"))

    doc = tmp_path / "invented_tace_study.txt"
    doc.write_text(INVENTED, encoding="utf-8")
    store, out = tmp_path / "store", tmp_path / "table.csv"
    ingested = _run(wheel_venv, "ingest", "--quiet", "--store", str(store), str(doc), cwd=tmp_path)
    assert ingested.returncode == 0, ingested.stderr
    exported = _run(wheel_venv, "export", "--store", str(store), "--format", "csv", "-o", str(out), cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {"procedure", "outcome"} <= {r["kind"] for r in rows}
    assert all(INVENTED[int(r["start"]):int(r["end"])] == r["quote"] for r in rows)
    validated = _run(wheel_venv, "validate", "--store", str(store), cwd=tmp_path)
    assert validated.returncode == 0, validated.stdout + validated.stderr
