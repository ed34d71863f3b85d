"""The house rules `make test` checks before the tests: ruff, the import contracts, no import circles.

    python tools/lint.py            # all three; exit 1 when one fails
    python tools/lint.py --imports  # only the import contracts and circles

The import contracts live in pyproject.toml ([tool.importlinter]). The rooms are top-level folders
installed as `evkg.*` by an editable finder that import-linter cannot walk, so the checks run with
`evkg` pointing at the repository through a symbolic link in a temporary folder.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("evkg.core", "evkg.extract", "evkg.kg")


def _linked(run):
    with tempfile.TemporaryDirectory(prefix="evkg-lint-") as tmp:
        (Path(tmp) / "evkg").symlink_to(ROOT, target_is_directory=True)
        return run(tmp)


def import_contracts(config: Path = ROOT / "pyproject.toml") -> tuple[bool, str]:
    """Runs import-linter on the contracts in `config`; (kept, report)."""
    def run(tmp: str):
        env = {**os.environ, "PYTHONPATH": tmp}
        out = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--config", str(config), "--no-cache"],
                             cwd=ROOT, env=env, capture_output=True, text=True)
        return out.returncode == 0, out.stdout + out.stderr
    return _linked(run)


def import_cycles() -> list[list[str]]:
    """Circles of module imports inside each room (a package's direct sub-package or module)."""
    def run(tmp: str):
        sys.path.insert(0, tmp)
        try:
            import grimp
            import networkx as nx
            graph = grimp.build_graph("evkg", cache_dir=None)
        finally:
            sys.path.remove(tmp)
        g = nx.DiGraph()
        for m in graph.modules:
            for dep in graph.find_modules_directly_imported_by(m):
                g.add_edge(m, dep)
        # A package's __init__ importing its own modules is no circle of meaning; count module edges only.
        room = lambda m: ".".join(m.split(".")[:3])  # noqa: E731
        return [sorted(c) for c in nx.simple_cycles(g) if len(c) > 1 and len({room(m) for m in c}) == 1
                and not any(graph.is_module_squashed(m) for m in c)]
    return _linked(run)


def ruff() -> bool:
    return subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT).returncode == 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--imports", action="store_true", help="only the import contracts and circles")
    args = ap.parse_args(argv)
    ok = True
    if not args.imports:
        ok &= ruff()
    kept, report = import_contracts()
    if not kept:
        print(report, file=sys.stderr)
        ok = False
    cycles = import_cycles()
    for c in cycles[:20]:
        print("import circle: " + " -> ".join(c), file=sys.stderr)
    ok &= not cycles
    print("lint: " + ("ok" if ok else "FAILED"), file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
