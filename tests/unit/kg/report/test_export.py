"""report/export.py: which format a file name asks for."""
from pathlib import Path

import pytest

from evkg.core.errors import EvkgError
from evkg.kg.report.export import export_format


def test_the_format_from_the_file_name_unless_given():
    assert export_format(Path("t.CSV"), None) == "csv"
    assert export_format(Path("book.xlsx"), None) == "xlsx"
    assert export_format(Path("bundle.json"), None) == "fhir"
    assert export_format(Path("review.da.csv"), None) == "da-csv"
    assert export_format(Path("data.csv"), None) == "csv"
    assert export_format(Path("t.txt"), "csv") == "csv"
    with pytest.raises(EvkgError, match="--format csv|da-csv"):
        export_format(Path("t.txt"), None)
