"""The `evkg` command: a thin layer over the library API."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.errors import EvkgError


def _fail(e: EvkgError):
    click.echo(f"evkg: {e}", err=True)
    sys.exit(2)


@click.group()
@click.version_option(package_name="evkg")
def main():
    """evkg: an evidence knowledge graph for clinical guideline work."""


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="CSV file to write.")
def extract_cmd(paths, output):
    """Preview: extract facts from files into an evidence-table CSV without storing anything."""
    from extract.context import Context
    from extract.pipeline import extract_facts
    from extract.readers import read_document
    from kg.ingest import collect_files
    from kg.table import fact_row, write_csv

    run = Context()
    rows, failed = [], 0
    for path in collect_files(paths):
        try:
            rows.extend(fact_row(f) for f in extract_facts(read_document(path), run))
        except EvkgError as e:
            click.echo(f"error: {e}", err=True)
            failed += 1
    n = write_csv(rows, output)
    click.echo(f"{n} rows written to {output}")
    sys.exit(1 if failed else 0)
