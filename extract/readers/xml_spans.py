"""XML parsed safely, with the place of every element in the raw text.

Parsed with defusedxml: no DTD, no entity declarations, no external references;
a file with any of them is refused with a ReadError naming it, and so is one that nests
elements deeper than `limits.MAX_DEPTH` (parsing stops there). Each element
remembers where its start and end tags lie, so a field is the element's raw
content at its offsets in the file and quotes point into the raw file.

`fold_markup` is the matching view of such a file for the extractors: only the
prose elements a reader names are text, tags are not (a block element ends a
line, an inline one leaves nothing), and entities are their characters, while
every key character still maps back to its raw offset.
"""
from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from evkg.core.errors import ReadError
from evkg.core.fold import Folded, fold_char, fold_text
from evkg.core.records import Field
from evkg.extract.readers.limits import MAX_DEPTH, TooDeep

_TAG = re.compile(r"""<[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""")
_ATTRIBUTE = r"""\b{name}\s*=\s*(?:"([^"]*)"|'([^']*)')"""
_MARKUP = re.compile(r"<!--.*?-->|<!\[CDATA\[|\]\]>|" + _TAG.pattern + r"|&(?:#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);", re.S)
_TAG_NAME = re.compile(r"</?\s*(?:[\w.-]+:)?([\w.-]+)")
# A character the matching view drops (core/fold.py folds it to nothing): what a tag leaves.
_GAP = "\u00ae"
assert fold_char(_GAP) == ""


class _Nested(Exception):
    """Elements nested past MAX_DEPTH; raised from the parser's handler, so parsing stops there."""


class _Located(DefusedXMLParser):
    """Records, per element, the byte offsets of its start tag and of its end tag, and stops
    at an element nested deeper than MAX_DEPTH (the walks after parsing recurse on nesting)."""

    def __init__(self):
        super().__init__(forbid_dtd=True, forbid_entities=True, forbid_external=True)
        self.where: dict[Element, list[int]] = {}
        self.depth = 0
        start, end = self.parser.StartElementHandler, self.parser.EndElementHandler

        def on_start(tag, attrs):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise _Nested
            at = self.parser.CurrentByteIndex
            elem = start(tag, attrs)
            self.where[elem] = [at, at]
            return elem

        def on_end(tag):
            self.depth -= 1
            at = self.parser.CurrentByteIndex
            elem = end(tag)
            self.where[elem][1] = at
            return elem

        self.parser.StartElementHandler, self.parser.EndElementHandler = on_start, on_end


class LocatedXml:
    """A parsed file: the element tree (`root`) and where each element lies in `text`."""

    def __init__(self, text: str, path: Path):
        parser = _Located()
        try:
            parser.feed(text)  # a str is parsed as UTF-8, whatever the declaration says
            self.root = parser.close()
        except ParseError as e:
            raise ReadError(path, f"malformed XML: {e}") from None
        except DefusedXmlException as e:
            raise ReadError(path, f"XML refused for safety ({type(e).__name__}): no DTD or entities allowed") from None
        except _Nested:
            raise TooDeep(path, "XML elements", f"at line {parser.parser.CurrentLineNumber}") from None
        self.text = text
        self.path = path
        encoded = [len(c.encode("utf-8")) for c in text]
        self._byte_starts = [0, *accumulate(encoded)] if not text.isascii() else None
        self.where = parser.where

    def _char(self, byte: int) -> int:
        return byte if self._byte_starts is None else bisect_right(self._byte_starts, byte) - 1

    def tag_span(self, e: Element) -> tuple[int, int]:
        """(start, end) of the element's start tag."""
        start = self._char(self.where[e][0])
        m = _TAG.match(self.text, start)
        return start, m.end() if m else start

    def content_span(self, e: Element) -> tuple[int, int]:
        """(start, end) of what lies between the element's tags (empty for `<x/>`)."""
        _, start = self.tag_span(e)
        if self.text[start - 2:start] == "/>":
            return start, start
        return start, max(start, self._char(self.where[e][1]))

    def element_span(self, e: Element) -> tuple[int, int]:
        """(start, end) of the whole element, tags included."""
        start, tag_end = self.tag_span(e)
        _, end = self.content_span(e)
        if end == tag_end:
            return start, end
        m = _TAG.match(self.text, end)
        return start, m.end() if m else end

    def field(self, e: Element | None) -> Field | None:
        """The raw text content (whitespace trimmed) of a leaf element."""
        if e is None or len(e):
            return None
        start, end = self.content_span(e)
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Field(start, end, (e.text or "").strip()) if end > start else None

    def attribute(self, e: Element, name: str) -> Field | None:
        start, end = self.tag_span(e)
        m = re.compile(_ATTRIBUTE.format(name=re.escape(name))).search(self.text, start, end)
        if not m:
            return None
        g = 1 if m.group(1) is not None else 2
        return Field(m.start(g), m.end(g), e.get(name, ""))

    def find(self, path: str, within: Element | None = None) -> Field | None:
        return self.field((self.root if within is None else within).find(path))

    def all(self, path: str, within: Element | None = None) -> tuple[Field, ...]:
        found = (self.field(e) for e in (self.root if within is None else within).findall(path))
        return tuple(f for f in found if f)


def text_of(e: Element | None) -> str:
    """An element's text with markup removed and whitespace runs made one space."""
    return " ".join("".join(e.itertext()).split()) if e is not None else ""


def local_name(tag: str) -> str:
    """`{namespace}name` -> `name`."""
    return tag.rsplit("}", 1)[-1]


@dataclass(frozen=True)
class MarkupFolded(Folded):
    """A folded view whose ranges end after a whole entity and after the inline end tags that close them
    (`mg/m<sup>2</sup>`, not `mg/m<sup>2`)."""
    extend: dict[int, int] = field(default_factory=dict, compare=False)

    def span(self, kstart: int, kend: int) -> tuple[int, int]:
        start, end = super().span(kstart, kend)
        while end in self.extend:
            end = self.extend[end]
        return start, end


def fold_markup(text: str, regions: list[tuple[int, int]], inline: frozenset[str]) -> MarkupFolded:
    """The matching view of `text` in which only `regions` (raw ranges holding prose elements) are text.

    The view has the length of `text`: outside the regions everything is a space; inside,
    tags named in `inline` leave nothing (`<sup>` leaves `^`, as superscripts are typeset
    in plain text), other tags end a line, line breaks inside an element are spaces and
    an entity is its character.
    """
    view = [" "] * len(text)
    ends: dict[int, int] = {}
    for start, end in sorted(regions):
        view[start:end] = text[start:end].replace("\n", " ").replace("\r", " ").replace("\t", " ")
        for m in _MARKUP.finditer(text, start, end):
            s, e = m.span()
            raw = m.group(0)
            if raw.startswith("&"):
                view[s:e] = html.unescape(raw)[:1] + _GAP * (e - s - 1)
                ends[s + 1] = e
            elif raw.startswith("<!") or raw == "]]>":
                view[s:e] = _GAP * (e - s)
            else:
                name = _TAG_NAME.match(raw)
                tag = name.group(1) if name else ""
                if tag not in inline:
                    view[s:e] = "\n" + " " * (e - s - 1)
                elif tag == "sup" and not raw.startswith("</"):
                    view[s:e] = "^" + _GAP * (e - s - 1)
                else:
                    view[s:e] = _GAP * (e - s)
                    if raw.startswith("</"):
                        ends[s] = e
    folded = fold_text("".join(view))
    return MarkupFolded(folded.key, folded.origin, folded.length, ends)
