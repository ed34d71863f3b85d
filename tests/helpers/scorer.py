"""The shared results scorer (../shared/tools/results_score.py) loaded as a module, so tests and bench scripts judge
an arm, a measure or a p exactly as the yardstick does instead of keeping copies of its rules."""
from __future__ import annotations

import importlib.util
from functools import cache

from helpers.corpus import SHARED


@cache
def results_score():
    spec = importlib.util.spec_from_file_location("results_score", SHARED / "tools" / "results_score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod
