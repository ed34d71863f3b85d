"""A trace (report/trace.py) as a graph: document -> statements -> cited references -> sources -> results.

Saved as GraphML (networkx) or drawn with matplotlib as PNG or SVG, one column per
level and one colour per node type. Chinese labels need a CJK font, found through
fontconfig (`fc-list :lang=zh`); without one the picture shows the same labels romanised
(pinyin: `共识 2` -> `Gongshi 2`, never renumbered) and `save_graph` says so.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

import networkx as nx

from evkg.core.errors import EvkgError
from evkg.core.text import HAN

LEVELS = ("document", "recommendation", "reference", "source", "fact")
COLOURS = {"document": "#4c72b0", "recommendation": "#dd8452", "reference": "#a0a0a0",
           "source": "#55a868", "fact": "#c44e52"}
NO_CJK_FONT = ("no CJK font found (fc-list :lang=zh is empty): labels are drawn romanised (pinyin); "
               "install fonts-noto-cjk or fonts-wqy-microhei for Chinese labels (the GraphML keeps them)")
_FORMATS = (".graphml", ".png", ".svg")


def trace_graph(t: dict, max_facts: int = 6) -> nx.DiGraph:
    """Nodes carry `type`, `label` (as written), `code` (the label romanised, ASCII) and `text` (the quote)."""
    g = nx.DiGraph(document=t["document"])
    root = f"doc:{t['document']}"
    g.add_node(root, type="document", label=t["document"], code=_ascii(t["document"], "DOC"),
               text=t.get("title") or "")
    for rec in t["recommendations"]:
        grade = " ".join(str(rec[k]) for k in ("level", "strength") if rec.get(k))
        node = f"rec:{rec['label']}"
        label = f"{rec['label']} {grade}".strip()
        g.add_node(node, type="recommendation", label=label, code=_ascii(label, "statement"), text=rec["quote"] or "")
        g.add_edge(root, node, relation="states")
        for r in rec["references"]:
            _add_reference(g, node, r, max_facts)
    return g


def _add_reference(g: nx.DiGraph, rec: str, r: dict, max_facts: int) -> None:
    """A cited reference (once, however often cited), its source in the graph and the source's results."""
    bib = r["reference"]
    ref = f"ref:{r['ref']}"
    who = " ".join(str(bib[k]) for k in ("first_author", "year") if bib.get(k))
    g.add_node(ref, type="reference", label=f"[{r['ref']}] {who}".strip(),
               code=f"[{r['ref']}] {_ascii(who, '')}".strip(), text=bib.get("title") or "")
    g.add_edge(rec, ref, relation="cites", text=r["cited_at"][0]["quote"] if r["cited_at"] else "",
               times=len(r["cited_at"]))
    if not r["resolved"]:
        return
    src = f"src:{r['resolved']}"
    g.add_node(src, type="source", label=r["resolved"], code=_ascii(r["resolved"], "SOURCE"), text="")
    g.add_edge(ref, src, relation="resolves to", method=r["method"] or "", score=float(r["score"] or 0))
    about = r.get("source") or {}
    if about.get("design") or about.get("sample_size"):
        label = " ".join(x for x in ("design", ", ".join(about.get("design") or []),
                                     f"N={', '.join(about['sample_size'])}" if about.get("sample_size") else "") if x)
        g.add_node(f"fact:{r['resolved']}:design", type="fact", label=label, code=_ascii(label, "design"),
                   text=label)
        g.add_edge(src, f"fact:{r['resolved']}:design", relation="reports")
    results = r["comparisons"]
    for c in results[:max_facts]:
        what = " vs ".join(" ".join(str(x) for x in (a["arm"], a["value"], a["unit"]) if x not in (None, ""))
                           for a in c["arms"])
        node = f"fact:{r['resolved']}:result:{c['start']}-{c['end']}:{c['name']}"
        label = f"{c['measure']} {what}".strip()
        g.add_node(node, type="fact", label=label, code=_ascii(label, "result"), text=c["quote"])
        g.add_edge(src, node, relation="reports")
    if len(results) > max_facts:
        g.nodes[src]["label"] += f" (+{len(results) - max_facts} results)"
        g.nodes[src]["code"] += f" (+{len(results) - max_facts})"


_HAN_RUN = re.compile(f"[{HAN}]+")


def romanise(s: str) -> str:
    """Chinese runs as capitalised pinyin words (`共识 2` -> `Gongshi 2`), full-width forms folded."""
    from pypinyin import lazy_pinyin
    s = unicodedata.normalize("NFKC", s)
    return _HAN_RUN.sub(lambda m: f" {''.join(lazy_pinyin(m.group())).capitalize()} ", s)


def _ascii(s: str, fallback: str) -> str:
    """`s` romanised and kept to ASCII, or `fallback` when nothing readable is left."""
    kept = " ".join("".join(ch for ch in romanise(s) if ch.isascii()).split())
    return kept if any(ch.isalnum() for ch in kept) else fallback


def save_graph(g: nx.DiGraph, out: Path, font: str | None = "auto") -> str:
    """Write `g` by the file's suffix; returns a note for the user ('' when none)."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in _FORMATS:
        raise EvkgError(f"{out}: use a file ending in {', '.join(_FORMATS)}")
    if suffix == ".graphml":
        nx.write_graphml(g, out)
        return ""
    family = cjk_font() if font == "auto" else font
    draw(g, out, family)
    return "" if family else NO_CJK_FONT


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The family name of a font with Chinese glyphs, registered with matplotlib; None if there is none."""
    from matplotlib import font_manager
    if not shutil.which("fc-list"):
        return None
    try:
        listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for line in sorted(listed.splitlines()):
        path = line.split(":")[0].strip()
        if path.lower().endswith((".ttf", ".ttc", ".otf")):
            try:
                font_manager.fontManager.addfont(path)
                return font_manager.FontProperties(fname=path).get_name()
            except (OSError, RuntimeError, ValueError):
                continue
    return None


def node_labels(g: nx.DiGraph, cjk: bool) -> dict[str, str]:
    return {n: _wrap(d["label"] if cjk else d["code"]) for n, d in g.nodes(data=True)}


def _wrap(s: str, width: int = 24) -> str:
    return textwrap.fill(s, width)


def _positions(g: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """Levels as columns; within one, nodes top to bottom in natural order (ref 2 before ref 10,
    a source's facts together)."""
    columns: dict[int, list[str]] = {}
    for n, d in g.nodes(data=True):
        columns.setdefault(LEVELS.index(d["type"]), []).append(n)
    pos = {}
    for x, nodes in columns.items():
        nodes.sort(key=_natural)
        for i, n in enumerate(nodes):
            pos[n] = (float(x), (len(nodes) - 1) / 2 - i)
    return pos


def _natural(s: str) -> list:
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", s)]


def draw(g: nx.DiGraph, out: Path, font_family: str | None) -> None:
    """One column per level, left to right; matplotlib without pyplot (no display needed)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    pos = _positions(g)
    tallest = max(Counter(x for x, _ in pos.values()).values(), default=1)
    fig = Figure(figsize=(3.2 * len(LEVELS), max(4.0, 0.55 * tallest)))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_axis_off()
    nx.draw_networkx_edges(g, pos, ax=ax, edge_color="#999999", arrows=True, arrowsize=10, node_size=900)
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=900, node_color=[COLOURS[d["type"]] for _, d in g.nodes(data=True)])
    nx.draw_networkx_labels(g, pos, labels=node_labels(g, bool(font_family)), ax=ax, font_size=7,
                            font_family=font_family or "DejaVu Sans",
                            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8})
    ax.legend(handles=[Patch(color=COLOURS[t], label=t) for t in LEVELS], loc="upper center",
              ncol=len(LEVELS), fontsize=8, frameon=False, bbox_to_anchor=(0.5, 0.0))
    ax.set_title(_ascii(g.graph["document"], "trace") if not font_family else g.graph["document"], fontsize=10,
                 family=font_family or "DejaVu Sans")
    fig.tight_layout()
    fig.savefig(out)
