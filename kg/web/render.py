"""Server-rendered HTML from the templates beside this module (no scripts, nothing fetched)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["seg"] = lambda s: quote(str(s), safe="")  # a document id or label as one URL segment
    return env


def render(template: str, data: dict) -> bytes:
    return _env().get_template(template).render(**data).encode("utf-8")
